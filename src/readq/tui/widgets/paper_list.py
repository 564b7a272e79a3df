"""The paper list: a virtual list over the line API that renders only the rows on screen.

It knows rows and a cursor, nothing about the store. Text goes out as plain segments, so a title such as
``[@click=app.quit]`` is never read as markup.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from readq.library.records import Record
from readq.text.labels import digest_label, priority_glyph, snooze_marker
from readq.text.math import readable_math
from readq.text.terminal import one_line
from readq.user_state import PaperState

MARK = "+"  # in the first column of a paper marked with `m`
WATCHED = "◆"  # beside the unread dot of a paper a watch matches


def fit(text: str, width: int) -> str:
    """``text`` on one line, without control characters, cut or padded to exactly ``width`` cells, with an
    ellipsis when cut. Only the part that can show is looked at, so a megabyte title costs nothing."""
    if width <= 0:
        return ""
    text = one_line(text[: width * 4 + 8])
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def fit_title(text: str, width: int) -> str:
    """:func:`fit` for a title: cut after the last whole word that fits, then the ellipsis; in the middle of
    a word only when the whole words that fit fill less than half the room (one very long token, a URL);
    padded to ``width`` cells."""
    if width <= 0:
        return ""
    text = one_line(text[: width * 4 + 8])
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    head = set_cell_size(text, width - 1)
    if not text[len(head) : len(head) + 1].isspace():  # the cut falls inside a word
        space = head.rstrip().rfind(" ")
        if space >= width // 2:
            head = head[:space]
    return set_cell_size(head.rstrip() + "…", width)


def short_date(date: str | None) -> str:
    """``Oct 12, 2022`` -> ``Oct 12``: the list column has room for month and day only."""
    return date.split(",")[0].strip() if date else ""


def source_text(record: Record) -> str:
    """The list's source column: the digest the paper first came from and that digest's date."""
    first = record.first_source
    if first is None:
        return short_date(record.date)
    file, digest_date = first
    label = digest_label(file)
    date = digest_date or short_date(record.date)
    return f"{label} · {date}" if date else label


class PaperList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of papers with a cursor. The screen moves the cursor; clicks are posted as messages.

    It takes none of ScrollView's key bindings: those (↑ ↓ Home End PgUp PgDn) would scroll the rows
    without moving the cursor whenever the list is longer than the screen; the screen's bindings move it."""

    COMPONENT_CLASSES = {
        "paper-list--cursor",
        "paper-list--cursor-blurred",
        "paper-list--read",
        "paper-list--unread-marker",
        "paper-list--priority",
        "paper-list--secondary",
        "paper-list--mark",
        "paper-list--watched",
    }

    DEFAULT_CSS = """
    PaperList {
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    PaperList > .paper-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold; }
    PaperList > .paper-list--cursor-blurred { background: $block-cursor-blurred-background; }
    PaperList > .paper-list--read { color: $text-muted; }
    PaperList > .paper-list--unread-marker { color: $accent; text-style: bold; }
    PaperList > .paper-list--priority { color: $warning; text-style: bold; }
    PaperList > .paper-list--secondary { color: $text-muted; }
    PaperList > .paper-list--mark { color: $success; text-style: bold; }
    PaperList > .paper-list--watched { color: $warning; }
    """

    class Clicked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Record] = []
        self.cursor = 0
        # Rendered rows by (paper, state, marked?, watched?, cursor?, focus?, width, snoozed?): a cursor move
        # redraws two rows and every other visible row comes from here.
        self._strips: dict[tuple[str, PaperState, bool, bool, bool, bool, int, bool], Strip] = {}
        self.marked: Collection[str] = ()  # ids shown with the mark in the first column (set by the screen)
        self.has_authors = True  # some row has authors: the author column is shown

    # -- data -------------------------------------------------------------------------------------
    @property
    def current(self) -> Record | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_rows(self, rows: Sequence[Record], keep: str | None = None, index: int | None = None) -> None:
        """Show ``rows``; put the cursor on paper ``keep`` if present, else at ``index`` (clamped)."""
        self.rows = list(rows)
        has_authors = any(r.authors for r in self.rows[:500])  # the first rows decide: O(1) per load
        if has_authors != self.has_authors:
            self.has_authors = has_authors
            self._strips.clear()
        target = index if index is not None else self.cursor
        if keep is not None:
            for i, record in enumerate(self.rows):
                if record.pid == keep:
                    target = i
                    break
        self.cursor = max(0, min(target, len(self.rows) - 1))
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.scroll_to_cursor(animate=False)
        self.refresh()

    def remove_current(self) -> None:
        """Drop the row under the cursor; the cursor stays put, i.e. lands on the next paper."""
        if self.current is None:
            return
        del self.rows[self.cursor]
        self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.scroll_to_cursor(animate=False)
        self.refresh()

    def refresh_current(self) -> None:
        if self.rows:
            self.refresh_lines(self.cursor, 1)

    # -- cursor -----------------------------------------------------------------------------------
    def move_to(self, index: int) -> bool:
        """Move the cursor; returns True when it moved."""
        if not self.rows:
            return False
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.cursor:
            return False
        old = self.cursor
        self.cursor = index
        if self.scroll_to_cursor(animate=False):
            self.refresh()
        else:
            self.refresh_lines(old, 1)
            self.refresh_lines(index, 1)
        return True

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def scroll_to_cursor(self, animate: bool = False) -> bool:
        """Scroll just enough to show the cursor row; returns True when it scrolled."""
        height = self.page_height
        top = round(self.scroll_y)
        if self.cursor < top:
            new_top = self.cursor
        elif self.cursor >= top + height:
            new_top = self.cursor - height + 1
        else:
            return False
        self.scroll_to(y=new_top, animate=animate, immediate=True)
        return True

    # -- rendering --------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))
        self.scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh_current()

    def on_blur(self) -> None:
        self.refresh_current()

    def _fg(self, name: str) -> Style:
        """A component's colour and weight only, so it keeps the row's background (cursor, selection)."""
        style = self.get_component_rich_style(name)
        return Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim)

    def column_widths(self, width: int) -> tuple[int, int, int]:
        """(title, author, source) widths: author and source columns only when there is room (and the author
        column only when some paper shown has authors); the title takes every cell they leave."""
        source_w = 12 if width >= 44 else 0
        author_w = 18 if width >= 64 and self.has_authors else 0
        title_w = width - 7 - (source_w + 2 if source_w else 0) - (author_w + 2 if author_w else 0)
        return title_w, author_w, source_w

    def notify_style_update(self) -> None:
        self._strips.clear()  # a theme or CSS change: colours of every row change
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        record = self.rows[index]
        on_cursor = index == self.cursor
        key = (
            record.pid,
            record.state,
            record.pid in self.marked,
            record.watched_by is not None,
            on_cursor,
            self.has_focus,
            width,
            record.snoozed,
        )
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 2000:
                self._strips.clear()
            strip = self._strips[key] = self._render_row(record, index == self.cursor, width)
        return strip

    def _render_row(self, record: Record, on_cursor: bool, width: int) -> Strip:
        base = self.rich_style
        state = record.state
        if on_cursor:
            name = "paper-list--cursor" if self.has_focus else "paper-list--cursor-blurred"
            row_style = base + self.get_component_rich_style(name)
        elif state.read:
            row_style = base + self._fg("paper-list--read")
        else:
            row_style = base
        marker_style = row_style + self._fg("paper-list--unread-marker")
        priority_style = row_style + self._fg("paper-list--priority")
        muted = row_style if on_cursor else row_style + self._fg("paper-list--secondary")
        title_w, author_w, source_w = self.column_widths(width)
        marked = record.pid in self.marked
        segments = [
            Segment(
                MARK if marked else " ", row_style + self._fg("paper-list--mark") if marked else row_style
            ),
            Segment("●" if not state.read else " ", marker_style),
            Segment(WATCHED, row_style + self._fg("paper-list--watched"))
            if record.watched_by is not None
            else Segment(" ", row_style),
            Segment(priority_glyph(state.priority), priority_style),
            Segment(" ", row_style),
        ]
        snoozed = snooze_marker(state, record.snoozed)  # "snoozed on Nov 3": back from a snooze
        if snoozed and title_w > len(snoozed) + 12:
            segments += [Segment(f"[{snoozed}] ", muted)]
            title_w -= len(snoozed) + 3
        segments.append(Segment(fit_title(readable_math(record.title), title_w), row_style))
        if author_w:
            segments += [Segment("  ", row_style), Segment(fit(record.first_author, author_w), muted)]
        if source_w:
            segments += [Segment("  ", row_style), Segment(fit(source_text(record), source_w), muted)]
        return Strip(segments).adjust_cell_length(width, row_style)

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self.rows):
            self.post_message(self.Clicked(index))

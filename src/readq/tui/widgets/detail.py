"""The detail pane: everything about the paper under the cursor, and its note rendered as markdown.

The text part updates in the same handler as the cursor move; the markdown note renders only once the
cursor has rested for a moment, so holding ``j`` stays one frame per key. A long note renders only its
first part (see :func:`readq.text.notes.display_note`) and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Markdown, Static

from readq.models import LOOKUP_SOURCES, Paper
from readq.text.labels import digest_label, plural
from readq.text.math import readable_math
from readq.text.notes import display_note, edited_label, shortened_message
from readq.text.terminal import clip, one_line, visible
from readq.user_state import PaperState

NOTE_DELAY = 0.15  # seconds the cursor must rest before the note's markdown renders
# Bounds on what the pane renders, so that a huge field never freezes the app (a megabyte of text takes a
# second or two to wrap; notes are bounded by readq.text.notes.display_note). The data is kept whole: `readq
# show ID` prints all of it.
FIELD_LIMIT = 2_000  # characters of a title, author list or other one-line field
ABSTRACT_LIMIT = 20_000  # characters of the abstract
PRIORITY_WORDS = {0: "no priority", 1: "priority 1", 2: "priority 2", 3: "priority 3 (top)"}


def shown(text: str, limit: int = FIELD_LIMIT) -> str:
    """A one-line field as the pane shows it: control characters out, at most ``limit`` characters."""
    kept, more = clip(text, limit)
    return one_line(kept) + (f" … ({more:,} more characters)" if more else "")


def abstract_text(abstract: str) -> str:
    kept, more = clip(abstract, ABSTRACT_LIMIT)
    tail = f"\n\n… {more:,} more characters not shown here (readq show prints all of it)" if more else ""
    return visible(kept) + tail


@dataclass(frozen=True)
class PaperDetail:
    """What the pane shows of one paper, read by the screen (the pane never reads the library)."""

    paper: Paper  # as the user sees it: the edits applied
    state: PaperState
    edited: str = ""  # what the user edited, in words ("" when nothing)
    watched_by: str | None = None  # the watch that matches the paper
    reason: str | None = None  # why the suggested order placed it where it is
    has_pdf: bool = False  # its PDF is in the PDF folder (D downloaded it)

    @property
    def pid(self) -> str:
        return self.paper.id


def filled_line(filled: dict[str, str]) -> str:
    """Where later imports filled fields in: ``authors, year from arXiv (2026-12-04)``, one group a source."""
    groups: dict[str, list[str]] = {}
    for name, origin in filled.items():
        if name == "et_al":  # goes with the authors
            continue
        groups.setdefault(origin, []).append(FIELD_WORDS.get(name, name.replace("_", " ")))
    said = []
    for origin, names in groups.items():
        source, _, day = origin.rpartition(" ")
        source = source or origin
        where = "arXiv" if source == "arxiv-api" else digest_label(source)
        said.append(f"{', '.join(names)} from {where}" + (f" ({day})" if day and source != origin else ""))
    return "; ".join(said)


FIELD_WORDS = {
    "arxiv_id": "arXiv id",
    "doi": "DOI",
    "venue": "journal",
    "category": "categories",
    "et_al": "et al.",
}


def header_content(detail: PaperDetail) -> Content:
    """The paper as the user sees it (edits applied), what was edited, its state, and why it is here."""
    paper, state, reason = detail.paper, detail.state, detail.reason
    parts: list[Content | str | tuple[str, str]] = [
        (shown(readable_math(paper.title)), "bold $text-primary"),
        "\n",
    ]
    if paper.authors:
        authors = ", ".join(paper.authors[:500]) + (" et al." if paper.et_al else "")
        parts += [(shown(authors), "$text"), "\n"]
    else:
        parts += [("authors unknown — press E to add them", "italic $text-muted"), "\n"]
    year = str(paper.year) if paper.year is not None and str(paper.year) not in (paper.date or "") else None
    meta = [
        x
        for x in (
            paper.venue,
            paper.organisation,
            paper.category,
            paper.date,
            year,
            f"score {paper.score:g}" if paper.score is not None else None,
            "code" if paper.code else None,
            f"arXiv:{paper.arxiv_id}" if paper.arxiv_id else None,
            f"doi:{paper.doi}" if paper.doi else None,
        )
        if x
    ]
    if meta:
        parts += [(shown(" · ".join(meta)), "$text-secondary"), "\n"]
    if paper.url:
        parts += [(shown(paper.url), "$text-secondary"), "\n"]
    if detail.has_pdf:
        parts += [("PDF on disk (P opens it)", "$text-success"), "\n"]
    if paper.filled:
        parts += [(shown(filled_line(paper.filled)), "$text-muted"), "\n"]
    if detail.edited:
        edits = shown(detail.edited)
        parts += [(f"edited by you: {edits} (E edits, u undoes)", "$text-muted"), "\n"]
    status = ("read" if state.read else "unread") + " · " + PRIORITY_WORDS.get(state.priority, "")
    if state.tags:
        status += " · tags: " + ", ".join(state.tags[:200])
    parts += [(shown(status), "$text-accent"), ("  id " + shown(paper.id), "$text-muted")]
    if state.citekey:
        parts += [("  key " + shown(state.citekey), "$text-muted")]
    parts.append("\n")
    if detail.watched_by is not None:
        parts += [("◆ watched: ", "$text-warning"), (shown(detail.watched_by), "$text-warning"), "\n"]
    if reason:
        parts += [(shown(reason), "$text-success"), "\n"]
    sightings = [s for s in paper.sources if s.file not in LOOKUP_SOURCES]  # arXiv lookups: said above
    seen = ", ".join(digest_label(s.file) + (f" ({s.date})" if s.date else "") for s in sightings[:200])
    parts += [
        (f"seen in {plural(len(sightings), 'digest')}: ", "$text-muted"),
        (shown(seen), "$text-muted"),
    ]
    return Content.assemble(*parts)


class DetailText(ScrollView):
    """The paper's header and abstract, wrapped once per paper and drawn through the line API: moving the
    cursor repaints this one widget, never the screen's layout."""

    DEFAULT_CSS = """
    DetailText { height: 1fr; background: $surface; overflow-x: hidden; scrollbar-size-vertical: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content("")
        self._strips: list[Strip] = []
        self._width = 0

    @property
    def plain(self) -> str:
        return self.content.plain

    def set_content(self, content: Content, *, top: bool = True) -> None:
        self.content = content
        self._wrap()
        if top:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _wrap(self) -> None:
        for _ in range(2):  # a second pass when the scrollbar came or went: the text's width changed
            width = self.scrollable_content_region.width
            if width < 2:  # not laid out yet: on_resize wraps it (wrapping at width 1 costs ~0.1 s)
                self._strips, self._width = [], max(1, width)
                return
            self._width = width
            self._strips = Visual.to_strips(self, self.content, width, None, self.visual_style)
            size = Size(width, len(self._strips))
            if size == self.virtual_size:
                return
            # Setting ``virtual_size`` asks for a layout, which moves the scrollbar one frame later (~35 ms
            # after the text); update the scrollbar here instead, so the key's frame is the only frame.
            # (``_scroll_update`` is Textual's own, private: Textual is pinned below 8.3 in pyproject.toml.)
            had_scrollbar = self.show_vertical_scrollbar
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
            if self.show_vertical_scrollbar == had_scrollbar:
                return
            self.refresh(layout=True)  # the scrollbar's column: given to the text or taken from it

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        style = self.rich_style
        if 0 <= index < len(self._strips):
            return self._strips[index].adjust_cell_length(self._width, style)
        return Strip.blank(self._width, style)


class DetailPane(Vertical, can_focus=True):
    DEFAULT_CSS = """
    DetailPane { padding: 0 1; background: $surface; }
    DetailPane #detail-notebox { height: auto; max-height: 60%; border-top: solid $primary 50%;
        background: $surface; }
    DetailPane #detail-note-title { color: $text-accent; text-style: bold; }
    DetailPane #detail-note { margin: 0; padding: 0; background: $surface; }
    DetailPane #detail-note-more { color: $text-warning; text-style: italic; margin: 0 0 1 0; }
    DetailPane .-hidden { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current: PaperDetail | None = None
        self._note_timer: Timer | None = None
        self._rendered_note: str | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield DetailText(id="detail-head")
        with VerticalScroll(id="detail-notebox", classes="-hidden"):
            yield Static(id="detail-note-title")
            yield Markdown(id="detail-note", open_links=False)
            yield Static(id="detail-note-more", classes="-hidden")

    @property
    def text(self) -> DetailText:
        return self.query_one(DetailText)

    def _scroll_target(self, down: bool) -> ScrollView | VerticalScroll:
        """The text and the note scroll as one column: down goes on into the note once the text is at its
        end; up scrolls the note back to its top before the text (in a short pane the note box may show
        only a line or two of the note)."""
        text, box = self.text, self.query_one("#detail-notebox", VerticalScroll)
        if box.has_class("-hidden"):
            return text
        if down:
            return box if text.scroll_y >= text.max_scroll_y else text
        return box if box.scroll_y > 0 else text

    def scroll_lines(self, lines: int) -> None:
        self._scroll_target(lines > 0).scroll_relative(y=lines, animate=False)

    def scroll_pages(self, pages: int) -> None:
        target = self._scroll_target(pages > 0)
        target.scroll_relative(y=pages * max(1, target.size.height - 1), animate=False)

    def scroll_edge(self, end: bool) -> None:
        """To the end of the note (or the text), or back to the top of both."""
        box = self.query_one("#detail-notebox", VerticalScroll)
        for widget in (self.text, box):
            if end:
                widget.scroll_end(animate=False, immediate=True)
            else:
                widget.scroll_home(animate=False, immediate=True)

    def show(self, detail: PaperDetail | None) -> None:
        """Show ``detail`` now (text), and its note once the cursor rests."""
        same = detail is not None and self.current is not None and detail.pid == self.current.pid
        self.current = detail
        if detail is None:
            self.text.set_content(
                Content.styled(
                    "Nothing here. Try another view ( [ / ] ) or clear the search (esc).", "$text-muted"
                )
            )
            self._show_note(None)
            return
        abstract = detail.paper.abstract
        body = (
            Content(abstract_text(abstract))
            if abstract
            else Content.styled("No abstract in this digest.", "italic $text-muted")
        )
        self.text.set_content(Content.assemble(header_content(detail), "\n\n", body), top=not same)
        if self._note_timer is not None:
            self._note_timer.stop()
        note = detail.state.note
        if not note:
            self._show_note(None)
        elif same:  # the note was edited: show it now (the title's time changed too)
            self._show_note(note)
        elif note != self._rendered_note:
            self._hide_note()
            self._note_timer = self.set_timer(NOTE_DELAY, self._render_note)

    def _hide_note(self) -> None:
        self.query_one("#detail-notebox").add_class("-hidden")
        self.query_one("#detail-note-more").add_class("-hidden")

    def _render_note(self) -> None:
        detail = self.current
        self._show_note(detail.state.note if detail is not None else None)

    def _show_note(self, note: str | None) -> None:
        title = self.query_one("#detail-note-title", Static)
        markdown = self.query_one("#detail-note", Markdown)
        if not note:
            if self._rendered_note is not None or not self.query_one("#detail-notebox").has_class("-hidden"):
                self._rendered_note = None
                self._hide_note()
            return
        edited = self.current.state.note_updated if self.current else None
        when = f" · edited {edited_label(edited)}" if edited else ""
        title.update(Content(shown(f"Note{when}")))
        self.query_one("#detail-notebox").remove_class("-hidden")
        if note != self._rendered_note:
            self._rendered_note = note
            display = display_note(note)
            more = self.query_one("#detail-note-more", Static)
            more.update(Content(shortened_message(display)) if display.shortened else "")
            more.set_class(not display.shortened, "-hidden")
            markdown.update(visible(display.text))
        else:
            more = self.query_one("#detail-note-more", Static)
            more.set_class(not display_note(note).shortened, "-hidden")

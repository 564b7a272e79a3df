"""The detail pane: everything about the paper under the cursor, and its note rendered as markdown.

The text part updates in the same handler as the cursor move; the markdown note renders only once the
cursor has rested for a moment, so holding ``j`` stays one frame per key. A long note renders only its
first part (see :func:`readq.notes.display_note`) and says so.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Markdown, Static

from readq.notes import display_note, edited_label, shortened_message
from readq.query import Record
from readq.render import digest_label

NOTE_DELAY = 0.15  # seconds the cursor must rest before the note's markdown renders
PRIORITY_WORDS = {0: "no priority", 1: "priority 1", 2: "priority 2", 3: "priority 3 (top)"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def header_content(record: Record) -> Content:
    paper, state = record.paper, record.state
    parts: list[Content | str | tuple[str, str]] = [(paper.title, "bold $text-primary"), "\n"]
    if paper.authors:
        authors = ", ".join(paper.authors) + (" et al." if paper.et_al else "")
        parts += [(authors, "$text"), "\n"]
    else:
        parts += [("authors unknown (this digest lists none)", "italic $text-muted"), "\n"]
    meta = [
        x
        for x in (
            paper.organisation,
            paper.category,
            paper.date,
            f"score {paper.score:g}" if paper.score is not None else None,
            "code" if paper.code else None,
            f"arXiv:{paper.arxiv_id}" if paper.arxiv_id else None,
        )
        if x
    ]
    if meta:
        parts += [(" · ".join(meta), "$text-secondary"), "\n"]
    status = ("read" if state.read else "unread") + " · " + PRIORITY_WORDS.get(state.priority, "")
    if state.tags:
        status += " · tags: " + ", ".join(state.tags)
    parts += [(status, "$text-accent"), ("  id " + paper.id, "$text-muted"), "\n"]
    seen = ", ".join(digest_label(s.file) + (f" ({s.date})" if s.date else "") for s in paper.sources)
    parts += [(f"seen in {plural(len(paper.sources), 'digest')}: ", "$text-muted"), (seen, "$text-muted")]
    return Content.assemble(*parts)


class DetailPane(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    DetailPane { padding: 0 1; background: $surface; }
    DetailPane #detail-head { margin: 0 0 1 0; }
    DetailPane #detail-abstract { margin: 0 0 1 0; }
    DetailPane #detail-note-title { color: $text-accent; text-style: bold; border-top: solid $primary 50%; }
    DetailPane #detail-note { margin: 0; padding: 0; background: $surface; }
    DetailPane #detail-note-more { color: $text-warning; text-style: italic; margin: 0 0 1 0; }
    DetailPane .-hidden { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: Record | None = None
        self._note_timer: Timer | None = None
        self._rendered_note: str | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-head")
        yield Static(id="detail-abstract")
        yield Static(id="detail-note-title", classes="-hidden")
        yield Markdown(id="detail-note", classes="-hidden", open_links=False)
        yield Static(id="detail-note-more", classes="-hidden")

    def show(self, record: Record | None) -> None:
        """Show ``record`` now (text), and its note once the cursor rests."""
        same = record is not None and self.record is not None and record.paper.id == self.record.paper.id
        self.record = record
        head = self.query_one("#detail-head", Static)
        abstract = self.query_one("#detail-abstract", Static)
        if record is None:
            head.update(
                Content.styled(
                    "Nothing here. Try another view ( [ / ] ) or clear the search (esc).", "$text-muted"
                )
            )
            abstract.update("")
            self._show_note(None)
            return
        head.update(header_content(record))
        text = record.paper.abstract or "No abstract in this digest."
        abstract.update(
            Content(text) if record.paper.abstract else Content.styled(text, "italic $text-muted")
        )
        if not same:
            self.scroll_home(animate=False, immediate=True)
        if self._note_timer is not None:
            self._note_timer.stop()
        if not record.state.note:
            self._show_note(None)
        elif same:  # the note was edited: show it now (the title's time changed too)
            self._show_note(record.state.note)
        elif record.state.note != self._rendered_note:
            self._hide_note()
            self._note_timer = self.set_timer(NOTE_DELAY, self._render_note)

    def _hide_note(self) -> None:
        for name in ("#detail-note-title", "#detail-note", "#detail-note-more"):
            self.query_one(name).add_class("-hidden")

    def _render_note(self) -> None:
        record = self.record
        self._show_note(record.state.note if record is not None else None)

    def _show_note(self, note: str | None) -> None:
        title = self.query_one("#detail-note-title", Static)
        markdown = self.query_one("#detail-note", Markdown)
        if not note:
            self._rendered_note = None
            self._hide_note()
            return
        edited = self.record.state.note_updated if self.record else None
        when = f" · edited {edited_label(edited)}" if edited else ""
        title.update(Content(f"Note{when}"))
        title.remove_class("-hidden")
        markdown.remove_class("-hidden")
        if note != self._rendered_note:
            self._rendered_note = note
            shown = display_note(note)
            more = self.query_one("#detail-note-more", Static)
            more.update(Content(shortened_message(shown)) if shown.shortened else "")
            more.set_class(not shown.shortened, "-hidden")
            markdown.update(shown.text)

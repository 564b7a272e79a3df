"""Modal screens for discovery: choosing what to watch (``w``), the watch list and saved searches (``W``),
naming a saved search (``ctrl+s``) and the similar papers (``R``).

They return choices; the main screen's discovery features write them through the library. Titles, names and
queries are untrusted text: always Content, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, ProgressBar, SelectionList, Static
from textual.widgets.option_list import Option

from readq.discovery.lists import Watch, clean_search_name
from readq.library.records import Record
from readq.text.labels import plural
from readq.tui.widgets.paper_list import source_text
from readq.tui.widgets.pick_lists import PickList, PickSelectionList


def _title(kind: str, text: str) -> Content:
    return Content.assemble((kind, "bold $text-accent"), " · ", (text, "bold"))


class WatchPickScreen(ModalScreen[set[str] | None]):
    """The paper's authors and categories as checkboxes, the watched ones ticked; dismisses with the keys
    (see :attr:`Watch.key`) that should be watched afterwards, or None."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, paper_title: str, candidates: Sequence[Watch], watched: Iterable[str]) -> None:
        super().__init__()
        self.paper_title = paper_title
        self.candidates = list(candidates)
        self.watched = set(watched)

    def compose(self) -> ComposeResult:
        with Vertical(id="watch-pick"):
            yield Static(_title("Watch", self.paper_title), id="watch-pick-title")
            yield PickSelectionList[str](
                *((Content(w.label), w.key, w.key in self.watched) for w in self.candidates),
                id="watch-choices",
            )
            with Horizontal(id="watch-pick-buttons"):
                yield Button("Apply (ctrl+s)", variant="primary", id="apply")
                yield Button("Cancel (esc)", id="cancel")
            yield Static(
                Content.styled(
                    "space or enter ticks · ticked authors and categories are watched · W lists them all",
                    "$text-muted",
                ),
                id="watch-pick-foot",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @property
    def selected(self) -> set[str]:
        return set(self.query_one(SelectionList).selected)

    def action_apply(self) -> None:
        self.dismiss(self.selected)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def on_button(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()


WATCH = "watch:"


class ListsScreen(ModalScreen[str | None]):
    """The watch list (each watch with its papers and unread papers, as ``readq watch list`` gives them;
    ``None``: not counted yet) and the saved searches. ``d`` or delete removes the highlighted one
    (dismissing with ``"delete:" + id``, the main screen asks and deletes); enter dismisses with what to
    open: ``"watch:" + key`` (that watch's papers) or ``"search:" + name``."""

    BINDINGS = [
        Binding("d,delete", "delete", "Delete"),
        Binding("escape,q", "cancel", "Close"),
    ]

    def __init__(
        self,
        watches: Sequence[Watch],
        searches: Sequence[tuple[str, str, int | None]],
        watch_counts: Sequence[tuple[int, int] | None] = (),
    ) -> None:
        super().__init__()
        self.watches = list(watches)
        self.searches = list(searches)
        self.watch_counts = list(watch_counts)

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        options.append(Option(Content.styled("Watch list", "bold $text-accent"), disabled=True))
        if not self.watches:
            options.append(
                Option(Content.styled("  nothing watched: w on a paper", "$text-muted"), disabled=True)
            )
        for i, watch in enumerate(self.watches):
            counted = self.watch_counts[i] if i < len(self.watch_counts) else None
            shown = "…" if counted is None else f"{plural(counted[0], 'paper')}, {counted[1]:,} unread"
            options.append(
                Option(Content.assemble("  ", (watch.term, "bold"), f"  ({shown})"), id=WATCH + watch.key)
            )
        options.append(Option(Content.styled("Saved searches", "bold $text-accent"), disabled=True))
        if not self.searches:
            options.append(
                Option(Content.styled("  none: / searches, then ctrl+s saves", "$text-muted"), disabled=True)
            )
        for name, text, count in self.searches:
            shown = "…" if count is None else str(count)
            options.append(
                Option(
                    Content.assemble("  ", (name, "bold"), "  ", (text, "$text-muted"), f"  ({shown})"),
                    id="search:" + name,
                )
            )
        with Vertical(id="lists"):
            yield Static(Content.styled("Watches and saved searches", "bold"), id="lists-title")
            yield PickList(*options, id="lists-options")
            yield Static(
                Content.styled("enter opens the view · d deletes · esc closes", "$text-muted"),
                id="lists-foot",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        for i in range(options.option_count):
            if not options.get_option_at_index(i).disabled:
                options.highlighted = i
                break

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def action_delete(self) -> None:
        target = self._highlighted()
        if target:
            self.dismiss("delete:" + target)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def on_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)


class SaveSearchScreen(ModalScreen[str | None]):
    """Ask for a saved search's name; dismisses with the cleaned name or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, query: str, taken: Iterable[str]) -> None:
        super().__init__()
        self.query_text = query
        self.taken = {name.casefold() for name in taken}

    def compose(self) -> ComposeResult:
        default = " ".join(self.query_text.split())[:40]
        with Vertical(id="save-search"):
            yield Static(_title("Save search", self.query_text), id="save-search-title")
            yield Input(default, placeholder="a name for the sidebar", id="save-search-name")
            yield Static(id="save-search-note")
            yield Static(
                Content.styled("enter saves · esc cancels · it appears under Saved searches", "$text-muted"),
                id="save-search-foot",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._check(self.query_one(Input).value)

    @on(Input.Changed)
    def on_changed(self, event: Input.Changed) -> None:
        self._check(event.value)

    def _check(self, value: str) -> None:
        note = self.query_one("#save-search-note", Static)
        try:
            name = clean_search_name(value)
        except ValueError as error:
            note.update(Content.styled(str(error), "$text-error"))
            return
        replaces = name.casefold() in self.taken
        note.update(
            Content.styled("replaces the saved search of that name", "$text-warning") if replaces else ""
        )

    @on(Input.Submitted)
    def on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(clean_search_name(event.value))
        except ValueError:
            self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SimilarScreen(ModalScreen[str | None]):
    """The papers most similar to one; shows progress while the index is built. Dismisses with the id of
    the paper chosen (enter) or None."""

    BINDINGS = [Binding("escape,q", "cancel", "Close")]
    NEAR_DUPLICATE = 0.8  # similarity from which a paper is flagged as possibly the same work

    def __init__(self, paper_title: str) -> None:
        super().__init__()
        self.paper_title = paper_title
        self.results: list[tuple[Record, float]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="similar"):
            yield Static(_title("Similar to", self.paper_title), id="similar-title")
            yield Static(
                Content.styled("Building the similarity index (title and abstract)…", "$text-muted"),
                id="similar-status",
            )
            yield ProgressBar(id="similar-progress", show_eta=False)
            yield PickList(id="similar-results")
            yield Static(
                Content.styled("enter goes to the paper · esc closes", "$text-muted"), id="similar-foot"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False

    def set_progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def set_results(self, results: list[tuple[Record, float]]) -> None:
        self.results = results
        self.query_one(ProgressBar).display = False
        status = self.query_one("#similar-status", Static)
        options = self.query_one(OptionList)
        if not results:
            status.update(
                Content.styled("No similar papers: it shares no word with any other.", "$text-muted")
            )
            return
        status.update(Content.styled(f"The {len(results)} most similar papers of the library", "$text-muted"))
        options.set_options(self._option(record, score) for record, score in results)
        options.display = True
        options.highlighted = 0
        options.focus()

    def _option(self, record: Record, score: float) -> Option:
        parts: list[str | tuple[str, str]] = [(f"{round(100 * score):>3}% ", "bold $text-accent")]
        if score >= self.NEAR_DUPLICATE:
            parts.append(("near-duplicate? ", "bold $text-warning"))
        parts.append((record.title, "" if not record.state.read else "$text-muted"))
        meta = "  ".join(x for x in (record.first_author, source_text(record)) if x)
        if meta:
            parts += ["  ", (meta, "$text-muted")]
        return Option(Content.assemble(*parts), id=record.pid)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def on_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

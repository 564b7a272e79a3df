"""The main screen: views, the paper list and the detail pane. It alone talks to the library (and so the
store); the widgets only render and post messages."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList, Static

from readq.library import DEFAULT_SORT, Library, Step
from readq.query import SORT_KEYS, Query, QueryError, describe_sort, narrows, parse_query
from readq.store import StoreError
from readq.tui.commands import bindings
from readq.tui.screens.dialogs import ConfirmScreen, HelpScreen
from readq.tui.widgets.detail import DetailPane, plural
from readq.tui.widgets.paper_list import PaperList
from readq.tui.widgets.sidebar import Sidebar, SidebarEntry

NARROW = 100  # below this many columns the detail goes under the list
POLL_SECONDS = 1.0  # how often to look for other processes' changes


class MainScreen(Screen[None]):
    BINDINGS = bindings()

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.view_key = "inbox"
        self.sorts: dict[str, str] = {}
        self.query_text = ""
        self.search_query: Query | None = None
        self.query_error: str | None = None

    # -- layout -------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield Sidebar(id="sidebar")
            with Container(id="panes"):
                with Vertical(id="listbox"):
                    yield Static(id="status")
                    yield PaperList(id="papers")
                yield DetailPane(id="detail")
        yield Input(
            id="search", placeholder='search: words "a phrase" author:… is:unread p:>=2 tag:… (esc clears)'
        )
        yield Footer()

    @property
    def papers(self) -> PaperList:
        return self.query_one(PaperList)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.load_view()
        self.papers.focus()
        self.set_interval(POLL_SECONDS, self.poll)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- showing things -------------------------------------------------------------------------------
    @property
    def sort(self) -> str:
        return self.sorts.get(self.view_key, DEFAULT_SORT.get(self.view_key, "added"))

    def load_view(self, keep: str | None = None, index: int | None = None) -> None:
        """Recompute the rows of the current view (filter, search, sort) and show them."""
        current = self.papers.current
        keep = keep if keep is not None or index is not None else (current.paper.id if current else None)
        rows = self.library.rows(self.view_key, self.sort, self.search_query)
        self.papers.set_rows(rows, keep=keep, index=index)
        self.show_current()
        self.update_chrome()

    def show_current(self) -> None:
        self.detail.show(self.papers.current)

    def update_chrome(self) -> None:
        library = self.library
        entries = []
        for view in library.views():
            if view.is_digest:
                left, total = library.progress(view)
                title = view.title + (f" · {view.digest_date}" if view.digest_date else "")
                entries.append(SidebarEntry(view.key, title, f"{left}/{total} left"))
            else:
                entries.append(SidebarEntry(view.key, view.title, str(library.count(view.key))))
        self.query_one(Sidebar).show_entries(entries, self.view_key)
        view = library.view(self.view_key)
        parts: list[str | tuple[str, str]] = [
            (view.title, "bold"),
            " · ",
            plural(len(self.papers.rows), "paper"),
        ]
        parts += [" · sort: ", describe_sort(self.sort)]
        if self.query_text:
            parts += [" · search: ", (self.query_text, "$text-accent")]
        if self.query_error:
            parts += ["  ", (self.query_error, "$text-error")]
        self.query_one("#status", Static).update(Content.assemble(*parts))

    # -- moving -------------------------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        if self.detail.has_focus:
            self.detail.scroll_relative(y=delta, animate=False)
            return
        if self.papers.move_to(self.papers.cursor + delta):
            self.show_current()

    def action_page(self, direction: int) -> None:
        if self.detail.has_focus:
            (self.detail.scroll_page_down if direction > 0 else self.detail.scroll_page_up)(animate=False)
            return
        self.action_cursor(direction * self.papers.page_height)

    def action_first(self) -> None:
        if self.papers.move_to(0):
            self.show_current()

    def action_last(self) -> None:
        if self.papers.move_to(len(self.papers.rows) - 1):
            self.show_current()

    def action_next_pane(self) -> None:
        order = [self.papers, self.detail, self.query_one(Sidebar)]
        focused = next((i for i, w in enumerate(order) if w.has_focus), -1)
        order[(focused + 1) % len(order)].focus()

    def action_focus_detail(self) -> None:
        self.detail.focus()

    @on(PaperList.Clicked)
    def on_paper_clicked(self, event: PaperList.Clicked) -> None:
        self.papers.focus()
        if self.papers.move_to(event.index):
            self.show_current()

    # -- views --------------------------------------------------------------------------------------
    def action_switch_view(self, delta: int) -> None:
        keys = [v.key for v in self.library.views()]
        index = keys.index(self.view_key) if self.view_key in keys else 0
        self.set_view(keys[(index + delta) % len(keys)])

    def set_view(self, key: str) -> None:
        if key == self.view_key:
            return
        self.view_key = key
        self.load_view(index=0)

    @on(OptionList.OptionSelected, "#sidebar")
    def on_view_picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.set_view(event.option.id)
            self.papers.focus()

    def action_cycle_sort(self) -> None:
        keys = list(SORT_KEYS)
        self.sorts[self.view_key] = (
            keys[(keys.index(self.sort) + 1) % len(keys)] if self.sort in keys else keys[0]
        )
        self.load_view()
        self.notify(f"Sorted by {describe_sort(self.sort)}", timeout=2)

    # -- triage -------------------------------------------------------------------------------------
    def change(self, label: str, changes: dict[str, dict[str, Any]]) -> Step | None:
        try:
            return self.library.change(label, changes)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            return None

    def after_single_change(self) -> None:
        """The paper under the cursor changed: drop it if it left the view, else redraw it."""
        record = self.papers.current
        if record is not None and not self.library.in_view(self.view_key, record):
            self.papers.remove_current()
        else:
            self.papers.refresh_current()
        self.show_current()
        self.update_chrome()

    def action_toggle_read(self) -> None:
        record = self.papers.current
        if record is None:
            return
        read = not record.state.read
        if self.change("mark read" if read else "mark unread", {record.paper.id: {"read": read}}):
            self.after_single_change()

    def action_priority(self, priority: int) -> None:
        record = self.papers.current
        if record is None:
            return
        if self.change(f"priority {priority}", {record.paper.id: {"priority": priority}}):
            self.after_single_change()

    def action_mark_all_read(self) -> None:
        unread = [r.paper.id for r in self.papers.rows if not r.state.read]
        view = self.library.view(self.view_key).title
        if not unread:
            self.notify(f"Everything in {view} is already read.", timeout=3)
            return
        where = f"{view} (search: {self.query_text})" if self.query_text else view

        def answer(yes: bool | None) -> None:
            if yes and self.change(f"mark {len(unread)} read", {pid: {"read": True} for pid in unread}):
                self.load_view(index=0)
                self.notify(f"Marked {plural(len(unread), 'paper')} read. u undoes it.", timeout=4)

        self.app.push_screen(
            ConfirmScreen(f"Mark {plural(len(unread), 'paper')} in {where} as read?", yes="Mark read"), answer
        )

    def _replay(self, step: Step | None, verb: str) -> None:
        if step is None:
            self.notify(f"Nothing to {verb}.", timeout=2)
            return
        changed = list(step.changes)
        self.load_view(keep=changed[0] if len(changed) == 1 else None)
        self.notify(f"{verb.capitalize()}: {step.label} ({plural(len(changed), 'paper')})", timeout=3)

    def action_undo(self) -> None:
        try:
            self._replay(self.library.undo(), "undo")
        except StoreError as error:
            self.notify(str(error), title="Not undone", severity="error", markup=False)

    def action_redo(self) -> None:
        try:
            self._replay(self.library.redo(), "redo")
        except StoreError as error:
            self.notify(str(error), title="Not redone", severity="error", markup=False)

    # -- search -------------------------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        had_query = bool(self.query_text)
        search.value = ""
        search.display = False
        self.query_text, self.search_query, self.query_error = "", None, None
        self.papers.focus()
        if had_query:
            self.load_view()
        else:
            self.update_chrome()

    @on(Input.Changed, "#search")
    def on_search_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        try:
            query = parse_query(text) if text else None
        except QueryError as error:
            self.query_error = str(error)  # the last good results stay on screen
            self.update_chrome()
            return
        within = self.papers.rows if self.query_text and text and narrows(self.query_text, text) else None
        self.query_text, self.search_query, self.query_error = text, query, None
        current = self.papers.current
        rows = self.library.rows(self.view_key, self.sort, query, within=within)
        self.papers.set_rows(rows, keep=current.paper.id if current else None, index=0)
        self.show_current()
        self.update_chrome()

    @on(Input.Submitted, "#search")
    def on_search_submitted(self) -> None:
        self.papers.focus()

    # -- notes links ------------------------------------------------------------------------------------
    @on(Markdown.LinkClicked)
    def on_link(self, event: Markdown.LinkClicked) -> None:
        href = event.href.strip()
        if not href.lower().startswith(("http://", "https://")):
            self.notify(
                f"Refused to open {href!r}: only http(s) links open from notes.",
                severity="warning",
                markup=False,
            )
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.open_url(href)

        self.app.push_screen(ConfirmScreen(f"Open this link in your browser?\n\n{href}", yes="Open"), answer)

    # -- other processes ------------------------------------------------------------------------------
    def poll(self) -> None:
        try:
            changes = self.library.refresh()
        except StoreError as error:
            self.notify(str(error), title="Library problem", severity="error", markup=False, timeout=15)
            return
        if changes:
            self.load_view()
            if changes.papers:
                self.notify("The library changed on disk (an import?); the list is up to date.", timeout=3)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.app.exit()

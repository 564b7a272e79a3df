"""The main screen's shared core: layout, showing rows and detail, saving changes, watching the disk.

Feature actions live in mixins (navigation, triage, search, …) that subclass :class:`MainBase`, and
:class:`readq.tui.main.screen.MainScreen` puts them together. Only screens talk to the library.
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any
from urllib.parse import urlsplit

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, Static

from readq.library.history import Step
from readq.library.service import Library
from readq.library.views import DEFAULT_SORT, SEARCH, SUGGESTED, TAG
from readq.query.matching import Query, describe_sort
from readq.store import StoreError
from readq.text.labels import plural
from readq.text.notes import link_refusal
from readq.text.terminal import one_line
from readq.tui.problems import not_saved, report_once
from readq.tui.screens.dialogs import ConfirmScreen, HelpScreen
from readq.tui.settings import AppSettings, settings_of
from readq.tui.widgets.detail import DetailPane
from readq.tui.widgets.paper_list import PaperList
from readq.tui.widgets.sidebar import Sidebar, SidebarEntry


def freeze_long_lived() -> None:
    """Move what a background build just made (the search index, the similar-papers index, …) out of the
    garbage collector's sight, as ``make_app`` does for the library: otherwise every full collection walks
    those millions of objects and stalls a keypress by ~30 ms every few seconds at 100k papers. Frozen
    objects are still freed when nothing refers to them."""
    gc.freeze()


NARROW = 100  # below this many columns the detail goes under the list
WIDE = 160  # from this many columns on the sidebar is wider
POLL_SECONDS = 1.0  # how often to look for other processes' changes
TAGS_HEADING = "heading:tags"
SEARCHES_HEADING = "heading:searches"


def is_web_link(href: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces or control characters."""
    if not href or any(ch.isspace() or not ch.isprintable() for ch in href):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class MainBase(Screen[None]):
    AUTO_FOCUS = "#papers"  # the first frame already has the list focused (not the sidebar, then the list)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.view_key = "inbox"
        self.sorts: dict[str, str] = {}
        self.query_text = ""
        self.search_query: Query | None = None
        self.query_error: str | None = None
        self.index_progress = (0, 0)
        self.marked: dict[str, None] = {}  # paper ids marked with `m`, in the order marked
        self.problem: str | None = None  # the library problem last reported by the poll, said once
        self._indexing = False

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

    @property
    def settings(self) -> AppSettings:
        """The user's settings (config file) as the app holds them."""
        return settings_of(self.app)

    def on_mount(self) -> None:
        self.on_resize()  # the layout for the terminal's width from the first frame, not after it
        self.view_key = self.settings.config.default_view
        self.papers.marked = self.marked
        self.query_one("#search").display = False
        self.load_view()
        self.papers.focus()
        self.set_interval(POLL_SECONDS, self.poll)
        self.call_after_refresh(self.start_indexing)  # after the first frame, never before it

    # -- the search index (abstracts), built in a worker thread -------------------------------------------
    def start_indexing(self) -> None:
        if self.library.search_ready:
            self.after_index()
        elif not self._indexing:
            self._indexing = True
            self.index_progress = (0, len(self.library.records))
            self.run_worker(self._build_index, thread=True, exclusive=True, group="search-index")

    def _build_index(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._index_progress, done, total)

        try:
            self.library.build_search_index(progress)
        except StoreError as error:  # the papers file was damaged under the app: say so, keep going
            self.app.call_from_thread(self._index_failed, str(error))
            return
        self.app.call_from_thread(self._index_done)

    def _index_failed(self, problem: str) -> None:
        self.problem = report_once(self, self.problem, problem)

    def _index_progress(self, done: int, total: int) -> None:
        self.index_progress = (done, total)
        if self.query_text:
            self.update_chrome()

    def _index_done(self) -> None:
        self._indexing = False
        freeze_long_lived()
        if not self.library.search_ready:  # rebuilt meanwhile (another process imported): go again
            self.start_indexing()
            return
        if self.query_text:
            self.rerun_search()
        elif self.view_key.startswith(SEARCH):  # a saved search that reads abstracts: its rows now
            self.load_view()
        self.after_index()

    def rerun_search(self) -> None:
        """Run the current search again (overridden by the search mixin)."""

    def action_clear_search(self) -> None:
        """Clear the search and close its bar (overridden by the search mixin)."""

    def after_index(self) -> None:
        """The search text of every paper is ready (feature mixins extend this; call super())."""

    def background_tick(self) -> None:
        """Start background work that is due (feature mixins extend this; call super()). Called after each
        view load and every POLL_SECONDS, so it must only check cheap flags."""

    def detail_reason(self, record: object) -> str | None:
        """An extra line for the detail pane (the suggested order's reason; see the discovery mixin)."""
        return None

    async def search_ready(self) -> None:
        """Wait until full-text search is available (benchmarks and tests)."""
        while not self.library.search_ready:
            await asyncio.sleep(0.02)

    def on_resize(self) -> None:
        width = self.app.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width >= WIDE, "-wide")  # a wider sidebar: long digest names stay apart

    # -- showing things -------------------------------------------------------------------------------
    @property
    def sort(self) -> str:
        return self.sorts.get(self.view_key, DEFAULT_SORT.get(self.view_key, "added"))

    def load_view(self, keep: str | None = None, index: int | None = None) -> None:
        """Recompute the rows of the current view (filter, search, sort) and show them."""
        current = self.papers.current
        keep = keep if keep is not None or index is not None else (current.pid if current else None)
        rows = self.library.rows(self.view_key, self.sort, self.search_query)
        self.papers.set_rows(rows, keep=keep, index=index)
        self.show_current()
        self.update_chrome()
        if not self.library.search_ready:  # after an import: the new papers' search text
            self.start_indexing()
        self.background_tick()

    def show_current(self) -> None:
        record = self.papers.current
        self.detail.show(record, self.detail_reason(record) if record is not None else None)

    def update_chrome(self) -> None:
        library = self.library
        entries: list[SidebarEntry] = []
        for view in library.views():
            if view.is_tag and entries[-1].key != TAGS_HEADING and not entries[-1].key.startswith(TAG):
                entries.append(SidebarEntry(TAGS_HEADING, "Tags", "", heading=True))
            if view.is_search and not entries[-1].key.startswith(SEARCH):
                entries.append(SidebarEntry(SEARCHES_HEADING, "Saved searches", "", heading=True))
            if view.is_search:
                count = library.discovery.search_count(view.name)
                shown = "…" if count is None else str(count)
                broken = library.discovery.saved_query(view.name) is None
                entries.append(SidebarEntry(view.key, view.title, "!" if broken else shown))
            elif view.key == "watched" and not library.discovery.watch_ready:
                entries.append(SidebarEntry(view.key, view.title, "…"))
            elif view.is_digest:
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
        if self.marked:
            parts += [" · ", (f"{len(self.marked)} marked", "bold $text-success")]
        parts += [" · sort: ", describe_sort(self.sort)]
        if self.query_text:
            parts += [" · search: ", (one_line(self.query_text), "$text-accent")]
            if (
                self.search_query is not None
                and self.search_query.needs_text
                and not self.library.search_ready
            ):
                done, total = self.index_progress
                share = f" {100 * done // total}%" if total else ""
                parts += ["  ", (f"indexing abstracts{share}… results follow", "$text-warning")]
        saved = library.discovery.saved_query(view.name) if view.is_search else None
        if view.is_search:
            parts += [" · ", (library.discovery.saved_text.get(view.name, ""), "$text-accent")]
            if saved is None:
                parts[1:1] = ["  ", ("this saved search no longer parses; W deletes it", "$text-error"), " "]
            elif saved.needs_text and not library.search_ready:
                parts += ["  ", ("indexing abstracts… results follow", "$text-warning")]
        if self.sort == SUGGESTED and (note := library.discovery.ranking_note(short=True)):
            parts += ["  ", (note, "$text-warning")]
        if self.marked:
            parts.append(" · y cites the marked papers, esc unmarks")
        if self.query_error:  # right after the view's name: a narrow terminal cuts the end of the line
            parts[1:1] = ["  ", (self.query_error, "$text-error"), " "]
        self.query_one("#status", Static).update(Content.assemble(*parts))

    # -- saving
    def change(self, label: str, changes: dict[str, dict[str, Any]]) -> Step | None:
        """Save a change (all of it or, on any error, none of it) and say so when it could not be saved."""
        try:
            return self.library.change(label, changes)
        except StoreError as error:
            not_saved(self, error)
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

    # -- notes links ------------------------------------------------------------------------------------
    @on(Markdown.LinkClicked)
    def on_link(self, event: Markdown.LinkClicked) -> None:
        """Links in notes never open on their own: http(s) only, after the URL is shown and confirmed."""
        event.stop()
        href = event.href.strip()
        refusal = link_refusal(href) or (None if is_web_link(href) else "only http(s) links with a host open")
        if refusal is not None:
            shown = href if len(href) <= 200 else href[:200] + "…"
            self.notify(f"Refused to open {shown!r}: {refusal}.", severity="warning", markup=False)
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
            self.problem = report_once(self, self.problem, str(error))
            return
        self.problem = report_once(self, self.problem, changes.problem)
        if changes:
            self.load_view()
            if changes.papers:
                self.notify("The library changed on disk (an import?); the list is up to date.", timeout=3)
        self.background_tick()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.app.exit()

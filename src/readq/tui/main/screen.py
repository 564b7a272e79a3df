"""The main screen: views, the paper list and the detail pane; the state they share, as reactive attributes.

Everything else is a feature (one class per responsibility, in this package) composed into the screen:
commands in :mod:`readq.tui.commands` name the feature that runs them, and the screen hands every message of
:mod:`readq.tui.main.messages` to the features' handlers. To add a feature: write a :class:`Feature`
subclass with ``action_NAME`` methods (and ``on_*`` handlers if it reacts to messages), list it in
``FEATURES``, and add its commands to the command table with ``feature=`` its name.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList, Static

from readq import clock
from readq.library.edits import describe_edits
from readq.library.history import Step
from readq.library.records import Record
from readq.library.service import Library
from readq.library.views import DEFAULT_SORT
from readq.query.matching import Query
from readq.store import StoreError
from readq.store.session import mark_closed
from readq.tui.commands import COMMANDS, bindings
from readq.tui.main.chrome import sidebar_entries, status_line
from readq.tui.main.cite import Cite
from readq.tui.main.completing import Completing
from readq.tui.main.downloads import Downloads
from readq.tui.main.edit import Edit
from readq.tui.main.export import Export
from readq.tui.main.feature import Feature
from readq.tui.main.general import General
from readq.tui.main.importing import Importing
from readq.tui.main.indexing import Indexing
from readq.tui.main.layout import Layout
from readq.tui.main.marks import Marks
from readq.tui.main.messages import LibraryChanged, MainMessage, Polled, ViewLoaded
from readq.tui.main.navigation import Navigation
from readq.tui.main.notes import Notes
from readq.tui.main.opening import Opening
from readq.tui.main.search import Search
from readq.tui.main.similar import Similar
from readq.tui.main.snooze import Snooze
from readq.tui.main.stats import Stats
from readq.tui.main.triage import Triage
from readq.tui.main.watching import Watching
from readq.tui.problems import not_saved, poll_library
from readq.tui.settings import AppSettings, settings_of
from readq.tui.widgets.detail import DetailPane, PaperDetail
from readq.tui.widgets.paper_list import PaperList
from readq.tui.widgets.sidebar import Sidebar

NARROW = 100  # below this many columns the detail goes under the list
WIDE = 160  # from this many columns on the sidebar is wider
POLL_SECONDS = 1.0  # how often to look for other processes' changes

FEATURES: tuple[type[Feature], ...] = (
    Navigation, Triage, Search, Marks, Cite, Edit, Export, Importing,
    Notes, Stats, Watching, Similar, Indexing, General, Opening, Downloads, Completing, Snooze, Layout,
)  # fmt: skip


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#papers"  # the first frame already has the list focused (not the sidebar, then the list)
    BINDINGS = bindings()

    # The state the features share. Each watcher only asks for the sidebar and status line to be redrawn
    # (once, whatever changed): none of them loads the view, so a key costs one load and one frame.
    view_key: var[str] = var("inbox", init=False)
    sorts: var[dict[str, str]] = var(dict, init=False)  # sort per view key; replaced, never mutated
    query_text: var[str] = var("", init=False)
    search_query: var[Query | None] = var(None, init=False)
    query_error: var[str | None] = var(None, init=False)
    marked: var[dict[str, None]] = var(dict, init=False)  # ids marked with `m`, in order (mutate_reactive)
    index_progress: var[tuple[int, int]] = var((0, 0), init=False)
    row_count: var[int] = var(0, init=False)
    work: var[str] = var("", init=False)  # background work the user started, for the status line

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.problem: str | None = None  # the library problem last reported by the poll, said once
        self._chrome_due = False
        self.save_folder: Path | None = None  # where v and e last saved a file (this session)
        self.navigation, self.triage, self.search = Navigation(self), Triage(self), Search(self)
        self.marks, self.cite, self.edit = Marks(self), Cite(self), Edit(self)
        self.export, self.importing, self.notes = Export(self), Importing(self), Notes(self)
        self.stats, self.watching, self.similar = Stats(self), Watching(self), Similar(self)
        self.indexing, self.general = Indexing(self), General(self)
        self.opening, self.downloads, self.completing = Opening(self), Downloads(self), Completing(self)
        self.snooze, self.sidebar_toggle = Snooze(self), Layout(self)
        self.features: dict[str, Feature] = {f.name: f for f in vars(self).values() if isinstance(f, Feature)}
        assert {type(f) for f in self.features.values()} == set(FEATURES)
        for command in COMMANDS:  # each key runs its feature's method (a missing one fails here, at once)
            setattr(self, command.method, getattr(self.features[command.feature], command.method))

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

    @property
    def sort(self) -> str:
        return self.sorts.get(self.view_key, DEFAULT_SORT.get(self.view_key, "added"))

    def on_mount(self) -> None:
        self.on_resize()  # the layout for the terminal's width from the first frame, not after it
        self.view_key = self.settings.config.default_view
        self.papers.marked = self.marked
        self.query_one("#search").display = False
        self.load_view()
        self._draw_chrome()  # the status line in the first frame too, not one frame later
        self.papers.focus()
        self.set_interval(POLL_SECONDS, self.poll)
        self.call_after_refresh(self.indexing.start)  # after the first frame, never before it

    def on_unmount(self) -> None:
        self.similar.stop()
        if not self.library.store.read_only:  # for "New since last time" next time; never worth a crash
            with contextlib.suppress(StoreError, OSError):
                mark_closed(self.library.store.data_dir, clock.now_iso())

    def on_resize(self) -> None:
        width = self.app.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width >= WIDE, "-wide")  # a wider sidebar: long digest names stay apart

    async def search_ready(self) -> None:
        """Wait until full-text search is available (benchmarks and tests)."""
        while not self.library.search_ready:
            await asyncio.sleep(0.02)

    # -- the sidebar and the status line follow the state ---------------------------------------------
    def watch_view_key(self) -> None:
        self.redraw_chrome()

    def watch_sorts(self) -> None:
        self.redraw_chrome()

    def watch_query_text(self) -> None:
        self.redraw_chrome()

    def watch_search_query(self) -> None:
        self.redraw_chrome()

    def watch_query_error(self) -> None:
        self.redraw_chrome()

    def watch_marked(self) -> None:
        self.redraw_chrome()

    def watch_row_count(self) -> None:
        self.redraw_chrome()

    def watch_work(self) -> None:
        self.redraw_chrome()

    def watch_index_progress(self) -> None:
        if self.query_text:  # the status line says how far the index is only while a search waits for it
            self.redraw_chrome()

    def redraw_chrome(self) -> None:
        """Redraw the sidebar and status line once, after the handler that changed the state (same frame)."""
        if not self._chrome_due:
            self._chrome_due = True
            self.call_later(self._draw_chrome)  # after the messages this handler posted: one draw

    def _draw_chrome(self) -> None:
        self._chrome_due = False
        self.query_one(Sidebar).show_entries(sidebar_entries(self.library), self.view_key)
        status = status_line(
            self.library,
            view_key=self.view_key,
            rows=self.row_count,
            sort=self.sort,
            marked=len(self.marked),
            query_text=self.query_text,
            search_query=self.search_query,
            query_error=self.query_error,
            index_progress=self.index_progress,
            work=self.work,
        )
        self.query_one("#status", Static).update(status)

    # -- showing things -------------------------------------------------------------------------------
    def load_view(self, keep: str | None = None, index: int | None = None) -> None:
        """Recompute the rows of the current view (filter, search, sort) and show them."""
        current = self.papers.current
        keep = keep if keep is not None or index is not None else (current.pid if current else None)
        self.show_rows(self.library.rows(self.view_key, self.sort, self.search_query), keep=keep, index=index)
        self.post_message(ViewLoaded())

    def show_rows(self, rows: list[Record], keep: str | None = None, index: int | None = None) -> None:
        self.papers.set_rows(rows, keep=keep, index=index)
        self.row_count = len(rows)
        self.show_current()

    def show_current(self) -> None:
        record = self.papers.current
        self.detail.show(self.detail_of(record) if record is not None else None)

    def detail_of(self, record: Record) -> PaperDetail:
        """The detail pane's values for ``record``, read here (the pane itself never reads the library)."""
        state = record.state
        edited = describe_edits(state.edits) if state.edits else ""
        return PaperDetail(
            record.paper,
            state,
            edited,
            record.watched_by,
            self.similar.reason(record),
            has_pdf=record.has_pdf,
        )

    # -- saving ---------------------------------------------------------------------------------------
    def change(self, label: str, changes: dict[str, dict[str, Any]]) -> Step | None:
        """Save a change (all of it or, on any error, none of it) and say so when it could not be saved."""
        try:
            step = self.library.change(label, changes)
        except StoreError as error:
            not_saved(self, error)
            return None
        self.post_message(LibraryChanged())
        return step

    def after_single_change(self) -> None:
        """The paper under the cursor changed: drop it if it left the view, else redraw it."""
        record = self.papers.current
        if record is not None and not self.library.in_view(self.view_key, record):
            self.papers.remove_current()
            self.row_count = len(self.papers.rows)
        else:
            self.papers.refresh_current()
        self.show_current()

    # -- other processes ------------------------------------------------------------------------------
    def poll(self) -> None:
        changes, self.problem = poll_library(self, self.library, self.problem)
        if changes is None:
            return
        if changes:
            self.load_view()
            self.post_message(LibraryChanged(lists=changes.lists))
            if changes.papers:
                self.notify("The library changed on disk (an import?); the list is up to date.", timeout=3)
        self.post_message(Polled())

    # -- messages: to every feature that handles them -------------------------------------------------
    @on(MainMessage)
    def to_features(self, message: MainMessage) -> None:
        message.stop()  # the screen's own: not for the app
        name = message.handler_name
        for feature in self.features.values():
            handler = getattr(feature, name, None)
            if handler is not None:
                handler(message)
        if message.redraws_chrome:
            self.redraw_chrome()

    @on(PaperList.Clicked)
    def on_paper_clicked(self, event: PaperList.Clicked) -> None:
        self.navigation.clicked(event.index)

    @on(OptionList.OptionSelected, "#sidebar")
    def on_view_picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.navigation.picked(event.option.id)

    @on(Input.Changed, "#search")
    def on_search_changed(self, event: Input.Changed) -> None:
        self.search.search_for(event.value.strip())

    @on(Input.Submitted, "#search")
    def on_search_submitted(self) -> None:
        self.papers.focus()

    @on(Markdown.LinkClicked)
    def on_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notes.open_link(event.href.strip())

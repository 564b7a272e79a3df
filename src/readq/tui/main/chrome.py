"""What the sidebar and the status line show, as plain values computed from the library and the screen's
state (the screen's watchers redraw them once per change, never per key twice)."""

from __future__ import annotations

from textual.content import Content

from readq.library.service import Library
from readq.library.views import SEARCH, SUGGESTED, TAG, WATCHED
from readq.query.matching import Query, describe_sort
from readq.text.labels import plural
from readq.text.terminal import one_line
from readq.tui.widgets.sidebar import SidebarEntry

TAGS_HEADING = "heading:tags"
SEARCHES_HEADING = "heading:searches"


def sidebar_entries(library: Library) -> list[SidebarEntry]:
    """Every view with its live count, under headings for the tags and the saved searches."""
    discovery = library.discovery
    entries: list[SidebarEntry] = []
    for view in library.views():
        if view.is_tag and entries[-1].key != TAGS_HEADING and not entries[-1].key.startswith(TAG):
            entries.append(SidebarEntry(TAGS_HEADING, "Tags", "", heading=True))
        if view.is_search and not entries[-1].key.startswith(SEARCH):
            entries.append(SidebarEntry(SEARCHES_HEADING, "Saved searches", "", heading=True))
        if view.is_search:
            count = discovery.search_count(view.name)
            shown = "…" if count is None else str(count)
            broken = discovery.saved_query(view.name) is None
            entries.append(SidebarEntry(view.key, view.title, "!" if broken else shown))
        elif view.key == WATCHED and not discovery.watch_ready:
            entries.append(SidebarEntry(view.key, view.title, "…"))
        elif view.is_digest:
            left, total = library.progress(view)
            title = view.title + (f" · {view.digest_date}" if view.digest_date else "")
            shown = f"✓ {total}" if left == 0 else f"{left} left of {total}"
            entries.append(SidebarEntry(view.key, title, shown, digest=True))
        else:
            entries.append(SidebarEntry(view.key, view.title, str(library.count(view.key))))
    return entries


def status_line(
    library: Library,
    *,
    view_key: str,
    rows: int,
    sort: str,
    marked: int,
    query_text: str,
    search_query: Query | None,
    query_error: str | None,
    index_progress: tuple[int, int],
    work: str = "",
) -> Content:
    """The line above the list: the view, its papers, marks, sort, search, and what is still being built."""
    discovery = library.discovery
    view = library.view(view_key)
    parts: list[str | tuple[str, str]] = [(view.title, "bold"), " · ", plural(rows, "paper")]
    if marked:
        parts += [" · ", (f"{marked} marked", "bold $text-success")]
    parts += [" · sort: ", describe_sort(sort)]
    if query_text:
        parts += [" · search: ", (one_line(query_text), "$text-accent")]
        if search_query is not None and search_query.needs_text and not library.search_ready:
            done, total = index_progress
            share = f" {100 * done // total}%" if total else ""
            parts += ["  ", (f"indexing abstracts{share}… results follow", "$text-warning")]
    saved = discovery.saved_query(view.name) if view.is_search else None
    if view.is_search:
        parts += [" · ", (discovery.saved_text.get(view.name, ""), "$text-accent")]
        if saved is None:
            parts[1:1] = ["  ", ("this saved search no longer parses; W deletes it", "$text-error"), " "]
        elif saved.needs_text and not library.search_ready:
            parts += ["  ", ("indexing abstracts… results follow", "$text-warning")]
    if sort == SUGGESTED and (note := discovery.ranking_note(short=True)):
        parts += ["  ", (note, "$text-warning")]
    if marked:
        parts.append(" · y cites the marked papers, esc unmarks")
    if query_error:  # right after the view's name: a narrow terminal cuts the end of the line
        parts[1:1] = ["  ", (query_error, "$text-error"), " "]
    if work:  # background work the user started (completing, downloading): where it is, how to stop it
        parts[1:1] = ["  ", (work, "$text-warning"), " "]
    return Content.assemble(*parts)

"""``readq watch``, ``readq view``, ``readq similar`` and the suggested order of ``readq list``. No Textual.

Exit codes: 0 done (also when nothing changed), 2 a bad term, query, name or id.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO, cast

import orjson

from readq.cli.exits import EXIT_OK, EXIT_REJECTED, err, report_query_error
from readq.cli.numbers import whole_number
from readq.cli.render import list_line, paper_json
from readq.discovery.lists import WatchError, clean_search_name, load_watches, parse_watch
from readq.library.service import Library
from readq.query.matching import Query, QueryError, filter_records, parse_query
from readq.store import Store
from readq.text.labels import plural


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "watch",
        help="the watch list: authors, categories, words whose papers are marked as watched",
        description='A watch is one query term: author:"Percy Liang", cat:cs.CL, title:…, abstract:…, a '
        'word or "a phrase". Papers it matches are marked in the list and found by is:watched.',
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, help="add, list or rm")
    q = actions.add_parser("add", help="watch a term")
    q.add_argument("term", nargs="+", metavar="TERM", help="one query term: author:…, cat:…, a word")
    q = actions.add_parser("list", help="list the watches with how many papers each matches")
    q.add_argument("--json", action="store_true", help="print JSON")
    q = actions.add_parser("rm", help="stop watching a term")
    q.add_argument("term", nargs="+", metavar="TERM", help="one query term: author:…, cat:…, a word")

    p = sub.add_parser(
        "view",
        help="saved searches: named queries shown as views in the app",
        description="A saved search is a query under a name; the app lists it with the views, with a live "
        "count. Saving a name again replaces its query.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, help="add, list or rm")
    q = actions.add_parser("add", help="save a query under a name")
    q.add_argument("name", help="the saved search's name")
    q.add_argument("query", nargs=argparse.REMAINDER, metavar="QUERY", help="the query (-word allowed)")
    q = actions.add_parser("list", help="list the saved searches with how many papers each finds")
    q.add_argument("--json", action="store_true", help="print JSON")
    q = actions.add_parser("rm", help="delete a saved search")
    q.add_argument("name", help="the saved search's name")

    p = sub.add_parser(
        "similar",
        help="the papers most similar to one (title and abstract)",
        description="TF-IDF over titles and abstracts, computed on this machine. The index is built on "
        "first use (seconds for a large library) and cached in the platform's cache dir.",
    )
    p.add_argument("id", help="a paper id (a unique prefix is enough)")
    p.add_argument("-n", type=whole_number("-n", 1), default=10, metavar="N", help="how many (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON")


def dump_json(data: Any, out: TextIO) -> None:
    out.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def prepare(library: Library, *, text: bool = True) -> None:
    """Bring the watched flags and saved-search counts up to date, as the app's workers do (CLI: at once).
    ``text``: build the search index first when a watch or search reads abstracts."""
    if text and library.discovery.lists_need_text:
        library.build_search_index()
    for _ in range(3):  # a second pass when is:watched searches were counted with the old flags
        if library.discovery.lists_ready:
            break
        library.discovery.set_lists(*library.discovery.compute_lists())


def ensure_index(library: Library) -> None:
    """Load the similarity index from its cache, or build it (with a word on standard error)."""
    if library.discovery.index_ready:
        return
    from readq.discovery.similar import CACHE_FILE, load_index
    from readq.store.caches import library_cache_dir

    if (
        load_index(library_cache_dir(library.store.data_dir) / CACHE_FILE, library.store.catalog.stamp)
        is None
    ):
        err(f"building the similarity index of {len(library.records):,} papers (once; it is cached)…")
    library.discovery.set_text_index(library.discovery.compute_text_index())


def suggested_scores(library: Library) -> dict[str, float] | None:
    """Learn the suggested order (after the watches, a feature); None, with a message, when there are too
    few decisions."""
    if not library.discovery.enough_decisions:
        err(library.discovery.ranking_note() or "")
        return None
    prepare(library)
    ensure_index(library)
    library.discovery.set_ranking(*library.discovery.compute_ranking())
    if library.discovery.scores is None:
        err(library.discovery.ranking_note() or "")
    return library.discovery.scores


# -- watch --------------------------------------------------------------------------------------------------
def cmd_watch(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "list":
        return _watch_list(store, args.json, out)
    text = " ".join(args.term)
    try:
        watch = parse_watch(text)
    except WatchError as error:
        err(str(error))
        return EXIT_REJECTED
    if args.action == "add":
        if not store.add_watch(watch.term, watch.key):
            print(f"already watching {watch.term}", file=out)
            return EXIT_OK
        library = Library(store)
        prepare(library)
        found = sum(1 for r in library.records.values() if watch.matches(r))
        print(f"watching {watch.term} ({found} paper{'s' if found != 1 else ''} match now)", file=out)
        return EXIT_OK
    stored = next((w.term for w in load_watches(store.watches) if w.key == watch.key), watch.term)
    if store.remove_watch(watch.key):
        print(f"stopped watching {stored}", file=out)
        return EXIT_OK
    err(f"not watching {text!r}; see readq watch list")
    return EXIT_REJECTED


def _watch_list(store: Store, as_json: bool, out: TextIO) -> int:
    library = Library(store)
    watches = load_watches(store.watches)
    if any(w.needs_text for w in watches):
        library.build_search_index()
    records = list(library.records.values())
    rows = []
    for watch in watches:
        found = filter_records(watch.query, records)
        unread = sum(1 for r in found if not r.state.read)
        rows.append({"term": watch.term, "label": watch.label, "papers": len(found), "unread": unread})
    if as_json:
        dump_json(rows, out)
    elif not rows:
        print('no watches; add one with: readq watch add author:"Percy Liang"', file=out)
    else:
        width = max(len(str(row["term"])) for row in rows)
        for row in rows:
            papers = plural(cast(int, row["papers"]), "paper")
            print(f"{row['term']:<{width}}  {papers}, {row['unread']:,} unread", file=out)
    return EXIT_OK


# -- view (saved searches) ----------------------------------------------------------------------------------
def cmd_view(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "list":
        return _view_list(store, args.json, out)
    try:
        name = clean_search_name(args.name)
    except ValueError as error:
        err(str(error))
        return EXIT_REJECTED
    if args.action == "rm":
        if store.remove_search(name):
            print(f"deleted the saved search {name!r}", file=out)
            return EXIT_OK
        err(f"no saved search called {name!r}; see readq view list")
        return EXIT_REJECTED
    text = " ".join(args.query).strip()
    try:
        query = parse_query(text)
    except QueryError as error:
        report_query_error(text, error)
        return EXIT_REJECTED
    if query.is_empty:
        err("a saved search needs a query")
        return EXIT_REJECTED
    replaced = name.casefold() in {n.casefold() for n in store.saved_searches}
    written = store.save_search(name, text)
    count = _count(Library(store), query)
    verb = "unchanged" if not written else ("replaced" if replaced else "saved")
    print(f"{verb}: {name} = {text} ({count} paper{'s' if count != 1 else ''})", file=out)
    return EXIT_OK


def _count(library: Library, query: Query) -> int:
    if query.needs_text or library.discovery.watches:
        prepare(library)
    return len(filter_records(query, list(library.records.values())))


def _view_list(store: Store, as_json: bool, out: TextIO) -> int:
    library = Library(store)
    prepare(library)
    rows: list[dict[str, Any]] = []
    for name, text in library.discovery.saved_text.items():
        count = (
            library.discovery.search_count(name) if library.discovery.saved_query(name) is not None else None
        )
        row: dict[str, Any] = {"name": name, "query": text, "count": count}
        if count is None:
            try:
                parse_query(text)
            except QueryError as error:
                row["error"] = str(error)
        rows.append(row)
    if as_json:
        dump_json(rows, out)
    elif not rows:
        print("no saved searches; add one with: readq view add NAME QUERY", file=out)
    else:
        width = max(len(str(row["name"])) for row in rows)
        for row in rows:
            count = row["count"]
            found = plural(count, "paper") if count is not None else f"broken: {row.get('error')}"
            print(f"{row['name']:<{width}}  {row['query']}  ({found})", file=out)
    return EXIT_OK


# -- similar ------------------------------------------------------------------------------------------------
def cmd_similar(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        pid = store.resolve(args.id)
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    library = Library(store)
    ensure_index(library)
    found = library.discovery.similar(pid, args.n)
    if args.json:
        rows = [{"similarity": score, **paper_json(r.paper, r.state)} for r, score in found]
        dump_json(rows, out)
        return EXIT_OK
    if not found:
        print(f"{pid}: no similar papers (it shares no word with any other paper)", file=sys.stderr)
    for record, score in found:
        print(f"{score:.2f} " + list_line(record), file=out)
    return EXIT_OK

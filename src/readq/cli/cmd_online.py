"""``readq open``, ``readq pdf``, ``readq complete`` and ``readq fetch``: the commands that go online, only
when asked. Each failure of a service is one line naming the host, exit status 1, nothing changed."""

from __future__ import annotations

import argparse
import re
import sys
import webbrowser
from pathlib import Path
from typing import Any, TextIO

from readq import clock
from readq.cli.exits import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REJECTED,
    err,
    report_query_error,
)
from readq.config import Config
from readq.library.service import Library
from readq.online.http import Cancelled, Http, OnlineError
from readq.online.services import Services, connect
from readq.store import Store
from readq.text.terminal import one_line

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("open", help="open a paper's page (or --pdf: its PDF) in the browser")
    p.add_argument("id", help="a paper id (a unique prefix is enough)")
    p.add_argument("--pdf", action="store_true", help="the PDF: the downloaded copy, else arXiv's")

    p = sub.add_parser("pdf", help="download papers' PDFs from arXiv (as CITEKEY.pdf)")
    p.add_argument("ids", nargs="+", metavar="ID", help="paper ids (unique prefixes are enough)")
    p.add_argument("--dir", type=Path, default=None, metavar="DIR", help="folder (default: pdf_dir setting)")

    p = sub.add_parser("complete", help="fill in arXiv ids, authors and years from the arXiv API, by title")
    p.add_argument("query", nargs="*", help="which papers (default: all that lack something)")
    p.add_argument(
        "--dry-run", action="store_true", help="ask arXiv, say what would be filled, write nothing"
    )

    p = sub.add_parser("fetch", help="import the day's papers: hf, arxiv CATEGORY…, a feed URL, or [sources]")
    p.add_argument(
        "what", nargs="*", metavar="SOURCE", help="hf | arxiv CATEGORY… | URL (default: [sources])"
    )
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="the day for hf (default: today)")
    p.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")


def _config(args: argparse.Namespace) -> Config:
    from readq.cli.user_config import cli_config

    return cli_config(args)


def _http(config: Config) -> Http:
    return connect(Services.from_env(), contact=config.contact)


def _pdf_dir(store: Store, config: Config, override: Path | None = None) -> Path:
    from readq.library.pdfs import pdf_folder

    return pdf_folder(store.data_dir, override or config.pdf_dir)


def cmd_open(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from readq.library.links import is_web_url, paper_page_url, pdf_target
    from readq.library.pdfs import pdf_path

    try:
        pid = store.resolve(args.id)
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    library = Library(store)
    paper = library.records[pid].paper
    services = Services.from_env()
    if args.pdf:
        local = pdf_path(library, pid, _pdf_dir(store, _config(args)))
        url = pdf_target(paper, services, local)
        if url is None:
            err(f"{pid}: no PDF known (no arXiv id and none downloaded); try readq open {pid}")
            return EXIT_REJECTED
        if not url.startswith("file:") and not is_web_url(url):
            err(f"{pid}: not an http(s) URL, not opened: {one_line(url)}")
            return EXIT_REJECTED
    else:
        url = paper_page_url(paper, services)
        if not is_web_url(url):
            err(f"{pid}: not an http(s) URL, not opened: {one_line(url)}")
            return EXIT_REJECTED
    print(url, file=out)
    if not webbrowser.open(url):
        err("no browser could be started (set $BROWSER); the address is above")
        return EXIT_ERROR
    return EXIT_OK


def cmd_pdf(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from readq.library.pdfs import download_pdfs

    try:
        pids = [store.resolve(i) for i in args.ids]
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    config = _config(args)
    folder = _pdf_dir(store, config, args.dir)
    library = Library(store)
    tty = sys.stderr.isatty()

    def progress(index: int, total: int, done: int, size: int | None) -> None:
        if tty:
            whole = f" of {size // 1024} KiB" if size else ""
            print(
                f"\r[{index + 1}/{total}] {done // 1024} KiB{whole}   ", end="", file=sys.stderr, flush=True
            )

    with _http(config) as http:
        try:
            result = download_pdfs(library, pids, folder, http, Services.from_env(), progress)
        except KeyboardInterrupt:
            result = None
        if tty:
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    if result is None or result.cancelled:
        err("interrupted; no partial file was left")
        return EXIT_INTERRUPTED
    for pid, path in result.saved.items():
        print(f"{pid}  saved {path}", file=out)
    for pid, path in result.present.items():
        print(f"{pid}  already on disk: {path}", file=out)
    for pid in result.no_arxiv:
        err(f"{pid}: no arXiv id, so no PDF link (readq complete may find it)")
    for pid, why in result.failed.items():
        err(f"{pid}: {why}")
    if result.failed:
        return EXIT_ERROR
    return EXIT_REJECTED if result.no_arxiv else EXIT_OK


def _query_pids(library: Library, words: list[str]) -> list[str] | None:
    from readq.query.matching import QueryError, filter_records, parse_query

    text = " ".join(words)
    try:
        query = parse_query(text)
    except QueryError as error:
        report_query_error(text, error)
        return None
    if not query.is_empty and query.needs_text:
        library.build_search_index()
    return [r.pid for r in filter_records(query, list(library.added_order()))]


def run_completion(library: Library, pids: list[str], config: Config, dry_run: bool, out: TextIO) -> int:
    """Complete ``pids`` and print what was filled and what arXiv did not know."""
    from readq.library.completion import complete

    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\rasking arXiv: {done}/{total} papers ", end="", file=sys.stderr, flush=True)

    with _http(config) as http:
        try:
            outcome = complete(library, pids, http, Services.from_env(), dry_run=dry_run, progress=progress)
        except OnlineError as error:
            if tty:
                print(file=sys.stderr)
            err(f"{error}; nothing changed")
            return EXIT_ERROR
        except (Cancelled, KeyboardInterrupt):
            err("interrupted; nothing changed")
            return EXIT_INTERRUPTED
        if tty:
            print(file=sys.stderr)
    verb = "would fill" if dry_run else "filled"
    for pid, fields in outcome.filled.items():
        found = outcome.found.get(pid)
        ident = f" (arXiv {found.arxiv_id})" if found is not None else ""
        title = one_line(library.records[pid].title)[:70]
        print(f"{pid}  {verb} {', '.join(fields)}{ident}  {title}", file=out)
    for pid in outcome.unknown:
        print(f"{pid}  not found on arXiv  {one_line(library.records[pid].title)[:70]}", file=out)
    for pid, other in outcome.elsewhere.items():
        print(f"{pid}  arXiv's paper is already in the library as {other}; not filled", file=out)
    asked = len(outcome.filled) + len(outcome.unknown) + len(outcome.elsewhere)
    summary = f"{len(outcome.filled)} of {asked} papers {verb}, {len(outcome.unknown)} not found"
    summary += f" ({outcome.requests} request{'s' if outcome.requests != 1 else ''} to arXiv)"
    if outcome.asked_today:
        summary += f"; {len(outcome.asked_today)} not found earlier today, not asked again"
    print(summary, file=out)
    return EXIT_OK


def cmd_complete(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    library = Library(store)
    pids = _query_pids(library, args.query)
    if pids is None:
        return EXIT_REJECTED
    return run_completion(library, pids, _config(args), args.dry_run, out)


def _sources(config: Config) -> list[Any]:
    from readq.library.fetching import saved_sources

    return saved_sources(config.sources.hf, config.sources.arxiv, config.sources.feeds)


def cmd_fetch(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from readq.library.fetching import FeedSource, fetch_source

    config = _config(args)
    what = list(args.what)
    day = args.date or clock.today().isoformat()
    if args.date is not None and not _DATE.fullmatch(args.date):
        err(f"--date {args.date!r}: use YYYY-MM-DD")
        return EXIT_REJECTED
    if not what:
        sources = _sources(config)
        if not sources:
            err("nothing to fetch: name one (hf, arxiv CATEGORY…, a URL) or add [sources] to the settings")
            return EXIT_REJECTED
    elif what[0] == "hf" and len(what) == 1:
        sources = [FeedSource("hf")]
    elif what[0] == "arxiv":
        if len(what) < 2:
            err("fetch arxiv needs one or more categories, like: readq fetch arxiv cs.CL cs.LG")
            return EXIT_REJECTED
        sources = [FeedSource("arxiv", "+".join(what[1:]))]
    elif all(re.match(r"https?://", w) for w in what):
        sources = [FeedSource("feed", w) for w in what]
    else:
        err(f"unknown source {what[0]!r}: use hf, arxiv CATEGORY…, or an http(s) feed URL")
        return EXIT_REJECTED
    library = Library(store)
    services = Services.from_env()
    failed = 0
    new: list[str] = []
    with _http(config) as http:
        for source in sources:
            try:
                fetched = fetch_source(library, http, services, source, day, dry_run=args.dry_run)
            except OnlineError as error:
                err(f"{source.label()}: {error}; nothing imported from it")
                failed += 1
                continue
            except (Cancelled, KeyboardInterrupt):
                err(f"{source.label()}: interrupted; nothing from it was written")
                return EXIT_INTERRUPTED
            report = fetched.report
            verb = "would import" if args.dry_run else "imported"
            print(
                f"{fetched.name}: {report.entries} entries; {verb} {len(report.new)} new, "
                f"{len(report.updated)} updated, {len(report.present)} already present",
                file=out,
            )
            new += report.new
    if new and config.complete_after_import and not args.dry_run:
        run_completion(library, new, config, False, out)
    return EXIT_ERROR if failed else EXIT_OK


def complete_new_after_import(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    """``readq import`` with ``complete_after_import = true``: import, then complete the new papers."""
    from readq.cli.cmd_library import cmd_import

    config = _config(args)
    before = set(store.catalog.ids)
    code = cmd_import(store, args, out)
    if not config.complete_after_import or args.dry_run:
        return code
    new = [pid for pid in store.catalog.ids if pid not in before]
    if new:
        completed = run_completion(Library(store), new, config, False, out)
        return code or completed
    return code

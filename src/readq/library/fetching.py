"""Fetching the day's papers instead of pasting them: Hugging Face Daily Papers, arXiv's RSS listings and
any RSS/Atom feed, imported through the one import pipeline (a preview with ``dry_run``, all or nothing, one
undoable step, de-duplicated against papers pasted earlier). Fetching the same day again changes nothing:
the digest has the same name and date, and every paper is already there.

Each function is safe in a worker thread (the client's cancel event stops it before anything is written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from readq.library.history import Step
from readq.library.service import Library
from readq.models import ParseResult
from readq.online.arxiv import fetch_rss
from readq.online.hf import daily_papers, digest_name
from readq.online.http import Http
from readq.online.services import Services
from readq.store import ImportReport

_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]+")


@dataclass
class Fetched:
    name: str  # the digest's name in the library ("hf-2026-12-04", "arxiv-cs.CL", "feed-example.org-rss")
    result: ParseResult
    report: ImportReport
    step: Step | None = None


@dataclass(frozen=True)
class FeedSource:
    """One thing ``readq fetch`` can fetch: ``kind`` is "hf", "arxiv" (``value``: categories joined by
    "+") or "feed" (``value``: its URL)."""

    kind: str
    value: str = ""

    def label(self) -> str:
        return {"hf": "Hugging Face Daily Papers", "arxiv": f"arXiv {self.value}"}.get(self.kind, self.value)


def saved_sources(hf: bool, arxiv: Sequence[str], feeds: Sequence[str]) -> list[FeedSource]:
    """The settings' ``[sources]`` as what to fetch, in that order: Hugging Face, arXiv's listing, feeds."""
    found = [FeedSource("hf")] if hf else []
    if arxiv:
        found.append(FeedSource("arxiv", "+".join(arxiv)))
    return found + [FeedSource("feed", url) for url in feeds]


def feed_name(url: str) -> str:
    parts = urlsplit(url)
    return "feed-" + (_UNSAFE.sub("-", f"{parts.netloc}{parts.path}").strip("-") or "unnamed")


def _import(library: Library, name: str, result: ParseResult, dry_run: bool) -> Fetched:
    if dry_run:
        return Fetched(name, result, library.preview_import(result, name))
    report, step = library.import_result(result, name, label=f"fetch {name}")
    return Fetched(name, result, report, step)


def fetch_hf(library: Library, http: Http, services: Services, day: str, *, dry_run: bool = False) -> Fetched:
    """That day's Hugging Face Daily Papers as the digest ``hf-DAY`` (upvotes are the papers' score)."""
    return _import(library, digest_name(day), daily_papers(http, services.hf_url, day), dry_run)


def fetch_arxiv(
    library: Library, http: Http, services: Services, categories: list[str], *, dry_run: bool = False
) -> Fetched:
    """arXiv's RSS listing of ``categories`` as the digest ``arxiv-CAT+CAT``."""
    name = "arxiv-" + "+".join(categories)
    return _import(library, name, fetch_rss(http, services.rss_url(categories)), dry_run)


def fetch_url(library: Library, http: Http, url: str, *, dry_run: bool = False) -> Fetched:
    """Any RSS or Atom feed, as the digest ``feed-HOST-PATH``."""
    return _import(library, feed_name(url), fetch_rss(http, url), dry_run)


def fetch_source(
    library: Library, http: Http, services: Services, source: FeedSource, day: str, *, dry_run: bool = False
) -> Fetched:
    """One saved source (the ``[sources]`` table of the settings; the app's import dialog offers them)."""
    if source.kind == "hf":
        return fetch_hf(library, http, services, day, dry_run=dry_run)
    if source.kind == "arxiv":
        return fetch_arxiv(library, http, services, source.value.split("+"), dry_run=dry_run)
    return fetch_url(library, http, source.value, dry_run=dry_run)


def fetched(http: Http, services: Services, source: FeedSource, day: str) -> tuple[ParseResult, str]:
    """One saved source, fetched and parsed, with the digest name it is imported under; nothing is written
    (the app previews it, then imports it like a file). Touches no library: safe in a worker thread."""
    if source.kind == "hf":
        return daily_papers(http, services.hf_url, day), digest_name(day)
    if source.kind == "arxiv":
        categories = source.value.split("+")
        return fetch_rss(http, services.rss_url(categories)), "arxiv-" + "+".join(categories)
    return fetch_rss(http, source.value), feed_name(source.value)

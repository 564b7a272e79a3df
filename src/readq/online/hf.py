"""Hugging Face Daily Papers from HF's API: ``GET /api/daily_papers?date=YYYY-MM-DD``.

The answer is a JSON list; each item has a ``paper`` object with ``id`` (the arXiv id), ``title``,
``summary``, ``authors`` (objects with a ``name``), ``upvotes`` and ``publishedAt``; the item itself repeats
``title``, ``summary`` and ``publishedAt``. Text is cleaned like any digest's. HF answers HTTP 400 for a date
it has no page for (the future).
"""

from __future__ import annotations

import json
from typing import Any

from readq.models import Entry, ParseResult, Warning_
from readq.online.http import Http, OnlineError, host_of
from readq.parsing.arxiv import arxiv_id, id_year
from readq.text.clean import clean_field

LAYOUT = "hf-api"


def digest_name(date: str) -> str:
    return f"hf-{date}"


def _text(value: Any) -> str:
    return clean_field(value) if isinstance(value, str) else ""


def _entry(item: Any, number: int) -> Entry | None:
    if not isinstance(item, dict):
        return None
    inner = item.get("paper")
    paper: dict[str, Any] = inner if isinstance(inner, dict) else item
    title = " ".join(_text(paper.get("title") or item.get("title")).split())
    if not title:
        return None
    canonical = arxiv_id(_text(paper.get("id")))
    authors = []
    for author in paper.get("authors") or ():
        name = _text(author.get("name") if isinstance(author, dict) else author)
        if name:
            authors.append(" ".join(name.split()))
    upvotes = paper.get("upvotes", item.get("upvotes"))
    published = _text(paper.get("publishedAt") or item.get("publishedAt"))[:10] or None
    abstract = _text(paper.get("summary") or item.get("summary"))
    return Entry(
        title=title,
        abstract="\n\n".join(" ".join(p.split()) for p in abstract.split("\n\n") if p.strip()),
        authors=tuple(authors),
        score=float(upvotes) if isinstance(upvotes, int | float) and not isinstance(upvotes, bool) else None,
        date=published,
        arxiv_id=canonical,
        year=id_year(canonical) if canonical else (int(published[:4]) if published else None),
        line=number,
    )


def parse_daily(data: bytes, date: str) -> ParseResult:
    """HF's JSON answer for ``date`` as a parsed digest (``line`` is the item's position, from 1)."""
    try:
        items = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"not JSON ({error})") from None
    if not isinstance(items, list):
        raise ValueError("not a list of papers")
    entries: list[Entry] = []
    warnings: list[Warning_] = []
    for number, item in enumerate(items, 1):
        entry = _entry(item, number)
        if entry is None:
            warnings.append(Warning_(number, "an item without a title; skipped"))
        else:
            entries.append(entry)
    return ParseResult(LAYOUT, tuple(entries), date, tuple(warnings), f"Hugging Face: {len(entries)} papers")


def daily_papers(http: Http, base: str, date: str) -> ParseResult:
    """That day's papers. A date HF refuses (the future) or an answer that is not the papers is an error."""
    url = f"{base}/api/daily_papers"
    host = host_of(url)
    try:
        response = http.get(url, {"date": date})
    except OnlineError as error:
        if error.status in (400, 404):
            raise OnlineError(
                host,
                f"{host} has no daily papers for {date} (HTTP {error.status}; a future date?)",
                error.status,
            ) from None
        raise
    try:
        return parse_daily(response.content, date)
    except ValueError as error:
        raise OnlineError(host, f"{host} answered something that is not the daily papers: {error}") from None

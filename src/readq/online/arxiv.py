"""The arXiv API (``/api/query``) by title and by id, and arXiv's RSS listings. Answers are read by the
feed reader that reads every Atom and RSS digest (:mod:`readq.parsing.feeds`), so arXiv's two Atom layouts
(titles wrapped over lines with extra spaces in the older one) are read the same way here as when pasted.

Many titles go in one request (``ti:"…" OR ti:"…"``), so a 100-paper digest is a handful of requests, each
at least :data:`readq.online.services.ARXIV_PACE` seconds after the one before (the client's pacer).
"""

from __future__ import annotations

from collections.abc import Sequence

from readq.models import Entry, ParseResult
from readq.online.http import Http, OnlineError, host_of
from readq.online.matching import query_phrase
from readq.parsing.feeds import parse_feed
from readq.text.clean import DigestError

TITLES_PER_REQUEST = 20
RESULTS_PER_TITLE = 10  # the API also returns longer titles containing the words asked for
IDS_PER_REQUEST = 50


def read_api(data: bytes, host: str = "arXiv") -> list[Entry]:
    """The entries of an API answer (none for an empty one); an answer that is not a feed is an error."""
    try:
        entries, _, _, _ = parse_feed(data)
    except DigestError as error:
        if "with no items" in str(error):
            return []
        raise OnlineError(host, f"{host} answered something that is not an Atom feed ({error})") from None
    return [e for e in entries if e.arxiv_id]  # the API reports a bad query as an entry without an id


def title_query(titles: Sequence[str]) -> str:
    phrases = dict.fromkeys(p for p in (query_phrase(t) for t in titles) if p)
    return " OR ".join(f'ti:"{p}"' for p in phrases)


def search_titles(http: Http, api: str, titles: Sequence[str]) -> list[Entry]:
    """One API request about ``titles``: every entry it returned (the caller picks the matches)."""
    query = title_query(titles)
    if not query:
        return []
    params = {"search_query": query, "start": "0", "max_results": str(RESULTS_PER_TITLE * len(titles))}
    return read_api(http.get(api, params).content, host_of(api))


def fetch_ids(http: Http, api: str, ids: Sequence[str]) -> list[Entry]:
    """One API request for the papers with these arXiv ids."""
    if not ids:
        return []
    params = {"id_list": ",".join(ids), "start": "0", "max_results": str(len(ids))}
    return read_api(http.get(api, params).content, host_of(api))


def fetch_rss(http: Http, url: str) -> ParseResult:
    """An RSS or Atom feed (arXiv's listing of some categories, or any feed) as a parsed digest."""
    response = http.get(url)
    try:
        entries, date, warnings, summary = parse_feed(response.content)
    except DigestError as error:
        raise OnlineError(host_of(url), f"{host_of(url)}: not a readable feed ({error})") from None
    return ParseResult("feed", tuple(entries), date, tuple(warnings), summary)

"""What every arXiv source shares: identifiers, author lists, categories and dates. Pure, stdlib only.

Identifiers
- New style ``YYMM.NNNN`` (2007-2014) or ``YYMM.NNNNN`` (2015 on), old style ``archive/YYMMNNN`` with an
  optional subject class (``math.GT/0309136``), each with an optional version ``vN``. They are found in
  ``arXiv:1406.3219``, ``arXiv: 1301.3191v2``, ``https://arxiv.org/abs/…``, ``…/pdf/….pdf``,
  ``oai:arXiv.org:…`` and INSPIRE's ``%%CITATION = ARXIV:1012.4035;%%``; :func:`arxiv_id` returns the
  canonical id without its version (``readq.identity.normalise_arxiv_id``), which is what de-duplication uses.
- :func:`id_year` is the year an id was first submitted: ``2401.01234`` -> 2024, ``cond-mat/0412498`` -> 2004.

Author lists (:func:`split_authors`), as arXiv writes them in mailings and RSS feeds
- Authors are separated by commas and by the word ``and`` (``A, B and C``, ``A and B and C``, the Oxford
  ``A, B, and C``); ``Jr.``/``Sr.``/``II``/``III`` after a comma belong to the name before.
- Parentheses holding affiliations are dropped wherever they end a name: ``Ren He (Tsinghua University)``,
  ``Ayush Noori (1,3)``, ``A. Gilad Kusne (1 and 3)``, a closing list ``((1) Univ…, (2) …)``, or one
  affiliation for everybody at the end. Commas and ``and`` inside parentheses never split. Parentheses
  inside a name (``Chun-Fu (Richard) Chen``) stay.
- ``et al.`` and ``(1271 additional authors not shown)`` set ``et_al``.
- LaTeX accents become Unicode (``Zolt\\'an`` -> ``Zoltán``) in each name.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from readq.identity import normalise_arxiv_id
from readq.parsing.latex import latex_to_text

_NEW = r"\d{4}\.\d{4,5}"
_OLD = r"[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/\d{7}"
ID_PATTERN = rf"(?:{_NEW}|{_OLD})(?:v\d+)?"
_ID_EXACT = re.compile(ID_PATTERN, re.IGNORECASE)
# An id where one is written on purpose: after "arXiv:" (any case, optional space), in an arxiv.org URL, or
# standing alone as the whole value.
_ID_IN_TEXT = re.compile(
    rf"(?:arxiv\s*:\s*|arxiv\.org/(?:abs|pdf)/|oai:arxiv\.org:)(?P<id>{ID_PATTERN})(?![\d.])",
    re.IGNORECASE,
)


def arxiv_id(value: str | None) -> str | None:
    """The canonical id (no version) when ``value`` is an arXiv id in any spelling, else None."""
    if not value:
        return None
    text = " ".join(value.split())
    if _ID_EXACT.fullmatch(text):
        return normalise_arxiv_id(text)
    found = _ID_IN_TEXT.search(text)
    if found:
        return normalise_arxiv_id(found["id"])
    return None


def exact_arxiv_id(value: str) -> str | None:
    """The canonical id when ``value`` (stripped, ``arXiv:`` prefix allowed) is nothing but an id."""
    text = value.strip()
    if text.lower().startswith("arxiv:"):
        text = text[6:].strip()
    return normalise_arxiv_id(text) if _ID_EXACT.fullmatch(text) else None


def id_year(canonical: str) -> int | None:
    """The year of first submission an id encodes; None when it is not an arXiv id."""
    digits = canonical.rsplit("/", 1)[-1]
    if not digits[:2].isdigit():
        return None
    yy = int(digits[:2])
    if "/" in canonical:
        return 1900 + yy if yy >= 91 else 2000 + yy
    return 2000 + yy


def categories(values: list[str] | tuple[str, ...]) -> str | None:
    """Categories in order, primary first, without repeats, separated by spaces (``cs.CL cs.LG``)."""
    seen = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
    return " ".join(seen) if seen else None


def count_kind(n: int, kind: str) -> str:
    """``345 new``, ``1 cross-list``, ``362 cross-lists``, ``49 replacement cross-lists``."""
    return f"{n:,} {kind}" if kind == "new" or n == 1 else f"{n:,} {kind}s"


def iso_date(text: str | None) -> str | None:
    """``Thu, 18 Dec 2025 05:03:49 GMT``, ``Tue 20 Jan 26 19:00:00 GMT`` (RFC 2822, two-digit years too) or
    ``2012-01-23T21:15:02Z`` (ISO 8601) -> ``2025-12-18``; None when unreadable. The date is the one written,
    in the time zone written."""
    if not text:
        return None
    value = " ".join(text.split())
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# -- authors --------------------------------------------------------------------------------------------

_ET_AL = re.compile(
    r"(?:,?\s*\bet\s+al\.?)?\s*(?:\(\s*\d+\s+additional\s+authors?\s+not\s+shown\s*\))?\s*$", re.IGNORECASE
)
_COMMA_OR_AND = re.compile(r",| and ")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _drop_affiliations(text: str) -> str:
    """The author list without the parenthesised groups that end a name (see the module rules)."""
    if "(" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch != "(":
            out.append(ch)
            i += 1
            continue
        depth, j = 0, i
        while j < n:
            if text[j] == "(":
                depth += 1
            elif text[j] == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= n:  # never closed: keep it as text
            out.append(ch)
            i += 1
            continue
        rest = text[j + 1 :].lstrip()
        ends_name = not rest or rest[0] in ",(" or re.match(r"and\b", rest) is not None
        if not ends_name:
            out.append(text[i : j + 1])  # a nickname inside the name
        i = j + 1
    return "".join(out)


def _split_top_level(text: str) -> list[str]:
    """Split on commas and the word ``and`` outside parentheses."""
    if "(" not in text:
        return _COMMA_OR_AND.split(text)
    parts: list[str] = []
    depth, start = 0, 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch == ",":
            parts.append(text[start:i])
            start = i + 1
        elif (
            depth == 0 and ch == " " and text.startswith(" and ", i)
            # not "and" glued to a name part ("Anderson" never matches: the spaces are required)
        ):
            parts.append(text[start:i])
            start = i + 5
            i += 5
            continue
        i += 1
    parts.append(text[start:])
    return parts


def split_authors(text: str) -> tuple[tuple[str, ...], bool]:
    """``(authors, et_al)`` from an arXiv author list (see the module rules)."""
    value = " ".join(text.split())
    if not value:
        return (), False
    stripped = _ET_AL.sub("", value)
    et_al = stripped != value
    authors: list[str] = []
    # Affiliations go before the LaTeX conversion: pylatexenc's time grows with the text, and the long
    # affiliation lists hold nothing of the names.
    for part in _split_top_level(_drop_affiliations(stripped)):
        name = latex_to_text(part)
        if name.lower().startswith("and "):
            name = name[4:].strip()
        if not name or name.lower() == "and":
            continue
        if authors and name.lower() in _SUFFIXES:
            authors[-1] = f"{authors[-1]}, {name}"
            continue
        authors.append(name)
    return tuple(authors), et_al

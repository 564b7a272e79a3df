"""What a citation knows about a paper (author names, year, URL, arXiv class) and its key; pure.

Names are split into given and family parts the way reference managers do ("Nelson F. Liu" -> family "Liu";
"Laurens van der Maaten" -> family "van der Maaten"; a single token such as "OpenAI" is kept whole as a
literal). Keys follow Better BibTeX's spirit: ``lastnameYearFirstword`` folded to ``[a-z0-9]``, made unique
with the suffixes a, b, …, z, aa, ab, … and compared without regard to case (as BBT does by default).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping

from anyascii import anyascii

from readq.models import Paper
from readq.text.person import Name, clean_text, parse_name


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_KEY = re.compile(r"[^a-z0-9]+")
# Title words skipped when choosing the key's word (articles, prepositions, conjunctions; as Better BibTeX).
STOP_WORDS = _words(
    """a an and as at but by de del der des die du for from in into la le les nor of on onto or over per so
    than the through to toward towards un una une up upon via von vs versus with within without"""
)


def paper_names(paper: Paper) -> list[Name]:
    """The paper's authors, parsed, empty names dropped."""
    names = (parse_name(a) for a in paper.authors)
    return [n for n in names if n.family or n.literal]


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


def paper_year(paper: Paper) -> int | None:
    """``paper.year``, else a four-digit year written in ``paper.date``; never guessed."""
    if paper.year:
        return paper.year
    if paper.date:
        match = _YEAR.search(paper.date)
        if match:
            return int(match.group(1))
    return None


ARXIV_ABS = "https://arxiv.org/abs/"
_ARCHIVES = _words(
    "cs math stat physics astro-ph cond-mat gr-qc hep-ex hep-lat hep-ph hep-th math-ph nlin nucl-ex nucl-th "
    "quant-ph q-bio q-fin eess econ"
)
_CS_CLASSES = _words(
    "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL "
    "RO SC SD SE SI"
)
_OTHER_CLASSES = {"ML": "stat.ML", "AS": "eess.AS", "IV": "eess.IV", "SP": "eess.SP", "SY": "eess.SY"}
_ARXIV_CATEGORY = re.compile(r"([a-z]+(?:-[a-z]+)?)(?:\.([A-Za-z]{2,3}))?")


def arxiv_class(category: str | None) -> str | None:
    """The arXiv primary class for a digest's category: "cs.CL" stays, alphaXiv's "CL" -> "cs.CL", "ML" ->
    "stat.ML", an arXiv source's list "cs.CL cs.LG" -> its first (primary) one; None when the category is not
    recognisably arXiv's."""
    value = (category or "").strip()
    tokens = value.split()
    if len(tokens) > 1 and all(
        (m := _ARXIV_CATEGORY.fullmatch(t)) is not None and m.group(1) in _ARCHIVES for t in tokens
    ):
        value = tokens[0]
    match = _ARXIV_CATEGORY.fullmatch(value)
    if match and match.group(1) in _ARCHIVES:
        return value
    if value in _CS_CLASSES:
        return f"cs.{value}"
    return _OTHER_CLASSES.get(value)


def paper_url(paper: Paper) -> str | None:
    """The arXiv abstract page when the arXiv id is known, else the paper's own URL."""
    if paper.arxiv_id:
        return ARXIV_ABS + paper.arxiv_id
    return clean_text(paper.url) if paper.url else None


def fold(text: str) -> str:
    """ASCII-folded, lowercased, only ``[a-z0-9]``: "Łukasz" -> "lukasz", "Schölkopf" -> "scholkopf"."""
    return _NOT_KEY.sub("", anyascii(text).lower())


def title_words(title: str) -> list[str]:
    """The title's words that may appear in a key: folded, stop words and empty words skipped.

    Words are separated by spaces only, so "Sample-Efficient" gives "sampleefficient"."""
    words = (fold(w) for w in clean_text(title).split(" "))
    return [w for w in words if w and w not in STOP_WORDS]


def base_key(paper: Paper) -> str:
    """The key before de-duplication: ``liu2022sample``.

    Without authors the title's first word takes the author's place and its second word the title's
    (``tokensmith2025fast``); without a year the year is left out. Nothing is invented."""
    names = paper_names(paper)
    year = paper_year(paper)
    words = title_words(paper.title)
    head = fold(names[0].family or names[0].literal) if names else ""
    if not head:
        head, words = (words[0], words[1:]) if words else ("", [])
    key = head + (str(year) if year else "") + (words[0] if words else "")
    return key or f"paper{fold(paper.id)}"


def key_suffix(n: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "ab", …"""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


KeyFunction = Callable[[Paper], str]  # a paper -> its key before de-duplication (``citekey_format``)


def make_key(paper: Paper, taken: Collection[str], base: KeyFunction | None = None) -> str:
    """A key for ``paper`` that is not in ``taken`` (compared case-insensitively): the base key, then the
    base key with a, b, c, … appended, as Better BibTeX does."""
    return _free_key(paper, {k.casefold() for k in taken}, base=base)


def _free_key(
    paper: Paper, used: Collection[str], tried: dict[str, int] | None = None, base: KeyFunction | None = None
) -> str:
    """:func:`make_key` with ``used`` already casefolded (a set: checking it is O(1), not O(library)).
    ``tried`` (base key -> suffixes already known taken) makes a run of papers sharing a base key O(1) each,
    not O(papers before it with that base)."""
    stem = (base or base_key)(paper)
    if stem.casefold() not in used:
        return stem
    n = tried.get(stem, 0) if tried is not None else 0
    while (stem + key_suffix(n)).casefold() in used:
        n += 1
    if tried is not None:
        tried[stem] = n + 1
    return stem + key_suffix(n)


def assign_keys(
    papers: Iterable[Paper], pinned: Mapping[str, str], base: KeyFunction | None = None
) -> dict[str, str]:
    """A unique key for every paper (by paper id). Pinned keys (paper id -> key, possibly for papers not in
    ``papers``) are kept exactly and never handed to another paper; the others are computed in order, from
    ``base`` (a ``citekey_format``) or readq's own :func:`base_key`."""
    keys: dict[str, str] = {}
    taken = {k.casefold() for k in pinned.values()}
    tried: dict[str, int] = {}
    for paper in papers:
        if paper.id in keys:
            continue
        key = pinned.get(paper.id)
        if key is None:
            key = _free_key(paper, taken, tried, base)
            taken.add(key.casefold())
        keys[paper.id] = key
    return keys

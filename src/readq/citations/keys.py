"""What a citation knows about a paper (author names, year, URL, arXiv class) and its key; pure.

Names are split into given and family parts the way reference managers do ("Nelson F. Liu" -> family "Liu";
"Laurens van der Maaten" -> family "van der Maaten"; a single token such as "OpenAI" is kept whole as a
literal). Keys follow Better BibTeX's spirit: ``lastnameYearFirstword`` folded to ``[a-z0-9]``, made unique
with the suffixes a, b, …, z, aa, ab, … and compared without regard to case (as BBT does by default).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from anyascii import anyascii

from readq.models import Paper
from readq.text.terminal import SEQUENCES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPACE = re.compile(r"\s+")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Last words that mark a group rather than a person ("Gemini Team"): kept whole, never split.
_GROUP_WORDS = frozenset(
    {"team", "group", "lab", "labs", "consortium", "collaboration", "project", "inc.", "ltd.", "community"}
)
# Title words skipped when choosing the key's word (articles, prepositions, conjunctions; as Better BibTeX).
STOP_WORDS = _words(
    """a an and as at but by de del der des die du for from in into la le les nor of on onto or over per so
    than the through to toward towards un una une up upon via von vs versus with within without"""
)


@dataclass(frozen=True, slots=True)
class Name:
    """One author. A person has ``family`` (with particles) and usually ``given``; a group or a mononym
    has only ``literal``."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        """The name as people write it: "Nelson F. Liu", "Martin Luther King Jr."."""
        if self.literal:
            return self.literal
        return " ".join(part for part in (self.given, self.family, self.suffix) if part)

    @property
    def initials(self) -> str:
        """APA-style initials of the given names: "Nelson F." -> "N. F."; "Jean-Pierre" -> "J.-P."."""
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(_initial(p) for p in pieces))
        return " ".join(p for p in parts if p)


def _initial(word: str) -> str:
    letters = [ch for ch in word if ch.isalpha()]
    return f"{letters[0]}." if letters else ""  # case kept: "Ha-eun" -> "H.-e."


def clean_text(text: str) -> str:
    """Terminal escape sequences dropped whole (not just their ESC: what follows is not text either), other
    control characters made spaces, and every run of whitespace (newlines too) made one space."""
    text = SEQUENCES.sub("", text)
    visible = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    return _SPACE.sub(" ", visible).strip()


def parse_name(raw: str) -> Name:
    """Split one author's name as written into its parts (see the module docstring)."""
    text = clean_text(raw)
    if not text:
        return Name()
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        if len(parts) == 2 and parts[1].lower() in _SUFFIXES:  # "Martin Luther King, Jr."
            inner = parse_name(parts[0])
            return Name(inner.family, inner.given, parts[1], inner.literal)
        if len(parts) == 2 and all(parts):  # "Liu, Nelson F."
            return Name(family=parts[0], given=parts[1])
        if len(parts) == 3 and parts[0] and parts[2]:  # BibTeX's "von Last, Jr, First"
            return Name(family=parts[0], given=parts[2], suffix=parts[1])
        return Name(literal=text)
    tokens = text.split(" ")
    if len(tokens) == 1 or tokens[-1].lower() in _GROUP_WORDS:
        return Name(literal=text)
    suffix = ""
    if len(tokens) > 2 and tokens[-1].lower() in _SUFFIXES:
        suffix = tokens.pop()
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1][:1].islower():  # particles: "van der", "de la"
        start -= 1
    return Name(family=" ".join(tokens[start:]), given=" ".join(tokens[:start]), suffix=suffix)


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


def _suffix(n: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "ab", …"""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def make_key(paper: Paper, taken: Collection[str]) -> str:
    """A key for ``paper`` that is not in ``taken`` (compared case-insensitively): the base key, then the
    base key with a, b, c, … appended, as Better BibTeX does."""
    return _free_key(paper, {k.casefold() for k in taken})


def _free_key(paper: Paper, used: Collection[str], tried: dict[str, int] | None = None) -> str:
    """:func:`make_key` with ``used`` already casefolded (a set: checking it is O(1), not O(library)).
    ``tried`` (base key -> suffixes already known taken) makes a run of papers sharing a base key O(1) each,
    not O(papers before it with that base)."""
    base = base_key(paper)
    if base.casefold() not in used:
        return base
    n = tried.get(base, 0) if tried is not None else 0
    while (base + _suffix(n)).casefold() in used:
        n += 1
    if tried is not None:
        tried[base] = n + 1
    return base + _suffix(n)


def assign_keys(papers: Iterable[Paper], pinned: Mapping[str, str]) -> dict[str, str]:
    """A unique key for every paper (by paper id). Pinned keys (paper id -> key, possibly for papers not in
    ``papers``) are kept exactly and never handed to another paper; the others are computed in order."""
    keys: dict[str, str] = {}
    taken = {k.casefold() for k in pinned.values()}
    tried: dict[str, int] = {}
    for paper in papers:
        if paper.id in keys:
            continue
        key = pinned.get(paper.id)
        if key is None:
            key = _free_key(paper, taken, tried)
            taken.add(key.casefold())
        keys[paper.id] = key
    return keys

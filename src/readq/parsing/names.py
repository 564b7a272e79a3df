"""Author names, and where an alphaXiv title ends and its author list begins.

alphaXiv glues the title to the author list with no separator::

    Are Sample-Efficient NLP Models More Robust?Nelson F. Liu, Ananya Kumar, Percy Liang et al. · stanford

How ``split_title_authors`` finds the boundary:

1. The organisation (after the last ``·``) and a trailing ``et al.`` are split off first.
2. Candidate split points are positions holding an uppercase letter directly after a character that is not
   a space and not a hyphen, in the last ``MAX_SUFFIX`` characters, and to the right of every character that
   cannot occur in an author list (digits, ``?``, ``:``, ``)``…): so titles ending in acronyms (``NLPDouwe``),
   digits (``2Hugo``), ``?`` or ``)`` all give a candidate, and no work is spent on the rest of a long line.
3. A candidate is valid when
   - the text after it parses as an author list: names separated by commas (``, and``, `` and ``, `` & ``
     too); the first name has 2–6 tokens, later names 1–6; a token is a capitalised word (hyphenated
     ``Tian-Zheng``, apostrophes ``O'Brien``, name prefixes ``McDonald`` ``DeVries`` ``LeCun`` ``MacKay``,
     accents ``Łukasz``), an initial (``F.``, ``J.-P.``), or a lowercase particle (``van``, ``der``, ``de``,
     ``la``…) that is not last; the last token of a name is a capitalised word;
   - the first author holds no camel-case token except the name-prefix kind, so a title's last word can
     never end up glued inside the first author (``…DataJohn Smith``) — later authors may (``JaeHyun Kim``);
   - the title left over is not empty and does not end in a name fragment: an initial (``J.``), a hyphen, a
     comma, or a name prefix (``Mc``, ``Mac``, ``De``, ``Le``, ``La``, ``Di``, ``O'``…; ``Van``/``Von``
     only when glued), so ``…ModelsDeAndre Jordan`` and ``…Ryan McDonald`` are never cut inside the name.
4. Among the valid candidates, one whose first author is a name already seen elsewhere in the same digest
   (``known``) wins; otherwise the rightmost. When several are valid and known names did not decide, the
   result is marked ``ambiguous`` so that the caller warns.
5. No valid candidate: ``None`` (the caller keeps the whole line as the title and warns).

Known limitation: a first author whose given name is camel-case without a known prefix (``JaeHyun Kim``) is
split as ``…Jae`` / ``Hyun Kim`` unless that exact name appears as a later author elsewhere in the digest.
Without a dictionary it cannot be told from a title that ends in a camel-case word (``…TokenSmith``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

MAX_SUFFIX = 1500  # characters of a line that may hold the author list
MAX_CANDIDATES = 64
MAX_NAME_TOKENS = 6

HYPHENS = "-\u2010\u2011"
_HYPHEN_CLASS = "\\-\u2010\u2011"  # HYPHENS, escaped for use inside [...]
APOSTROPHES = "'\u2019"
_PARTICLE_WORDS = (
    "van von der den de del della dello degli di da das dos do du la le les lo ter ten te vom zu zur"
)
PARTICLES = frozenset((*_PARTICLE_WORDS.split(), "y", "e", "bin", "ibn", "al", "el", "af", "av"))
NAME_PREFIXES = ("Mc", "Mac", "Fitz", "De", "Di", "Da", "Du", "Del", "Della", "Des", "Le", "La", "Van", "Von")
APOSTROPHE_PREFIXES = ("O", "D", "L")
_GLUED_ONLY_PREFIXES = ("Van", "Von")  # also ordinary words: only a fragment when glued to what precedes
# A title never ends in a name prefix ("…ModelsDe" + "Andre Jordan"); "Van"/"Von" only count when glued.
_PREFIX_AT_END = re.compile(
    "(?:"
    + "|".join(p for p in NAME_PREFIXES if p not in _GLUED_ONLY_PREFIXES)
    + f"|[{''.join(APOSTROPHE_PREFIXES)}][{APOSTROPHES}]"
    + f"|(?<=[^ ])(?:{'|'.join(_GLUED_ONLY_PREFIXES)})"
    + ")$"
)
_ASCII_WORD = re.compile(r"[A-Z][a-z]+")
_HYPHEN_SPLIT = re.compile(f"[{_HYPHEN_CLASS}]")
_SEPARATORS = re.compile(r" ?, ?(?:and |& )?| (?:and|&) ")
_ET_AL = re.compile(r",? ?\bet al\.?$")

WORD, CAMEL, INITIAL, PARTICLE = "word", "camel", "initial", "particle"


@dataclass(frozen=True, slots=True)
class TitleAuthors:
    title: str
    authors: tuple[str, ...]
    et_al: bool = False
    organisation: str | None = None
    ambiguous: bool = False


def _upper(ch: str) -> bool:
    return ch.isupper() or ch.istitle()


def _lower(ch: str) -> bool:
    """Lowercase letters, caseless letters and combining marks (a decomposed ``ë``)."""
    if ch.islower():
        return True
    if ch.isalpha():
        return not _upper(ch)
    return unicodedata.category(ch).startswith("M")


def _part_kind(part: str) -> str | None:
    """A hyphen-free piece of a token: a capitalised word (WORD), camel-case (CAMEL) or an initial."""
    if _ASCII_WORD.fullmatch(part):
        return WORD
    if not part or not _upper(part[0]):
        return None
    if len(part) == 1:
        return INITIAL
    if part[-1] in APOSTROPHES:
        return None
    boundaries: list[int] = []
    prev = part[0]
    for i in range(1, len(part)):
        ch = part[i]
        if ch in APOSTROPHES:
            if prev in APOSTROPHES:
                return None
        elif _upper(ch):
            if _upper(prev):
                return None  # two capitals in a row: an acronym, not a name
            boundaries.append(i)
        elif not _lower(ch):
            return None
        prev = ch
    if not boundaries:
        return WORD
    ends = [*boundaries[1:], len(part)]
    if any(end - start < 2 for start, end in zip(boundaries, ends, strict=True)):
        return None  # "McD": a capital must start a word of its own
    head = part[: boundaries[0]]
    if head in NAME_PREFIXES or (
        len(head) == 2 and head[0] in APOSTROPHE_PREFIXES and head[1] in APOSTROPHES
    ):
        return WORD if len(boundaries) == 1 else CAMEL
    return CAMEL


def _is_initials(token: str) -> bool:
    """``F.``, ``J.R.R.``, ``J.-P.``, ``Th.``"""
    if not token.endswith("."):
        return False
    for part in _HYPHEN_SPLIT.split(token):
        pieces = part.split(".")
        if len(pieces) < 2 or pieces[-1]:
            return False
        for piece in pieces[:-1]:
            if not (1 <= len(piece) <= 2 and _upper(piece[0]) and all(_lower(c) for c in piece[1:])):
                return False
    return True


@lru_cache(maxsize=4096)
def token_kind(token: str) -> str | None:
    """WORD, CAMEL, INITIAL or PARTICLE for one whitespace-free token of a name; None when it is no name."""
    if token in PARTICLES:
        return PARTICLE
    if _is_initials(token):
        return INITIAL
    parts = _HYPHEN_SPLIT.split(token)
    kind = WORD
    for index, part in enumerate(parts):
        if not part:
            return None
        part_kind = _part_kind(part)
        if part_kind is None:
            if index > 0 and _lower(part[0]) and all(_lower(c) or c in APOSTROPHES for c in part):
                part_kind = WORD  # Tian-qi
            elif index == 0 and part in PARTICLES and len(parts) > 1:
                part_kind = WORD  # al-Farabi
            else:
                return None
        if part_kind == INITIAL:
            if len(parts) > 1:
                return None
            return INITIAL
        if part_kind == CAMEL:
            kind = CAMEL
    return kind


@lru_cache(maxsize=4096)
def _name_kind(name: str, first: bool) -> str | None:
    """WORD if ``name`` reads as a person's name, CAMEL if only with a camel-case token, else None."""
    tokens = name.split(" ")
    if len(tokens) > MAX_NAME_TOKENS or (first and len(tokens) < 2):
        return None
    result = WORD
    kind: str | None = None
    for token in tokens:
        kind = token_kind(token)
        if kind is None:
            return None
        if kind == CAMEL:
            result = CAMEL
    return result if kind in (WORD, CAMEL) else None


def is_name(name: str, *, first: bool = False, strict: bool = False) -> bool:
    """Whether ``name`` reads as one person's name (``first``: needs 2+ tokens; ``strict``: no camel-case)."""
    kind = _name_kind(name, first)
    return kind is not None and not (strict and kind == CAMEL)


def _parse_authors(text: str) -> tuple[tuple[str, ...], bool] | None:
    """The names of an author list, and whether the first one is strict (no camel-case); None if no list."""
    names = _SEPARATORS.split(text.strip(" "))
    strict_first = True
    for index, name in enumerate(names):
        kind = _name_kind(name, index == 0)
        if kind is None:
            return None
        if index == 0 and kind == CAMEL:
            strict_first = False
    return tuple(names), strict_first


def parse_authors(text: str, *, strict_first: bool = True) -> tuple[str, ...] | None:
    """``"Nelson F. Liu, Ananya Kumar"`` -> its names, or None when it is not an author list."""
    parsed = _parse_authors(text)
    if parsed is None or (strict_first and not parsed[1]):
        return None
    return parsed[0]


def split_tail(line: str) -> tuple[str, bool, str | None]:
    """Split ``" · org"`` and ``" et al."`` off a title+authors line: (rest, et_al, organisation)."""
    organisation: str | None = None
    dot = line.rfind("·")
    if dot > 0:
        org = line[dot + 1 :].strip(" ")
        if 0 < len(org) <= 100:
            organisation = org
            line = line[:dot].rstrip(" ")
    et_al = False
    match = _ET_AL.search(line, max(0, len(line) - 10)) if line.endswith(("et al.", "et al")) else None
    if match:
        et_al = True
        line = line[: match.start()].rstrip(" ")
    return line, et_al, organisation


# Characters that cannot occur in an author list (digits, punctuation other than , . & ' and hyphens).
_FORBIDDEN = re.compile(f"[^\\w\u0300-\u036f ,.&{APOSTROPHES}{_HYPHEN_CLASS}]|[\\d_]")
# A letter right after a character that is neither a space nor a hyphen, and not an ASCII lowercase letter:
# the possible starts of a glued author list (non-ASCII ones are checked with str.isupper afterwards).
_GLUED_LETTER = re.compile(f"(?<=[^ {_HYPHEN_CLASS}])(?![a-z])[^\\W\\d_]")


def _title_end_ok(title: str) -> bool:
    if not title or title[-1] in HYPHENS or title[-1] in ",&":
        return False
    if (
        title[-1] == "."
        and len(title) >= 2
        and _upper(title[-2])
        and (len(title) == 2 or not _upper(title[-3]))
    ):
        return False  # ends in an initial: "… J.", "…J.-P.", "…BenchmarksJ." (but not an acronym: "NLP.")
    return _PREFIX_AT_END.search(title, max(0, len(title) - 6)) is None


def _candidates(rest: str) -> list[int]:
    """Possible split points, rightmost first (see the module docstring, rule 2)."""
    if not rest or not (rest[-1].isalpha() or _lower(rest[-1])):
        return []  # an author list ends in a letter (sentences end in a period: no work for abstracts)
    low = max(1, len(rest) - MAX_SUFFIX)
    last_forbidden = _FORBIDDEN.search(rest[: low - 1 : -1])
    if last_forbidden is not None:
        low = len(rest) - last_forbidden.start()
    found = [m.start() for m in _GLUED_LETTER.finditer(rest, low) if _upper(m.group())]
    found.reverse()
    return found[:MAX_CANDIDATES]


@dataclass(frozen=True, slots=True)
class Analysis:
    """A title+authors line taken apart once: the valid split points, to ``choose`` among (rule 4)."""

    rest: str  # the line without organisation and "et al."
    et_al: bool
    organisation: str | None
    # (split index, authors, whether the first author is strict), rightmost first
    options: tuple[tuple[int, tuple[str, ...], bool], ...]


def analyse(line: str) -> Analysis:
    rest, et_al, organisation = split_tail(line)
    options: list[tuple[int, tuple[str, ...], bool]] = []
    for i in _candidates(rest):
        if _title_end_ok(rest[:i].rstrip(" ")):
            parsed = _parse_authors(rest[i:])
            if parsed is not None:
                options.append((i, *parsed))
    return Analysis(rest, et_al, organisation, tuple(options))


def choose(analysis: Analysis, known: Collection[str] = ()) -> TitleAuthors | None:
    """The split of an analysed line: a known first author wins, else the rightmost valid split."""
    hits = [(i, authors) for i, authors, _ in analysis.options if authors[0] in known] if known else []
    if hits:
        (index, authors), ambiguous = hits[0], False
    else:
        valid = [(i, authors) for i, authors, strict in analysis.options if strict]
        if not valid:
            return None
        (index, authors), ambiguous = valid[0], len(valid) > 1
        inner = _inner_capital_split(analysis, index, authors)
        if inner is not None:
            index, authors = inner
    return TitleAuthors(
        analysis.rest[:index].rstrip(" "), authors, analysis.et_al, analysis.organisation, ambiguous
    )


# Romanised syllables of two-part (mostly Korean) given names written with an inner capital: JaeHyun,
# SeungWon, MinJi. Only a name made of two of these is read as one given name glued to a title.
_SYLLABLES = """ah bin chan chang chul da dae dong eun gi gyu ha han hee ho hoon hwa hwan hye hyeon hyo
hyuk hyun il in jae jeong ji jin jong joo joon ju jun jung ki kyu kyung mi min na sang se seo seok seon seong
seung sik so soo su sun sung tae won woo wook ye yeon yeong yong yoon young yu yun"""
GIVEN_SYLLABLES = frozenset(_SYLLABLES.split())


def _inner_capital_split(
    analysis: Analysis, index: int, authors: tuple[str, ...]
) -> tuple[int, tuple[str, ...]] | None:
    """A first name with an inner capital (``JaeHyun Kim``) glued to the title: the rightmost split would
    cut it into ``…RetrievalJae`` + ``Hyun Kim``. When a split a few letters earlier starts the same author
    with that piece (``JaeHyun Kim``) and leaves a title that ends in a plain word, that is the split."""
    rest = analysis.rest
    for j, other, _ in analysis.options:
        if j >= index or other[1:] != authors[1:]:
            continue
        piece = rest[j:index]
        title = rest[:j].rstrip(" ")
        last = title.rsplit(" ", 1)[-1]
        second = authors[0].split(" ")[0]
        if (
            other[0] == piece + authors[0]
            and piece.lower() in GIVEN_SYLLABLES  # "Jae" + "Hyun"; never "Needle" + "BenchChloé"
            and second.lower() in GIVEN_SYLLABLES
            and last.isalpha()
            and not any(_upper(ch) for ch in last[1:])  # "Retrieval", not "RetrievalJae"
        ):
            return j, other
    return None


def split_title_authors(line: str, known: Collection[str] = ()) -> TitleAuthors | None:
    """Split an alphaXiv title+authors line (see the module docstring), or None when no split is valid."""
    return choose(analyse(line), known)

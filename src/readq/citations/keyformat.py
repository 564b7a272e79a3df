"""``citekey_format``: the common core of Better BibTeX's citation-key formulas; pure.

A formula is terms joined by ``+``; each term may end in ``.lower`` or ``.upper``:

- ``auth``: the first author's family name, ASCII-folded, spaces and punctuation dropped (``LeGuin``);
- ``authEtAl``: ``Liu`` for one author, ``LiuKumar`` for two, ``LiuEtAl`` for three or more;
- ``year``: the paper's year (nothing when unknown);
- ``shorttitle(N,M)``: the first N title words that are not stop words, the first M of them capitalised
  (``shorttitle(3,3)`` -> ``SampleEfficientFine``); ``shorttitle`` alone is ``shorttitle(3,3)``;
- ``veryshorttitle``: ``shorttitle(1,0)``; ``title``: every title word that is not a stop word, capitalised;
- ``'text'``: the text itself (letters, digits and ``_:.-``).

Title words are split at spaces and punctuation (``Sample-Efficient`` is two words), as Better BibTeX does.

Example: ``auth.lower + year + shorttitle(3,3)`` -> ``liu2022SampleEfficientFine``. Without the
setting readq's own key stays (:func:`readq.citations.keys.base_key`). A paper with no author and no title
words gets ``paper`` + its id, as the default does.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from readq.citations.keys import STOP_WORDS, KeyFunction, paper_names, paper_year
from readq.models import Paper
from readq.text.person import clean_text

_TERM = re.compile(
    r"""\s*(?:'(?P<text>[^']*)'|(?P<name>[A-Za-z]+)(?:\(\s*(?P<n>\d+)\s*(?:,\s*(?P<m>\d+)\s*)?\))?)"""
    r"""(?P<mods>(?:\.(?:lower|upper))*)\s*"""
)
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_NOT_KEY_TEXT = re.compile(r"[^A-Za-z0-9_:.-]+")  # what a literal may hold (BibTeX keys allow these)
NAMES = ("auth", "authEtAl", "year", "shorttitle", "veryshorttitle", "title")


class KeyFormatError(ValueError):
    """A ``citekey_format`` readq cannot read; the message says what is wrong."""


def _ascii(text: str) -> str:
    return _NOT_ALNUM.sub("", anyascii(clean_text(text)))


def _family(paper: Paper, index: int = 0) -> str:
    names = paper_names(paper)
    if len(names) <= index:
        return ""
    name = names[index]
    return _ascii(name.family or name.literal)


def _words(paper: Paper) -> list[str]:
    words = _NOT_ALNUM.split(anyascii(clean_text(paper.title)))  # "Sample-Efficient": two words, as BBT
    return [w for w in words if w and w.lower() not in STOP_WORDS]


def _short(n: int, m: int) -> KeyFunction:
    def short(paper: Paper) -> str:
        words = _words(paper)[:n]
        return "".join(w[:1].upper() + w[1:].lower() if i < m else w.lower() for i, w in enumerate(words))

    return short


def _auth_et_al(paper: Paper) -> str:
    count = len(paper_names(paper))
    if count >= 3 or (count and paper.et_al):
        return _family(paper) + "EtAl"
    return _family(paper) + (_family(paper, 1) if count == 2 else "")


def _year(paper: Paper) -> str:
    year = paper_year(paper)
    return str(year) if year is not None else ""


def _term(name: str, n: str | None, m: str | None) -> KeyFunction:
    if name == "shorttitle":
        count = int(n) if n is not None else 3
        return _short(count, int(m) if m is not None else (count if n is None else 0))
    if n is not None:
        raise KeyFormatError(f"{name} takes no arguments")
    if name == "auth":
        return _family
    if name == "authEtAl":
        return _auth_et_al
    if name == "year":
        return _year
    if name == "veryshorttitle":
        return _short(1, 0)
    if name == "title":
        return _short(1000, 1000)
    raise KeyFormatError(f"unknown term {name!r} (known: {', '.join(NAMES)}, 'text')")


def _modified(function: KeyFunction, mods: str) -> KeyFunction:
    changes = mods.split(".")[1:]
    if not changes:
        return function

    def modified(paper: Paper) -> str:
        text = function(paper)
        for change in changes:
            text = text.lower() if change == "lower" else text.upper()
        return text

    return modified


def _literal(text: str) -> KeyFunction:
    return lambda _paper: text


def compile_key_format(formula: str) -> KeyFunction:
    """The key function of a formula (see the module docstring); raises KeyFormatError."""
    parts: list[KeyFunction] = []
    if not formula.strip():
        raise KeyFormatError("the formula is empty")
    for piece in formula.split("+"):
        match = _TERM.fullmatch(piece)
        if match is None:
            raise KeyFormatError(f"cannot read {piece.strip()!r} (terms are joined by +)")
        if match["text"] is not None:
            literal = _NOT_KEY_TEXT.sub("", match["text"])
            parts.append(_modified(_literal(literal), match["mods"]))
        else:
            parts.append(_modified(_term(match["name"], match["n"], match["m"]), match["mods"]))

    def key(paper: Paper) -> str:
        return "".join(part(paper) for part in parts) or f"paper{paper.id}"

    return key

"""Citations of papers in BibTeX, APA-style text, Markdown, plain text, CSL-JSON and RIS; pure.

A citation never invents what readq does not know: a paper without authors or a year gets a citation without
them, and :attr:`Citation.missing` says what is lacking, in short phrases the UI can show.

BibTeX output is plain ASCII: LaTeX specials are escaped, non-ASCII letters become LaTeX accents through
pylatexenc (``Sch{\\"o}lkopf``), so the entry works with classic BibTeX as well as biber; characters LaTeX has
no name for (CJK, for instance) are kept as UTF-8. Capitalised acronyms and camel-case words in titles are
braced (``{BERT}``, ``{GPT}-4``, ``{TokenSmith}``) so bibliography styles do not lowercase them.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from readq.citations.keys import (
    KeyFunction,
    arxiv_class,
    assign_keys,
    make_key,
    paper_names,
    paper_url,
    paper_year,
)
from readq.citations.tagged import csl_item, ris_record
from readq.models import Paper
from readq.text.math import MATH_SPAN, readable_math
from readq.text.person import Name, clean_text

FORMATS = ("bibtex", "apa", "markdown", "plain", "csl-json", "ris")
KEYED_FORMATS = frozenset({"bibtex", "csl-json", "ris"})

ARXIV_DOI = "10.48550/arXiv."  # arXiv's DataCite DOIs: 10.48550/arXiv.2201.01234
NO_AUTHORS = "no authors known"
SOME_AUTHORS = "author list incomplete (et al.)"
NO_YEAR = "no year known"
NO_URL = "no URL known"
_MISSING_ORDER = (NO_AUTHORS, SOME_AUTHORS, NO_YEAR, NO_URL)


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation's text, what it could not know, and the key it used (None for formats without keys)."""

    text: str
    missing: tuple[str, ...] = ()
    key: str | None = None


# ---------------------------------------------------------------------------------------------- facts


def _missing(paper: Paper, *, authors: bool = True, year: bool = True, url: bool = True) -> tuple[str, ...]:
    found: list[str] = []
    if authors:
        if not paper_names(paper):
            found.append(NO_AUTHORS)
        elif paper.et_al:
            found.append(SOME_AUTHORS)
    if year and paper_year(paper) is None:
        found.append(NO_YEAR)
    if url and paper_url(paper) is None:
        found.append(NO_URL)
    return tuple(found)


def _sentence(text: str) -> str:
    """The text ending with a full stop (unless it already ends a sentence)."""
    return text if text.endswith((".", "?", "!")) else text + "."


# --------------------------------------------------------------------------------------------- BibTeX


_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}
# Typographic punctuation has plain TeX spellings that read better than pylatexenc's macro names.
_TYPOGRAPHY = {"\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''", "\u2013": "--", "\u2014": "---"}


@functools.cache
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


def latex_escape(text: str) -> str:
    """Text for a BibTeX field: specials escaped, non-ASCII as LaTeX where LaTeX has a name for it."""
    return _latex_chars(unicodedata.normalize("NFC", clean_text(text)))


# Nothing to escape: ASCII with no special character (most words of most titles), kept as it is.
_PLAIN = re.compile("[^" + "".join(re.escape(ch) for ch in _SPECIALS) + "\x80-\U0010ffff]*")


def _latex_chars(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    out: list[str] = []
    for ch in text:
        if ch in _SPECIALS:
            out.append(_SPECIALS[ch])
        elif ch in _TYPOGRAPHY:
            out.append(_TYPOGRAPHY[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(str(_encoder().unicode_to_latex(ch)))
    return "".join(out)


_WORD_OR_CHAR = re.compile(r"[^\W_]+|.", re.DOTALL)


def _needs_case_protection(word: str, first: bool) -> bool:
    """``BERT``, ``TokenSmith``, ``iPhone``, ``T5``, ``3D``; a lone capital except as the first word."""
    if any(ch.isupper() for ch in word[1:]):
        return True
    if word[0].isupper() and any(ch.isdigit() for ch in word):
        return True
    return len(word) == 1 and word.isupper() and not first


def _balanced(tex: str) -> bool:
    depth = 0
    for ch in tex.replace("\\{", "").replace("\\}", ""):
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def bibtex_title(title: str) -> str:
    """The title escaped, with words whose capitals must survive a bibliography style put in braces; TeX
    math (``$\\alpha$``) kept as written, in braces, when its braces balance (else escaped as text)."""
    text = unicodedata.normalize("NFC", clean_text(title))
    out: list[str] = []
    at = 0
    for match in MATH_SPAN.finditer(text):
        if _balanced(match.group(0)):
            out += [_bibtex_words(text[at : match.start()], not out), "{", match.group(0), "}"]
            at = match.end()
    out.append(_bibtex_words(text[at:], not out))
    return "".join(out)


def _bibtex_words(text: str, first: bool) -> str:
    out: list[str] = []
    for piece in _WORD_OR_CHAR.findall(text):
        escaped = _latex_chars(piece)
        if piece[0].isalnum():
            out.append(f"{{{escaped}}}" if _needs_case_protection(piece, first) else escaped)
            first = False
        else:
            out.append(escaped)
    return "".join(out)


_AND = re.compile(r"\band\b", re.IGNORECASE)


def bibtex_name(name: Name) -> str:
    """ "Family, Given" (or "Family, Suffix, Given"); a group or mononym braced so BibTeX keeps it whole."""
    if name.literal or _AND.search(name.display):
        return "{" + latex_escape(name.display) + "}"
    parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
    return ", ".join(latex_escape(p) for p in parts if p)


_URL_UNSAFE = {" ": "%20", "{": "%7B", "}": "%7D", "\\": "%5C", '"': "%22"}


def bibtex_url(url: str) -> str:
    """A URL for a verbatim ``url`` field: only the characters that would break the entry are encoded."""
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in url)


def _bibtex(paper: Paper, key: str) -> str:
    fields: list[tuple[str, str]] = [("title", bibtex_title(paper.title))]
    names = paper_names(paper)
    if names:
        authors = [bibtex_name(n) for n in names] + (["others"] if paper.et_al else [])
        fields.append(("author", " and ".join(authors)))
    year = paper_year(paper)
    if year is not None:
        fields.append(("year", str(year)))
    if paper.venue:
        fields.append(("journal", latex_escape(paper.venue)))
    if paper.arxiv_id:
        fields += [("eprint", latex_escape(paper.arxiv_id)), ("archivePrefix", "arXiv")]
        primary = arxiv_class(paper.category)
        if primary:
            fields.append(("primaryClass", primary))
    if paper.doi:
        fields.append(("doi", bibtex_url(paper.doi)))
    url = paper_url(paper)
    if url:
        fields.append(("url", bibtex_url(url)))
    kind = "article" if paper.venue else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


# ------------------------------------------------------------------------------------------ text forms


def _apa_name(name: Name) -> str:
    if name.literal:
        return name.literal
    text = f"{name.family}, {name.initials}" if name.initials else name.family
    return f"{text}, {name.suffix}" if name.suffix else text


def _apa_authors(names: list[Name], et_al: bool) -> str:
    parts = [_apa_name(n) for n in names]
    if et_al:
        return ", ".join(parts) + ", et al."
    if len(parts) == 1:
        return parts[0]
    if len(parts) > 20:  # APA 7: the first nineteen, an ellipsis, the last
        return ", ".join(parts[:19]) + ", . . . " + parts[-1]
    return ", ".join(parts[:-1]) + ", & " + parts[-1]


def _apa(paper: Paper) -> str:
    names = paper_names(paper)
    year = paper_year(paper)
    preprint = bool(paper.arxiv_id) and not paper.venue
    if preprint:  # APA 7: "Title (arXiv:2201.01234). arXiv. https://doi.org/10.48550/arXiv.2201.01234"
        title = f"{readable_math(clean_text(paper.title)).rstrip('.')} (arXiv:{paper.arxiv_id})."
    else:
        title = _sentence(readable_math(clean_text(paper.title)))
    date = f"({year})." if year is not None else "(n.d.)."
    # APA moves the title to the author's place when there is no author.
    head = [_sentence(_apa_authors(names, paper.et_al)), date, title] if names else [title, date]
    venue = clean_text(paper.venue) if paper.venue else ("arXiv" if paper.arxiv_id else "")
    if venue:
        head.append(_sentence(venue))
    doi = paper.doi or (f"{ARXIV_DOI}{paper.arxiv_id}" if preprint else None)
    url = f"https://doi.org/{doi}" if doi else paper_url(paper)
    if url:
        head.append(url)
    return " ".join(head)


def _plain_authors(names: list[Name], et_al: bool) -> str:
    shown = [n.display for n in names]
    if et_al or len(shown) > 3:
        return f"{shown[0]} et al."
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _plain(paper: Paper) -> str:
    names = paper_names(paper)
    year = paper_year(paper)
    title = readable_math(clean_text(paper.title))
    when = f" ({year})" if year is not None else ""
    if names:
        authors = _plain_authors(names, paper.et_al)
        return f"{authors}{when}. {_sentence(title)}" if when else f"{_sentence(authors)} {_sentence(title)}"
    return _sentence(title + when) if when else _sentence(title)


_MD_SPECIALS = re.compile(r"([\\`*_~\[\]()<>])")
_MD_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


def markdown_escape(text: str) -> str:
    """Text safe inside a Markdown link's label: brackets, parentheses, emphasis and strike marks escaped."""
    return _MD_SPECIALS.sub(r"\\\1", text)


def _markdown(paper: Paper) -> str:
    title = markdown_escape(readable_math(clean_text(paper.title)))
    url = paper_url(paper)
    if url is None:
        return title
    return f"[{title}]({''.join(_MD_URL_UNSAFE.get(ch, ch) for ch in url)})"


# ---------------------------------------------------------------------------------------------- API


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown citation format {fmt!r}: choose one of {', '.join(FORMATS)}")


def _text(paper: Paper, fmt: str, key: str) -> str:
    if fmt == "bibtex":
        return _bibtex(paper, key)
    if fmt == "apa":
        return _apa(paper)
    if fmt == "markdown":
        return _markdown(paper)
    if fmt == "plain":
        return _plain(paper)
    if fmt == "ris":
        return ris_record(paper, key)
    return json.dumps([csl_item(paper, key)], ensure_ascii=False, indent=2)


def _missing_for(paper: Paper, fmt: str) -> tuple[str, ...]:
    if fmt == "markdown":  # a link needs only a title and a URL
        return _missing(paper, authors=False, year=False)
    if fmt == "plain":  # a short reference: no URL, and "et al." is its own style
        found = _missing(paper, url=False)
        return tuple(m for m in found if m != SOME_AUTHORS)
    return _missing(paper)


def cite(paper: Paper, fmt: str, *, key: str | None = None, base: KeyFunction | None = None) -> Citation:
    """``paper`` cited in ``fmt`` (one of :data:`FORMATS`). Keyed formats (BibTeX, CSL-JSON, RIS) use
    ``key``, or compute one (:func:`readq.citations.keys.make_key`); the key used is returned for pinning."""
    _check(fmt)
    used = (key or make_key(paper, (), base)) if fmt in KEYED_FORMATS else None
    return Citation(_text(paper, fmt, used or ""), _missing_for(paper, fmt), used)


def cite_many(
    papers: Sequence[Paper],
    fmt: str,
    keys: Mapping[str, str] | None = None,
    base: KeyFunction | None = None,
) -> Citation:
    """Several papers in one text: BibTeX entries and APA/plain references separated by blank lines or
    newlines, CSL-JSON as one array, RIS records one after another, Markdown as a bulleted list.

    ``keys`` maps paper ids to keys (pinned ones, typically from :func:`readq.citations.keys.assign_keys`);
    papers without one get a fresh unique key. A paper listed twice is cited once. ``missing`` counts the
    papers lacking each thing."""
    _check(fmt)
    papers = list({p.id: p for p in papers}.values())
    all_keys = assign_keys(papers, keys or {}, base)  # other papers' pinned keys are never reused
    if len(papers) == 1:
        return cite(papers[0], fmt, key=all_keys[papers[0].id])
    if fmt == "csl-json":
        items = [csl_item(p, all_keys[p.id]) for p in papers]
        text = json.dumps(items, ensure_ascii=False, indent=2)
    else:
        parts = [_text(p, fmt, all_keys[p.id]) for p in papers]
        if fmt == "markdown":
            parts = [f"- {part}" for part in parts]
        text = ("\n\n" if fmt in ("bibtex", "ris") else "\n").join(parts)
    counts = Counter(m for p in papers for m in _missing_for(p, fmt))
    missing = tuple(f"{m} for {counts[m]} of {len(papers)} papers" for m in _MISSING_ORDER if counts[m])
    return Citation(text, missing, None)

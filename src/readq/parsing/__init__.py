"""Digest parsing: text in, ``ParseResult`` out. Pure (no I/O, no Textual).

Public API: ``LAYOUTS``, ``DigestError``, ``Progress``, ``decode``, ``detect``, ``parse``, ``parse_bytes``,
``clean_field``.

Layouts: the digests people paste (``hf-blank``, ``hf-compact``, ``alphaxiv``; stdlib only), arXiv's daily
listing e-mails (``arxiv-mailing``, :mod:`readq.parsing.mailing`), RSS and Atom feeds (``feed``,
:mod:`readq.parsing.feeds`, defusedxml) and BibTeX files (``bibtex``, :mod:`readq.parsing.bibtex`,
bibtexparser), CSL-JSON (``csl-json``, :mod:`readq.parsing.csl`) and RIS (``ris``, :mod:`readq.parsing.ris`).
The long parsers report progress through an optional ``progress(done, total)`` callback that
may raise to cancel.

Every line is cleaned before anything else looks at it (``text.split_lines``): CRLF and CR line endings become
LF, terminal control characters and escape sequences are removed (one warning per affected line), tabs, NBSP
and other Unicode spaces become plain spaces, and surrounding spaces go.

Detection rules (``detect``), first match wins:
0. An XML document whose root is ``rss``, ``rdf:RDF`` or ``feed``: **feed**. A ``\\\\`` line followed by an
   ``arXiv:ID`` line: **arxiv-mailing**. A JSON array of CSL items: **csl-json**. A first line ``TY  - ``:
   **ris**. An ``@type{key,`` line with at least one readable entry: **bibtex**.
1. Fewer than two non-blank lines: ``DigestError`` (empty text, whitespace, a single line).
2. Hugging Face header at the top (only chrome lines, a date line and blank lines before the first title):
   - ``Subscribe`` glued to a title (``SubscribeDoubly…``): **hf-compact**;
   - otherwise, with a strong sign (a ``Get trending papers…``/``byAK…`` line or a date line such as
     ``Mar 11``): **hf-blank** when the body's lines sit in blocks of one or two lines separated by blank
     lines, else **hf-compact**.
   The entries must also be plausible (``huggingface.plausibility``: abstracts average >= 100 characters,
   at most a fifth of the titles over 300 characters, ending in a period or starting like Markdown; and at
   most a fifth of them alphaXiv meta lines, which means an alphaXiv listing pasted under an HF header).
   ``new`` and ``Subscribe`` alone are too common to count as a sign.
3. **alphaxiv** when the alphaXiv parse finds at least one title with a valid author split (or a meta
   line), such entries make up at least half of all entries, and at least one entry has an abstract.
4. Otherwise ``DigestError``: "no paper entries found: this does not look like a Hugging Face or alphaXiv
   digest, an arXiv mailing, an RSS/Atom feed or a BibTeX file", with the reason for the closest layout.

A README, Markdown or prose is rejected by these rules: it has no HF header (or, under a stray date line,
its "titles" are sentences or Markdown), and its lines do not end in author lists.
"""

from __future__ import annotations

from dataclasses import replace

from readq.models import Entry, ParseResult, Warning_
from readq.parsing.alphaxiv import parse_alphaxiv, parse_meta
from readq.parsing.bibtex import looks_like_bibtex, parse_bibtex
from readq.parsing.csl import looks_like_csl_json, parse_csl_json
from readq.parsing.feeds import feed_bytes, looks_like_feed, parse_feed
from readq.parsing.huggingface import (
    SHORT_ABSTRACTS,
    body_is_blank_separated,
    parse_blank,
    parse_compact,
    plausibility,
    read_header,
)
from readq.parsing.mailing import count_blocks, parse_mailing
from readq.parsing.ris import looks_like_ris, parse_ris
from readq.text.clean import DigestError, Progress, clean_field, decode, indentation, split_lines
from readq.text.mojibake import mojibake
from readq.text.terminal import one_line
from readq.text.urls import web_url

__all__ = [
    "LAYOUTS",
    "DigestError",
    "Progress",
    "clean_field",
    "decode",
    "detect",
    "parse",
    "parse_bytes",
]

LAYOUTS = ("hf-blank", "hf-compact", "alphaxiv", "arxiv-mailing", "feed", "bibtex", "csl-json", "ris")
_SOURCES = ("feed", "arxiv-mailing", "bibtex", "csl-json", "ris")

_NOT_A_DIGEST = (
    "no paper entries found: this does not look like a Hugging Face or alphaXiv digest, an arXiv mailing, "
    "an RSS/Atom feed, a BibTeX file, CSL-JSON or RIS"
)

_Parsed = tuple[list[Entry], str | None, list[Warning_]]


def _parse_layout(lines: list[str], layout: str) -> _Parsed:
    if layout == "hf-blank":
        return parse_blank(lines)
    if layout == "hf-compact":
        return parse_compact(lines)
    entries, warnings = parse_alphaxiv(lines)
    return entries, None, warnings


def _alphaxiv_reason(entries: list[Entry]) -> str | None:
    if not entries:
        return "no alphaXiv entries"
    good = sum(1 for e in entries if e.authors or e.score is not None or e.date is not None)
    if good == 0:
        return "no line ends in an author list and there are no alphaXiv meta lines"
    if good * 2 < len(entries):
        return "most would-be titles have no author list"
    if not any(e.abstract for e in entries):
        return "no abstracts"
    return None


def _detect(lines: list[str]) -> tuple[str, _Parsed]:
    nonblank = sum(1 for line in lines if line)
    if nonblank == 0:
        raise DigestError(f"{_NOT_A_DIGEST} (the text is empty)")
    if nonblank == 1:
        raise DigestError(f"{_NOT_A_DIGEST} (the text is a single line)")
    reasons: list[str] = []
    header = read_header(lines)
    if header.strong:
        if header.glued is not None or not body_is_blank_separated(lines, header):
            layout = "hf-compact"
        else:
            layout = "hf-blank"
        parsed = _parse_layout(lines, layout)
        reason = plausibility(parsed[0])
        if reason is None and sum(parse_meta(e.title) is not None for e in parsed[0]) * 5 > len(parsed[0]):
            reason = "the would-be titles are alphaXiv meta lines"
        if reason is None:
            return layout, parsed
        if (
            reason == SHORT_ABSTRACTS
            and header.unmistakable
            and plausibility(parsed[0], short_ok=True) is None
        ):
            # Hugging Face's own page words decide the layout; short abstracts only deserve a word
            entries, date, warnings = parsed
            doubt = Warning_(0, f"a Hugging Face page, but {reason}: check that each paper has its abstract")
            return layout, (entries, date, [doubt, *warnings])
        reasons.append(f"{layout}: {reason}")
    parsed = _parse_layout(lines, "alphaxiv")
    reason = _alphaxiv_reason(parsed[0])
    if reason is None:
        return "alphaxiv", parsed
    if not header.strong:
        reasons.append("no Hugging Face page header or date line")
    reasons.append(f"alphaxiv: {reason}")
    raise DigestError(f"{_NOT_A_DIGEST} ({'; '.join(reasons)})")


def _source_layout(text: str, lines: list[str]) -> str | None:
    """The arXiv/feed/BibTeX layout of a text, if it is one of those (rule 0)."""
    if looks_like_feed(text):
        return "feed"
    if looks_like_csl_json(text):
        return "csl-json"
    if looks_like_ris(text):
        return "ris"
    if count_blocks(lines, limit=1):
        return "arxiv-mailing"
    if looks_like_bibtex("\n".join(lines)):
        return "bibtex"
    return None


def detect(text: str) -> str:
    """The layout of ``text`` (one of ``LAYOUTS``); ``DigestError`` when it is no digest at all."""
    return parse(text).layout


def _parse_source(
    text: str, lines: list[str], layout: str, progress: Progress | None
) -> tuple[list[Entry], str | None, list[Warning_], str]:
    if layout == "feed":
        return parse_feed(feed_bytes(text), progress)
    if layout == "arxiv-mailing":
        return parse_mailing(lines, indentation(text), progress)
    if layout == "csl-json":
        return parse_csl_json(text)
    if layout == "ris":
        return parse_ris(text)
    normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return parse_bibtex(normalised, progress)


def _check_layout(layout: str | None) -> None:
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")


def _checked_links(entries: list[Entry]) -> tuple[list[Entry], list[Warning_]]:
    """Keep only links readq may open (:func:`readq.text.urls.web_url`); say which were dropped, by line."""
    kept: list[Entry] = []
    dropped: list[Warning_] = []
    for entry in entries:
        if entry.url is None:
            kept.append(entry)
            continue
        url = web_url(entry.url)
        if url != entry.url:
            if url is None:
                shown = one_line(entry.url)
                shown = shown if len(shown) <= 60 else shown[:59] + "…"
                dropped.append(Warning_(entry.line, f"link {shown!r} dropped: only http(s) links are kept"))
            entry = replace(entry, url=url)
        kept.append(entry)
    return kept, dropped


def _mojibake_warnings(entries: list[Entry]) -> list[Warning_]:
    """A warning, with the entry's line, for each field that looks mis-decoded before readq read it (kept
    as it is: see :mod:`readq.text.mojibake`)."""
    found: list[Warning_] = []
    for entry in entries:
        fields = (("title", entry.title), ("authors", "; ".join(entry.authors)), ("abstract", entry.abstract))
        for name, value in fields:
            seen = mojibake(value[:20_000])
            if seen is not None:
                word, fixed = (one_line(w)[:40] for w in seen)
                found.append(
                    Warning_(
                        entry.line,
                        f"the {name} looks mis-decoded before it reached readq ({word!r}, probably "
                        f"{fixed!r}); kept as it is",
                    )
                )
    return found


def parse(text: str, layout: str | None = None, *, progress: Progress | None = None) -> ParseResult:
    """Parse a digest, detecting its layout unless ``layout`` names one of ``LAYOUTS``."""
    _check_layout(layout)
    lines, warnings = split_lines(text)
    summary = ""
    source = _source_layout(text, lines) if layout is None else layout
    parsed: _Parsed | None = None
    if source is not None and source in _SOURCES:
        entries, date, more, summary = _parse_source(text, lines, source, progress)
        if source == "feed":
            warnings = []  # the XML parser reads the text itself
        if entries or layout is not None or source != "bibtex":
            if not entries:
                raise DigestError(f"no paper entries found in the {source} layout")
            layout, parsed = source, (entries, date, more)
        # else: "@type{key," lines but no readable entry: the digest rules judge
    if parsed is None:
        if layout is None:
            layout, parsed = _detect(lines)
        else:
            parsed = _parse_layout(lines, layout)
            if not parsed[0]:
                raise DigestError(f"no paper entries found in the {layout} layout")
    assert layout is not None  # set with ``parsed``
    entries, date, more = parsed
    entries, dropped = _checked_links(entries)
    warnings = sorted([*warnings, *more, *dropped, *_mojibake_warnings(entries)], key=lambda w: w.line)
    return ParseResult(layout, tuple(entries), date, tuple(warnings), summary)


def parse_bytes(data: bytes, layout: str | None = None, *, progress: Progress | None = None) -> ParseResult:
    """``decode`` then ``parse``; all warnings together, in line order. A feed's bytes go to the XML parser
    as they are, so that its own encoding declaration is honoured."""
    _check_layout(layout)
    if layout == "feed" or (layout is None and looks_like_feed(data)):
        entries, date, warnings, summary = parse_feed(data, progress)
        entries, dropped = _checked_links(entries)
        warnings = sorted([*warnings, *dropped, *_mojibake_warnings(entries)], key=lambda w: w.line)
        return ParseResult("feed", tuple(entries), date, tuple(warnings), summary)
    text, warnings = decode(data)
    result = parse(text, layout, progress=progress)
    if not warnings:
        return result
    combined = sorted([*warnings, *result.warnings], key=lambda w: w.line)
    return ParseResult(result.layout, result.entries, result.digest_date, tuple(combined), result.summary)

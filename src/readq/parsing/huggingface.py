"""Hugging Face Daily Papers digests: the blank-line layout and the compact layout.

Both start with page chrome: ``new``, ``Get trending papers in your email inbox!`` (or ``… once a day!``),
``Subscribe``, ``byAK and the research community``; any of those may be missing. The blank-line layout then
has a digest date line (``Mar 11``, kept as written) and blocks separated by blank lines: a title line, then
one abstract paragraph. The compact layout has no blank lines and no date: ``Subscribe`` is glued to the
first title (``SubscribeDoubly Robust…``), then title and abstract lines alternate.

Pairing rules (both layouts): units alternate title, abstract. A unit is a block of lines in the blank-line
layout (a wrapped abstract is joined with spaces; a block holding a title line and more lines is a title and
its abstract) and a line in the compact layout.
- Where an abstract is due but the unit is title-like (one line, at most ``TITLE_MAX`` characters, no final
  period) and the unit after it is abstract-like (at least ``ABSTRACT_LONG`` characters, or 100 and a final
  period), the title above has no abstract: it is kept with an empty abstract and a warning.
- Where a title is due but the unit is longer than ``TITLE_MAX``, it is a stray paragraph: it is joined to the
  abstract above, with a warning.
- A title with no abstract at the end: kept, empty abstract, warning.
- Chrome lines and repeated date lines inside the body are skipped (a repeated date with a warning).

``plausibility`` is what detection uses to tell a real digest from prose that happens to sit under a date:
abstracts average at least 100 characters, and at most a fifth of the titles are longer than ``TITLE_MAX``,
end with a period, or start like Markdown (``#``, ``-``, ``*``, ``>``, ``|``, a code fence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readq.models import Entry, Warning_
from readq.text.clean import is_month

TITLE_MAX = 300
ABSTRACT_LONG = 300
ABSTRACT_MIN_AVERAGE = 100
SHORT_ABSTRACTS = "the paragraphs are too short to be abstracts"

STRONG_CHROME = ("get trending papers", "byak and the research community", "by ak and the research community")
WEAK_CHROME = frozenset({"new", "subscribe"})
_DATE = re.compile(r"(?P<month>[A-Z][a-z]{2,8})\.? \d{1,2}(?:, \d{4})?")
_GLUED_SUBSCRIBE = re.compile(r"Subscribe(?=\S)")
_MARKDOWN_START = re.compile(r"(?:#|[-*+>|] |```|~~~|\d+[.)] |!?\[[^\]]*\]\()")


def is_date_line(line: str) -> bool:
    match = _DATE.fullmatch(line)
    return match is not None and is_month(match["month"])


def is_chrome(line: str) -> bool:
    low = line.casefold()
    return low in WEAK_CHROME or low.startswith(STRONG_CHROME)


def _is_strong_chrome(line: str) -> bool:
    return line.casefold().startswith(STRONG_CHROME)


def glued_title(line: str) -> str | None:
    """``SubscribeDoubly Robust…`` -> ``Doubly Robust…`` (a title starting with a capital, digit or symbol, or
    a camel-case word such as ``iPhone``); None otherwise."""
    if not _GLUED_SUBSCRIBE.match(line):
        return None
    rest = line[len("Subscribe") :]
    first_word = rest.split(" ", 1)[0]
    if rest[0].islower() and not any(c.isupper() for c in first_word):
        return None
    return rest


@dataclass
class Header:
    """The chrome at the top: where the body starts, the digest date, and how sure we are it is HF."""

    body_start: int = 0
    date: str | None = None
    strong: bool = False  # a long chrome line, a date line, or "Subscribe" glued to a title
    unmistakable: bool = False  # Hugging Face's own words ("Get trending papers…") or a glued "Subscribe"
    glued: tuple[int, str] | None = None  # (0-based line, title) of "SubscribeTitle"
    chrome_lines: int = 0


def read_header(lines: list[str]) -> Header:
    header = Header()
    for index, line in enumerate(lines):
        if not line:
            continue
        if is_chrome(line):
            header.chrome_lines += 1
            header.strong = header.strong or _is_strong_chrome(line)
            header.unmistakable = header.unmistakable or _is_strong_chrome(line)
        elif header.date is None and is_date_line(line):
            header.date = line
            header.strong = True
        else:
            title = glued_title(line)
            if title is not None:
                header.glued = (index, title)
                header.strong = header.unmistakable = True
                header.body_start = index + 1
            else:
                header.body_start = index
            return header
    header.body_start = len(lines)
    return header


@dataclass
class _Unit:
    line: int  # 1-based line of the unit's first line
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _title_like(unit: _Unit) -> bool:
    return len(unit.lines) == 1 and len(unit.lines[0]) <= TITLE_MAX and not unit.lines[0].endswith(".")


def _abstract_like(unit: _Unit) -> bool:
    text = unit.text
    return len(text) >= ABSTRACT_LONG or (len(text) >= 100 and text.endswith("."))


def _units(lines: list[str], header: Header, *, blocks: bool) -> list[_Unit]:
    units: list[_Unit] = []
    if header.glued is not None:
        units.append(_Unit(header.glued[0] + 1, [header.glued[1]]))
    current: _Unit | None = None
    for index in range(header.body_start, len(lines)):
        line = lines[index]
        if not line:
            current = None
            continue
        if blocks and current is not None:
            current.lines.append(line)
            continue
        current = _Unit(index + 1, [line])
        units.append(current)
    return units


def _pair(units: list[_Unit], date: str | None, warnings: list[Warning_]) -> list[Entry]:
    entries: list[Entry] = []
    pending: _Unit | None = None  # a title waiting for its abstract
    for k, unit in enumerate(units):
        if pending is None:
            text = unit.text
            if len(unit.lines) == 1 and _is_strong_chrome(text):
                continue
            if len(unit.lines) == 1 and is_date_line(text):
                warnings.append(
                    Warning_(
                        unit.line,
                        f"another digest date {text!r} ignored"
                        + (f" (the digest is dated {date!r})" if date else ""),
                    )
                )
                continue
            if len(unit.lines) > 1:
                entries.append(Entry(unit.lines[0], " ".join(unit.lines[1:]), line=unit.line))
                continue
            if entries and len(text) > TITLE_MAX:
                last = entries[-1]
                joined = f"{last.abstract} {text}" if last.abstract else text
                entries[-1] = Entry(last.title, joined, line=last.line)
                warnings.append(
                    Warning_(
                        unit.line,
                        "paragraph with no title before it joined to the abstract "
                        f"of the paper on line {last.line}",
                    )
                )
                continue
            pending = unit
            continue
        after = units[k + 1] if k + 1 < len(units) else None
        if _title_like(unit) and not _abstract_like(unit) and after is not None and _abstract_like(after):
            warnings.append(Warning_(pending.line, "title without abstract (the next line is another title)"))
            entries.append(Entry(pending.text, "", line=pending.line))
            pending = unit
            continue
        entries.append(Entry(pending.text, unit.text, line=pending.line))
        pending = None
    if pending is not None:
        warnings.append(Warning_(pending.line, "title without abstract at end of digest"))
        entries.append(Entry(pending.text, "", line=pending.line))
    return entries


def parse_blank(lines: list[str]) -> tuple[list[Entry], str | None, list[Warning_]]:
    """The blank-line layout: (entries, digest date, warnings)."""
    header = read_header(lines)
    warnings: list[Warning_] = []
    entries = _pair(_units(lines, header, blocks=True), header.date, warnings)
    return entries, header.date, warnings


def parse_compact(lines: list[str]) -> tuple[list[Entry], str | None, list[Warning_]]:
    """The compact layout (blank lines, if any, are ignored): (entries, digest date, warnings)."""
    header = read_header(lines)
    warnings: list[Warning_] = []
    entries = _pair(_units(lines, header, blocks=False), header.date, warnings)
    return entries, header.date, warnings


def body_is_blank_separated(lines: list[str], header: Header) -> bool:
    """Whether the body's non-blank lines sit in blocks of one or two lines (blank-line layout)."""
    units = _units(lines, header, blocks=True)
    nonblank = sum(len(u.lines) for u in units)
    return len(units) > 1 and nonblank <= 2 * len(units)


def plausibility(entries: list[Entry], *, short_ok: bool = False) -> str | None:
    """None when the entries look like a paper digest, else the reason they do not. ``short_ok``: short
    paragraphs are no reason (Hugging Face's own page words already said what this is)."""
    if not entries:
        return "no title and abstract pairs"
    abstracts = [len(e.abstract) for e in entries if e.abstract]
    if not abstracts:
        return "no abstracts"
    if not short_ok and sum(abstracts) / len(abstracts) < ABSTRACT_MIN_AVERAGE:
        return SHORT_ABSTRACTS
    odd = sum(
        1
        for e in entries
        if len(e.title) > TITLE_MAX or e.title.endswith(".") or _MARKDOWN_START.match(e.title) is not None
    )
    if odd * 5 > len(entries):
        return "the would-be titles read like prose or Markdown, not paper titles"
    return None

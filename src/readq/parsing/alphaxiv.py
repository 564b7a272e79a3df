"""alphaXiv listings: an optional meta line, a title glued to its authors, an abstract line, per paper.

Meta line: score, arXiv category letters, date, optional ``Code`` marker, glued (spaces tolerated):
``21.6CLOct 12, 2022``, ``13.7LGJun 2``, ``13.9CLOct 22, 2025Code``. The score may be an integer (or carry
a ``k`` for thousands), the category has 2–4 capitals, the month is an English month name or abbreviation,
the year is optional. It gives ``Entry.score``, ``category``, ``date`` (as written), ``code`` and ``year``
(when the date has one). A line is a meta line only when it has a date and a score or a category.

The title line is split by ``readq.parsing.names``; names that appear as later authors (after a comma) in
any valid split of any line of the digest are ``known`` names, and a split whose first author is a known
name wins (this settles most ambiguous boundaries in listings, where the same people recur).

Structure rules (blank lines, and Hugging Face page chrome before the first paper, are ignored):
- A line after a meta line is a title line. A line after a title line is its abstract, unless it is a meta
  line or clearly another title line (``looks_like_title_line``); then the title above has no abstract: it is
  kept with an empty abstract and a warning.
- A title line with no valid author split keeps the whole line as the title, with a warning.
- Where a title is due (no meta line before it) but the line has no author split and reads like prose
  (``PROSE_MIN`` characters or more), it is a second abstract paragraph: joined to the abstract above, with
  a warning.
- A title without abstract at the end, or a meta line with no title, gives a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readq.models import Entry, Warning_
from readq.parsing.huggingface import is_chrome
from readq.parsing.names import TitleAuthors, analyse, choose, split_title_authors
from readq.text.clean import is_month

PROSE_MIN = 300
META_MAX = 60

_META = re.compile(
    r"(?P<score>\d{1,6}(?:\.\d{1,3})?)?(?P<k>k)? ?(?P<category>[A-Z]{2,4})? ?"
    r"(?P<date>(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2})(?:, ?(?P<year>\d{4}))?) ?(?P<code>Code)?"
)


@dataclass(frozen=True, slots=True)
class Meta:
    line: int
    score: float | None
    category: str | None
    date: str
    year: int | None
    code: bool


def parse_meta(line: str, number: int = 0) -> Meta | None:
    """A meta line's fields, or None when ``line`` is not one."""
    if len(line) > META_MAX:
        return None
    match = _META.fullmatch(line)
    if match is None or not is_month(match["month"]) or not (match["score"] or match["category"]):
        return None
    if match["k"] and not match["score"]:
        return None
    score = float(match["score"]) * (1000 if match["k"] else 1) if match["score"] else None
    year = int(match["year"]) if match["year"] else None
    return Meta(number, score, match["category"], match["date"], year, bool(match["code"]))


def looks_like_title_line(line: str) -> bool:
    """A title glued to a plausible author list, not a sentence that happens to end in names."""
    split = split_title_authors(line)
    if split is None:
        return False
    return split.et_al or split.organisation is not None or not line.endswith(".")


@dataclass
class _Raw:
    line: int
    text: str
    meta: Meta | None
    abstract: str = ""


def _structure(lines: list[str], warnings: list[Warning_]) -> list[_Raw]:
    records: list[_Raw] = []
    meta: Meta | None = None
    current: _Raw | None = None
    for index, line in enumerate(lines):
        if not line or (not records and current is None and meta is None and is_chrome(line)):
            continue  # blank, or Hugging Face page chrome pasted above the listing
        number = index + 1
        found = parse_meta(line, number)
        if found is not None:
            if current is not None:
                warnings.append(Warning_(current.line, "title without abstract (a meta line follows it)"))
                records.append(current)
                current = None
            if meta is not None:
                warnings.append(Warning_(meta.line, "meta line without a title; ignored"))
            meta = found
            continue
        if current is not None:
            if looks_like_title_line(line):
                warnings.append(
                    Warning_(
                        current.line, "title without abstract (the next line is another title with authors)"
                    )
                )
                records.append(current)
                current = None
            else:
                current.abstract = line
                records.append(current)
                current = None
                continue
        if meta is None and records and len(line) >= PROSE_MIN and split_title_authors(line) is None:
            last = records[-1]
            last.abstract = f"{last.abstract} {line}" if last.abstract else line
            warnings.append(
                Warning_(
                    number,
                    "paragraph with no title before it joined to the abstract of the "
                    f"paper on line {last.line}",
                )
            )
            continue
        current = _Raw(number, line, meta)
        meta = None
    if current is not None:
        warnings.append(Warning_(current.line, "title without abstract at end of digest"))
        records.append(current)
    if meta is not None:
        warnings.append(Warning_(meta.line, "meta line without a title at end of digest; ignored"))
    return records


def _entry(record: _Raw, split: TitleAuthors | None) -> Entry:
    meta = record.meta
    return Entry(
        title=split.title if split else record.text,
        abstract=record.abstract,
        authors=split.authors if split else (),
        et_al=split.et_al if split else False,
        organisation=split.organisation if split else None,
        score=meta.score if meta else None,
        category=meta.category if meta else None,
        date=meta.date if meta else None,
        code=meta.code if meta else False,
        year=meta.year if meta else None,
        line=record.line,
    )


def parse_alphaxiv(lines: list[str]) -> tuple[list[Entry], list[Warning_]]:
    """alphaXiv entries and warnings from cleaned lines."""
    warnings: list[Warning_] = []
    records = _structure(lines, warnings)
    analyses = [analyse(r.text) for r in records]
    # Later authors (after a comma) of every valid split of every line: names whose start is certain.
    known = frozenset(
        name for analysis in analyses for _, authors, _ in analysis.options for name in authors[1:]
    )
    entries: list[Entry] = []
    for record, analysis in zip(records, analyses, strict=True):
        split = choose(analysis, known)
        if split is None:
            warnings.append(
                Warning_(
                    record.line,
                    "could not find where the title ends and the authors begin; "
                    "kept the whole line as the title",
                )
            )
        elif split.ambiguous:
            warnings.append(
                Warning_(
                    record.line,
                    "the title/author boundary is ambiguous; guessed that the "
                    f"authors start at {split.authors[0]!r}",
                )
            )
        entries.append(_entry(record, split))
    return entries, warnings

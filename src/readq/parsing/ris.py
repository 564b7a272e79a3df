"""RIS (the "ris" layout): the tagged format of Zotero, Mendeley, EndNote, journals and readq; pure.

Records are ``TAG  - value`` lines from ``TY`` to ``ER``; a line without a tag continues the previous value.
Per record: ``ID`` -> the pinned citation key; ``TI``/``T1`` title; ``AU``/``A1`` names (``Family, Given``
or ``Family, Given, Suffix``; a name without a comma is split like any other); ``PY``/``Y1``/``DA`` year
(and month, ``2022/01/05/``); ``JO``/``JF``/``T2``/``JA`` venue unless it just says arXiv; ``DO``; ``UR``;
``AB``/``N2``; the arXiv id from ``AN`` (``arXiv:2201.01234``), the URL, an ``N1`` note or arXiv's DOI.

Warnings (with line numbers): a record without a title (skipped), text before the first ``TY`` or after an
``ER`` that is not a tag (ignored), a record cut off without ``ER`` (read).
"""

from __future__ import annotations

import re

from readq.models import Entry, Warning_
from readq.parsing.references import reference_entry
from readq.text.clean import DigestError
from readq.text.person import Name, parse_name

_TAG = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]) {1,2}-(?: (?P<value>.*))?$")  # some writers put one space
_YEAR = re.compile(r"^\s*(?P<year>\d{4})(?:[/-](?P<month>\d{1,2}))?")
TITLE_TAGS = ("TI", "T1")
AUTHOR_TAGS = ("AU", "A1")
DATE_TAGS = ("PY", "Y1", "DA")
VENUE_TAGS = ("JO", "JF", "T2", "JA")
ABSTRACT_TAGS = ("AB", "N2")


def looks_like_ris(text: str) -> bool:
    """The first non-blank line is a ``TY  - `` tag: the test detection uses."""
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            return _TAG.match(line.strip()) is not None and line.strip().startswith("TY")
    return False


def _first(fields: dict[str, list[str]], tags: tuple[str, ...]) -> str:
    return next((fields[t][0] for t in tags if fields.get(t)), "")


def _date(fields: dict[str, list[str]]) -> tuple[int | None, int | None]:
    for tag in DATE_TAGS:
        for value in fields.get(tag, []):
            match = _YEAR.match(value)
            if match:
                month = int(match["month"]) if match["month"] else None
                return int(match["year"]), month if month and 1 <= month <= 12 else None
    return None, None


def _name(value: str) -> Name:
    """RIS's ``Family, Given, Suffix`` (not BibTeX's ``Family, Suffix, Given``); otherwise as written."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 3 and all(parts):
        return Name(family=parts[0], given=parts[1], suffix=parts[2])
    return parse_name(value)


def _entry(fields: dict[str, list[str]], line: int) -> Entry:
    names = [_name(v) for t in AUTHOR_TAGS for v in fields.get(t, [])]
    year, month = _date(fields)
    return reference_entry(
        title=_first(fields, TITLE_TAGS),
        names=[n for n in names if n.family or n.literal],
        year=year,
        month=month,
        venue=_first(fields, VENUE_TAGS),
        doi=_first(fields, ("DO",)),
        url=_first(fields, ("UR",)),
        abstract=_first(fields, ABSTRACT_TAGS),
        citekey=_first(fields, ("ID",)),
        hints=[*fields.get("AN", []), *fields.get("UR", []), *fields.get("N1", [])],
        line=line,
    )


def parse_ris(text: str) -> tuple[list[Entry], str | None, list[Warning_], str]:
    """Entries, (no) digest date, warnings and a summary ("3 records, 2 with arXiv ids"). Values are
    cleaned when they become fields; the lines are read as written (the two spaces of a tag matter)."""
    lines = [
        line.strip() for line in text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    if not any(_TAG.match(line) and line.startswith("TY") for line in lines):
        raise DigestError("not RIS: no record starts with a 'TY  - ' line")
    entries: list[Entry] = []
    warnings: list[Warning_] = []
    fields: dict[str, list[str]] | None = None
    start = 0
    last: str | None = None

    def finish() -> None:
        assert fields is not None
        entry = _entry(fields, start)
        if entry.title:
            entries.append(entry)
        else:
            warnings.append(Warning_(start, "a record without a title (TI); skipped"))

    for number, line in enumerate(lines, 1):
        match = _TAG.match(line)
        if match is None:
            if fields is not None and last is not None and line.strip():
                fields[last][-1] = f"{fields[last][-1]} {line.strip()}".strip()
            elif line.strip():
                warnings.append(
                    Warning_(number, "text outside a record (not a 'TAG  - value' line); ignored")
                )
            continue
        tag, value = match["tag"], (match["value"] or "").strip()
        if tag == "TY":
            if fields is not None:
                warnings.append(Warning_(start, "a record without ER; read up to the next TY"))
                finish()
            fields, start, last = {}, number, None
            continue
        if fields is None:
            warnings.append(Warning_(number, f"a {tag} line before the first TY; ignored"))
            continue
        if tag == "ER":
            finish()
            fields, last = None, None
            continue
        fields.setdefault(tag, []).append(value)
        last = tag
    if fields is not None:
        warnings.append(Warning_(start, "the last record has no ER; read"))
        finish()
    with_ids = sum(1 for e in entries if e.arxiv_id)
    return entries, None, warnings, f"{len(entries)} records, {with_ids} with arXiv ids"

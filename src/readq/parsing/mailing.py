"""arXiv daily listing e-mails (the "arxiv-mailing" layout): a subscriber's mail or arXiv's own listing files.

Shape
- A header: arXiv's own listing files start with ``Date:`` and ``Subject:`` lines; then chrome between lines
  of dashes (``Send any comments…``, `` Submissions to:`` and the archive names — absent in some files —
  and `` received from … to …``). The digest date is the ``Date:`` header's day, else the day the
  ``received from … to …`` window ends, as ISO ``YYYY-MM-DD``.
- One block per paper. A block starts only at a ``\\\\`` line followed by an id line ``arXiv:2601.11559``
  (``(*cross-listing*)`` after it for cross-lists; ``Paper:`` in very old mailings), so abstract lines
  that look like structure (``arXiv:2601.00638], …``, ``% of relative errors…``) never start one.
- Then ``Date: …`` (the first version's submission date, kept as ISO) or ``replaced with revised version
  …`` (a replacement), a blank line and the fields: ``Title:``, ``Authors:``, ``Categories:``, ``Comments:``,
  ``Journal-ref:``, ``DOI:``, ``Report-no:``, ``MSC-class:``, ``ACM-class:``…, continued on indented lines.
- New papers and cross-lists then have ``\\\\``, the abstract (a new paragraph starts on an indented line),
  and ``\\\\ ( https://arxiv.org/abs/ID ,  704kb)``. Replacements go straight to that last line: they carry no
  abstract, and that is not worth a warning. Sections are separated by ``%-%-…`` lines.

Every block is an entry (new papers, cross-lists, replacements and replacement cross-lists alike; the
summary counts each kind); the same id twice in one file is one paper (the store de-duplicates).

Entry fields: ``arxiv_id`` (canonical, no version), ``title`` and ``authors`` with LaTeX accents made Unicode
(math kept verbatim), ``category`` = all categories, primary first (``cs.AI cs.CL``), ``date`` (ISO, for
new papers and cross-lists), ``year`` (from the id), ``venue`` (``Journal-ref:``), ``url`` (the abstract
page).
The abstract is kept as arXiv wrote it (TeX included), its wrapped lines joined.

Warnings (with line numbers): a block without ``Title:`` (skipped), without ``Authors:``, a new paper or
cross-list without an abstract, a text that ends inside a block, and a withdrawn paper (``Comments:``
saying it was withdrawn: the paper is kept, the warning says so).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from readq.models import Entry, Warning_
from readq.parsing.arxiv import arxiv_id, categories, count_kind, id_year, iso_date, split_authors
from readq.parsing.latex import latex_to_text
from readq.text.clean import Progress, clean_field

_ID_LINE = re.compile(
    r"(?:arXiv|Paper)(?P<mark1>\s*\(\*[a-z -]+\*\))?:\s*(?P<id>\S+)(?P<mark2>\s*\(\*[a-z -]+\*\))?"
    r"(?:\s+\(.*\))?",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"(?P<name>Title|Authors?|Categories|Comments|Journal-ref|DOI|Report-no|MSC-class|ACM-class|"
    r"License|Proxy|From|Subj-class):\s*(?P<value>.*)",
    re.IGNORECASE,
)
_REPLACED = re.compile(r"replaced with revised version\b(?P<date>.*)", re.IGNORECASE)
_LINK = re.compile(r"\\\\\s*\(\s*(?P<url>https?://\S+?)\s*,.*\)\s*$")
_SECTION = re.compile(r"[-%]{20,}")  # lines of dashes, %-%-…, %%--%%…, %%%---…
_WITHDRAWN = re.compile(r"\bwithdr[ae]w", re.IGNORECASE)
_RECEIVED = re.compile(r"received from .*?\bto\s+(?P<date>.+?)\s*$", re.IGNORECASE)
_HEADER_DATE = re.compile(r"Date:\s*(?P<date>.+)")

KINDS = ("new", "cross-list", "replacement", "replacement cross-list")


def is_block_start(lines: list[str], index: int) -> bool:
    """``\\\\`` on this line and an arXiv id line on the next."""
    if lines[index] != "\\\\" or index + 1 >= len(lines):
        return False
    match = _ID_LINE.fullmatch(lines[index + 1])
    return match is not None and arxiv_id(match["id"]) is not None


def count_blocks(lines: list[str], limit: int = 3) -> int:
    """How many blocks start in ``lines`` (stopping at ``limit``): detection's question."""
    found = 0
    for index in range(len(lines) - 1):
        if lines[index] == "\\\\" and is_block_start(lines, index):
            found += 1
            if found >= limit:
                break
    return found


@dataclass
class _Block:
    start: int  # 0-based index of the id line
    arxiv_id: str
    kind: str
    fields: dict[str, tuple[int, list[str]]] = field(default_factory=dict)  # name -> (line index, lines)
    date: str | None = None
    abstract: list[str] = field(default_factory=list)
    has_abstract: bool = False
    url: str | None = None
    ended: bool = False


def _digest_date(lines: list[str], first_block: int) -> str | None:
    received = None
    for line in lines[:first_block]:
        header = _HEADER_DATE.fullmatch(line)
        if header and iso_date(header["date"]):
            return iso_date(header["date"])
        found = _RECEIVED.search(line)
        if found and received is None:
            received = iso_date(found["date"])
    return received


def _read_block(lines: list[str], indented: list[bool], start: int) -> tuple[_Block, int]:
    """Read the block whose id line is ``lines[start]``; returns it and the index after it."""
    match = _ID_LINE.fullmatch(lines[start])
    assert match is not None
    mark = (match["mark1"] or "") + (match["mark2"] or "")
    block = _Block(start, arxiv_id(match["id"]) or match["id"], "cross-list" if "cross" in mark else "new")
    i, n = start + 1, len(lines)
    current: str | None = None
    # header: dates and fields, up to "\\" (an abstract follows) or the link line (none does)
    while i < n:
        line = lines[i]
        if line == "\\\\":
            if is_block_start(lines, i):
                return block, i  # the next block: this one was cut short
            block.has_abstract = True
            i += 1
            break
        link = _LINK.match(line)
        if link:
            block.url, block.ended = link["url"], True
            return block, i + 1
        if _SECTION.fullmatch(line):
            return block, i
        replaced = _REPLACED.match(line)
        dated = _HEADER_DATE.fullmatch(line) if current is None else None
        found = _FIELD.fullmatch(line) if not indented[i] or current is None else None
        if replaced and current is None:
            block.kind = "replacement" if block.kind == "new" else "replacement cross-list"
            block.date = None
        elif dated:
            if block.kind in ("new", "cross-list"):
                block.date = iso_date(re.sub(r"\s*\(.*\)\s*$", "", dated["date"]))
        elif found:
            name = found["name"].lower()
            current = "author" if name == "authors" else name
            block.fields.setdefault(current, (i, []))[1].append(found["value"])
        elif line and current is not None:
            block.fields[current][1].append(line)
        i += 1
    # abstract: up to the link line, the next block, a section line or the end
    paragraph: list[str] = []
    while i < n:
        line = lines[i]
        link = _LINK.match(line)
        if link:
            block.url, block.ended = link["url"], True
            i += 1
            break
        if (line == "\\\\" and is_block_start(lines, i)) or _SECTION.fullmatch(line):
            break
        if line:
            if indented[i] and paragraph:
                block.abstract.append(" ".join(paragraph))
                paragraph = []
            paragraph.append(line)
        i += 1
    if paragraph:
        block.abstract.append(" ".join(paragraph))
    return block, i


def _entry(block: _Block, warnings: list[Warning_]) -> Entry | None:
    where = block.start + 1
    label = f"arXiv:{block.arxiv_id}"

    def value(name: str) -> str:
        return " ".join(" ".join(block.fields.get(name, (0, []))[1]).split())

    title = clean_field(latex_to_text(value("title")))
    if not title:
        warnings.append(Warning_(where, f"{label} has no Title: line; skipped"))
        return None
    authors, et_al = split_authors(clean_field(value("author")))
    if not authors:
        warnings.append(Warning_(where, f"{label} has no Authors: line"))
    new_paper = block.kind in ("new", "cross-list")
    if new_paper and not block.abstract:
        warnings.append(Warning_(where, f"{label} ({block.kind}) has no abstract"))
    if not block.ended:
        warnings.append(
            Warning_(where, f"{label}: the text ends inside this entry (no closing link line); it may be cut")
        )
    comments = value("comments")
    if _WITHDRAWN.search(comments):
        shown = comments if len(comments) <= 100 else comments[:99] + "…"
        warnings.append(Warning_(where, f"{label} has been withdrawn (Comments: {shown})"))
    title_line = block.fields["title"][0] + 1
    return Entry(
        title=title,
        abstract=clean_field("\n".join(block.abstract)),
        authors=authors,
        et_al=et_al,
        category=categories(value("categories").split()),
        date=block.date,
        arxiv_id=block.arxiv_id,
        url=block.url or f"https://arxiv.org/abs/{block.arxiv_id}",
        venue=clean_field(value("journal-ref")) or None,
        year=id_year(block.arxiv_id),
        line=title_line,
    )


def parse_mailing(
    lines: list[str], indented: list[bool], progress: Progress | None = None
) -> tuple[list[Entry], str | None, list[Warning_], str]:
    """Entries, digest date, warnings and a summary ("345 new, 362 cross-lists, …") of a mailing."""
    entries: list[Entry] = []
    warnings: list[Warning_] = []
    kinds: Counter[str] = Counter()
    first_block: int | None = None
    i, n = 0, len(lines)
    step = max(1, n // 200)
    next_report = step
    while i < n:
        if not is_block_start(lines, i):
            i += 1
            continue
        if first_block is None:
            first_block = i
        block, i = _read_block(lines, indented, i + 1)
        kinds[block.kind] += 1
        entry = _entry(block, warnings)
        if entry is not None:
            entries.append(entry)
        if progress is not None and i >= next_report:
            progress(i, n)
            next_report = i + step
    if progress is not None:
        progress(n, n)
    digest_date = _digest_date(lines, first_block if first_block is not None else n)
    summary = ", ".join(count_kind(kinds[k], k) for k in KINDS if kinds[k])
    return entries, digest_date, warnings, summary

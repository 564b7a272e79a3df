"""``readq export``: the library (or a query's papers) as BibTeX, CSL-JSON, RIS, Markdown, JSON or CSV; pure.

The JSON export is readq's backup and exchange format: every paper as imported, with every stored state
(edits, pinned keys and per-field stamps included), under a format marker and a version, so that
``readq import`` recognises it and merges it into another library (see :mod:`readq.library.exchange`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from readq.citations.keys import paper_names, paper_url, paper_year
from readq.citations.pinned import pinned_keys
from readq.citations.styles import Citation, cite_many, markdown_escape
from readq.models import Paper
from readq.text.labels import digest_label
from readq.text.math import readable_math
from readq.text.person import clean_text
from readq.user_state import PaperState


class Exported(Protocol):
    """What an export reads of one paper of the library (:class:`readq.library.records.Exported` is one)."""

    @property
    def base(self) -> Paper:
        """The paper as imported (the JSON export keeps it; the user's edits travel in the state)."""
        ...

    @property
    def paper(self) -> Paper:
        """The paper as the user sees it, with their edits applied."""
        ...

    @property
    def state(self) -> PaperState: ...


EXPORT_FORMATS = ("bibtex", "csl-json", "ris", "markdown", "json", "csv")
CITATION_FORMATS = ("bibtex", "csl-json", "ris")
EXPORT_TITLES = {
    "bibtex": "BibTeX",
    "csl-json": "CSL-JSON",
    "ris": "RIS",
    "markdown": "Markdown reading log",
    "json": "JSON (readq backup)",
    "csv": "CSV",
}
EXPORT_EXTENSIONS = {
    "bibtex": ".bib",
    "csl-json": ".csl.json",
    "ris": ".ris",
    "markdown": ".md",
    "json": ".json",
    "csv": ".csv",
}
LIBRARY_FORMAT = "readq-library"
LIBRARY_VERSION = 1

CSV_COLUMNS = (
    "id",
    "title",
    "authors",
    "et_al",
    "year",
    "venue",
    "arxiv_id",
    "url",
    "category",
    "organisation",
    "date",
    "score",
    "read",
    "read_at",
    "priority",
    "tags",
    "note",
    "citekey",
    "edited",
    "digests",
    "added",
)


class LibraryFileError(ValueError):
    """A readq JSON export that cannot be read (damaged, or from a newer readq)."""


@dataclass(frozen=True)
class LibraryFile:
    """A parsed JSON export: papers as imported, each with its stored state (None: never touched)."""

    version: int
    exported: str
    items: tuple[tuple[Paper, PaperState | None], ...]


# -- writing ----------------------------------------------------------------------------------------------


def export_citations(records: Sequence[Exported], fmt: str, states: Mapping[str, PaperState]) -> Citation:
    """BibTeX, CSL-JSON or RIS of ``records`` with the library's pinned keys (pin them first)."""
    return cite_many([r.paper for r in records], fmt, keys=pinned_keys(states))


def library_json(records: Sequence[Exported], states: Mapping[str, PaperState], exported: str) -> str:
    """The backup format: ``{"format": "readq-library", "version": 1, "exported": …, "papers": [{"paper":
    …, "state": …}, …]}``; ``state`` only for papers that have a stored state."""
    items: list[dict[str, Any]] = []
    for record in records:
        item: dict[str, Any] = {"paper": record.base.to_dict()}
        state = states.get(record.base.id)
        if state is not None:
            item["state"] = state.to_dict()
        items.append(item)
    data = {"format": LIBRARY_FORMAT, "version": LIBRARY_VERSION, "exported": exported, "papers": items}
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _authors_line(paper: Paper) -> str:
    names = [n.display for n in paper_names(paper)]
    return ", ".join(names) + (" et al." if paper.et_al and names else "")


def _markdown_paper(record: Exported) -> str:
    paper, state = record.paper, record.state
    title = markdown_escape(readable_math(clean_text(paper.title)))
    url = paper_url(paper)
    lines = [f"## [{title}](<{url}>)" if url else f"## {title}", ""]
    facts: list[str] = []
    authors = _authors_line(paper)
    facts.append(markdown_escape(authors) if authors else "*authors unknown*")
    year = paper_year(paper)
    if year is not None:
        facts.append(str(year))
    if paper.venue:
        facts.append(f"*{markdown_escape(clean_text(paper.venue))}*")
    if paper.arxiv_id:
        facts.append(f"arXiv:{markdown_escape(paper.arxiv_id)}")
    lines += [" · ".join(facts), ""]
    status = ["read" + (f" {state.read_at[:10]}" if state.read_at else "") if state.read else "unread"]
    if state.priority:
        status.append(f"priority {state.priority}")
    if state.tags:
        status.append("tags: " + ", ".join(markdown_escape(t) for t in state.tags))
    status.append(f"id `{paper.id}`")
    lines += [" · ".join(status), ""]
    if state.note.strip():
        lines += [state.note.strip(), ""]
    return "\n".join(lines)


def markdown_export(records: Sequence[Exported]) -> str:
    """A reading log: each paper's title (linked), authors, year, status and note (notes are Markdown)."""
    count = f"{len(records)} paper{'s' if len(records) != 1 else ''}"
    parts = [f"# readq export — {count}", ""] + [_markdown_paper(r) for r in records]
    return "\n".join(parts).rstrip("\n") + "\n"


def _csv_row(record: Exported) -> list[str]:
    paper, state = record.paper, record.state
    values: dict[str, object] = {
        "id": paper.id,
        "title": clean_text(paper.title),
        "authors": "; ".join(paper.authors),
        "et_al": "yes" if paper.et_al else "",
        "year": paper_year(paper),
        "venue": paper.venue,
        "arxiv_id": paper.arxiv_id,
        "url": paper_url(paper),
        "category": paper.category,
        "organisation": paper.organisation,
        "date": paper.date,
        "score": f"{paper.score:g}" if paper.score is not None else None,
        "read": "yes" if state.read else "no",
        "read_at": state.read_at,
        "priority": state.priority if state.triaged else None,  # untriaged: empty, not 0
        "tags": "; ".join(state.tags),
        "note": state.note,
        "citekey": state.citekey,
        "edited": "; ".join(sorted(state.edits)),
        "digests": "; ".join(digest_label(s.file) for s in paper.sources),
        "added": paper.added,
    }
    return [inert_cell("" if values[c] is None else str(values[c])) for c in CSV_COLUMNS]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: one that starts like a formula (``=``, ``+``, ``-``,
    ``@``, tab, carriage return: OWASP's rule for CSV injection) gets a leading ``'``."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_export(records: Sequence[Exported]) -> str:
    """One row per paper under a header row; lists are joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(r) for r in records)
    return out.getvalue()


def export_text(
    records: Sequence[Exported], fmt: str, states: Mapping[str, PaperState], *, exported: str
) -> tuple[str, Citation | None]:
    """The export in ``fmt`` (one of :data:`EXPORT_FORMATS`) and, for citation formats, the citation (for
    what it lacks). Citation formats expect the keys already pinned."""
    if fmt in CITATION_FORMATS:
        citation = export_citations(records, fmt, states)
        return (citation.text + "\n" if citation.text else ""), citation
    if fmt == "markdown":
        return markdown_export(records), None
    if fmt == "csv":
        return csv_export(records), None
    if fmt == "json":
        return library_json(records, states, exported), None
    raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")


# -- reading -------------------------------------------------------------------------------------------------


def _check_id(value: object) -> str:
    pid = str(value)
    if len(pid) != 8 or any(ch not in "0123456789abcdef" for ch in pid):
        raise ValueError(f"{pid!r} is not a readq id (8 hex digits)")
    return pid


def read_library_json(data: bytes) -> LibraryFile | None:
    """A readq JSON export, or None when ``data`` is not one (a digest, say). A file that says it is one but
    cannot be read raises :class:`LibraryFileError`."""
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"{"):
        return None
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        if LIBRARY_FORMAT.encode() in text[:400]:
            raise LibraryFileError(f"a readq export, but damaged: {error}") from None
        return None
    if not isinstance(obj, dict) or obj.get("format") != LIBRARY_FORMAT:
        return None
    version = obj.get("version")
    if not isinstance(version, int) or version < 1:
        raise LibraryFileError(f"a readq export with an invalid version {version!r}")
    if version > LIBRARY_VERSION:
        raise LibraryFileError(
            f"a readq export of version {version}, written by a newer readq (this one reads up to "
            f"{LIBRARY_VERSION}); upgrade readq"
        )
    papers = obj.get("papers")
    if not isinstance(papers, list):
        raise LibraryFileError("a readq export without a list of papers")
    items: list[tuple[Paper, PaperState | None]] = []
    seen: set[str] = set()
    for number, item in enumerate(papers, 1):
        try:
            if not isinstance(item, dict) or not isinstance(item.get("paper"), dict):
                raise ValueError("not a {paper, state} record")
            raw = item["paper"]
            paper = Paper.from_dict({**raw, "id": _check_id(raw.get("id"))})
            if not paper.title.strip():
                raise ValueError("no title")
            state_raw = item.get("state")
            if state_raw is not None and not isinstance(state_raw, dict):
                raise ValueError("its state is not an object")
            state = PaperState.from_dict(state_raw) if state_raw is not None else None
        except (KeyError, TypeError, ValueError) as error:
            raise LibraryFileError(f"paper {number} of the export cannot be read: {error}") from None
        if paper.id in seen:
            raise LibraryFileError(f"paper {number} of the export repeats the id {paper.id}")
        seen.add(paper.id)
        items.append((paper, state))
    return LibraryFile(version, str(obj.get("exported", "")), tuple(items))

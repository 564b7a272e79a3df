"""BibTeX files (the "bibtex" layout), read with bibtexparser 2 and made Unicode with pylatexenc.

Per entry (``@article``, ``@misc``, ``@inproceedings``…; ``@string``, ``@preamble`` and ``@comment`` are not
papers):
- ``title`` and ``authors`` with LaTeX made Unicode and protective braces gone (``{\\AA}str{\\"o}m`` ->
  ``Åström``); authors split on ``and`` at brace level 0 into bibtexparser's name parts ("von" part with the
  family name), written first name first when that reads back as the same parts (``Schindler, P.`` ->
  ``P. Schindler``, ``Le Guin, Ursula K.`` -> ``Ursula K. Le Guin``), else in BibTeX's comma form
  (:func:`readq.text.person.written_name`); ``others`` sets ``et_al``; a braced name stays whole.
- ``citekey``: the entry's key (the store pins it as the paper's citation key).
- ``arxiv_id`` from, in order: Mendeley's ``arxivId``; ``eprint`` (``arXiv:1406.3219``,
  ``arXiv: 1301.3191v2``, ``math/9802029``, ``1406.3219``; a bare old-style number such as ``9605043``
  only together with its ``primaryClass``); an arxiv.org ``url``/``pdf`` link; a ``journal`` such as
  ``arXiv preprint arXiv:…``; a ``note``/``howpublished``; INSPIRE's
  ``SLACcitation = "%%CITATION = ARXIV:1012.4035;%%"`` (otherwise noise); a ``journal`` that is only
  ``arXiv preprint: 1512.00802``. An eprint of another archive
  (``eprinttype = {hal}``) is not an arXiv id.
- ``year`` from ``year`` or biblatex's ``date``; with a ``month`` (``may``, ``{May}``, ``5``) the date is
  ISO ``2011-05``. ``venue`` from ``journal``/``journaltitle`` unless it just says arXiv. ``url`` from
  ``url``, else ``https://doi.org/`` + ``doi``. ``abstract`` when present. ``category`` = ``primaryClass``.
- Fields whose name starts with ``%`` are commented-out lines (``%Doi = {…}``): ignored.

Warnings (with line numbers): a block bibtexparser could not read (unbalanced braces, a missing comma: it is
skipped), a field given twice (the entry is read, the first value kept), an entry key used twice (both
entries are read; the store merges them when they are the same paper), an entry without a title (skipped),
an ``eprint`` that is not a complete arXiv id (and nothing else gives one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from readq.models import Entry, Warning_
from readq.parsing.arxiv import ID_PATTERN, arxiv_id, exact_arxiv_id
from readq.parsing.latex import latex_to_text
from readq.text.clean import DigestError, Progress, clean_field
from readq.text.person import Name, written_name

NOT_PAPERS = frozenset({"string", "preamble", "comment"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")
_BARE_OLD = re.compile(r"\d{7}(?:v\d+)?")
_ARXIV_VENUE = re.compile(r"^\s*(?:arxiv|corr\s+abs/)", re.IGNORECASE)
# ``journal = {arXiv preprint: 1512.00802}``, ``{arXiv preprint quant-ph/0002077}``, ``{arXiv 1512.00802}``
_ARXIV_JOURNAL = re.compile(rf"\s*arxiv(?:\s+e-?prints?|\s+preprint)?\s*:?\s*(?P<id>{ID_PATTERN})\s*", re.I)
_ENTRY_START = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(][ \t]*[^\s,{}()]*[ \t]*,", re.MULTILINE)


def looks_like_bibtex(text: str) -> bool:
    """At least one ``@type{key,`` line: the cheap test detection uses."""
    return _ENTRY_START.search(text) is not None


def _unenclose(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and ((value[0] == "{" and value[-1] == "}") or (value[0] == '"' and value[-1] == '"')):
        return value[1:-1]
    return value


def _fields(block: Any, raw: bool) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """Lower-cased field name -> value (the first of repeated ones); and the repeated names with lines."""
    fields: dict[str, str] = {}
    repeated: list[tuple[str, int]] = []
    for item in block.fields:
        name = str(item.key).strip().lower()
        if not name or name.startswith("%"):
            continue
        value = str(item.value)
        value = _unenclose(value) if raw else value
        if name in fields:
            repeated.append((item.key, (item.start_line or block.start_line or 0) + 1))
            continue
        fields[name] = value
    return fields, repeated


def _names(value: str) -> tuple[tuple[str, ...], bool]:
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names: list[str] = []
    et_al = False
    for raw in split_multiple_persons_names(" ".join(value.split())):
        if raw.strip().lower() == "others":
            et_al = True
            continue
        stripped = raw.strip()
        if stripped.startswith("{") and stripped.endswith("}") and stripped.count("{") == 1:
            names.append(latex_to_text(stripped, arxiv=False))  # a corporate name, kept whole
            continue
        try:
            parts = parse_single_name_into_parts(stripped, strict=False)
        except (InvalidNameError, ValueError, IndexError):
            parts = None
        if parts is None or not parts.last:
            name = clean_field(latex_to_text(stripped, arxiv=False))
        else:
            name = written_name(_parts(parts.von + parts.last, parts.first, parts.jr))
        if name:
            names.append(name)
    return tuple(names), et_al


def _parts(family: list[str], given: list[str], suffix: list[str]) -> Name:
    """BibTeX's name parts as readq keeps them: the "von" part belongs to the family name; LaTeX made
    Unicode, protective braces gone."""

    def text(words: list[str]) -> str:
        return clean_field(latex_to_text(" ".join(words), arxiv=False))

    return Name(family=text(family), given=text(given), suffix=text(suffix))


def _month(value: str) -> int | None:
    text = latex_to_text(value, arxiv=False).strip().lower().rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.index(text[:3]) + 1 if text[:3] in _MONTHS else None


def _arxiv(fields: dict[str, str]) -> tuple[str | None, str | None]:
    """The arXiv id of an entry, and a complaint when an eprint could not be read as one."""
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip().lower()
    eprint = fields.get("eprint", "").strip()
    other_archive = bool(archive) and archive != "arxiv"
    candidates: list[str | None] = [
        exact_arxiv_id(fields.get("arxivid", "")) or arxiv_id(fields.get("arxivid"))
    ]
    if eprint and not other_archive:
        candidates.append(exact_arxiv_id(eprint) or arxiv_id(eprint))
        primary = fields.get("primaryclass", "").strip()
        if _BARE_OLD.fullmatch(eprint) and primary:
            candidates.append(exact_arxiv_id(f"{primary.split('.')[0]}/{eprint}"))
    for name in ("url", "pdf", "journal", "note", "howpublished", "slaccitation"):
        candidates.append(arxiv_id(fields.get(name)))
    journal = _ARXIV_JOURNAL.fullmatch(latex_to_text(fields.get("journal", ""), arxiv=False))
    candidates.append(exact_arxiv_id(journal["id"]) if journal else None)
    found = next((c for c in candidates if c), None)
    if found is None and eprint and not other_archive and (archive == "arxiv" or _BARE_OLD.fullmatch(eprint)):
        return None, f"eprint {eprint!r} is not a complete arXiv id"
    return found, None


def _entry(block: Any, fields: dict[str, str], warnings: list[Warning_]) -> Entry | None:
    line = (block.start_line or 0) + 1
    key = block.key
    title = clean_field(latex_to_text(fields.get("title", ""), arxiv=False))
    if not title:
        warnings.append(Warning_(line, f"@{block.entry_type}{{{key}}} has no title; skipped"))
        return None
    authors, et_al = _names(fields.get("author", ""))
    canonical, complaint = _arxiv(fields)
    if complaint:
        warnings.append(Warning_(line, f"@{block.entry_type}{{{key}}}: {complaint}"))
    year_text = fields.get("year", "") or fields.get("date", "")
    found_year = _YEAR.search(year_text)
    year = int(found_year.group(1)) if found_year else None
    month = _month(fields["month"]) if fields.get("month") else None
    if month is None and re.match(r"\d{4}-\d{2}", fields.get("date", "")):
        month = int(fields["date"][5:7]) or None
    venue = clean_field(latex_to_text(fields.get("journal") or fields.get("journaltitle") or "", arxiv=False))
    url = clean_field(fields.get("url", "")).split(" ")[0]
    doi = first_doi(clean_field(fields.get("doi", "")))
    if not url and doi:
        url = "https://doi.org/" + doi
    abstract = fields.get("abstract", "")
    return Entry(
        title=title,
        abstract=clean_field(latex_to_text(abstract, arxiv=False)) if abstract else "",
        authors=authors,
        et_al=et_al,
        category=clean_field(fields.get("primaryclass", "")) or None,
        date=f"{year}-{month:02d}" if year and month else None,
        arxiv_id=canonical,
        url=url or None,
        doi=doi or None,
        citekey=clean_field(key) or None,
        venue=venue if venue and not _ARXIV_VENUE.match(venue) else None,
        year=year,
        line=line,
    )


def first_doi(value: str) -> str:
    """The DOI of a ``doi`` field without its resolver prefix; the first one when the field lists several
    (INSPIRE writes ``10.1103/A, 10.1103/B``)."""
    bare = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", value.strip(), flags=re.I)
    first = re.split(r"[,;\s]+", bare, maxsplit=1)[0]
    return first if first.startswith("10.") and "/" in first else ""


def _reason(error: Exception) -> str:
    reason = str(getattr(error, "abort_reason", "") or error)
    lines = [line.strip() for line in reason.strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def _quietly_parse(text: str) -> Any:
    """bibtexparser's parse, with its log messages (it logs every broken block) kept off the terminal: the
    broken blocks come back as failed blocks, and become warnings here."""
    import logging

    from bibtexparser.entrypoint import parse_string

    logger = logging.getLogger("bibtexparser")
    was = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # its modules' loggers inherit this
    try:
        return parse_string(text)
    except Exception as error:  # bibtexparser's own "please report this bug" states
        raise DigestError(f"bibtexparser could not read this BibTeX file ({_reason(error)})") from None
    finally:
        logger.setLevel(was)


def parse_bibtex(
    text: str, progress: Progress | None = None
) -> tuple[list[Entry], str | None, list[Warning_], str]:
    """Entries, (no) digest date, warnings and a summary ("275 entries, 206 with arXiv ids")."""
    from bibtexparser import model

    library = _quietly_parse(text)
    entries: list[Entry] = []
    warnings: list[Warning_] = []
    blocks: Iterable[Any] = library.blocks
    papers = [b for b in library.blocks if isinstance(b, model.Entry | model.ParsingFailedBlock)]
    total = max(1, len(papers))
    for done, block in enumerate(blocks, 1):
        line = (block.start_line or 0) + 1
        raw = False
        if isinstance(block, model.DuplicateFieldKeyBlock | model.DuplicateBlockKeyBlock):
            entry_block = block.ignore_error_block
            if isinstance(block, model.DuplicateBlockKeyBlock):
                first = (block.previous_block.start_line or 0) + 1
                warnings.append(
                    Warning_(
                        line, f"the key {block.key!r} was used before (line {first}); both entries are read"
                    )
                )
                raw = False
            else:
                raw = True
            block = entry_block
        elif isinstance(block, model.ParsingFailedBlock):
            warnings.append(
                Warning_(
                    line,
                    f"an entry that could not be read (unbalanced braces or a missing comma?), skipped: "
                    f"{_reason(block.error)}",
                )
            )
            continue
        if not isinstance(block, model.Entry) or block.entry_type.lower() in NOT_PAPERS:
            continue
        fields, repeated = _fields(block, raw)
        for name, where in repeated:
            warnings.append(
                Warning_(
                    where,
                    f"@{block.entry_type}{{{block.key}}} gives the field {name!r} twice; the first is kept",
                )
            )
        entry = _entry(block, fields, warnings)
        if entry is not None:
            entries.append(entry)
        if progress is not None and done % 100 == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    with_ids = sum(1 for e in entries if e.arxiv_id)
    summary = f"{len(entries)} entries, {with_ids} with arXiv ids"
    return entries, None, warnings, summary

"""What CSL-JSON and RIS records share on their way to an :class:`~readq.models.Entry`; pure.

Both name people in parts (CSL-JSON ``family``/``given``, RIS ``Family, Given``), give a key (CSL-JSON
``id``, RIS ``ID``) that becomes the paper's pinned citation key, and say "arXiv" in several ways: a
``number``/``archive_location``/``AN`` of ``arXiv:2201.01234``, an arxiv.org URL, Zotero's
``arXiv: 2201.01234`` note, or arXiv's DataCite DOI ``10.48550/arXiv.2201.01234``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from readq.models import Entry
from readq.parsing.arxiv import arxiv_id, exact_arxiv_id
from readq.parsing.bibtex import first_doi
from readq.text.clean import clean_field
from readq.text.person import Name, written_name

ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(?P<id>.+)$", re.IGNORECASE)
_ARXIV_VENUE = re.compile(r"^\s*(?:arxiv|corr\s+abs/)", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"\n\s*\n")


def arxiv_from(hints: Iterable[str | None], doi: str | None) -> str | None:
    """The first arXiv id the hints give (exact ids, ``arXiv:…``, arxiv.org links), else the DOI's."""
    for hint in hints:
        if hint:
            found = exact_arxiv_id(hint) or arxiv_id(hint)
            if found:
                return found
    match = ARXIV_DOI.match(doi or "")
    return exact_arxiv_id(match["id"]) if match else None


def abstract_text(value: str) -> str:
    """An abstract cleaned paragraph by paragraph (blank lines between paragraphs kept)."""
    paragraphs = (clean_field(" ".join(p.split())) for p in _PARAGRAPHS.split(value))
    return "\n\n".join(p for p in paragraphs if p)


def reference_entry(
    *,
    title: str,
    names: Iterable[Name],
    year: int | None,
    month: int | None,
    venue: str,
    doi: str,
    url: str,
    abstract: str,
    citekey: str,
    hints: Iterable[str | None],
    line: int,
) -> Entry:
    """An entry from a reference record's parts (each already plain text)."""
    clean_doi = first_doi(clean_field(doi)) or None
    authors = tuple(n for n in (clean_field(written_name(name)) for name in names) if n)
    venue = clean_field(venue)
    return Entry(
        title=clean_field(" ".join(title.split())),
        abstract=abstract_text(abstract) if abstract else "",
        authors=authors,
        date=f"{year}-{month:02d}" if year and month else None,
        arxiv_id=arxiv_from(hints, clean_doi),
        url=clean_field(url) or None,
        doi=clean_doi,
        citekey=clean_field(citekey) or None,
        venue=venue if venue and not _ARXIV_VENUE.match(venue) else None,
        year=year,
        line=line,
    )

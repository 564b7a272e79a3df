"""CSL-JSON items and RIS records of papers: the two data formats reference managers exchange; pure.

Both say what readq knows and nothing more (see :mod:`readq.citations.styles`, which joins them into one
citation): keys, names in parts, year, venue, the arXiv id (``number``/``archive_location``, ``DB``/``AN``),
the DOI, the URL and the abstract.
"""

from __future__ import annotations

import re
from typing import Any

from readq.citations.keys import paper_names, paper_url, paper_year
from readq.models import Paper
from readq.text.person import Name, clean_text


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    data = {"family": name.family}
    if name.given:
        data["given"] = name.given
    if name.suffix:
        data["suffix"] = name.suffix
    return data


def csl_item(paper: Paper, key: str) -> dict[str, Any]:
    """One CSL-JSON item (the citation-style-language data schema)."""
    item: dict[str, Any] = {
        "id": key,
        "type": "article-journal" if paper.venue else "article",
        "title": clean_text(paper.title),
    }
    names = paper_names(paper)
    if names:
        item["author"] = [_csl_name(n) for n in names]
    year = paper_year(paper)
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    if paper.venue:
        item["container-title"] = clean_text(paper.venue)
    if paper.arxiv_id and paper.venue:
        item["archive"] = "arXiv"
        item["archive_location"] = f"arXiv:{paper.arxiv_id}"
    elif paper.arxiv_id:  # a preprint: the way Zotero describes arXiv papers
        item["number"] = f"arXiv:{paper.arxiv_id}"
        item["publisher"] = "arXiv"
    if paper.doi:
        item["DOI"] = paper.doi
    url = paper_url(paper)
    if url:
        item["URL"] = url
    if paper.abstract.strip():
        paragraphs = (clean_text(p) for p in re.split(r"\n\s*\n", paper.abstract))
        item["abstract"] = "\n\n".join(p for p in paragraphs if p)
    return item


def _ris_name(name: Name) -> str:
    if name.literal:
        return name.literal
    parts = [name.family, name.given, name.suffix] if name.suffix else [name.family, name.given]
    return ", ".join(p for p in parts if p)


def ris_record(paper: Paper, key: str) -> str:
    """One RIS record (``TY`` to ``ER``)."""
    lines = [("TY", "JOUR" if paper.venue else "GEN"), ("ID", key), ("TI", clean_text(paper.title))]
    lines += [("AU", _ris_name(n)) for n in paper_names(paper)]
    year = paper_year(paper)
    if year is not None:
        lines.append(("PY", str(year)))
    if paper.venue:
        lines.append(("JO", clean_text(paper.venue)))
    if paper.arxiv_id:
        lines += [("DB", "arXiv"), ("AN", f"arXiv:{paper.arxiv_id}")]
    if paper.doi:
        lines.append(("DO", paper.doi))
    url = paper_url(paper)
    if url:
        lines.append(("UR", url))
    if paper.abstract.strip():
        lines.append(("AB", clean_text(paper.abstract)))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)

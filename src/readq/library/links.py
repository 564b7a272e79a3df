"""Where a paper can be read: its page and its PDF, as URLs the browser may open (only http and https)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from readq.models import Paper
from readq.online.services import Services


def is_web_url(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def paper_page_url(paper: Paper, services: Services) -> str:
    """The arXiv abstract page when the arXiv id is known, else the DOI, else the paper's own http(s) URL,
    else an arXiv title search for it."""
    if paper.arxiv_id:
        return services.abs_url(paper.arxiv_id)
    if paper.doi:
        return "https://doi.org/" + quote_plus(paper.doi, safe="/")
    if paper.url and is_web_url(paper.url):
        return paper.url.strip()
    return f"{services.arxiv_url}/search/?searchtype=title&query={quote_plus(paper.title)}"


def pdf_url(paper: Paper, services: Services) -> str | None:
    """arXiv's PDF link (None without an arXiv id)."""
    return services.pdf_url(paper.arxiv_id) if paper.arxiv_id else None


def pdf_target(paper: Paper, services: Services, downloaded: Path | None) -> str | None:
    """What P opens: the downloaded copy (a file: URL of a file readq wrote) when there is one, else the
    arXiv PDF link."""
    if downloaded is not None and downloaded.is_file():
        return downloaded.resolve().as_uri()
    return pdf_url(paper, services)

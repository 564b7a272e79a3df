"""PDFs on disk: ``CITEKEY.pdf`` in the PDF folder (``pdf_dir`` in the settings, else ``papers`` in the
data directory). The folder is scanned once (one directory listing) into ``library.pdf_keys``; each record's
``has_pdf`` follows from its pinned citation key, so ``has:pdf`` costs nothing per query and the query layer
never touches the disk.

:func:`download_pdfs` does it all (the CLI); the app splits it: :func:`plan_pdfs` and :func:`note_pdfs` on the
main thread (they touch the library), :func:`fetch_pdfs` in a worker thread (progress to a callback, a cancel
event stops it between two chunks and no partial file stays).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readq.library.links import pdf_url
from readq.library.service import Library
from readq.online.http import Cancelled, Http, OnlineError
from readq.online.pdf import download_pdf
from readq.online.services import Services

PDF_FOLDER = "papers"

# (paper index, papers, bytes of this paper so far, its size or None)
PdfProgress = Callable[[int, int, int, int | None], None]


def pdf_folder(data_dir: Path, setting: str | Path | None = None) -> Path:
    """The PDF folder: the setting (``~`` expanded; relative to the data directory) or ``DATA/papers``."""
    if setting:
        path = Path(setting).expanduser()
        return path if path.is_absolute() else data_dir / path
    return data_dir / PDF_FOLDER


def scan_pdfs(library: Library, folder: Path) -> int:
    """Look at the folder once; mark the records whose PDF is there. Returns how many are."""
    try:
        names = os.listdir(folder)
    except OSError:
        names = []
    library.pdf_keys = frozenset(n[:-4] for n in names if n.endswith(".pdf") and not n.startswith("."))
    found = 0
    for record in library.records.values():
        record.has_pdf = record.state.citekey in library.pdf_keys
        found += record.has_pdf
    return found


def pdf_path(library: Library, pid: str, folder: Path) -> Path | None:
    """Where the paper's PDF is (or would be): None until the paper has a pinned citation key."""
    key = library.store.state(pid).citekey
    return folder / f"{key}.pdf" if key else None


@dataclass
class PdfResult:
    saved: dict[str, Path] = field(default_factory=dict)
    present: dict[str, Path] = field(default_factory=dict)  # already on disk: not fetched again
    no_arxiv: list[str] = field(default_factory=list)  # no arXiv id: no PDF link known
    failed: dict[str, str] = field(default_factory=dict)  # pid -> why
    cancelled: bool = False
    bytes: int = 0


@dataclass(frozen=True)
class PdfJob:
    pid: str
    url: str
    target: Path


def plan_pdfs(
    library: Library, pids: Sequence[str], folder: Path, services: Services
) -> tuple[list[PdfJob], PdfResult]:
    """What to download (on the main thread: the citation keys that name the files are pinned first, as
    citing does): the jobs, and a result already holding the papers with no arXiv id or a PDF on disk."""
    result = PdfResult()
    papers = library.papers_of(pids)
    library.pin_keys(papers)
    jobs: list[PdfJob] = []
    for paper in papers:
        target = pdf_path(library, paper.id, folder)
        url = pdf_url(paper, services)
        if target is None or url is None:
            result.no_arxiv.append(paper.id)
        elif target.is_file():
            result.present[paper.id] = target
        else:
            jobs.append(PdfJob(paper.id, url, target))
    return jobs, result


def fetch_pdfs(
    jobs: Sequence[PdfJob], http: Http, result: PdfResult, progress: PdfProgress | None = None
) -> PdfResult:
    """Download each job (no library touched: safe in a worker thread). A refused or failed download is
    reported and the next one tried; a cancel stops there, leaving no partial file."""
    for index, job in enumerate(jobs):
        report = (lambda done, total, i=index: progress(i, len(jobs), done, total)) if progress else None
        try:
            result.bytes += download_pdf(http, job.url, job.target, report)
        except Cancelled:
            result.cancelled = True
            break
        except (OnlineError, OSError) as error:
            result.failed[job.pid] = str(error)
            continue
        result.saved[job.pid] = job.target
    return result


def note_pdfs(library: Library, result: PdfResult) -> None:
    """Mark the records whose PDF is now on disk (main thread)."""
    keys = {p.name[:-4] for p in (*result.saved.values(), *result.present.values())}
    if keys:
        library.pdf_keys = library.pdf_keys | keys
        for pid in (*result.saved, *result.present):
            if pid in library.records:
                library.records[pid].has_pdf = True


def download_pdfs(
    library: Library,
    pids: Sequence[str],
    folder: Path,
    http: Http,
    services: Services,
    progress: PdfProgress | None = None,
) -> PdfResult:
    """Download each paper's arXiv PDF as ``folder/CITEKEY.pdf``; a PDF already there is not fetched again."""
    jobs, result = plan_pdfs(library, pids, folder, services)
    fetch_pdfs(jobs, http, result, progress)
    note_pdfs(library, result)
    return result

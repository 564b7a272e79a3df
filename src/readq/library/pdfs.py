"""PDFs on disk: ``CITEKEY.pdf`` in the PDF folder (``pdf_dir`` in the settings, else ``papers`` in the
data directory). The folder is scanned once (one directory listing) into ``library.pdf_keys``; each record's
``has_pdf`` follows from its pinned citation key, so ``has:pdf`` costs nothing per query and the query layer
never touches the disk.

:func:`download_pdfs` is safe to call from a worker thread: progress goes to a callback, a cancel event
stops it between two chunks (no partial file stays), and it touches no global state.
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


def download_pdfs(
    library: Library,
    pids: Sequence[str],
    folder: Path,
    http: Http,
    services: Services,
    progress: PdfProgress | None = None,
) -> PdfResult:
    """Download each paper's arXiv PDF as ``folder/CITEKEY.pdf`` (keys are pinned first, as citing does).
    A refused or failed download is reported and the next paper is tried; a cancel stops there."""
    result = PdfResult()
    papers = library.papers_of(pids)
    library.pin_keys(papers)
    for index, paper in enumerate(papers):
        target = pdf_path(library, paper.id, folder)
        url = pdf_url(paper, services)
        if target is None or url is None:
            result.no_arxiv.append(paper.id)
            continue
        if target.is_file():
            result.present[paper.id] = target
            continue
        report = (lambda done, total, i=index: progress(i, len(papers), done, total)) if progress else None
        try:
            result.bytes += download_pdf(http, url, target, report)
        except Cancelled:
            result.cancelled = True
            break
        except (OnlineError, OSError) as error:
            result.failed[paper.id] = str(error)
            continue
        result.saved[paper.id] = target
    keys = {p.name[:-4] for p in (*result.saved.values(), *result.present.values())}
    if keys:
        library.pdf_keys = library.pdf_keys | keys
        for pid in (*result.saved, *result.present):
            if pid in library.records:
                library.records[pid].has_pdf = True
    return result

"""``D``: download the PDF of the paper (or of the marked papers) from arXiv into the PDF folder, in a worker;
``D`` again cancels (no partial file stays). The files are named by the papers' citation keys."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from readq.library.pdfs import PdfJob, PdfResult, fetch_pdfs, note_pdfs, pdf_folder, plan_pdfs, scan_pdfs
from readq.online.http import OnlineError
from readq.online.services import Services, connect
from readq.store import StoreError
from readq.text.labels import plural
from readq.tui.main.feature import Feature
from readq.tui.main.messages import LibraryChanged, PdfsFetched, ViewLoaded, WorkProgress
from readq.tui.problems import not_saved

if TYPE_CHECKING:
    from readq.tui.main.screen import MainScreen


class Downloads(Feature):
    name = "downloads"

    def __init__(self, screen: MainScreen) -> None:
        super().__init__(screen)
        self.cancel: threading.Event | None = None
        self.scanned = False

    def on_view_loaded(self, message: ViewLoaded) -> None:
        if not self.scanned:  # which PDFs are on disk: one directory listing, after the first frame
            self.scanned = True
            self.screen.call_after_refresh(self._scan)

    def _scan(self) -> None:
        folder = pdf_folder(self.library.store.data_dir, self.screen.settings.config.pdf_dir)
        if scan_pdfs(self.library, folder):
            self.screen.show_current()

    def targets(self) -> list[str]:
        if self.screen.marked:
            return [pid for pid in self.screen.marked if pid in self.library.records]
        record = self.papers.current
        return [record.pid] if record is not None else []

    def action_download_pdf(self) -> None:
        if self.cancel is not None:
            self.cancel.set()
            self.screen.work = "stopping the download…"
            return
        pids = self.targets()
        if not pids:
            self.notify("There is no paper here to download.", timeout=3)
            return
        config = self.screen.settings.config
        folder = pdf_folder(self.library.store.data_dir, config.pdf_dir)
        services = Services.from_env()
        try:
            jobs, result = plan_pdfs(self.library, pids, folder, services)  # pins the keys: main thread
        except StoreError as error:
            not_saved(self.screen, error, what="the citation keys", title="Not downloaded")
            return
        if not jobs:
            self.screen.post_message(PdfsFetched(result))
            return
        self.cancel = threading.Event()
        self.screen.work = f"downloading {plural(len(jobs), 'PDF')} from arXiv… (D stops)"
        cancel, contact = self.cancel, config.contact
        self.screen.run_worker(
            lambda: self._fetch(jobs, result, services, contact, cancel), thread=True, group="pdf-download"
        )

    def _fetch(
        self,
        jobs: list[PdfJob],
        result: PdfResult,
        services: Services,
        contact: str | None,
        cancel: threading.Event,
    ) -> None:  # in a worker thread: touches no library
        post = self.screen.post_message

        def progress(index: int, total: int, done: int, size: int | None) -> None:
            whole = f" of {size // 1024:,} KiB" if size else ""
            post(WorkProgress(f"PDF {index + 1} of {total}: {done // 1024:,} KiB{whole}… (D stops)"))

        try:
            with connect(services, contact=contact, cancel=cancel) as http:
                fetch_pdfs(jobs, http, result, progress)
        except OnlineError as error:
            post(PdfsFetched(result, str(error)))
            return
        post(PdfsFetched(result))

    def on_work_progress(self, message: WorkProgress) -> None:
        if self.cancel is not None and not self.cancel.is_set():
            self.screen.work = message.text

    def on_pdfs_fetched(self, message: PdfsFetched) -> None:
        self.cancel = None
        self.screen.work = ""
        result = message.result
        if result is None:
            return
        note_pdfs(self.library, result)
        said: list[str] = []
        if result.saved:
            said.append(f"saved {plural(len(result.saved), 'PDF')}")
        if result.present:
            said.append(f"{len(result.present):,} already on disk")
        if result.no_arxiv:
            said.append(f"{len(result.no_arxiv):,} without an arXiv id (F looks them up)")
        if result.failed:
            first = next(iter(result.failed.values()))
            said.append(f"{len(result.failed):,} refused ({first})")
        if result.cancelled:
            said.append("stopped: no partial file was left")
        if message.problem:
            said.append(message.problem)
        bad = bool(result.failed or message.problem or (not result.saved and not result.present))
        self.notify(
            "PDFs: " + "; ".join(said or ["nothing to do"]) + ".",
            severity="warning" if bad else "information",
            timeout=8 if bad else 5,
        )
        current = self.papers.current
        self.screen.load_view(keep=current.pid if current is not None else None)  # "PDF on disk", has:pdf
        self.screen.post_message(LibraryChanged())

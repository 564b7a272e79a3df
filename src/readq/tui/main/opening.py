"""``o`` opens the paper's page, ``P`` its PDF, in the user's browser (in ``readq serve``: the user's tab,
never a browser on the server). Only http(s) links go to a browser; a PDF readq downloaded opens from disk."""

from __future__ import annotations

from pathlib import Path

from readq.library.links import is_web_url, paper_page_url, pdf_target
from readq.library.pdfs import pdf_folder, pdf_path
from readq.online.services import Services
from readq.text.terminal import one_line
from readq.tui.main.feature import Feature


class Opening(Feature):
    name = "opening"

    @property
    def pdf_dir(self) -> Path:
        return pdf_folder(self.library.store.data_dir, self.screen.settings.config.pdf_dir)

    def action_open_paper(self) -> None:
        record = self.papers.current
        if record is None:
            self.notify("There is no paper here to open.", timeout=3)
            return
        url = paper_page_url(record.paper, Services.from_env())
        if not is_web_url(url):
            self.notify(f"Not an http(s) link, not opened: {one_line(url)}", severity="warning", timeout=6)
            return
        self.app.open_url(url)
        what = "its arXiv page" if record.paper.arxiv_id else "an arXiv search for its title"
        if record.paper.doi and not record.paper.arxiv_id:
            what = "its DOI"
        elif record.paper.url and not record.paper.arxiv_id and not record.paper.doi:
            what = "its page"
        self.notify(f"Opened {what} in your browser: {one_line(url)}", timeout=4)

    def action_open_pdf(self) -> None:
        record = self.papers.current
        if record is None:
            self.notify("There is no paper here to open.", timeout=3)
            return
        local = None if self.app.is_web else pdf_path(self.library, record.pid, self.pdf_dir)
        url = pdf_target(record.paper, Services.from_env(), local)
        if url is None:
            self.notify(
                "No PDF is known for this paper: it has no arXiv id and none was downloaded. "
                "o opens its page; F looks it up on arXiv.",
                severity="warning",
                timeout=6,
            )
            return
        if not url.startswith("file:") and not is_web_url(url):
            self.notify(f"Not an http(s) link, not opened: {one_line(url)}", severity="warning", timeout=6)
            return
        self.app.open_url(url)
        where = "the downloaded PDF" if url.startswith("file:") else "arXiv's PDF"
        self.notify(f"Opened {where} in your browser.", timeout=4)

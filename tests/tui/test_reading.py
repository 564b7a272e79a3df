"""From triage to the paper in the app: ``o`` and ``P`` open the page and the PDF in the browser, ``D``
downloads the PDF, ``F`` completes papers from arXiv — against a stand-in arXiv on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from readq.config import Config, Sources
from readq.models import Entry, ParseResult
from readq.online.services import ENV_ARXIV_API, ENV_ARXIV_RSS, ENV_ARXIV_URL, ENV_HF_URL
from readq.store import PAPERS_FILE, Store
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.import_dialog import ImportScreen
from tests.online.standin import ArxivPaper, FakeArxiv, closed_port, hf_item, hf_json, local

WIDE = (140, 40)
PDF = b"%PDF-1.5\n" + b"0" * 2048 + b"\n%%EOF\n"
KNOWN = ArxivPaper("2412.04321", "Sparse Adapters for Tiny Speech Models", ("Ana Ruiz", "Ben Ode"))
DECOY = ArxivPaper("2412.09999", "Revisiting Sparse Adapters for Tiny Speech Models at Scale", ("Zed Zee",))


def main(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await pilot.pause(0.05)


def notes(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer) -> FakeArxiv:
    """arXiv's API and PDFs played by a local server; Hugging Face and the RSS at a closed port."""
    arxiv = FakeArxiv([KNOWN, DECOY])
    httpserver.expect_request("/api/query").respond_with_handler(arxiv.handler)
    monkeypatch.setenv(ENV_ARXIV_API, local(httpserver, "/api/query"))
    monkeypatch.setenv(ENV_ARXIV_URL, local(httpserver))
    dead = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv(ENV_ARXIV_RSS, dead)
    monkeypatch.setenv(ENV_HF_URL, dead)
    return arxiv


@pytest.fixture
def store(tmp_path: Path) -> Any:
    """Two papers: one with an arXiv id, one as a Hugging Face digest pastes it (title only)."""
    s = Store(tmp_path / "data")
    entries = (
        Entry("Known Paper With An Id", "Abstract one.", arxiv_id="2401.00001", line=1),
        Entry(KNOWN.title, "Abstract two.", line=3),
    )
    s.import_result(ParseResult("hf-blank", entries, "Dec 4"), "001_hf.txt")
    yield s
    s.close()


async def test_o_and_P_open_the_page_and_the_pdf(
    store: Store, services: FakeArxiv, httpserver: HTTPServer, opened_urls: list[str]
) -> None:
    app = make_app(store, config=Config())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("o", "P")
        await pilot.press("j", "o", "P")
        await pilot.pause()
        base = local(httpserver)
        assert opened_urls[:2] == [f"{base}/abs/2401.00001", f"{base}/pdf/2401.00001"]
        search = opened_urls[2]
        assert search.startswith(f"{base}/search/?") and "Sparse+Adapters" in search
        assert len(opened_urls) == 3  # no arXiv id, nothing downloaded: P opens nothing and says why
        assert any("No PDF is known for this paper" in n for n in notes(app))


async def test_F_completes_from_arxiv_in_one_undoable_step(store: Store, services: FakeArxiv) -> None:
    app = make_app(store, config=Config())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("j")
        pid = screen.papers.current.pid  # type: ignore[union-attr]
        await pilot.press("F")
        await until(pilot, lambda: any("from arXiv" in n for n in notes(app)))
        paper = screen.library.records[pid].paper
        assert (paper.arxiv_id, paper.authors) == (KNOWN.arxiv_id, KNOWN.authors)  # not the longer decoy
        assert "Completed 1 paper from arXiv. u undoes it." in notes(app)
        assert "from arXiv" in screen.detail.text.plain and "Ana Ruiz" in screen.detail.text.plain
        assert Store(store.data_dir).papers[pid].arxiv_id == KNOWN.arxiv_id  # on disk
        asked = len(services.queries)
        await pilot.press("u")
        await pilot.pause()
        assert screen.library.records[pid].paper.arxiv_id is None
        await pilot.press("F")  # the paper under the cursor was completed and undone: asked again
        await until(pilot, lambda: len(services.queries) > asked)


async def test_F_offline_says_so_and_changes_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ARXIV_API, f"http://127.0.0.1:{closed_port()}/api/query")
    before = (store.data_dir / PAPERS_FILE).read_bytes()
    app = make_app(store, config=Config())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("j", "F")
        await until(pilot, lambda: any("Nothing was changed" in n for n in notes(app)))
        [said] = [n for n in notes(app) if "Nothing was changed" in n]
        assert "127.0.0.1" in said
        assert screen.work == ""
        assert all(r.paper.authors == () for r in screen.library.records.values())
    assert (store.data_dir / PAPERS_FILE).read_bytes() == before


async def test_D_downloads_the_pdf_and_refuses_a_web_page(
    store: Store, services: FakeArxiv, httpserver: HTTPServer, tmp_path: Path, opened_urls: list[str]
) -> None:
    httpserver.expect_request("/pdf/2401.00001").respond_with_data(PDF, content_type="application/pdf")
    folder = tmp_path / "pdfs"
    app = make_app(store, config=Config(pdf_dir=str(folder)))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("D")
        await until(pilot, lambda: any(n.startswith("PDFs:") for n in notes(app)))
        [saved] = list(folder.iterdir())
        assert saved.read_bytes() == PDF and saved.suffix == ".pdf"
        assert "PDFs: saved 1 PDF." in notes(app)
        assert "PDF on disk (P opens it)" in screen.detail.text.plain
        await pilot.press("P")
        await pilot.pause()
        assert opened_urls == [saved.resolve().as_uri()]
        await pilot.press("slash", *"has:pdf", "enter")
        await pilot.pause()
        assert [r.paper.title for r in screen.papers.rows] == ["Known Paper With An Id"]


async def test_D_of_an_html_answer_leaves_no_file(
    store: Store, services: FakeArxiv, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/pdf/2401.00001").respond_with_data(
        "<html><body>Please wait</body></html>", content_type="text/html"
    )
    folder = tmp_path / "pdfs"
    app = make_app(store, config=Config(pdf_dir=str(folder)))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("D")
        await until(pilot, lambda: any(n.startswith("PDFs:") for n in notes(app)))
        [said] = [n for n in notes(app) if n.startswith("PDFs:")]
        assert "1 refused" in said
        assert not folder.exists() or list(folder.iterdir()) == []  # no PDF, no temporary file either


async def test_i_offers_the_saved_sources_and_imports_one_as_any_file(
    store: Store, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    items = [
        hf_item("2412.07777", "Quiet Routers for Mixture Models", ["Ana Ruiz"]),
        hf_item("2412.08888", KNOWN.title, ["Ana Ruiz", "Ben Ode"]),
    ]
    httpserver.expect_request("/api/daily_papers").respond_with_data(
        hf_json(items), content_type="application/json"
    )
    monkeypatch.setenv(ENV_HF_URL, local(httpserver))
    app = make_app(store, config=Config(sources=Sources(hf=True)))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        assert len(httpserver.log) == 0  # offered, not fetched: nothing online until the button is pressed
        await pilot.click("#import-source-0")
        await until(pilot, lambda: dialog.state == "preview")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen)
        names = {s.file for r in screen.library.records.values() for s in r.paper.sources}
        assert any(name.startswith("hf-") for name in names)
        merged = next(r for r in screen.library.records.values() if r.paper.title == KNOWN.title)
        assert (
            merged.paper.arxiv_id == "2412.08888" and len(merged.paper.sources) == 2
        )  # matched, not doubled
        assert len(screen.library.records) == 3
        await pilot.press("u")
        await pilot.pause()
        assert len(screen.library.records) == 2  # one undoable step, like any import

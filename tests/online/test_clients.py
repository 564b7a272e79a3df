"""arXiv, HF and PDF clients against the local stand-in; title matching; the recorded real API answers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from readq.models import Entry
from readq.online.arxiv import read_api, search_titles, title_query
from readq.online.hf import daily_papers
from readq.online.http import Cancelled, Http, OnlineError
from readq.online.matching import pick, title_key
from readq.online.pdf import download_pdf
from tests.online.standin import ArxivPaper, FakeArxiv, FakeClock, atom, hf_item, hf_json, local

SHARED = Path(__file__).resolve().parents[3] / "shared"
PDF = b"%PDF-1.5\n" + b"x" * 200_000 + b"\n%%EOF\n"


def test_title_equality_ignores_case_space_punctuation_and_tex() -> None:
    assert title_key("Scaling  Laws:\n  a {S}tudy of $\\alpha$-Decay") == title_key(
        "Scaling laws: a study of α-decay"
    )
    assert title_key("Über Alles") == title_key("uber alles")
    assert title_key("Scaling Laws") != title_key("Revisiting Scaling Laws at Scale")


def test_pick_rejects_longer_decoys_and_disagreeing_authors() -> None:
    real = Entry("Sparse Mixtures", authors=("Ana Lima",), arxiv_id="2401.00001")
    decoy = Entry("Sparse Mixtures at Scale", authors=("Bo Chen",), arxiv_id="2401.00002")
    other = Entry("Sparse mixtures", authors=("Carl Diaz",), arxiv_id="2401.00003")
    assert pick("Sparse Mixtures", (), [decoy, real]) is real
    assert pick("Sparse Mixtures", ("A. Lima",), [decoy, real, other]) is real
    assert pick("Sparse Mixtures", ("Zed Zhou",), [decoy, real]) is None
    assert pick("Sparse Mixtures", (), [real, other]) is None  # two papers of that title: no answer
    assert pick("Sparse", (), [decoy, real]) is None


def test_many_titles_in_one_query() -> None:
    assert title_query(['A: "quoted" title', "B"]) == 'ti:"A quoted title" OR ti:"B"'


def test_search_returns_decoys_and_wrapped_titles_read_whole(httpserver: HTTPServer) -> None:
    arxiv = FakeArxiv(
        [
            ArxivPaper("2401.00001", "Learning to Rank Papers Quickly", ("Ana Lima",), wrap=True),
            ArxivPaper("2401.00002", "Revisiting Learning to Rank Papers Quickly at Scale", ("Bo Chen",)),
        ]
    )
    httpserver.expect_request("/api/query").respond_with_handler(arxiv.handler)
    with Http() as http:
        found = search_titles(http, local(httpserver, "/api/query"), ["Learning to rank papers quickly"])
    assert {e.arxiv_id for e in found} == {"2401.00001", "2401.00002"}
    chosen = pick("Learning to rank papers quickly", (), found)
    assert chosen is not None and chosen.arxiv_id == "2401.00001"
    assert chosen.title == "Learning to Rank Papers Quickly"  # the wrapped title, spaces joined


def test_an_empty_answer_is_no_entries() -> None:
    assert read_api(atom([])) == []


def test_doi_and_journal_are_read() -> None:
    (entry,) = read_api(atom([ArxivPaper("2401.00001", "T", ("A B",), doi="10.1/x", journal="J. Test 1")]))
    assert entry.doi == "10.1/x" and entry.venue == "J. Test 1" and entry.year == 2024


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared folder (a fresh clone)")
def test_recorded_real_api_answers_parse() -> None:
    files = sorted((SHARED / "real").glob("atom_api-*.xml"))
    assert files
    for path in files:
        entries = read_api(path.read_bytes())
        assert entries, path.name
        for entry in entries:
            assert entry.arxiv_id and entry.title and entry.authors
            assert "\n" not in entry.title and "  " not in entry.title


def test_hf_daily_papers(httpserver: HTTPServer) -> None:
    items = [hf_item("2412.00001", "Tiny  Models\nThat Read", ["Ana Lima", "Bo Chen"], upvotes=12)]
    httpserver.expect_request("/api/daily_papers", query_string="date=2026-12-04").respond_with_data(
        hf_json(items), content_type="application/json"
    )
    with Http() as http:
        result = daily_papers(http, local(httpserver), "2026-12-04")
    (entry,) = result.entries
    assert (entry.title, entry.arxiv_id, entry.authors, entry.score) == (
        "Tiny Models That Read",
        "2412.00001",
        ("Ana Lima", "Bo Chen"),
        12.0,
    )
    assert result.digest_date == "2026-12-04" and entry.year == 2024


def test_hf_future_date_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/daily_papers").respond_with_data('{"error":"bad date"}', status=400)
    with Http() as http, pytest.raises(OnlineError, match="no daily papers for 2099-01-01"):
        daily_papers(http, local(httpserver), "2099-01-01")


def test_pdf_saved_whole(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/pdf/2401.00001").respond_with_data(PDF, content_type="application/pdf")
    seen: list[int] = []
    with Http() as http:
        size = download_pdf(
            http, local(httpserver, "/pdf/2401.00001"), tmp_path / "k.pdf", lambda d, t: seen.append(d)
        )
    assert size == len(PDF) and (tmp_path / "k.pdf").read_bytes() == PDF
    assert seen[-1] == len(PDF) and list(tmp_path.iterdir()) == [tmp_path / "k.pdf"]


def test_html_in_place_of_a_pdf_leaves_no_file(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/pdf/x").respond_with_data("<html>captcha</html>", content_type="text/html")
    httpserver.expect_request("/pdf/y").respond_with_data(b"<html>no</html>", content_type="application/pdf")
    with Http() as http:
        with pytest.raises(OnlineError, match="web page"):
            download_pdf(http, local(httpserver, "/pdf/x"), tmp_path / "x.pdf")
        with pytest.raises(OnlineError, match="not a PDF"):
            download_pdf(http, local(httpserver, "/pdf/y"), tmp_path / "y.pdf")
    assert list(tmp_path.iterdir()) == []


def test_truncated_download_leaves_no_file(httpserver: HTTPServer, tmp_path: Path) -> None:
    def short(request: Request) -> Response:
        response = Response(PDF[:1000], content_type="application/pdf")
        response.headers["Content-Length"] = str(len(PDF))  # promises more than it sends
        response.automatically_set_content_length = False
        return response

    httpserver.expect_request("/pdf/t").respond_with_handler(short)
    with (
        Http() as http,
        pytest.raises(OnlineError, match=r"^the connection to 127\.0\.0\.1:\d+ broke \(peer closed"),
    ):
        download_pdf(http, local(httpserver, "/pdf/t"), tmp_path / "t.pdf")
    assert list(tmp_path.iterdir()) == []


def test_cancel_midway_leaves_no_file(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/pdf/c").respond_with_data(PDF, content_type="application/pdf")
    cancel = threading.Event()
    with Http(cancel=cancel) as http, pytest.raises(Cancelled):
        download_pdf(http, local(httpserver, "/pdf/c"), tmp_path / "c.pdf", lambda d, t: cancel.set())
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_midway_leaves_no_file(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/pdf/c").respond_with_data(PDF, content_type="application/pdf")

    def interrupt(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with Http() as http, pytest.raises(KeyboardInterrupt):
        download_pdf(http, local(httpserver, "/pdf/c"), tmp_path / "c.pdf", interrupt)
    assert list(tmp_path.iterdir()) == []


def test_fake_clock_is_used_for_retries_in_clients(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/api/query").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/api/query").respond_with_data(atom([]))
    clock = FakeClock()
    with Http(monotonic=clock.monotonic, sleep=clock.sleep) as http:
        assert search_titles(http, local(httpserver, "/api/query"), ["x"]) == []
    assert clock.slept == [2.0]

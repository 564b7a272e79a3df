"""readq open, pdf, complete and fetch against a local stand-in for arXiv and Hugging Face (127.0.0.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from readq.cli.main import main
from readq.online.services import ENV_ARXIV_API, ENV_ARXIV_RSS, ENV_ARXIV_URL, ENV_HF_URL
from tests.online.standin import ArxivPaper, FakeArxiv, closed_port, hf_item, hf_json, local

PDF = b"%PDF-1.4\n" + b"y" * 50_000 + b"\n%%EOF\n"
DAY = "2026-12-04"
ITEMS = [
    hf_item("2412.00001", "Tiny Models That Read", ["Ana Lima", "Bo Chen"], upvotes=12),
    hf_item("2412.00002", "Quiet Routers", ["Carla Diaz"], upvotes=4),
]
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>cs.CL updates</title>
<pubDate>Thu, 04 Dec 2026 00:00:00 -0500</pubDate>
<item><title>Listing Paper One</title><link>https://arxiv.org/abs/2412.00011</link>
<description>arXiv:2412.00011v1 Announce Type: new Abstract: First.</description>
<guid>oai:arXiv.org:2412.00011v1</guid><dc:creator>Ana Lima, Bo Chen</dc:creator></item>
</channel></rss>"""


def pasted(path: Path, *titles: str) -> str:
    """A Hugging Face digest as pasted from the page: titles and abstracts, no authors, no ids."""
    body = "".join(
        f"{t}\n\nWe study {t.lower()} with a method that is simple to state and to run. It is evaluated on "
        "several benchmarks built for the purpose, where it improves on strong baselines by a clear margin, "
        "and the code, data and trained models are released for others to build on.\n\n"
        for t in titles
    )
    path.write_text("Dec 4\n\n" + body, encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def _dead_services(monkeypatch: pytest.MonkeyPatch) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    for name in (ENV_ARXIV_API, ENV_ARXIV_URL, ENV_ARXIV_RSS, ENV_HF_URL):
        monkeypatch.setenv(name, dead)


@pytest.fixture
def server(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv(ENV_HF_URL, local(httpserver))
    monkeypatch.setenv(ENV_ARXIV_URL, local(httpserver))
    monkeypatch.setenv(ENV_ARXIV_API, local(httpserver, "/api/query"))
    monkeypatch.setenv(ENV_ARXIV_RSS, local(httpserver, "/rss"))
    httpserver.expect_request("/api/daily_papers", query_string=f"date={DAY}").respond_with_data(
        hf_json(ITEMS), content_type="application/json"
    )
    httpserver.expect_request("/api/daily_papers").respond_with_data(
        '{"error": "date in the future"}', status=400
    )
    return httpserver


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listing(capsys: pytest.CaptureFixture[str], data_dir: Path, *query: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, data_dir, "list", "--json", *query)
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_fetch_hf_imports_ids_authors_and_upvotes_once(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, data_dir, "fetch", "hf", "--date", DAY, "--dry-run")
    assert code == 0 and "would import 2 new" in out
    assert not (data_dir / "papers.json").exists() or listing(capsys, data_dir) == []
    code, out, _ = run(capsys, data_dir, "fetch", "hf", "--date", DAY)
    assert code == 0 and f"hf-{DAY}: 2 entries; imported 2 new" in out
    papers = {p["title"]: p for p in listing(capsys, data_dir)}
    assert papers["Tiny Models That Read"]["arxiv_id"] == "2412.00001"
    assert papers["Tiny Models That Read"]["authors"] == ["Ana Lima", "Bo Chen"]
    assert papers["Tiny Models That Read"]["score"] == 12
    before = (data_dir / "papers.json").read_bytes()
    code, out, _ = run(capsys, data_dir, "fetch", "hf", "--date", DAY)
    assert code == 0 and "imported 0 new, 0 updated, 2 already present" in out
    assert (data_dir / "papers.json").read_bytes() == before


def test_fetch_hf_future_date_fails_and_changes_nothing(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, _, err = run(capsys, data_dir, "fetch", "hf", "--date", "2099-01-01")
    assert code == 1 and "no daily papers for 2099-01-01" in err and "127.0.0.1" in err
    assert listing(capsys, data_dir) == []


def test_fetch_dedupes_with_a_pasted_digest(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    assert run(capsys, data_dir, "import", pasted(tmp_path / "hf.txt", "Tiny Models That Read"))[0] == 0
    code, out, _ = run(capsys, data_dir, "fetch", "hf", "--date", DAY)
    assert code == 0 and "1 new, 1 updated" in out
    papers = {p["title"]: p for p in listing(capsys, data_dir)}
    assert len(papers) == 2 and papers["Tiny Models That Read"]["arxiv_id"] == "2412.00001"


def test_fetch_arxiv_categories_and_a_url(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    server.expect_request("/rss/cs.CL+cs.LG").respond_with_data(RSS, content_type="application/rss+xml")
    server.expect_request("/other/feed.xml").respond_with_data(RSS, content_type="application/rss+xml")
    code, out, _ = run(capsys, data_dir, "fetch", "arxiv", "cs.CL", "cs.LG")
    assert code == 0 and "arxiv-cs.CL+cs.LG: 1 entries; imported 1 new" in out
    code, out, _ = run(capsys, data_dir, "fetch", local(server, "/other/feed.xml"))
    assert code == 0 and "already present" in out
    (paper,) = listing(capsys, data_dir)
    assert paper["arxiv_id"] == "2412.00011" and paper["authors"] == ["Ana Lima", "Bo Chen"]


def test_fetch_saved_sources(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    server.expect_request("/rss/cs.CL").respond_with_data(RSS, content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text('[sources]\nhf = true\narxiv = ["cs.CL"]\n', encoding="utf-8")
    code, out, _ = run(capsys, data_dir, "--config", str(config), "fetch", "--date", DAY)
    assert code == 0 and f"hf-{DAY}" in out and "arxiv-cs.CL" in out
    assert len(listing(capsys, data_dir)) == 3


def test_pdf_downloads_once_and_has_pdf_finds_it(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    server.expect_request("/pdf/2412.00001").respond_with_data(PDF, content_type="application/pdf")
    server.expect_request("/pdf/2412.00002").respond_with_data("<html>", content_type="text/html")
    run(capsys, data_dir, "fetch", "hf", "--date", DAY)
    ids = {p["title"]: p["id"] for p in listing(capsys, data_dir)}
    folder = tmp_path / "pdfs"
    good, bad = ids["Tiny Models That Read"], ids["Quiet Routers"]
    code, out, err = run(capsys, data_dir, "pdf", str(good), str(bad), "--dir", str(folder))
    assert code == 1 and "web page" in err and "saved" in out
    (saved,) = folder.iterdir()
    assert saved.read_bytes() == PDF and saved.suffix == ".pdf"
    served = len(server.log)
    code, out, _ = run(capsys, data_dir, "pdf", str(good), "--dir", str(folder))
    assert code == 0 and "already on disk" in out and len(server.log) == served
    config = tmp_path / "config.toml"
    config.write_text(f'pdf_dir = "{folder}"\n', encoding="utf-8")
    code, out, _ = run(capsys, data_dir, "--config", str(config), "list", "has:pdf")
    assert code == 0 and "Tiny Models" in out and "Quiet" not in out


def test_open_page_and_pdf(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    run(capsys, data_dir, "fetch", "hf", "--date", DAY)
    pid = {p["title"]: p["id"] for p in listing(capsys, data_dir)}["Tiny Models That Read"]
    assert run(capsys, data_dir, "open", str(pid))[0] == 0
    assert run(capsys, data_dir, "open", str(pid), "--pdf")[0] == 0
    assert opened == [local(server, "/abs/2412.00001"), local(server, "/pdf/2412.00001")]


def test_complete_prints_what_it_filled_and_missed(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    arxiv = FakeArxiv(
        [
            ArxivPaper("2405.01234", "Known Paper on Ranking", ("Ana Lima",)),
            ArxivPaper("2405.09999", "Unknown Paper on Ranking Revisited", ("Bo Chen",)),
        ]
    )
    server.expect_request("/api/query").respond_with_handler(arxiv.handler)
    assert (
        run(
            capsys,
            data_dir,
            "import",
            pasted(tmp_path / "d.txt", "Known Paper on Ranking", "Unknown Paper on Ranking"),
        )[0]
        == 0
    )
    code, out, _ = run(capsys, data_dir, "complete", "--dry-run")
    assert code == 0 and "would fill arxiv_id" in out
    assert all(p.get("arxiv_id") is None for p in listing(capsys, data_dir))
    code, out, _ = run(capsys, data_dir, "complete")
    assert code == 0 and "filled arxiv_id, authors" in out and "(arXiv 2405.01234)" in out
    assert "not found on arXiv  Unknown Paper on Ranking" in out and "1 of 2 papers filled" in out
    papers = {p["title"]: p for p in listing(capsys, data_dir)}
    assert papers["Known Paper on Ranking"]["authors"] == ["Ana Lima"]
    assert papers["Known Paper on Ranking"]["year"] == 2024
    code, out, _ = run(capsys, data_dir, "complete")
    assert "not asked again" in out and "(0 requests to arXiv)" in out


def test_unreachable_arxiv_exits_1_naming_the_host(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    assert run(capsys, data_dir, "import", pasted(tmp_path / "d.txt", "Some Paper Title Here"))[0] == 0
    before = (data_dir / "papers.json").read_bytes()
    code, _, err = run(capsys, data_dir, "complete")
    assert code == 1 and "cannot reach 127.0.0.1:" in err and "nothing changed" in err
    assert (data_dir / "papers.json").read_bytes() == before
    assert not (data_dir / "lookups.json").exists()
    code, _, err = run(capsys, data_dir, "fetch", "hf", "--date", DAY)
    assert code == 1 and "cannot reach 127.0.0.1:" in err
    assert run(capsys, data_dir, "list")[0] == 0  # offline, the rest still works


def test_complete_after_import_setting(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    arxiv = FakeArxiv([ArxivPaper("2405.01234", "Known Paper on Ranking", ("Ana Lima",))])
    server.expect_request("/api/query").respond_with_handler(arxiv.handler)
    config = tmp_path / "config.toml"
    config.write_text("complete_after_import = true\n", encoding="utf-8")
    digest = pasted(tmp_path / "d.txt", "Known Paper on Ranking")
    code, out, _ = run(capsys, data_dir, "--config", str(config), "import", digest)
    assert code == 0 and "1 of 1 papers filled" in out
    (paper,) = listing(capsys, data_dir)
    assert paper["arxiv_id"] == "2405.01234"

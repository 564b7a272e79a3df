"""``readq import zotero:`` and ``readq export --to zotero`` against a stand-in Zotero on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from readq.cli.main import main
from readq.online.zotero import PAGE
from readq.store import Store
from tests.online.standin import closed_port


def item(n: int) -> dict[str, object]:
    return {
        "id": f"key{n}",
        "type": "article",
        "title": f"Paper number {n}",
        "author": [{"family": "Le Guin", "given": "Ursula K."}],
        "issued": {"date-parts": [[2020 + n % 5]]},
        "number": f"arXiv:2401.{10000 + n}",
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_reads_every_page_with_its_keys(
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    library = [item(n) for n in range(PAGE + 5)]
    asked: list[dict[str, str]] = []

    def items(request: Request) -> Response:
        asked.append(dict(request.args))
        start, limit = int(request.args["start"]), int(request.args["limit"])
        body = json.dumps(library[start : start + limit])
        return Response(body, headers={"Total-Results": str(len(library))}, content_type="application/json")

    httpserver.expect_request("/api/users/0/items", method="GET").respond_with_handler(items)
    monkeypatch.setenv("READQ_ZOTERO_URL", httpserver.url_for("/").rstrip("/"))
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "import", "zotero:")
    assert code == 0 and f"imported {PAGE + 5} entries (csl-json): {PAGE + 5} new" in out
    assert [a["start"] for a in asked] == ["0", str(PAGE)] and all(a["format"] == "csljson" for a in asked)
    store = Store(tmp_path)
    keys = {store.papers[pid].arxiv_id: state.citekey for pid, state in store.states.items()}
    assert len(keys) == PAGE + 5 and keys["2401.10007"] == "key7"


def test_zotero_not_running_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("READQ_ZOTERO_URL", f"http://127.0.0.1:{closed_port()}")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "import", "zotero:")
    assert (
        code == 2
        and "Zotero is not running at http://127.0.0.1:" in err
        and "Allow other applications" in err
    )
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "export", "--to", "zotero")
    assert code == 2 and "no papers matched" in err
    bib = tmp_path / "in.bib"
    bib.write_text("@misc{k, title = {T}, author = {Ada Lovelace}, year = {2024}}\n", encoding="utf-8")
    run(capsys, "--data-dir", str(tmp_path), "import", str(bib))
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "export", "--to", "zotero")
    assert code == 1 and "Zotero is not running" in err


def test_the_local_api_turned_off_is_explained(
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    httpserver.expect_request("/api/users/0/items").respond_with_data("Forbidden", status=403)
    monkeypatch.setenv("READQ_ZOTERO_URL", httpserver.url_for("/").rstrip("/"))
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "import", "zotero:")
    assert code == 2 and "HTTP 403: its local API is off" in err


BIB = r"""@article{leguin1969left,
  title = {The Left Hand of Darkness},
  author = {Le Guin, Ursula K.},
  journal = {Ace},
  doi = {10.1000/ace.1969},
  year = {1969}
}
@misc{lovelace2024,
  title = {Tokenizer Drift},
  author = {Ada Lovelace and {OpenAI}},
  eprint = {2401.01234},
  archivePrefix = {arXiv},
  year = {2024}
}
@misc{third, title = {A Third Paper}, year = {2020}}
"""


def test_export_sends_three_papers_to_the_connector(
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    received: list[dict[str, object]] = []

    def save(request: Request) -> Response:
        assert request.headers["Content-Type"] == "application/json"
        received.append(json.loads(request.get_data()))
        return Response("", status=201)

    httpserver.expect_request("/connector/saveItems", method="POST").respond_with_handler(save)
    monkeypatch.setenv("READQ_ZOTERO_URL", httpserver.url_for("/").rstrip("/"))
    (tmp_path / "in.bib").write_text(BIB, encoding="utf-8")
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "import", str(tmp_path / "in.bib"))
    code, _, err = run(capsys, "--data-dir", data, "export", "--to", "zotero")
    assert code == 0 and "sent 3 papers to Zotero" in err
    [payload] = received
    items = payload["items"]
    assert isinstance(items, list) and len(items) == 3
    left, drift, third = items
    assert left["itemType"] == "journalArticle" and left["publicationTitle"] == "Ace"
    assert left["creators"] == [{"lastName": "Le Guin", "firstName": "Ursula K.", "creatorType": "author"}]
    assert (left["DOI"], left["date"], left["extra"]) == (
        "10.1000/ace.1969",
        "1969",
        "Citation Key: leguin1969left",
    )
    assert drift["itemType"] == "preprint" and drift["archiveID"] == "arXiv:2401.01234"
    assert drift["creators"][1] == {"name": "OpenAI", "creatorType": "author"}
    assert third["title"] == "A Third Paper" and third["creators"] == []


def test_connector_refusal_is_reported(
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    httpserver.expect_request("/connector/saveItems").respond_with_data("No library selected", status=500)
    monkeypatch.setenv("READQ_ZOTERO_URL", httpserver.url_for("/").rstrip("/"))
    (tmp_path / "in.bib").write_text(BIB, encoding="utf-8")
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "import", str(tmp_path / "in.bib"))
    code, _, err = run(capsys, "--data-dir", data, "export", "--to", "zotero", "author:lovelace")
    assert code == 1 and "refused the papers (HTTP 500: No library selected)" in err

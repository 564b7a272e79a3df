"""Command-line rough edges a daily user hits: one set of priority marks, export that never overwrites
silently, tag commands that say what happened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readq.cli.main import main
from tests.cli.test_cli import HF


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> list[str]:
    """The data dir with two papers imported; their ids, first file order."""
    digest = tmp_path / "001_daily.txt"
    digest.write_text(HF, encoding="utf-8")
    assert run(capsys, "--data-dir", str(data_dir), "import", str(digest))[0] == 0
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    return [p["id"] for p in json.loads(out)]


def test_list_and_stats_use_the_same_priority_marks(
    capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str]
) -> None:
    run(capsys, "--data-dir", str(data_dir), "mark", library[0], "--priority", "3")
    run(capsys, "--data-dir", str(data_dir), "mark", library[1], "--priority", "2")
    _, listed, _ = run(capsys, "--data-dir", str(data_dir), "list")
    _, stats, _ = run(capsys, "--data-dir", str(data_dir), "stats")
    assert "•!!!" in listed and "•!! " in listed
    assert "!!! 3" in stats and "!!  2" in stats
    assert not any(glyph in listed + stats for glyph in "‼★")

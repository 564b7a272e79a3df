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


def test_tag_says_when_a_comma_makes_several_tags(
    capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "tag", library[0], "a,b")
    assert code == 0 and out.strip().endswith(": a, b")
    assert "'a,b' adds 2 tags (a, b): a comma separates tags" in err


def test_removing_a_tag_that_is_not_there_says_so(
    capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str]
) -> None:
    run(capsys, "--data-dir", str(data_dir), "tag", library[0], "ml")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "tag", library[0], "-rl", "-ML")
    assert code == 0 and out.strip().endswith(": no tags")
    assert "no tag 'rl' to remove: the paper does not have it" in err
    assert "ML" not in err  # that one was there and is gone


def test_export_refuses_to_replace_a_file_without_force(
    capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("my hand-written entries\n", encoding="utf-8")
    export = ("--data-dir", str(data_dir), "export", "--format", "bibtex", "-o", str(target))
    code, _, err = run(capsys, *export)
    assert code == 2 and "exists; add --force to replace it (nothing was written)" in err
    assert target.read_text(encoding="utf-8") == "my hand-written entries\n"
    code, _, err = run(capsys, *export, "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("@")

"""The command line, run through ``main(argv)`` on temporary data dirs."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.samples import sample_paths
from readq.store import ENV_DATA_DIR, PAPERS_FILE, Store

HF = """new

Get trending papers in your email inbox!

Subscribe

byAK and the research community

Nov 23

Sparse Mixtures of Tiny Experts for Long-Context Retrieval

We show that routing tokens to many tiny experts keeps retrieval quality intact at a million tokens of \
context, while the compute per token stays flat and the memory footprint shrinks by a factor of three.

Calibrated Uncertainty for Code Generation Agents

Agents that write code should know when they are wrong. We calibrate them with execution feedback from unit \
tests and show that the calibrated agents ask for help exactly when they should, across four benchmarks.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def digest_file(tmp_path: Path) -> Path:
    path = tmp_path / "001_daily.txt"
    path.write_text(HF, encoding="utf-8")
    return path


def test_import_reports_per_file_and_is_idempotent(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    assert code == 0
    assert (
        "imported 2 entries (hf-blank, dated Nov 23): 2 new, 0 already present, 0 updated, 0 warnings" in out
    )
    before = (data_dir / PAPERS_FILE).read_bytes()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    assert code == 0 and f"already imported as {digest_file.name} (2 entries); nothing changed" in out
    assert (data_dir / PAPERS_FILE).read_bytes() == before


def test_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "--dry-run", str(digest_file))
    assert code == 0 and "would import 2 entries" in out and "2 new" in out
    assert len(Store(data_dir)) == 0


def test_forced_format_that_does_not_fit_is_rejected(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path
) -> None:
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "import", "--format", "nonsense", str(digest_file)
    )
    assert code == 2 and "rejected" in err and "nonsense" in err


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.txt", b""),
        ("binary.bin", bytes(range(256)) * 40),
        (
            "README.md",
            b"# My project\n\nThis is a readme with a paragraph of prose, not a digest.\n\n"
            b"## Install\n\n    pip install thing\n",
        ),
    ],
)
def test_not_a_digest_exits_2_names_the_file_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    digest_file: Path,
    tmp_path: Path,
    name: str,
    content: bytes,
) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    before = (data_dir / PAPERS_FILE).read_bytes()
    bad = tmp_path / name
    bad.write_bytes(content)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(bad))
    assert code == 2
    assert str(bad) in err and "rejected" in err
    assert (data_dir / PAPERS_FILE).read_bytes() == before


def test_one_bad_file_among_good_ones(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(missing), str(digest_file))
    assert code == 2 and "nope.txt" in err and "cannot read" in err
    assert "2 new" in out and len(Store(data_dir)) == 2


def test_import_from_stdin(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HF.encode())))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-")
    assert code == 0 and "2 new" in out
    files = [s.file for p in Store(data_dir).papers.values() for s in p.sources]
    assert len(files) == 2 and len(set(files)) == 1 and files[0].startswith("stdin-20")  # a dated name


def test_list_show_mark_and_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    papers = json.loads(out)
    assert code == 0 and len(papers) == 2
    for key in ("id", "title", "authors", "abstract", "read", "priority", "note", "tags", "sources", "added"):
        assert key in papers[0]
    assert papers[0]["sources"][0]["file"] == "001_daily.txt" and papers[0]["sources"][0]["date"] == "Nov 23"
    assert papers[0]["read"] is False and papers[0]["priority"] is None and papers[0]["tags"] == []
    pid = next(p["id"] for p in papers if p["title"].startswith("Calibrated"))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", pid)
    assert "unread, no priority" in out  # never triaged: not "priority 0" (that is a choice)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "p:0")
    assert "Calibrated" not in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "mark", pid[:5], "--read", "--priority", "2")
    assert code == 0 and f"{pid}: read, priority 2 (changed)" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", pid[:6], "--json")
    shown = json.loads(out)
    assert shown["read"] is True and shown["priority"] == 2 and shown["read_at"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", pid)
    assert "Calibrated Uncertainty" in out and "read, priority 2" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "is:unread")
    assert "Sparse Mixtures" in out and "Calibrated" not in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "p:>=2", "--json")
    assert [p["id"] for p in json.loads(out)] == [pid]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "mark", pid, "--unread")
    assert "unread, priority 2 (changed)" in out


def test_list_sort_keys(capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json", "--sort", "title")
    assert [p["title"][:6] for p in json.loads(out)] == ["Calibr", "Sparse"]
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json", "--sort", "title", "--reverse")
    assert [p["title"][:6] for p in json.loads(out)] == ["Sparse", "Calibr"]


def test_errors_are_clear(capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "show", "zzzz")
    assert code == 2 and "no paper has an id starting with 'zzzz'" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "list", "author:")
    assert code == 2 and "bad query" in err and "column" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "mark", "zzzz", "--read")
    assert code == 2
    pid = json.loads(run(capsys, "--data-dir", str(data_dir), "list", "--json")[1])[0]["id"]
    code, _, err = run(capsys, "--data-dir", str(data_dir), "mark", pid)
    assert code == 2 and "--read" in err


def test_data_dir_from_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, digest_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READQ_DATA_DIR", str(tmp_path / "env-lib"))
    code, _, _ = run(capsys, "import", str(digest_file))
    assert code == 0 and len(Store(tmp_path / "env-lib")) == 2


def test_corrupt_store_is_reported_not_emptied(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    (data_dir / PAPERS_FILE).write_bytes(b"\x00" * 100)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "list")
    assert code == 1 and "set aside" in err and "readq restore papers" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "list")
    assert code == 1 and "set aside" in err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", "papers")
    assert code == 0 and "restored papers.json" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert code == 0 and len(json.loads(out)) == 2


def test_demo_print_uses_a_throwaway_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    import readq.cli.main

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    opened: list[Path] = []

    class Seen(Store):
        def __init__(self, data_dir: Path, *args: object, **kwargs: object) -> None:
            opened.append(Path(data_dir))
            super().__init__(data_dir, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readq.cli.main, "Store", Seen)
    code, out, _ = run(capsys, "demo", "--print")
    assert code == 0
    for path in sample_paths():
        assert path.name in out
    assert len(opened) == 1 and opened[0].parent == temp and opened[0].name.startswith("readq-demo-")
    assert list(temp.iterdir()) == []  # the throwaway library is gone
    assert list(Path(os.environ[ENV_DATA_DIR]).iterdir()) == []  # and the user's library was never touched


def test_piped_list_keeps_titles_whole(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    long_name = tmp_path / "atom_api-classic_au-del_maestro_2016-10-09_a-very-long-feed-name.txt"
    long_name.write_text(HF, encoding="utf-8")
    run(capsys, "--data-dir", str(data_dir), "import", str(long_name))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list")
    assert code == 0
    assert "Sparse Mixtures of Tiny Experts for Long-Context Retrieval" in out  # not cut to fit a terminal
    assert "  " not in out.splitlines()[0].split("  ")[0]  # the title is not padded either


def test_export_to_a_folder_or_a_missing_folder_says_what_is_wrong(
    capsys: pytest.CaptureFixture[str], data_dir: Path, digest_file: Path, tmp_path: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(digest_file))
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(capsys, "--data-dir", str(data_dir), "export", "--format", "bibtex", "-o", str(folder))
    assert code != 0 and "it is a folder (give a file name); nothing was written" in err
    missing = tmp_path / "nowhere" / "x.bib"
    export = ("--data-dir", str(data_dir), "export", "--format", "bibtex", "-o")
    code, _, err = run(capsys, *export, str(missing))
    assert code != 0 and "its folder does not exist; nothing was written" in err


def test_stats_days_has_a_ceiling(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(data_dir), "stats", "--days", "100000"])
    assert exit_.value.code == 2 and "--days must be from 1 to 3,650, not 100000" in capsys.readouterr().err
    assert run(capsys, "--data-dir", str(data_dir), "stats", "--days", "3650")[0] == 0

"""Merging another machine's export never drops a note: when both libraries noted a paper differently, the
newer note wins and the older one is kept in the same note under a marked heading; the papers are listed by
id. Merging again (either way round) adds nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

import readq.clock
from readq.cli.main import main
from readq.store import Store
from tests.helpers import digest

NOTE_CONFLICT_HEADING = "## Note kept from a merge"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    ticks = count(1)

    def now() -> str:
        return f"2026-11-23T08:{next(ticks):02d}:00+00:00"

    monkeypatch.setattr(readq.clock, "now_iso", now)  # readq's one clock: every stamp ticks a minute
    yield


def _two_libraries(tmp_path: Path, first: str, second: str) -> tuple[Path, Path, str]:
    """Library ``a`` notes the paper with ``first``, then ``b`` with ``second`` (so b's is newer)."""
    a, b = tmp_path / "a", tmp_path / "b"
    pid = ""
    for folder in (a, b):
        store = Store(folder)
        pid = store.import_result(digest("A shared paper", "Another paper"), "001.txt").new[0]
        store.close()
    for folder, note in ((a, first), (b, second)):
        store = Store(folder)
        store.update_states({pid: {"note": note}})
        store.close()
    return a, b, pid


def _export(folder: Path, target: Path) -> Path:
    assert main(["--data-dir", str(folder), "export", "-f", "json", "-o", str(target)]) == 0
    return target


def _note(folder: Path, pid: str) -> str:
    store = Store(folder)
    try:
        return store.states[pid].note
    finally:
        store.close()


def test_the_older_note_is_kept_and_the_paper_listed(
    tmp_path: Path, clock: None, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, pid = _two_libraries(tmp_path, "Notes from the laptop.", "Notes from the desktop.")
    exported = _export(b, tmp_path / "b.json")
    capsys.readouterr()
    assert main(["--data-dir", str(a), "import", "--dry-run", str(exported)]) == 0
    dry = capsys.readouterr().out
    assert "1 paper(s) noted differently in both libraries" in dry and f"    {pid}\n" in dry
    assert _note(a, pid) == "Notes from the laptop."  # a dry run writes nothing
    assert main(["--data-dir", str(a), "import", str(exported)]) == 0
    out = capsys.readouterr().out
    assert "1 paper(s) noted differently in both libraries: the newer note kept" in out
    assert f"    {pid}\n" in out
    note = _note(a, pid)
    assert note.startswith("Notes from the desktop.\n\n" + NOTE_CONFLICT_HEADING)  # the newer one first
    assert note.rstrip().endswith("Notes from the laptop.")  # the older one kept, whole
    assert main(["--data-dir", str(a), "import", str(exported)]) == 0  # again: nothing more
    assert _note(a, pid) == note
    # and back the other way: b takes the joined note, with neither text twice
    assert main(["--data-dir", str(b), "import", str(_export(a, tmp_path / "a.json"))]) == 0
    joined = _note(b, pid)
    assert joined.count("Notes from the desktop.") == 1 and joined.count("Notes from the laptop.") == 1
    assert joined.count(NOTE_CONFLICT_HEADING) == 1


def test_a_newer_local_note_keeps_the_files_older_one_too(tmp_path: Path, clock: None) -> None:
    b, a, pid = _two_libraries(tmp_path, "The file's older note.", "This library's newer note.")
    assert main(["--data-dir", str(a), "import", str(_export(b, tmp_path / "b.json"))]) == 0
    note = _note(a, pid)
    assert note.startswith("This library's newer note.\n\n" + NOTE_CONFLICT_HEADING)
    assert "The file's older note." in note


def test_an_extended_note_is_no_conflict(
    tmp_path: Path, clock: None, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, pid = _two_libraries(tmp_path, "First thoughts.", "First thoughts. And more, later.")
    capsys.readouterr()
    assert main(["--data-dir", str(a), "import", str(_export(b, tmp_path / "b.json"))]) == 0
    assert "noted differently" not in capsys.readouterr().out
    assert _note(a, pid) == "First thoughts. And more, later."

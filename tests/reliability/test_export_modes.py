"""An exported file holds the user's notes: it is written with the user's umask but never readable by more
people than the data files are (``state.json`` is 0600), whether it is new or replaces a file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import STATE_FILE, Store
from tests.helpers import digest


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _library(data: Path) -> None:
    store = Store(data)
    pid = store.import_result(digest("A noted paper"), "001.txt").new[0]
    store.update_states({pid: {"note": "private thoughts"}})
    store.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv"])
def test_an_export_is_never_wider_than_the_data_files(
    fmt: str, tmp_path: Path, umask_022: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _library(data)
    assert _mode(data / STATE_FILE) == 0o600
    target = tmp_path / f"export.{fmt}"
    assert main(["--data-dir", str(data), "export", "-f", fmt, "-o", str(target)]) == 0
    assert target.exists()
    assert _mode(target) == 0o600  # not 0644: the notes stay the user's


def test_a_replaced_file_is_narrowed_and_a_wider_data_file_allows_the_umask(
    tmp_path: Path, umask_022: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _library(data)
    target = tmp_path / "export.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    argv = ["--data-dir", str(data), "export", "-f", "json", "-o", str(target)]
    assert main([*argv, "--force"] if "--force" in _export_help(capsys) else argv) == 0
    assert _mode(target) == 0o600
    (data / STATE_FILE).chmod(0o640)  # a user who shares the library with a group shares its exports too
    other = tmp_path / "shared.json"
    assert main(["--data-dir", str(data), "export", "-f", "json", "-o", str(other)]) == 0
    assert _mode(other) == 0o640  # 0666 less the umask (0644), within the data file's 0640


def _export_help(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    return capsys.readouterr().out

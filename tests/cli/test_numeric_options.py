"""Every numeric option is range-checked: a bad value stops the command with exit status 2 and a message
naming the option, before anything is read or written (``--limit -1`` once printed all papers but one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.cli.main import main
from readq.samples import sample_paths

# (command line before the value, option, values refused, message for the first refused value)
NUMERIC = [
    (["list", "--limit"], "--limit", ["-1", "0", "x", "1.5", ""], "--limit must be at least 1, not -1"),
    (["similar", "abc", "-n"], "-n", ["-1", "0", "x"], "-n must be at least 1, not -1"),
    (["stats", "--days"], "--days", ["-1", "0", "x", "3651"], "--days must be from 1 to 3,650, not -1"),
    (["serve", "--port"], "--port", ["-1", "65536", "x"], "a port is between 0 and 65535, not -1"),
    (["serve", "--max-tabs"], "--max-tabs", ["-1", "0", "65", "x"], "--max-tabs is between 1 and 64, not -1"),
]


@pytest.mark.parametrize(("argv", "option", "values", "message"), NUMERIC, ids=[n[1] for n in NUMERIC])
def test_bad_numbers_exit_2_naming_the_option(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    argv: list[str],
    option: str,
    values: list[str],
    message: str,
) -> None:
    for value in values:
        with pytest.raises(SystemExit) as exit_:
            main(["--data-dir", str(tmp_path / "lib"), *argv, value])
        err = capsys.readouterr().err
        assert exit_.value.code == 2, (option, value)
        assert option in err or "port" in err, (option, value, err)
        if value == values[0]:
            assert message in err
    assert not (tmp_path / "lib").exists()  # refused before the library was opened


def test_list_limit_shows_that_many(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    assert main(["--data-dir", lib, "import", *map(str, sample_paths())]) == 0
    capsys.readouterr()
    assert main(["--data-dir", lib, "list"]) == 0
    everything = capsys.readouterr().out.splitlines()
    assert len(everything) > 3
    assert main(["--data-dir", lib, "list", "--limit", "3"]) == 0
    assert capsys.readouterr().out.splitlines() == everything[:3]
    assert main(["--data-dir", lib, "list", "--limit", str(len(everything) + 5)]) == 0
    assert capsys.readouterr().out.splitlines() == everything

"""``readq import --dry-run`` over several files says what the import would do, file by file: a paper that
two of the files hold is new once, then present (or updated), exactly as the real import reports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import Store
from tests.reliability.helpers import hf_digest


def _reports(capsys: pytest.CaptureFixture[str], dry: bool) -> list[str]:
    lines = capsys.readouterr().out.splitlines()
    verb = "would import" if dry else "imported"
    lines = [line.replace("already imported as", "already VERB as") for line in lines]  # said so in both
    return [line.split(": ", 1)[1].replace(verb, "VERB") for line in lines if ": " in line]


def test_a_dry_run_over_several_files_counts_duplicates_across_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    first = tmp_path / "001.txt"
    second = tmp_path / "002.txt"
    third = tmp_path / "003.txt"
    first.write_text(
        hf_digest(["Shared paper one", "Shared paper two", "Only in the first"]), encoding="utf-8"
    )
    second.write_text(
        hf_digest(["Shared paper one", "Shared paper two", "Only in the second"]), encoding="utf-8"
    )
    third.write_text(hf_digest(["Shared paper one", "Only in the third"], date="Nov 24"), encoding="utf-8")
    files = [str(first), str(second), str(third)]
    assert main(["--data-dir", str(data), "import", "--dry-run", *files]) == 0
    dry = _reports(capsys, dry=True)
    assert len(Store(data)) == 0  # nothing written
    assert main(["--data-dir", str(data), "import", *files]) == 0
    real = _reports(capsys, dry=False)
    assert dry[:3] == real[:3]
    assert "VERB 3 entries (hf-blank, dated Nov 23): 3 new, 0 already present, 0 updated" in dry[0]
    assert "VERB 3 entries (hf-blank, dated Nov 23): 1 new, 0 already present, 2 updated" in dry[1]
    assert "VERB 2 entries (hf-blank, dated Nov 24): 1 new, 0 already present, 1 updated" in dry[2]
    assert dry[3].split(";")[0] == real[3].split(";")[0] == "8 entries, 5 new, 0 already present, 3 updated"


def test_a_dry_run_plans_on_the_library_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    old = tmp_path / "000.txt"
    old.write_text(hf_digest(["Already in the library"]), encoding="utf-8")
    assert main(["--data-dir", str(data), "import", str(old)]) == 0
    new = tmp_path / "001.txt"
    new.write_text(hf_digest(["Already in the library", "A new one"]), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "import", "--dry-run", str(new), str(new)]) == 0
    dry = _reports(capsys, dry=True)
    assert "1 new, 0 already present, 1 updated" in dry[0]  # the paper gains the file as a source
    assert "already VERB as 001.txt (2 entries); nothing changed" in dry[1]  # the same digest again
    assert len(Store(data)) == 1
    assert main(["--data-dir", str(data), "import", str(new), str(new)]) == 0
    assert _reports(capsys, dry=False)[:2] == dry[:2]

"""Digest identity on the command line: the same content under any name is imported once; standard input
gets dated names; ``readq digest list`` and ``readq digest rename``; ``import --name``."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import PAPERS_FILE, Store
from tests.cli.test_cli import HF

OTHER = HF.replace("Nov 23", "Nov 24").replace("Sparse Mixtures", "Dense Mixtures")
SHARED = Path(__file__).resolve().parents[3] / "shared" / "digests"


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()))
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def digests(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "digest", "list", "--json")
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_the_same_digest_twice_from_stdin_or_under_another_name_is_already_imported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-", stdin=HF)
    assert code == 0 and "2 new" in out
    (name,) = [d["name"] for d in digests(capsys, data_dir)]
    assert str(name).startswith("stdin-20")
    before = (data_dir / PAPERS_FILE).read_bytes()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-", stdin=HF)
    assert code == 0 and f"already imported as {name}" in out
    copy = tmp_path / "other-name.txt"
    copy.write_text(HF, encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(copy))
    assert code == 0 and f"other-name.txt: already imported as {name} (2 entries); nothing changed" in out
    assert (data_dir / PAPERS_FILE).read_bytes() == before
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "seen:>=2")
    assert code == 0 and out == ""  # no paper counts as seen twice


def test_two_different_digests_from_stdin_get_two_names(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", "-", stdin=HF)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-", stdin=OTHER)
    assert code == 0 and "1 new" in out
    names = [str(d["name"]) for d in digests(capsys, data_dir)]
    assert len(names) == 2 and len(set(names)) == 2 and all(n.startswith("stdin-") for n in names)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json", "seen:>=2")
    assert [r["title"] for r in json.loads(out)] == ["Calibrated Uncertainty for Code Generation Agents"]


def test_name_list_and_rename(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "import", "--name", "monday", "-", stdin=HF)
    assert code == 0
    run(capsys, "--data-dir", str(data_dir), "import", "--name", "tuesday", "-", stdin=OTHER)
    listed = digests(capsys, data_dir)
    assert [(d["name"], d["date"], d["papers"], d["left"]) for d in listed] == [
        ("monday", "Nov 23", 2, 2),
        ("tuesday", "Nov 24", 2, 2),
    ]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "digest", "rename", "monday", "mailing one")
    assert code == 0 and "monday is now mailing one (2 papers)" in out
    assert [d["name"] for d in digests(capsys, data_dir)] == ["mailing one", "tuesday"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "digest", "list")
    assert "mailing one" in out and "2 left of 2" in out
    store = Store(data_dir)
    assert {s.file for p in store.papers.values() for s in p.sources} == {"mailing one", "tuesday"}
    store.close()
    code, _, err = run(capsys, "--data-dir", str(data_dir), "digest", "rename", "tuesday", "mailing one")
    assert code == 2 and "exists already" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "digest", "rename", "nope", "x")
    assert code == 2 and "no digest called 'nope'" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", "--name", "x", "-", "-")
    assert code == 2 and "--name names one digest" in err


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared real digests are not here")
def test_real_digests_are_imported_once_whatever_their_name(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    real = SHARED / "001_fb439f3fb56e3107.txt"
    text = real.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-", stdin=text)
    assert code == 0 and "98 new" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-", stdin=text)
    assert "already imported as stdin-" in out
    shutil.copy(real, tmp_path / "other-name.txt")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(tmp_path / "other-name.txt"))
    assert "already imported as stdin-" in out
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "import", str(SHARED / "002_3ef32df0a16a62c2.txt")
    )
    assert code == 0 and "116 new" in out and "3 updated" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json", "seen:>=2")
    assert len(json.loads(out)) == 3  # the three papers of both digests
    assert sorted(int(str(d["papers"])) for d in digests(capsys, data_dir)) == [98, 119]

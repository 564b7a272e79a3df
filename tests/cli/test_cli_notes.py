"""``readq note`` and ``readq tag`` through ``main(argv)`` on temporary data dirs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import STATE_FILE, Store
from tests.helpers import digest, fake_editor, shell_command


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pid(data_dir: Path) -> str:
    store = Store(data_dir)
    store.import_result(digest("Alpha paper", "Beta paper"), "001.txt")
    first = next(p.id for p in store.papers.values() if p.title == "Alpha paper")
    store.close()
    return first


def test_note_set_show_and_delete(capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str) -> None:
    code, out, _ = run(capsys, data_dir, "note", pid[:5], "--set", "# Idea\n\nuse **this**\x1b[31m\n")
    assert code == 0 and out == f"{pid}: note saved (20 bytes)\n"
    assert Store(data_dir).state(pid).note == "# Idea\n\nuse **this**"
    code, out, _ = run(capsys, data_dir, "note", pid, "--show")
    assert code == 0 and out == "# Idea\n\nuse **this**\n"
    code, out, _ = run(capsys, data_dir, "list", "has:note")
    assert pid in out
    code, out, _ = run(capsys, data_dir, "note", pid, "--set", "")
    assert code == 0 and out == f"{pid}: note deleted\n"
    code, out, err = run(capsys, data_dir, "note", pid, "--show")
    assert code == 0 and out == "" and "has no note" in err


def test_note_set_same_text_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str
) -> None:
    run(capsys, data_dir, "note", pid, "--set", "same")
    before = (data_dir / STATE_FILE).read_bytes()
    code, out, _ = run(capsys, data_dir, "note", pid, "--set", "same\n")
    assert code == 0 and out == f"{pid}: note unchanged\n"
    assert (data_dir / STATE_FILE).read_bytes() == before


def test_note_set_from_stdin(
    capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"from a pipe\r\n- caf\xc3\xa9\n")))
    code, _, _ = run(capsys, data_dir, "note", pid, "--set", "-")
    assert code == 0 and Store(data_dir).state(pid).note == "from a pipe\n- café"


def test_note_opens_the_editor(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    pid: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, data_dir, "note", pid, "--set", "first line")
    editor = fake_editor(tmp_path, "path.write_text(path.read_text() + 'second line\\n')")
    monkeypatch.setenv("EDITOR", shell_command(editor))
    code, out, _ = run(capsys, data_dir, "note", pid)
    assert code == 0 and "note saved" in out
    assert Store(data_dir).state(pid).note == "first line\nsecond line"
    monkeypatch.setenv("VISUAL", shell_command(fake_editor(tmp_path, "pass", "untouched.py")))
    code, out, _ = run(capsys, data_dir, "note", pid)  # $VISUAL wins; leaving the file alone changes nothing
    assert code == 0 and out == f"{pid}: note unchanged\n"


def test_note_editor_failures_exit_1_and_change_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    pid: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, data_dir, "note", pid, "--set", "keep me")
    code, _, err = run(capsys, data_dir, "note", pid)
    assert code == 1 and "no editor set: set $VISUAL or $EDITOR" in err and "--set" in err
    monkeypatch.setenv("EDITOR", "no-such-editor-xyz --wait")
    code, _, err = run(capsys, data_dir, "note", pid)
    assert code == 1 and "'no-such-editor-xyz' not found" in err
    monkeypatch.setenv(
        "EDITOR", shell_command(fake_editor(tmp_path, "path.write_text('draft')\nsys.exit(2)"))
    )
    code, _, err = run(capsys, data_dir, "note", pid)
    assert code == 1 and "exited with status 2; the note is unchanged; what you wrote is kept in" in err
    Path(err.strip().rsplit("kept in ", 1)[1]).unlink()
    assert Store(data_dir).state(pid).note == "keep me"


def test_note_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str) -> None:
    code, _, err = run(capsys, data_dir, "note", "ffffffff", "--show")
    assert code == 2 and "no paper has an id starting with 'ffffffff'" in err
    with pytest.raises(SystemExit) as caught:
        run(capsys, data_dir, "note", pid, "--set", "x", "--show")
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_tag_adds_removes_and_prints(capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str) -> None:
    code, out, _ = run(capsys, data_dir, "tag", pid, "+ML", "to cite", "#rl")
    assert code == 0 and out == f"{pid}: ML, to cite, rl\n"
    code, out, _ = run(capsys, data_dir, "tag", pid, "-ml", "+a,b", "+RL")
    assert code == 0 and out == f"{pid}: to cite, rl, a, b\n"
    code, out, _ = run(capsys, data_dir, "tag", pid)
    assert code == 0 and out == f"{pid}: to cite, rl, a, b\n"
    code, out, _ = run(capsys, data_dir, "list", 'tag:"to cite"')
    assert pid in out and len(out.splitlines()) == 1
    code, out, _ = run(capsys, data_dir, "tag", pid, "-a", "-b", "-rl", "-to cite")
    assert code == 0 and out == f"{pid}: no tags\n"
    assert Store(data_dir).state(pid).tags == ()


def test_hostile_tags_are_cleaned(capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str) -> None:
    code, out, _ = run(capsys, data_dir, "tag", pid, "+x\x1b[2J\x07y", "+[@click=app.quit]")
    assert code == 0 and out == f"{pid}: xy, [@click=app.quit]\n"


def test_tag_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], data_dir: Path, pid: str) -> None:
    code, _, err = run(capsys, data_dir, "tag", "ffffffff", "+a")
    assert code == 2 and "no paper has an id" in err
    code, _, err = run(capsys, data_dir, "tag", pid, "+a", "-")
    assert code == 2 and "no tag in '-'" in err
    assert Store(data_dir).state(pid).tags == ()  # nothing half-applied

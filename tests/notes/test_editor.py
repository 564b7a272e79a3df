"""The user's own editor: which command, running it on a temporary file, and failing without losing text."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.system.editor import EditorError, edit_text, editor_command
from tests.helpers import fake_editor


def test_visual_wins_over_editor_and_is_split_like_a_shell() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "'/opt/my editor/bin/ed' -n"}) == ["/opt/my editor/bin/ed", "-n"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "vi"}) == ["vi"]
    assert editor_command({}) is None
    with pytest.raises(EditorError, match="not a valid command"):
        editor_command({"EDITOR": "vim 'unclosed"})


def test_the_editor_gets_the_note_and_its_text_comes_back(tmp_path: Path) -> None:
    command = fake_editor(
        tmp_path,
        "seen = path.read_text()\n"
        "assert path.name.endswith('.md') and seen == 'old note\\n', seen\n"
        "path.write_text(seen + 'added line\\n')",
    )
    assert edit_text(command, "old note", name="note-abc") == "old note\nadded line\n"


def test_a_failing_editor_changes_nothing_and_keeps_what_was_written(tmp_path: Path) -> None:
    command = fake_editor(tmp_path, "path.write_text('half-written thoughts')\nsys.exit(3)")
    with pytest.raises(EditorError) as caught:
        edit_text(command, "old", name="note-abc")
    message = str(caught.value)
    assert "exited with status 3; the note is unchanged" in message
    kept = Path(message.rsplit("kept in ", 1)[1])
    assert kept.read_text(encoding="utf-8") == "half-written thoughts"
    kept.unlink()
    quiet = fake_editor(tmp_path, "sys.exit(1)", "quiet.py")  # like vim's :cq without edits
    with pytest.raises(EditorError, match=r"status 1; the note is unchanged$"):
        edit_text(quiet, "old")


def test_a_missing_editor_or_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(EditorError, match="'no-such-editor-xyz' not found"):
        edit_text(["no-such-editor-xyz"], "text")
    deleting = fake_editor(tmp_path, "path.unlink()")
    with pytest.raises(EditorError, match="left no file"):
        edit_text(deleting, "text")
    with pytest.raises(EditorError, match="no editor set"):
        edit_text([], "text")


def test_invalid_utf8_from_the_editor_is_replaced_not_fatal(tmp_path: Path) -> None:
    command = fake_editor(tmp_path, "path.write_bytes(b'caf\\xe9 ok')")
    assert edit_text(command, "") == "caf\ufffd ok"

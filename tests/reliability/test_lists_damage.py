"""A damaged ``lists.json`` (the watch list and saved searches) is refused on every run until the user
restores it, as the papers and the state are: never read once more as an empty watch list."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import Store
from readq.store.lists import LISTS_FILE
from readq.store.safety import set_aside_copies

DAMAGE = {
    "garbage": b"{not json",
    "empty": b"",
    "nuls": b"\0" * 64,
    "array": b"[1, 2, 3]",
    "another kind": b'{"_meta": {"1": {"schema": 1, "kind": "state"}}, "states": {}}',
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_lists_are_refused_until_restored(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    argv = ["--data-dir", str(data)]
    assert main([*argv, "watch", "add", "cat:CL"]) == 0
    (data / LISTS_FILE).write_bytes(DAMAGE[kind])
    capsys.readouterr()
    assert main([*argv, "watch", "list"]) == 1  # the first run sets the file aside and says so
    first = capsys.readouterr()
    assert "readq restore lists" in first.err
    kept = set_aside_copies(data / LISTS_FILE)
    assert len(kept) == 1 and kept[0].read_bytes() == DAMAGE[kind]  # byte for byte
    for command in (["watch", "list"], ["list"], ["show", "0"], ["watch", "add", "cat:LG"]):
        assert main([*argv, *command]) == 1, command  # every later run keeps refusing
        err = capsys.readouterr()
        assert "no watches" not in err.out
        assert "set aside" in err.err and "readq restore lists" in err.err, command
    assert not (data / LISTS_FILE).exists()  # nothing was written in its place
    assert main([*argv, "restore", "lists"]) == 0
    capsys.readouterr()
    assert main([*argv, "watch", "list"]) == 0
    assert "cat:CL" in capsys.readouterr().out
    assert Store(data).watches == ["cat:CL"]


def test_restore_empty_starts_an_empty_watch_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    argv = ["--data-dir", str(data)]
    assert main([*argv, "watch", "add", "cat:CL"]) == 0
    for backup in (data / "backups").glob("lists.json.*"):
        backup.unlink()
    (data / LISTS_FILE).write_bytes(b"garbage")
    assert main([*argv, "watch", "list"]) == 1
    assert main([*argv, "watch", "list"]) == 1
    assert "readq restore lists --empty" in capsys.readouterr().err
    assert main([*argv, "restore", "lists", "--empty"]) == 0
    capsys.readouterr()
    assert main([*argv, "watch", "list"]) == 0
    assert "no watches" in capsys.readouterr().out

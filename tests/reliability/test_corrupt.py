"""Damaged data files: readq never runs on an empty library in their place. It sets the file aside, says
what happened and how to restore the backup, and keeps refusing until the user chooses.

Every kind of damage, for both files, through ``main(argv)`` (a command and the app's start), through a
real process, and while the app is running. papers.json is damaged both in the layout readq writes (one
paper per line, opened through its catalog) and in TinyDB's own one-line layout (read whole). The state
journal and the catalog beside the data files are damaged too: a damaged journal is set aside with its own
story, a damaged or stale catalog is rebuilt from papers.json and never trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

import readq.cli.main
from readq.cli.main import main
from readq.store import PAPERS_FILE, STATE_FILE, Store, StoreCorruptError
from readq.store.safety import set_aside_copies
from readq.user_state import PaperState
from tests.app_helpers import wait_until
from tests.conftest import AppTimers
from tests.helpers import digest
from tests.reliability.helpers import journal_entries, raw_rows, raw_states, run_cli

pytestmark = pytest.mark.timeout(120)

FILES = {"papers": PAPERS_FILE, "state": STATE_FILE}


def _meta(document: dict[str, object], **changes: object) -> bytes:
    meta = dict(document["_meta"]["1"])  # type: ignore[index]
    meta.update(changes)
    return orjson.dumps({**document, "_meta": {"1": meta}})


def _first_row(document: dict[str, dict[str, object]], which: str, value: object) -> bytes:
    table = dict(document[which])
    table[next(iter(table))] = value
    return orjson.dumps({**document, which: table})


def as_lines(document: dict[str, object]) -> bytes:
    """``document`` in the layout readq writes papers.json in: the small tables and the opening of the papers
    table on the first line, then one paper per line, then the closing braces."""
    head = b",".join(orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in document.items() if k != "papers")
    rows = [orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in document["papers"].items()]  # type: ignore[attr-defined]
    return b"{" + head + b',"papers":{\n' + b",\n".join(rows) + b"\n}}\n"


def _lines_of(good: bytes) -> list[bytes]:
    lines = good.splitlines(keepends=True)
    assert lines[0].endswith(b'"papers":{\n') and lines[-1] == b"}}\n" and len(lines) == 5  # the premise
    return lines


# kind -> (damage(good bytes, which) -> bad bytes, the reason readq gives)
Damage = Callable[[bytes, str], bytes]
DAMAGE: dict[str, tuple[Damage, str]] = {
    "empty": (lambda b, w: b"", "the file is empty"),
    "whitespace": (lambda b, w: b" \n\t\r\n   ", "the file holds only whitespace"),
    "truncated": (lambda b, w: b[: len(b) // 2], "it is not valid JSON"),
    "nul-tail": (lambda b, w: b[: len(b) // 2] + b"\0" * (len(b) - len(b) // 2), "it is not valid JSON"),
    "all-nul": (lambda b, w: b"\0" * len(b), "it is not valid JSON"),
    "trailing-garbage": (lambda b, w: b + b'\n}, "x": garbage', "it is not valid JSON"),
    "json-array": (lambda b, w: b"[]", "it is JSON but not a readq/TinyDB document (wrong type)"),
    "json-null": (lambda b, w: b"null", "it is JSON but not a readq/TinyDB document (wrong type)"),
    "table-is-a-list": (
        lambda b, w: orjson.dumps({**orjson.loads(b), w: []}),
        "it is JSON but not a readq/TinyDB document (wrong type)",
    ),
    "record-is-a-string": (
        lambda b, w: _first_row(orjson.loads(b), w, "not a record"),
        "is not a valid {which} record",
    ),
    "record-without-fields": (
        lambda b, w: _first_row(orjson.loads(b), w, {"id": "0000zzzz", "priority": "high"}),
        "is not a valid {which} record",
    ),
    "no-meta": (
        lambda b, w: orjson.dumps({k: v for k, v in orjson.loads(b).items() if k != "_meta"}),
        "it is not a readq {which} file (no or wrong '_meta' record)",
    ),
    "other-kind": (
        lambda b, w: _meta(orjson.loads(b), kind="papers" if w == "state" else "state"),
        "it is not a readq {which} file (no or wrong '_meta' record)",
    ),
    "schema-zero": (lambda b, w: _meta(orjson.loads(b), schema=0), "its schema version 0 is not valid"),
    "schema-text": (lambda b, w: _meta(orjson.loads(b), schema="1"), "its schema version '1' is not valid"),
}
# Damage only the papers file can have: in its line layout (the file readq wrote, edited in place).
LINE_DAMAGE: dict[str, tuple[Damage, str]] = {
    "cut-at-a-line-end": (lambda b, w: b"".join(_lines_of(b)[:3]), "it is not valid JSON"),
    "missing-comma": (
        lambda b, w: b"".join([_lines_of(b)[0], _lines_of(b)[1].replace(b",\n", b"\n"), *_lines_of(b)[2:]]),
        "it is not valid JSON",
    ),
    "paper-after-the-end": (lambda b, w: b + _lines_of(b)[3], "it is not valid JSON"),
    "first-line-damaged": (lambda b, w: b.replace(b'"_meta"', b'"_meta', 1), "its first line is damaged"),
    "record-is-a-string-in-lines": (
        lambda b, w: as_lines(orjson.loads(_first_row(orjson.loads(b), w, "not a record"))),
        "is not a valid papers record",
    ),
    "record-without-fields-in-lines": (
        lambda b, w: as_lines(orjson.loads(_first_row(orjson.loads(b), w, {"id": "0000zzzz"}))),
        "is not a valid papers record",
    ),
    "other-kind-in-lines": (
        lambda b, w: as_lines(orjson.loads(_meta(orjson.loads(b), kind="state"))),
        "it is not a readq papers file (no or wrong '_meta' record)",
    ),
    "schema-zero-in-lines": (
        lambda b, w: as_lines(orjson.loads(_meta(orjson.loads(b), schema=0))),
        "its schema version 0 is not valid",
    ),
}
DAMAGE.update(LINE_DAMAGE)
CASES = [(kind, which) for kind in DAMAGE for which in FILES if kind not in LINE_DAMAGE or which == "papers"]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Three papers, one of them marked (folded into state.json, the journal empty); a backup of each file."""
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest("Alpha paper", "Beta paper", "Gamma paper"), "001.txt").new
    store.update_state(ids[1], read=True, priority=2)
    store.compact()
    store.close()
    assert (data / "backups" / "papers.json.1").exists() and (data / "backups" / "state.json.1").exists()
    assert len(raw_rows(data, "state")) == 1 and journal_entries(data) == []
    return data


def damage(data: Path, kind: str, which: str) -> bytes:
    path = data / FILES[which]
    bad = DAMAGE[kind][0](path.read_bytes(), which)
    path.write_bytes(bad)
    return bad


def check_message(err: str, data: Path, kind: str, which: str, bad: bytes) -> None:
    """The exact story: what is wrong, where the file went, the backup, the command that restores it."""
    name = FILES[which]
    reason = DAMAGE[kind][1].format(which=which)
    lines = err.splitlines()
    assert lines[0].startswith(f"readq: readq cannot read {name}: ") and reason in lines[0]
    aside = set_aside_copies(data / name)
    assert len(aside) == 1 and aside[0].read_bytes() == bad  # kept byte for byte
    assert lines[1] == f"The damaged file was set aside as {aside[0]} (nothing was deleted)."
    assert lines[2].startswith(f"The newest backup is {data / 'backups' / (name + '.1')} (taken ")
    assert lines[3] == f"Restore it with:  readq restore {which}   (or copy it to {data / name})"
    assert lines[4] == "readq will not run on an empty library in its place until you choose."
    assert not (data / name).exists()


@pytest.mark.parametrize(("kind", "which"), CASES)
def test_through_main(
    library: Path, kind: str, which: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    monkeypatch.setattr(readq.cli.main, "run_tui", lambda store, **kw: started.append(store) or 0)
    backup = (library / "backups" / f"{FILES[which]}.1").read_bytes()
    bad = damage(library, kind, which)

    assert main(["--data-dir", str(library)]) == 1  # the app's start: refused before any app exists
    assert started == []
    out, err = capsys.readouterr()
    assert out == ""
    check_message(err, library, kind, which, bad)

    for argv in (["list"], []):  # and it keeps refusing, for commands and the app
        assert main(["--data-dir", str(library), *argv]) == 1
        _, err = capsys.readouterr()
        assert f"readq cannot read {FILES[which]}: it was damaged earlier and set aside." in err
        assert f"readq restore {which}" in err
    assert started == []

    assert main(["--data-dir", str(library), "restore", which]) == 0
    out, _ = capsys.readouterr()
    assert f"restored {FILES[which]} from {library / 'backups' / (FILES[which] + '.1')}" in out
    assert (library / FILES[which]).read_bytes() == backup
    assert main(["--data-dir", str(library), "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["--data-dir", str(library)]) == 0 and len(started) == 1  # the app starts again


@pytest.mark.parametrize(("kind", "which"), CASES)
def test_through_a_real_process(library: Path, kind: str, which: str) -> None:
    """``python -m readq.cli`` with no command (the app): exits 1 at once and draws nothing."""
    bad = damage(library, kind, which)
    done = run_cli(library, timeout=60)
    assert done.returncode == 1
    assert done.stdout == b""  # no app was drawn on the terminal
    check_message(done.stderr.decode(), library, kind, which, bad)


@pytest.mark.parametrize("which", FILES)
def test_a_newer_schema_is_refused_and_left_alone(
    library: Path, which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = library / FILES[which]
    newer = _meta(orjson.loads(path.read_bytes()), schema=99)
    path.write_bytes(newer)
    for argv in ([], ["list"], ["mark", "x", "--read"]):
        assert main(["--data-dir", str(library), *argv]) == 1
        _, err = capsys.readouterr()
        assert err == (
            f"readq: {path} was written by a newer readq (schema 99; this one knows 1). "
            "Upgrade readq; the file was left as it is.\n"
        )
    assert path.read_bytes() == newer and set_aside_copies(path) == []


@pytest.mark.parametrize("which", FILES)
def test_without_a_backup_the_message_offers_an_empty_start(
    library: Path, which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for backup in (library / "backups").iterdir():
        backup.unlink()
    damage(library, "truncated", which)
    assert main(["--data-dir", str(library), "list"]) == 1
    err = capsys.readouterr().err
    assert (
        f"There is no backup of it. To start again with an empty file: readq restore {which} --empty" in err
    )
    assert main(["--data-dir", str(library), "restore", which]) == 1  # no backup: it says so, changes nothing
    assert "there is no backup of" in capsys.readouterr().err
    assert main(["--data-dir", str(library), "restore", which, "--empty"]) == 0
    assert main(["--data-dir", str(library), "list"]) == 0
    listed = capsys.readouterr().out
    assert ("damaged copy stays at" in listed) and (which == "state") == ("Alpha paper" in listed)
    kept = list(library.glob(f"{FILES[which]}.kept-*"))
    assert len(kept) == 1  # the damaged file is still there, renamed


def test_store_error_carries_the_paths(library: Path) -> None:
    damage(library, "truncated", "papers")
    with pytest.raises(StoreCorruptError) as caught:
        Store(library)
    assert caught.value.path == library / PAPERS_FILE
    assert caught.value.moved_to == set_aside_copies(library / PAPERS_FILE)[0]
    assert caught.value.backup == library / "backups" / "papers.json.1"


# -------------------------------------------------------------------------- the journal and the catalog


def _ids(data: Path) -> list[str]:
    return [str(row["id"]) for row in sorted(raw_rows(data).values(), key=lambda r: int(r["seq"]))]  # type: ignore[call-overload]


def test_a_damaged_journal_is_set_aside_and_the_state_file_used(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line of the journal damaged in the middle (not a torn last line, which a killed writer leaves and
    which is ignored): readq refuses to run, sets the journal aside byte for byte, says what is in it and
    that state.json is intact; the next start runs on state.json, the set-aside copy stays."""
    ids = _ids(library)
    state_before = (library / STATE_FILE).read_bytes()
    assert main(["--data-dir", str(library), "mark", ids[0], "--priority", "3"]) == 0
    assert main(["--data-dir", str(library), "mark", ids[2], "--read"]) == 0
    capsys.readouterr()
    journal = library / "state.journal"
    header, first, second = journal.read_bytes().splitlines(keepends=True)
    bad = header + first[:12] + b"\0\0 damaged\n" + second
    journal.write_bytes(bad)

    assert main(["--data-dir", str(library)]) == 1
    err = capsys.readouterr().err.splitlines()
    aside = set_aside_copies(journal)
    assert len(aside) == 1 and aside[0].read_bytes() == bad and not journal.exists()
    assert err[0].startswith("readq: readq cannot read state.journal: line 2 is damaged (")
    assert err[1] == (
        f"The damaged journal was set aside as {aside[0]} (nothing was deleted). The changes in it since "
        "the state file was last compacted are in that file; state.json itself is intact and readq will "
        "use it on the next start."
    )
    assert (library / STATE_FILE).read_bytes() == state_before
    store = Store(library)  # the state file's own states; the journal's are in the set-aside copy
    assert [(store.state(pid).read, store.state(pid).priority) for pid in ids] == [
        (False, 0),
        (True, 2),
        (False, 0),
    ]
    assert set_aside_copies(journal) == aside


def test_restoring_the_state_file_keeps_the_journal_on_top(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changes not yet folded into state.json are in the journal: restoring a damaged state.json from its
    backup applies them again, so the restored library has them."""
    from readq.store.safety import rotate_backup

    ids = _ids(library)
    rotate_backup(library / STATE_FILE)  # the backup readq takes every ten minutes: ids[1] marked
    assert main(["--data-dir", str(library), "mark", ids[0], "--priority", "3"]) == 0
    assert journal_entries(library) != []  # not folded in yet: the backup is younger than ten minutes
    damage(library, "truncated", "state")
    assert main(["--data-dir", str(library), "list"]) == 1
    assert main(["--data-dir", str(library), "restore", "state"]) == 0
    capsys.readouterr()
    store = Store(library)
    assert [(store.state(pid).read, store.state(pid).priority) for pid in ids] == [
        (False, 3),
        (True, 2),
        (False, 0),
    ]


def _another_catalog(tmp_path: Path) -> bytes:
    other = tmp_path / "other"
    store = Store(other)
    store.import_result(digest("Other one", "Other two", "Other three"), "x.txt")
    store.close()
    return (other / "catalog.bin").read_bytes()


CATALOG_DAMAGE: dict[str, Callable[[bytes, Path], bytes | None]] = {
    "missing": lambda b, tmp: None,
    "empty": lambda b, tmp: b"",
    "garbage": lambda b, tmp: b"\x00garbage" * 100,
    "truncated": lambda b, tmp: b[: len(b) // 2],
    "a-flipped-byte": lambda b, tmp: b[:-10] + bytes([b[-10] ^ 0x01]) + b[-9:],
    "another-librarys": lambda b, tmp: _another_catalog(tmp),
}


@pytest.mark.parametrize("kind", CATALOG_DAMAGE)
def test_a_damaged_or_foreign_catalog_is_rebuilt_never_trusted(
    library: Path, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from readq.store.catalog import Catalog
    from readq.store.jsonfile import signature

    path = library / "catalog.bin"
    bad = CATALOG_DAMAGE[kind](path.read_bytes(), tmp_path)
    if bad is None:
        path.unlink()
    else:
        path.write_bytes(bad)
    assert main(["--data-dir", str(library), "list"]) == 0
    listed = capsys.readouterr().out
    assert len(listed.splitlines()) == 3
    assert all(title in listed for title in ("Alpha paper", "Beta paper", "Gamma paper"))
    assert "Other" not in listed
    Catalog.load(path, signature(library / PAPERS_FILE))  # rebuilt and saved: the next start loads it


def test_a_stale_catalog_from_an_earlier_version_is_rebuilt(library: Path, tmp_path: Path) -> None:
    """The catalog of the version before an import, put back beside the newer papers.json (a sync tool,
    a copied folder): the papers of the newer version are the ones shown."""
    old = (library / "catalog.bin").read_bytes()
    store = Store(library)
    store.import_result(digest("Delta paper"), "002.txt")
    store.close()
    (library / "catalog.bin").write_bytes(old)
    assert sorted(p.title for p in Store(library).papers.values()) == [
        "Alpha paper",
        "Beta paper",
        "Delta paper",
        "Gamma paper",
    ]
    assert len(Store(library)) == 4


# ------------------------------------------------------------------------------ while the app is running


async def test_damage_while_the_app_runs_is_reported_once_and_work_goes_on(
    library: Path, app_timers: AppTimers
) -> None:
    from readq.tui.app import make_app
    from readq.tui.main.screen import MainScreen

    app_timers.poll_by_hand()
    app = make_app(Store(library))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)

        def problems() -> list[str]:
            return [n.message for n in app._notifications if n.title == "Library problem"]

        bad = damage(library, "truncated", "papers")
        screen.poll()
        await wait_until(lambda: len(problems()) >= 1, "the problem reported", pilot=pilot)
        first = problems()[0]
        aside = set_aside_copies(library / PAPERS_FILE)
        assert aside[0].read_bytes() == bad
        assert f"set aside as {aside[0]}" in first and "readq restore papers" in first
        assert len(screen.papers.rows) == 2  # what was on screen stays
        await pilot.press("r")  # the user's work still reaches the state file
        await pilot.pause()
        assert sum(s.read for s in _states(library).values()) == 2
        for _ in range(4):  # polls keep failing; the story is told once, with one follow-up
            screen.poll()
            await pilot.pause()
        told = problems()
        assert told.count(first) == 1 and len(told) == len(set(told)) == 2
        assert "nothing more can be saved to it" in told[1]

        damage(library, "truncated", "state")
        screen.poll()
        await wait_until(lambda: any("state.json" in m for m in problems()), "state damage told", pilot=pilot)
        await pilot.press("2")
        await pilot.pause()
        not_saved = [n.message for n in app._notifications if n.title == "Not saved"]
        assert not_saved and "readq restore state" in not_saved[-1]
        assert app.is_running


def _states(data: Path) -> dict[str, PaperState]:
    """The states straight from the files (state.json and its journal): {id: state}."""
    return {pid: PaperState.from_dict(row) for pid, row in raw_states(data).items()}


async def test_damage_while_the_welcome_screen_shows_is_reported(
    tmp_path: Path, app_timers: AppTimers
) -> None:
    from readq.tui.app import make_app
    from readq.tui.screens.welcome import WelcomeScreen

    app_timers.poll_by_hand()
    data = tmp_path / "data"
    app = make_app(Store(data))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        (data / PAPERS_FILE).write_bytes(b'{"_meta": ')
        for _ in range(4):  # four looks at the disk: the story once, with one follow-up
            welcome.poll()
            await pilot.pause()
        messages = [n.message for n in app._notifications if n.title == "Library problem"]
        assert len(messages) == len(set(messages)) == 2 and "readq restore papers" in messages[0]
        assert app.is_running

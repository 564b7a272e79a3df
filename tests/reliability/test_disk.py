"""The disk says no: full, over a size limit, read-only. Every time: a clear error, the previous version
intact, nothing half-written left behind, and (in the app) nothing shown as saved that was not. And the
other way round: a change that reached the disk (the journal) is not reported as lost because a later step
(the catalog, folding the journal into state.json) found the disk full.

The tests may run as root, where ``chmod`` does not stop writes; there the read-only case is simulated by
making the file system calls under the data directory fail with EROFS, as a read-only mount does."""

from __future__ import annotations

import builtins
import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest

from readq.cli.main import main
from readq.store import PAPERS_FILE, STATE_FILE, Store
from readq.store import safety as store_safety
from tests.helpers import digest
from tests.reliability.helpers import (
    cli_command,
    cli_env,
    journal_entries,
    leftovers,
    store_file_kind,
    write_digest,
)

pytestmark = pytest.mark.timeout(120)


class _HalfThenFail:
    """A file object whose writes put half their bytes out, then fail with ``code``."""

    def __init__(self, handle: Any, code: int) -> None:
        self._handle, self._code = handle, code

    def write(self, data: Any) -> int:
        self._handle.write(bytes(data)[: len(data) // 2])
        self._handle.flush()
        raise OSError(self._code, os.strerror(self._code))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _HalfThenFail:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


WRITES = ("papers.json", "catalog.bin", "state.json", "journal", "journal-reset")


@contextlib.contextmanager
def failing_writes(code: int = errno.ENOSPC, only: tuple[str, ...] = WRITES) -> Iterator[None]:
    """Writes to readq's data files fail with ``code`` after half their bytes went out, as when a disk fills
    up during a write: the temp files that replace papers.json, catalog.bin and state.json (written with
    ``os.write`` or through a file object) and the journal appended to. ``only`` picks some of them (names
    as ``store_file_kind`` gives them)."""
    failing: set[int] = set()
    real_open, real_write, real_builtin_open = os.open, os.write, builtins.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        failing.discard(fd)
        if flags & (os.O_WRONLY | os.O_RDWR) and store_file_kind(path) in only:
            failing.add(fd)
        return fd

    def fake_write(fd: int, data: Any) -> int:
        if fd in failing:
            real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    def fake_builtin_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_builtin_open(file, mode, *args, **kwargs)
        if any(c in mode for c in "wax+") and store_file_kind(file) in only:
            return _HalfThenFail(handle, code)
        return handle

    with (
        mock.patch.object(os, "open", fake_open),
        mock.patch.object(os, "write", fake_write),
        mock.patch.object(builtins, "open", fake_builtin_open),
    ):
        yield


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Every call that would change something under ``folder`` fails with EROFS, as on a read-only mount
    (creating a file that exists with O_EXCL still says EEXIST first, as Linux does)."""
    root = os.path.realpath(folder)
    real_open, real_builtin_open = os.open, builtins.open
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def inside(path: Any) -> bool:
        return isinstance(path, (str, os.PathLike)) and os.path.realpath(path).startswith(root)

    def refuse(path: Any) -> OSError:
        return OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if inside(path) and flags & writes:
            if flags & os.O_CREAT and flags & os.O_EXCL and os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
            raise refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_builtin_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if inside(file) and any(c in mode for c in "wax+"):
            raise refuse(file)
        return real_builtin_open(file, mode, *args, **kwargs)

    def refusing(real: Any) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if inside(path):
                if real is os.mkdir and os.path.lexists(path):
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
                raise refuse(path)
            return real(path, *args, **kwargs)

        return call

    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(os, "open", fake_open))
        stack.enter_context(mock.patch.object(builtins, "open", fake_builtin_open))
        for name in ("replace", "rename", "unlink", "mkdir", "chmod"):
            stack.enter_context(mock.patch.object(os, name, refusing(getattr(os, name))))
        yield


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest("Disk one", "Disk two", "Disk three"), "001.txt").new
    store.update_state(ids[2], read=True)
    store.close()
    return data, ids


JOURNAL = "state.journal"


def snapshot(data: Path) -> tuple[bytes, bytes, bytes]:
    """The data files as they are on disk: papers.json, state.json and the state journal."""
    return tuple((data / name).read_bytes() for name in (PAPERS_FILE, STATE_FILE, JOURNAL))  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------ the CLI


def test_a_full_disk_during_an_import(
    library: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = library
    before = snapshot(data)
    path = write_digest(tmp_path / "002.txt", ["A paper for a full disk", "Another one"])
    with failing_writes(errno.ENOSPC):
        code = main(["--data-dir", str(data), "import", str(path)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"readq: {path}: rejected, nothing imported: could not write {data / PAPERS_FILE}: the disk is full; "
        "the previous version is intact\n"
    )
    assert snapshot(data) == before and leftovers(data) == []
    assert main(["--data-dir", str(data), "import", str(path)]) == 0  # room again: it goes through
    assert len(Store(data)) == 5


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EFBIG, "the file would exceed the size limit (file system or ulimit -f)"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_a_failing_write_during_a_mark(
    library: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str], code: int, reason: str
) -> None:
    data, ids = library
    before = snapshot(data)
    with failing_writes(code):
        assert main(["--data-dir", str(data), "mark", ids[0], "--read"]) == 1
    assert capsys.readouterr().err == (
        f"readq: could not write {data / JOURNAL}: {reason}; the previous version is intact\n"
    )
    assert snapshot(data) == before and leftovers(data) == []  # the half line was cut off again
    assert not Store(data).state(ids[0]).read


def test_a_full_disk_when_only_the_catalog_is_saved(
    library: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """papers.json went through; then the disk is full for catalog.bin (a cache of papers.json). The import
    is done and says so (the papers are on disk); the stale catalog is rebuilt at the next start."""
    data, _ = library
    catalog = (data / "catalog.bin").read_bytes()
    path = write_digest(tmp_path / "002.txt", ["A paper before the catalog", "Another one"])
    with failing_writes(errno.ENOSPC, only=("catalog.bin",)):
        assert main(["--data-dir", str(data), "import", str(path)]) == 0
    assert "2 new" in capsys.readouterr().out
    assert (data / "catalog.bin").read_bytes() == catalog and leftovers(data) == []
    store = Store(data)
    assert len(store) == 5 and "A paper before the catalog" in {p.title for p in store.papers.values()}


def test_a_full_disk_when_the_journal_is_folded_in(
    library: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change went into the journal; then the disk is full for the state.json that folds the journal in.
    The change is saved and said so (not "not saved" for a change that is on disk); state.json stays as it
    was and the journal is folded in by a later write."""
    data, ids = library
    monkeypatch.setattr(store_safety, "backup_age", lambda path: 1e9)  # a backup is due: fold the journal in
    state_before = (data / STATE_FILE).read_bytes()
    with failing_writes(errno.ENOSPC, only=("state.json",)):
        assert main(["--data-dir", str(data), "mark", ids[0], "--priority", "3"]) == 0
    assert "priority 3" in capsys.readouterr().out
    assert (data / STATE_FILE).read_bytes() == state_before and leftovers(data) == []
    assert [e["priority"] for e in journal_entries(data) if e["id"] == ids[0]] == [3]
    assert Store(data).state(ids[0]).priority == 3
    assert main(["--data-dir", str(data), "mark", ids[1], "--read"]) == 0  # room again: folded in
    assert journal_entries(data) == []
    rows = orjson.loads((data / STATE_FILE).read_bytes())["state"]
    assert {r["id"]: (r["read"], r["priority"]) for r in rows.values()} == {
        ids[0]: (False, 3),
        ids[1]: (True, 0),
        ids[2]: (True, 0),
    }


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_a_real_write_failure_in_a_real_process(library: tuple[Path, list[str]], tmp_path: Path) -> None:
    """The kernel refuses the write (ulimit -f, which works for root too): the real CLI reports it."""
    import resource

    data, _ = library
    before = snapshot(data)
    limit = len(before[0]) + 4096  # the current file fits; the new one, 300 papers bigger, does not

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    path = write_digest(tmp_path / "big.txt", [f"A paper too many {i}" for i in range(300)])
    done = subprocess.run(
        cli_command(data, "import", str(path)),
        capture_output=True,
        env=cli_env(PYTHONDONTWRITEBYTECODE="1"),
        preexec_fn=limit_file_size,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"readq: {path}: rejected, nothing imported: could not write {data / PAPERS_FILE}: "
        "the file would exceed the size limit (file system or ulimit -f); the previous version is intact\n"
    )
    assert snapshot(data) == before and leftovers(data) == []


def unprivileged() -> list[str]:
    """A command prefix under which a child obeys file permissions: none for an ordinary user; as root,
    ``setpriv`` without the capabilities that let root write anywhere (the child is still root, so it can
    run this checkout's Python; it is refused like the directory's owner would be)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: chmod does not stop root (the EROFS tests cover this)")
    dropped = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}", "--"]


def test_a_read_only_data_dir_through_chmod(library: tuple[Path, list[str]], tmp_path: Path) -> None:
    """A data directory without write permission: nothing can replace papers.json, so an import is refused
    with the reason and the files are intact; reading works; a mark still lands, appended to the journal that
    is already there (a directory's permission does not stop writing a file inside it)."""
    data, ids = library
    path = write_digest(tmp_path / "002.txt", ["A paper for a read-only dir"])
    before = snapshot(data)
    prefix = unprivileged()
    os.chmod(data, 0o555)
    try:
        imported = subprocess.run(
            [*prefix, *cli_command(data, "import", str(path))], capture_output=True, env=cli_env(), timeout=60
        )
        listed = subprocess.run(
            [*prefix, *cli_command(data, "list")], capture_output=True, env=cli_env(), timeout=60
        )
        marked = subprocess.run(
            [*prefix, *cli_command(data, "mark", ids[0], "--read")],
            capture_output=True,
            env=cli_env(),
            timeout=60,
        )
    finally:
        os.chmod(data, 0o755)
    assert imported.returncode == 2
    assert imported.stderr.decode() == (
        f"readq: {path}: rejected, nothing imported: could not write {data / PAPERS_FILE}: permission denied "
        "(is the data directory read-only?); the previous version is intact\n"
    )
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3  # reading still works
    assert marked.returncode == 0, marked.stderr
    assert snapshot(data)[:2] == before[:2] and leftovers(data) == []
    assert Store(data).state(ids[0]).read


def test_a_read_only_file_system(library: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    """A read-only mount (a backup, a snapshot): reading commands work and say the library is read-only;
    a change is refused with that reason; nothing on disk changes."""
    data, ids = library
    before = snapshot(data)
    notice = (
        f"readq: the library in {data} is read-only (Read-only file system): it is shown as it is and "
        "nothing can be saved\n"
    )
    with read_only(data):
        assert main(["--data-dir", str(data), "list"]) == 0
        listed = capsys.readouterr()
        assert len(listed.out.splitlines()) == 3 and listed.err == notice
        assert main(["--data-dir", str(data), "show", ids[2]]) == 0
        assert "Disk three" in capsys.readouterr().out
        assert main(["--data-dir", str(data), "mark", ids[0], "--read"]) == 1
        assert capsys.readouterr().err == notice + (
            f"readq: state.json cannot be changed: the library in {data} is read-only (Read-only file "
            "system); readq shows it but saves nothing\n"
        )
    assert snapshot(data) == before


def test_a_backup_that_cannot_be_taken_does_not_stop_the_work(library: tuple[Path, list[str]]) -> None:
    data, _ = library
    (data / "backups" / "state.json.1").unlink()
    with mock.patch.object(Path, "mkdir", side_effect=OSError(errno.ENOSPC, "No space left on device")):
        assert store_safety.rotate_backup(data / STATE_FILE) is None


# ------------------------------------------------------------------------------------------ the app


async def test_the_app_on_a_full_disk_and_a_read_only_one(library: tuple[Path, list[str]]) -> None:
    from readq.tui.app import make_app
    from readq.tui.main.screen import MainScreen

    data, ids = library
    app = make_app(Store(data))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2")  # a change to undo later (the first paper leaves the Inbox)
        await pilot.pause()
        current = screen.papers.current
        assert current is not None and current.paper.id == ids[1]
        before = snapshot(data)

        def titled(title: str) -> list[str]:
            return [n.message for n in app._notifications if n.title == title]

        with failing_writes(errno.ENOSPC):
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
        assert titled("Not saved") == [
            f"could not write {data / JOURNAL}: the disk is full; the previous version is intact"
        ]
        assert titled("Not undone") == titled("Not saved")
        assert snapshot(data) == before and leftovers(data) == []
        assert screen.papers.current is current and not current.state.read  # nothing shown as saved
        assert len(screen.library.history.undo_stack) == 1  # the failed undo kept its step

        with read_only(data):
            await pilot.press("r")
            await pilot.pause()
        assert titled("Not saved")[-1] == (
            f"cannot lock state.json in {data}: Read-only file system (is the data directory read-only?)"
        )
        assert snapshot(data) == before and not current.state.read

        await pilot.press("r")  # the disk is back: the same keys work
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        final = Store(data)
        assert (final.state(ids[1]).read, final.state(ids[0]).priority) == (False, 0)
        assert app.is_running

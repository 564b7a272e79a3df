"""A writer killed with SIGKILL at any moment: the library always opens, holding the version before or the
version after the interrupted write (never a mix), and what the dead writer left behind is cleaned up."""

from __future__ import annotations

import builtins
import multiprocessing as mp
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from readq.models import Entry, ParseResult
from readq.store import Store
from readq.store import safety as store_safety
from readq.store.catalog import Catalog
from readq.store.jsonfile import load, signature
from tests.reliability.helpers import (
    cli_command,
    cli_env,
    journal_entries,
    leftovers,
    store_file_kind,
    write_digest,
)

CTX = mp.get_context("fork")
pytestmark = [
    pytest.mark.timeout(150),
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL"),
]

ROUND = 5  # papers per round of the looping writer
SEED = 600  # papers already in the library, so that each write of the papers file takes a while


def seed_library(data: Path) -> None:
    entries = tuple(
        Entry(f"Seed paper {i}", "A seed abstract that makes the file larger. " * 10) for i in range(SEED)
    )
    store = Store(data)
    store.import_result(ParseResult("hf-blank", entries, "Nov 1"), "seed.txt")
    store.close()


def round_titles(k: int) -> list[str]:
    return [f"Crash round {k} paper {i}" for i in range(ROUND)]


def _looping_writer(data_dir: str) -> None:
    """Import a round of papers, then mark them all in one write; forever. Resumes where a kill left off."""
    store = Store(data_dir)
    rounds = {s.file for p in store.papers.values() for s in p.sources if s.file.startswith("crash-")}
    k = len(rounds)
    by_title = {p.title: p.id for p in store.papers.values()}
    if k and store.state(by_title[round_titles(k - 1)[0]]).is_default:
        store.update_states(
            {by_title[t]: {"read": True, "priority": (k - 1) % 3 + 1} for t in round_titles(k - 1)}
        )
    while True:
        entries = tuple(Entry(t, f"Abstract of {t}. " * 20) for t in round_titles(k))
        ids = store.import_result(ParseResult("hf-blank", entries, "Nov 2"), f"crash-{k:04}.txt").new
        store.update_states({pid: {"read": True, "priority": k % 3 + 1} for pid in ids})
        k += 1


def check_library(data: Path) -> tuple[int, int]:
    """Open the library and check every invariant; returns (rounds imported, rounds marked)."""
    store = Store(data)
    assert leftovers(data) == []  # opening removed what the dead writer left
    seeds = [p for p in store.papers.values() if p.title.startswith("Seed paper ")]
    assert len(seeds) == SEED
    rounds: dict[int, list[str]] = {}
    for paper in store.papers.values():
        if paper.title.startswith("Crash round "):
            rounds.setdefault(int(paper.title.split()[2]), []).append(paper.id)
    assert sorted(rounds) == list(range(len(rounds)))  # rounds arrive in order, none skipped
    marked = []
    for k, ids in sorted(rounds.items()):
        assert len(ids) == ROUND  # an import is all or nothing
        states = {(store.state(pid).read, store.state(pid).priority) for pid in ids}
        assert states in ({(True, k % 3 + 1)}, {(False, 0)})  # a mark of a round is all or nothing
        if states == {(True, k % 3 + 1)}:
            marked.append(k)
    assert marked == list(range(len(marked)))
    assert len(marked) in (len(rounds), len(rounds) - 1)  # only the newest round may be unmarked
    for name in ("papers.json", "state.json"):
        load(data / name)  # any JSON reader can read it
        for backup in store_safety.backups_of(data, name):
            load(backup.path)  # every backup is a whole version
    store.close()
    return len(rounds), len(marked)


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    """50 kills of a writer that imports and marks without pause, after random delays (fixed seed)."""
    data = tmp_path / "data"
    seed_library(data)
    rng = random.Random(20261124)
    left_something = 0
    for _ in range(50):
        child = CTX.Process(target=_looping_writer, args=(str(data),))
        child.start()
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        left_something += bool(leftovers(data))
        check_library(data)
    rounds, marked = check_library(data)
    assert rounds > 0  # the writer got somewhere between kills
    print(f"50 kills: {rounds} rounds imported, {marked} marked; {left_something} kills left a temp file")
    assert left_something >= 1, "no kill landed inside a write"


# --------------------------------------------------------------------------------- one step at a time

# Each write of the store, step by step. An import streams papers.json to a temp file and renames it into
# place, then saves the catalog (a cache of papers.json, rebuilt when it does not match) the same way. A mark
# appends one line to the state journal; when a backup is due (here: always) the journal is then folded into
# state.json (temp file, rename) and started afresh (an empty temp file renamed over it). Then the backup.
MOMENTS = ("tmp-created", "half-written", "before-fsync", "before-replace", "after-replace")
IMPORT_STEPS = {
    **{f"papers.json:{m}": m == "after-replace" for m in MOMENTS},  # step -> the new version is in place
    **{f"catalog.bin:{m}": True for m in MOMENTS},
    "backup:copy": True,  # the new version is being copied into backups/
    "backup:shift": True,  # the backups are being renamed one step down
}
MARK_STEPS = {
    "journal:half-written": False,  # half of the appended line is in the journal
    "journal:before-fsync": True,  # all of it was written (the kernel has it), not yet fsynced
    "journal:after-fsync": True,
    **{f"state.json:{m}": True for m in MOMENTS},  # the journal holds the change while it is folded in
    **{f"journal-reset:{m}": True for m in ("tmp-created", "before-replace", "after-replace")},
    "backup:copy": True,
    "backup:shift": True,
}


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _kill_at(step: str) -> None:
    """Make this (child) process kill itself at ``step`` (``file:moment``) of the next store write."""
    target, moment = step.split(":")
    written: dict[int, tuple[str, int]] = {}  # fd -> (kind, size when opened)
    real_open, real_builtin_open = os.open, builtins.open
    real_fsync, real_replace, real_copy = os.fsync, os.replace, shutil.copy2

    def track(fd: int, path: Any, writing: bool) -> None:
        kind = store_file_kind(path) if writing else None
        if kind is None:
            written.pop(fd, None)  # a number reused by another file
            return
        written[fd] = (kind, os.fstat(fd).st_size)
        if kind == target and moment == "tmp-created":
            _die()

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        track(fd, path, bool(flags & (os.O_WRONLY | os.O_RDWR)))
        return fd

    def fake_builtin_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_builtin_open(file, mode, *args, **kwargs)
        if isinstance(file, (str, bytes, os.PathLike)):
            track(handle.fileno(), file, any(c in mode for c in "wax+"))
        return handle

    def fake_fsync(fd: int) -> None:
        kind, start = written.get(fd, (None, 0))
        if kind == target and moment == "half-written":  # as if the kill came half-way through the write
            os.ftruncate(fd, start + (os.fstat(fd).st_size - start) // 2)
            _die()
        if kind == target and moment == "before-fsync":
            _die()
        real_fsync(fd)
        if kind == target and moment == "after-fsync":
            _die()

    def fake_replace(src: Any, dst: Any, **kwargs: Any) -> None:
        kind = store_file_kind(src)
        if kind == target and moment == "before-replace":
            _die()
        real_replace(src, dst, **kwargs)
        if kind == target and moment == "after-replace":
            _die()
        if step == "backup:shift" and "backups" in str(dst) and not str(src).endswith(".copying"):
            _die()

    def fake_copy(src: Any, dst: Any, **kwargs: Any) -> Any:
        result = real_copy(src, dst, **kwargs)
        if step == "backup:copy":
            _die()
        return result

    os.open, os.fsync, os.replace = fake_open, fake_fsync, fake_replace  # type: ignore[assignment]
    builtins.open = fake_builtin_open  # type: ignore[assignment]
    shutil.copy2 = fake_copy  # type: ignore[assignment]
    store_safety.backup_age = lambda path: 1e9  # every write is due a backup


def _import_then_die(data_dir: str, step: str) -> None:
    store = Store(data_dir)
    _kill_at(step)
    entries = tuple(Entry(t, f"Abstract of {t}.") for t in round_titles(0))
    store.import_result(ParseResult("hf-blank", entries, "Nov 2"), "crash-0000.txt")
    os._exit(3)  # not reached: the step kills the process


def _mark_then_die(data_dir: str, step: str) -> None:
    store = Store(data_dir)
    _kill_at(step)
    store.update_states({pid: {"read": True, "priority": 1} for pid in store.papers})
    os._exit(3)


def _run_killed(target: Callable[[str, str], None], data: Path, step: str) -> None:
    # Two earlier versions of each file in backups/, so that a backup shift has something to shift.
    for _ in range(2):
        store_safety.rotate_backup(data / "papers.json")
        store_safety.rotate_backup(data / "state.json")
    child = CTX.Process(target=target, args=(str(data), step))
    child.start()
    child.join(30)
    assert child.exitcode == -signal.SIGKILL, f"the child did not die at {step}"


@pytest.mark.parametrize("step", IMPORT_STEPS)
def test_an_import_killed_at_each_step(tmp_path: Path, step: str) -> None:
    data = tmp_path / "data"
    seed_library(data)
    before = (data / "papers.json").read_bytes()
    _run_killed(_import_then_die, data, step)
    store = Store(data)
    assert leftovers(data) == []
    titles = {p.title for p in store.papers.values()}
    if IMPORT_STEPS[step]:
        assert set(round_titles(0)) <= titles and len(titles) == SEED + ROUND
    else:
        assert len(titles) == SEED and (data / "papers.json").read_bytes() == before
    assert sorted(store.catalog.ids) == sorted(store.papers)  # the catalog matches the file, whatever it was
    assert Catalog.load(data / "catalog.bin", signature(data / "papers.json")) is not None  # saved again
    for backup in store_safety.backups_of(data, "papers.json"):
        load(backup.path)


@pytest.mark.parametrize("step", MARK_STEPS)
def test_a_mark_killed_at_each_step(tmp_path: Path, step: str) -> None:
    data = tmp_path / "data"
    seed_library(data)
    before = (data / "state.json").read_bytes()
    _run_killed(_mark_then_die, data, step)
    store = Store(data)
    assert leftovers(data) == []
    marked = {(s.read, s.priority) for s in (store.state(pid) for pid in store.papers)}
    if MARK_STEPS[step]:
        assert marked == {(True, 1)}  # all 600 papers, from one write
    else:
        assert marked == {(False, 0)} and (data / "state.json").read_bytes() == before
    for backup in store_safety.backups_of(data, "state.json"):
        load(backup.path)
    pid = next(iter(store.papers))  # the next change goes on top: a torn line the kill left is cut off
    store.update_state(pid, priority=3)
    assert journal_entries(data)[-1]["id"] == pid  # every line of the journal is whole JSON again
    assert Store(data).state(pid).priority == 3


# ------------------------------------------------------------------------------------- the real CLI


def _kill_inside_a_write(proc: subprocess.Popen[bytes], data: Path, seconds: float = 30.0) -> None:
    """SIGKILL ``proc`` as soon as one of its temporary files appears in ``data`` (it is inside a write)."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        if any(name.endswith(".readq-tmp") for name in os.listdir(data)):
            break
    proc.send_signal(signal.SIGKILL)


@pytest.mark.slow
def test_sigkill_the_real_cli_during_imports(tmp_path: Path) -> None:
    """``python -m readq.cli import`` of a 1,500-paper digest, killed 8 times: half of them at random
    (fixed seed), half the moment a temporary file shows that a write is under way."""
    data = tmp_path / "data"
    seed_library(data)
    rng = random.Random(8)
    outcomes = []
    inside = 0  # kills that landed inside a write: they left a temporary file
    for k in range(8):
        titles = [f"Killed import {k} paper {i}" for i in range(1500)]
        path = write_digest(tmp_path / f"big-{k}.txt", titles)
        proc = subprocess.Popen(
            cli_command(data, "import", str(path)),
            env=cli_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if k % 2:
            time.sleep(rng.uniform(0.15, 0.6))  # a random moment: the child's own clock, not an app timer
            proc.send_signal(signal.SIGKILL)
        else:
            _kill_inside_a_write(proc, data)
        proc.wait(10)
        inside += bool(leftovers(data))
        store = Store(data)
        assert leftovers(data) == []
        present = sum(1 for p in store.papers.values() if p.title.startswith(f"Killed import {k} "))
        assert present in (0, 1500)  # all or nothing
        outcomes.append(present)
        assert sum(1 for p in store.papers.values() if p.title.startswith("Seed paper ")) == SEED
        store.close()
    print(
        f"8 killed imports: {outcomes.count(1500)} had finished, {outcomes.count(0)} left nothing; "
        f"{inside} inside a write"
    )
    assert inside >= 1, "no kill landed inside a write: the test proved nothing about torn writes"

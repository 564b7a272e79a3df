"""Several processes on one library at once, with no pause between their writes: nothing is lost, no two
papers share an id, the files stay valid, and a view that was open all along catches up."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from readq.identity import identity_key, paper_id_candidates
from readq.library.service import Library
from readq.store import Store
from readq.store.jsonfile import load
from tests.app_helpers import wait_until
from tests.helpers import digest
from tests.reliability.helpers import (
    CLASHING,
    READQ_SCRIPT,
    WAIT_FOR_GO,
    cli_command,
    cli_env,
    raw_rows,
    raw_states,
    run_cli,
    start_python,
    wait_all,
    write_digest,
)

pytestmark = pytest.mark.timeout(120)

# Loops through the CLI's main(argv) in a child process: the real command code, without paying for a
# Python start per iteration. argv: GO DATA_DIR then the arguments of each call, calls separated by "--".
CLI_LOOP = (
    WAIT_FOR_GO
    + """
from readq.cli.main import main
data_dir, rest = sys.argv[2], sys.argv[3:]
calls, current = [], []
for arg in rest:
    if arg == "--":
        calls.append(current)
        current = []
    else:
        current.append(arg)
calls.append(current)
for call in calls:
    code = main(["--data-dir", data_dir, *call])
    if code != 0:
        print("FAILED", call, code, flush=True)
        sys.exit(code)
print("DONE", len(calls), flush=True)
"""
)


def joined(calls: list[list[str]]) -> list[str]:
    out: list[str] = []
    for call in calls:
        if out:
            out.append("--")
        out += call
    return out


def test_two_importers_and_a_marker_through_the_cli_lose_nothing(tmp_path: Path) -> None:
    """Three processes, 40 calls each, back to back: every import and every mark is on disk."""
    data = tmp_path / "data"
    seed = Store(data)
    seed_ids = seed.import_result(digest(*[f"Seed paper {i}" for i in range(40)]), "seed.txt").new
    seed.close()
    files = {side: [] for side in ("left", "right")}
    for side, paths in files.items():
        for r in range(40):
            titles = [f"{side} import {r} paper {i}" for i in range(3)] + ["A paper every digest lists"]
            paths.append(write_digest(tmp_path / f"{side}-{r:02}.txt", titles))
    go = tmp_path / "go"
    marks = [["mark", pid, "--read", "--priority", str(n % 3 + 1)] for n, pid in enumerate(seed_ids)]
    procs = [
        start_python(CLI_LOOP, str(go), str(data), *joined([["import", str(p)] for p in files["left"]])),
        start_python(CLI_LOOP, str(go), str(data), *joined(marks)),
        start_python(CLI_LOOP, str(go), str(data), *joined([["import", str(p)] for p in files["right"]])),
    ]
    go.touch()
    results = wait_all(procs)
    assert [(code, out.splitlines()[-1]) for code, out, _ in results] == [(0, "DONE 40")] * 3, results

    final = Store(data)
    expected_titles = {f"Seed paper {i}" for i in range(40)} | {"A paper every digest lists"}
    expected_titles |= {f"{s} import {r} paper {i}" for s in files for r in range(40) for i in range(3)}
    assert sorted(p.title for p in final.papers.values()) == sorted(expected_titles)
    common = next(p for p in final.papers.values() if p.title == "A paper every digest lists")
    assert sorted(s.file for s in common.sources) == sorted(p.name for ps in files.values() for p in ps)
    for n, pid in enumerate(seed_ids):
        state = final.state(pid)
        assert (state.read, state.priority) == (True, n % 3 + 1)
    assert len(final.states) == 40  # nobody else's state appeared
    rows = raw_rows(data)
    assert sorted(int(k) for k in rows) == sorted(int(str(r["id"]), 16) for r in rows.values())


@pytest.mark.slow
def test_the_real_entry_points_in_parallel_lose_nothing(tmp_path: Path) -> None:
    """``python -m readq.cli import`` in one process after another, while the ``readq`` script marks."""
    if not READQ_SCRIPT.exists():
        pytest.skip(f"no readq console script beside {READQ_SCRIPT.parent}")
    data = tmp_path / "data"
    seed = Store(data)
    ids = seed.import_result(digest(*[f"Marked paper {i}" for i in range(6)]), "seed.txt").new
    seed.close()
    digests = [
        write_digest(tmp_path / f"{r:03}.txt", [f"Entry point {r} {i}" for i in range(3)]) for r in range(6)
    ]
    outcomes: dict[str, list[int]] = {"import": [], "mark": []}

    def importer() -> None:
        for path in digests:
            outcomes["import"].append(run_cli(data, "import", str(path)).returncode)

    def marker() -> None:
        for n, pid in enumerate(ids):
            done = run_cli(data, "mark", pid, "--priority", str(n % 3 + 1), script=True)
            outcomes["mark"].append(done.returncode)

    threads = [threading.Thread(target=importer), threading.Thread(target=marker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(100)
    assert outcomes == {"import": [0] * 6, "mark": [0] * 6}
    final = Store(data)
    assert len(final) == 6 + 18
    assert [final.state(pid).priority for pid in ids] == [n % 3 + 1 for n in range(6)]


INSERTER = (
    WAIT_FOR_GO
    + """
from readq.store import Store
from readq.models import Entry, ParseResult
store = Store(sys.argv[2])
tag = sys.argv[3]
for r in range(25):
    titles = [f"{tag} insert {r} {i}" for i in range(4)] + sys.argv[4 + r % (len(sys.argv) - 4)].split("|")
    entries = tuple(Entry(t, f"Abstract of {t}.") for t in titles)
    store.import_result(ParseResult("hf-blank", entries, "Nov 23"), f"{tag}-{r}.txt")
print("DONE", flush=True)
"""
)


def test_three_inserting_processes_never_clash_on_ids(tmp_path: Path) -> None:
    """Three processes insert at once, including pairs of titles whose first-choice ids are equal: every
    paper gets its own id, the same title is one paper, and every row's key matches its id."""
    data = tmp_path / "data"
    Store(data).close()
    for a, b in CLASHING:  # the premise: these pairs really collide on their first id
        assert paper_id_candidates(identity_key(a, None))[0] == paper_id_candidates(identity_key(b, None))[0]
    (a1, b1), (a2, b2), (a3, b3) = CLASHING
    go = tmp_path / "go"
    shared = "One shared paper"
    procs = [
        start_python(INSERTER, str(go), str(data), "p1", f"{a1}|{shared}", f"{a3}|{shared}"),
        start_python(INSERTER, str(go), str(data), "p2", f"{b1}|{shared}", f"{a2}|{shared}"),
        start_python(INSERTER, str(go), str(data), "p3", f"{b2}|{shared}", f"{b3}|{shared}"),
    ]
    go.touch()
    results = wait_all(procs)
    assert [code for code, _, _ in results] == [0, 0, 0], results

    final = Store(data)
    titles = [p.title for p in final.papers.values()]
    expected = {f"p{n} insert {r} {i}" for n in (1, 2, 3) for r in range(25) for i in range(4)}
    expected |= {t for pair in CLASHING for t in pair} | {shared}
    assert sorted(titles) == sorted(expected)  # each title exactly once
    for a, b in CLASHING:
        ida = next(p.id for p in final.papers.values() if p.title == a)
        idb = next(p.id for p in final.papers.values() if p.title == b)
        first = paper_id_candidates(identity_key(a, None))[0]
        assert ida != idb and first in (ida, idb)  # one got the shared first choice, the other its second
        assert ida in paper_id_candidates(identity_key(a, None))[:2]
        assert idb in paper_id_candidates(identity_key(b, None))[:2]
    rows = raw_rows(data)
    assert len(rows) == len(expected)
    assert all(int(key) == int(str(row["id"]), 16) for key, row in rows.items())
    shared_paper = next(p for p in final.papers.values() if p.title == shared)
    assert len(shared_paper.sources) == 75


MARKER = (
    WAIT_FOR_GO
    + """
from readq.store import Store
store = Store(sys.argv[2])
ids = sys.argv[3].split(",")
for round in range(int(sys.argv[4])):
    for n, pid in enumerate(ids):
        store.update_state(pid, priority=(n + round) % 3 + 1, read=bool((n + round) % 2))
print("DONE", flush=True)
"""
)


def test_a_stale_view_catches_up_with_every_change(tmp_path: Path) -> None:
    """A library opened before another process writes 300 times (same-size files, no pause) shows exactly
    what a fresh one shows after one refresh."""
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest(*[f"Watched paper {i}" for i in range(10)]), "seed.txt").new
    library = Library(store)
    assert library.count("inbox") == 10
    go = tmp_path / "go"
    proc = start_python(MARKER, str(go), str(data), ",".join(ids), "30")
    go.touch()
    assert wait_all([proc])[0][0] == 0
    changes = library.refresh()
    assert changes.states == set(ids)
    fresh = Library(Store(data))
    assert {pid: r.state for pid, r in library.records.items()} == {
        pid: r.state for pid, r in fresh.records.items()
    }
    for view in ("inbox", "queue", "read", "all"):
        assert library.count(view) == fresh.count(view)
    assert not library.refresh()  # and nothing more to pick up


def test_the_versions_in_memory_keep_their_inodes(tmp_path: Path) -> None:
    """File systems hand a freed inode number to the next new file at once, and two versions of a file often
    have the same size and (coarse) mtime. The store keeps the versions it holds open (papers.json, state.json
    and the state journal), so no later version can ever carry the same inode number and look unchanged."""
    data = tmp_path / "data"
    viewer = Store(data)
    pid = viewer.import_result(digest("Inode paper"), "seed.txt").new[0]
    viewer.update_state(pid, priority=1)
    held = {
        "papers.json": viewer._papers_file.loaded,
        "state.json": viewer._state_file.loaded,
        "state.journal": viewer._state_file.journal.signature(),
    }
    assert all(sig is not None for sig in held.values())
    writer = Store(data)
    inodes: dict[str, set[int]] = {name: set() for name in held}
    for n in range(60):
        writer.update_state(pid, priority=n % 2 + 2)  # 2, 3, 2, …: every call writes
        writer.compact()  # and folds the journal in: a new state.json, a new empty journal
        writer._state_file.journal.reset()  # and again (nothing to fold in): the next file is a journal
        if n % 3 == 0:
            writer.import_result(digest(f"Inode import {n}"), f"{n}.txt")  # a new papers.json
        for name in held:
            inodes[name].add((data / name).stat().st_ino)
    for name, sig in held.items():
        assert sig is not None and sig[0] not in inodes[name], name
    viewer.refresh()
    assert viewer.state(pid) == writer.state(pid) and len(viewer) == len(writer) == 21


def test_the_files_are_valid_json_after_the_storm(tmp_path: Path) -> None:
    """The files as any JSON reader (and TinyDB itself) sees them, after two processes wrote both of them at
    once: papers.json, state.json and each line of the state journal."""
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    data = tmp_path / "data"
    ids = Store(data).import_result(digest(*[f"Storm {i}" for i in range(20)]), "seed.txt").new
    go = tmp_path / "go"
    paths = [
        write_digest(tmp_path / f"storm-{r}.txt", [f"Storm import {r} {i}" for i in range(2)])
        for r in range(20)
    ]
    procs = [
        start_python(MARKER, str(go), str(data), ",".join(ids), "5"),
        start_python(CLI_LOOP, str(go), str(data), *joined([["import", str(p)] for p in paths])),
    ]
    go.touch()
    assert [code for code, _, _ in wait_all(procs)] == [0, 0]
    for name in ("papers.json", "state.json"):
        document = load(data / name)
        assert document["_meta"]["1"]["schema"] == 1
    assert len(raw_rows(data, "papers")) == 60
    states = raw_states(data)  # state.json's rows and the journal's lines, each parsed as JSON
    assert sorted(states) == sorted(ids)
    assert {(s["read"], s["priority"]) for s in states.values()} <= {
        (r, p) for r in (True, False) for p in (1, 2, 3)
    }
    with TinyDB(data / "papers.json", storage=JSONStorage, access_mode="r") as db:
        assert len(db.table("papers")) == 60
    listed = subprocess.run(
        cli_command(data, "list", "--json"), capture_output=True, env=cli_env(), timeout=60, check=True
    )
    assert listed.stdout.count(b'"id"') == 60


async def test_the_open_app_catches_up_with_another_process(tmp_path: Path) -> None:
    """The app stays open while another process writes 300 times without pause; within a few polls it shows
    exactly what a fresh library shows, and its own next key lands on top of that."""

    from readq.tui.app import make_app
    from readq.tui.main.screen import MainScreen

    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest(*[f"Watched paper {i}" for i in range(10)]), "seed.txt").new
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        go = tmp_path / "go"
        proc = start_python(MARKER, str(go), str(data), ",".join(ids), "30")
        go.touch()
        await wait_until(lambda: proc.poll() is not None, "the other process", seconds=60)
        proc.communicate()  # its pipes, read and closed
        assert proc.returncode == 0
        fresh = Library(Store(data))
        expected = {pid: r.state for pid, r in fresh.records.items()}
        screen.poll()  # the next look at the disk (called here, not waited for)
        await wait_until(
            lambda: {pid: r.state for pid, r in screen.library.records.items()} == expected, pilot=pilot
        )
        assert {pid: r.state for pid, r in screen.library.records.items()} == expected
        assert screen.papers.rows == []  # every paper got a priority elsewhere: the Inbox emptied
        assert screen.library.count("queue") == fresh.count("queue") == 5  # the unread half
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "G", "3")
        await pilot.pause()  # in All, the last paper gets priority 3 on top of the other process's state
    final = Store(data)
    last = ids[-1]
    assert (final.state(last).priority, final.state(last).read) == (3, expected[last].read)
    assert all(final.state(pid) == expected[pid] for pid in ids[:-1])

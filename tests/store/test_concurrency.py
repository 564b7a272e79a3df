"""Two processes on one library: nothing lost, nothing corrupted."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from readq.store import Store
from tests.helpers import digest

CTX = mp.get_context("fork")


def _marker(data_dir: str, ids: list[str], start: mp.synchronize.Event) -> None:
    store = Store(data_dir)
    start.wait()
    for n, pid in enumerate(ids):
        store.update_state(pid, read=True, priority=n % 4)


def _importer(data_dir: str, rounds: int, start: mp.synchronize.Event) -> None:
    store = Store(data_dir)
    start.wait()
    for r in range(rounds):
        store.import_result(digest(*[f"Imported {r}-{i}" for i in range(5)]), f"import-{r}.txt")


def _run(*procs: mp.Process, start: mp.synchronize.Event) -> None:
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0


def test_marking_and_importing_at_once_lose_nothing(data_dir: Path) -> None:
    store = Store(data_dir)
    ids = store.import_result(digest(*[f"Seed paper {i}" for i in range(60)]), "seed.txt").new
    start = CTX.Event()
    _run(
        CTX.Process(target=_marker, args=(str(data_dir), ids, start)),
        CTX.Process(target=_importer, args=(str(data_dir), 40, start)),
        start=start,
    )
    final = Store(data_dir)
    assert len(final) == 60 + 40 * 5
    for n, pid in enumerate(ids):
        state = final.state(pid)
        assert state.read and state.priority == n % 4


def test_two_markers_on_the_same_papers_keep_both_fields(data_dir: Path) -> None:
    store = Store(data_dir)
    ids = store.import_result(digest(*[f"Shared {i}" for i in range(50)]), "seed.txt").new
    start = CTX.Event()

    def reader(data_dir: str, ids: list[str], start: mp.synchronize.Event) -> None:
        s = Store(data_dir)
        start.wait()
        for pid in ids:
            s.update_state(pid, read=True)

    def prioritiser(data_dir: str, ids: list[str], start: mp.synchronize.Event) -> None:
        s = Store(data_dir)
        start.wait()
        for pid in ids:
            s.update_state(pid, priority=3)

    _run(
        CTX.Process(target=reader, args=(str(data_dir), ids, start)),
        CTX.Process(target=prioritiser, args=(str(data_dir), ids, start)),
        start=start,
    )
    final = Store(data_dir)
    assert all(final.state(pid).read and final.state(pid).priority == 3 for pid in ids)


def test_two_importers_never_clash_on_ids(data_dir: Path) -> None:
    Store(data_dir)
    start = CTX.Event()

    def importer(data_dir: str, tag: str, start: mp.synchronize.Event) -> None:
        s = Store(data_dir)
        start.wait()
        for r in range(20):
            s.import_result(digest(*[f"{tag} {r} {i}" for i in range(5)], "Common title"), f"{tag}-{r}.txt")

    _run(
        CTX.Process(target=importer, args=(str(data_dir), "left", start)),
        CTX.Process(target=importer, args=(str(data_dir), "right", start)),
        start=start,
    )
    final = Store(data_dir)
    assert len(final) == 2 * 20 * 5 + 1
    common = [p for p in final.papers.values() if p.title == "Common title"]
    assert len(common) == 1 and len(common[0].sources) == 40

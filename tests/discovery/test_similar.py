"""Similar papers: the near-duplicate first, the cache, and the library's index."""

from __future__ import annotations

import itertools
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest

from readq.discovery.similar import CACHE_FILE, build_index, load_index, save_index, similar, update_index
from readq.library.service import Library
from readq.models import Entry, ParseResult
from readq.store import Store
from readq.store.caches import library_cache_dir
from tests.discovery_data import MOE, MOE_REWORDED, NEAR_DUPLICATE, ORIGINAL, PAPERS, pid_of


def titles(library: Library, found: list[tuple[object, float]]) -> list[str]:
    return [record.title for record, _ in found]  # type: ignore[attr-defined]


def test_the_near_duplicate_ranks_first(lib_store: Store) -> None:
    library = Library(lib_store)
    library.discovery.set_text_index(library.discovery.compute_text_index())
    found = library.discovery.similar(pid_of(lib_store, ORIGINAL))
    assert titles(library, found)[0] == NEAR_DUPLICATE
    assert found[0][1] > 0.6 > found[1][1]  # far ahead of papers that only share the topic
    assert titles(library, found)[1] == "Dense Passage Retrieval at a Million Tokens"
    back = library.discovery.similar(pid_of(lib_store, NEAR_DUPLICATE), 3)
    assert titles(library, back)[0] == ORIGINAL
    assert len(back) == 3 and all(a[1] >= b[1] for a, b in itertools.pairwise(back))


def filler(n: int, seed: int) -> list[Entry]:
    words = (  # noqa: SIM905 - a word list reads better as text
        "model training data method results benchmark language vision graph policy reward agent memory "
        "sparse efficient scaling context token inference alignment preference distillation pruning latent "
        "representation contrastive supervised adversarial calibration uncertainty causal bayesian gradient"
    ).split()
    rng = random.Random(seed)
    return [
        Entry(
            " ".join(rng.choice(words) for _ in range(8)).capitalize() + f" {i}",
            " ".join(rng.choice(words) for _ in range(120)),
        )
        for i in range(n)
    ]


def test_the_near_duplicate_ranks_first_in_a_larger_library(tmp_path: Path) -> None:
    store = Store(tmp_path / "big")  # 300 papers: rare and very common words are pruned
    store.import_result(ParseResult("hf-blank", (*filler(298, 3), PAPERS[0], PAPERS[-1])), "big.txt")
    library = Library(store)
    library.discovery.set_text_index(library.discovery.compute_text_index())
    assert len(library.discovery.text_index.terms) < 60  # type: ignore[union-attr]
    found = library.discovery.similar(pid_of(store, ORIGINAL), 10)
    assert titles(library, found)[0] == NEAR_DUPLICATE
    store.close()


def test_index_basics() -> None:
    index = build_index(
        [("a", "alpha beta gamma"), ("b", "alpha beta delta"), ("c", "epsilon"), ("d", "the of and")], 4
    )
    assert similar(index, "a", 5) == [("b", similar(index, "a", 1)[0][1])]  # shares no word with c, d
    assert similar(index, "d") == []  # stop words only: nothing to compare
    assert similar(index, "zz") == [] and similar(index, "a", 0) == []
    empty = build_index([], 0)
    assert len(empty) == 0 and similar(empty, "a") == []
    only_stop = build_index([("x", "the"), ("y", "of")], 2)
    assert similar(only_stop, "x") == []


def test_ties_are_broken_by_id() -> None:
    index = build_index([("m", "apple pear"), ("z", "apple kiwi"), ("b", "apple plum"), ("q", "fig")], 4)
    assert [pid for pid, _ in similar(index, "m")] == ["b", "z"]


def test_the_cache_round_trips_and_goes_stale(tmp_path: Path) -> None:
    index = build_index([("a", MOE), ("b", MOE_REWORDED), ("c", "robots grasp")], 3, stamp=(1, 2, 3))
    path = tmp_path / CACHE_FILE
    save_index(index, path)
    loaded = load_index(path, (1, 2, 3))
    assert loaded is not None
    assert loaded.pids == index.pids and loaded.terms == index.terms
    assert similar(loaded, "a") == similar(index, "a")
    assert load_index(path, (1, 2, 4)) is None  # another papers file
    assert load_index(path, None) is None
    path.write_bytes(b"garbage")
    assert load_index(path, (1, 2, 3)) is None
    assert load_index(tmp_path / "missing.npz", (1, 2, 3)) is None


def test_the_library_caches_its_index_and_rebuilds_after_an_import(lib_store: Store) -> None:
    (lib_store.data_dir / CACHE_FILE).write_bytes(b"an index where older versions kept it")
    library = Library(lib_store)
    assert not library.discovery.index_ready
    index = library.discovery.compute_text_index()
    library.discovery.set_text_index(index)
    # in the platform's cache dir ($READQ_CACHE_DIR in tests), one folder per library; none beside the data
    assert library.discovery.index_ready and (library_cache_dir(lib_store.data_dir) / CACHE_FILE).exists()
    assert not (lib_store.data_dir / CACHE_FILE).exists()
    assert library_cache_dir(lib_store.data_dir).parent == Path(os.environ["READQ_CACHE_DIR"])
    again = Library(lib_store).discovery.compute_text_index()  # from the cache
    assert again.pids == index.pids
    lib_store.import_result(ParseResult("hf-blank", (Entry("A New Paper", "About robots."),)), "002.txt")
    library.refresh()
    assert not library.discovery.index_ready  # the papers changed
    fresh = library.discovery.compute_text_index()
    assert len(fresh) == len(index) + 1


def test_the_index_reads_the_search_text_when_it_is_built(lib_store: Store) -> None:
    streamed = Library(lib_store).discovery.compute_text_index()
    (library_cache_dir(lib_store.data_dir) / CACHE_FILE).unlink()
    library = Library(lib_store)
    library.build_search_index()
    from_text = library.discovery.compute_text_index()
    assert from_text.pids == list(library.records) and from_text.terms == streamed.terms
    assert (from_text.matrix != streamed.matrix[[streamed.row_of[p] for p in from_text.pids]]).nnz == 0


def test_an_update_weighs_papers_as_a_full_build_would() -> None:
    docs = [(f"p{i}", text) for i, text in enumerate([MOE, MOE_REWORDED, "robots grasp cups", "cups of tea"])]
    full = build_index(docs, 4)
    updated = update_index(full, docs, limit=1.0)
    assert updated is not None and (updated.matrix != full.matrix).nnz == 0
    # the same texts under "changed" checks are weighed again from the words and their idf: the same rows
    stale = replace(full, checks=full.checks + 1)
    again = update_index(stale, docs, limit=1.0)
    assert again is not None and abs(again.matrix - full.matrix).max() < 1e-6


def test_an_update_adds_changes_and_drops_papers() -> None:
    docs = [(f"p{i}", f"alpha beta word{i} shared{i % 3}") for i in range(20)]
    full = build_index(docs, 20)
    changed = [*docs[1:15], ("p15", "alpha gamma shared1"), ("new", f"word3 {MOE}")]
    updated = update_index(full, changed, stamp=(9, 9, 9))
    assert updated is not None and updated.stamp == (9, 9, 9)
    assert updated.pids == [pid for pid, _ in changed] and "p0" not in updated.row_of
    assert similar(updated, "new", 1)[0][0] == "p3"  # weighed with the known words (MOE's are unknown)
    assert (updated.matrix[updated.row_of["p5"]] != full.matrix[full.row_of["p5"]]).nnz == 0
    assert update_index(full, [(f"x{i}", "alpha") for i in range(20)]) is None  # too much changed


def test_after_an_import_the_library_updates_its_index(
    lib_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(lib_store)
    library.discovery.set_text_index(library.discovery.compute_text_index())
    lib_store.import_result(
        ParseResult("hf-blank", (Entry("Yet Another Mixture of Experts", f"Tiny experts. {MOE}"),)), "002.txt"
    )
    library.refresh()
    assert not library.discovery.index_ready

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a full build for one new paper")

    monkeypatch.setattr("readq.discovery.similar.build_index", refuse)
    library.discovery.set_text_index(library.discovery.compute_text_index())
    assert library.discovery.index_ready
    new = pid_of(lib_store, "Yet Another Mixture of Experts")
    assert {r.title for r, _ in library.discovery.similar(new, 2)} == {ORIGINAL, NEAR_DUPLICATE}
    fresh = Library(lib_store)  # and the cache holds the updated index
    assert new in fresh.discovery.compute_text_index().row_of

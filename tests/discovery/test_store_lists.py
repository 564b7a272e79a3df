"""The watch list and saved searches on disk: lists.json, written atomically under its lock, read back by
another process, backed up and restorable like the other files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.library.service import Library
from readq.store import LISTS_FILE, Store, StoreCorruptError


def test_no_file_until_the_first_watch(store: Store, data_dir: Path) -> None:
    assert store.watches == [] and store.saved_searches == {}
    assert not (data_dir / LISTS_FILE).exists()
    assert store.add_watch("cat:CL", "cat:cl")
    assert (data_dir / LISTS_FILE).exists()
    data = json.loads((data_dir / LISTS_FILE).read_text())
    assert data["_meta"]["1"]["kind"] == "lists"
    assert [row["term"] for row in data["watches"].values()] == ["cat:CL"]


def test_watches_keep_their_order_and_are_not_repeated(store: Store) -> None:
    assert store.add_watch('author:"Percy Liang"', "author:percy liang")
    assert store.add_watch("cat:CL", "cat:cl")
    assert not store.add_watch('author:"PERCY LIANG"', "author:percy liang")
    assert store.watches == ['author:"Percy Liang"', "cat:CL"]
    assert store.remove_watch("author:percy liang")
    assert not store.remove_watch("author:percy liang")
    assert store.watches == ["cat:CL"]


def test_saved_searches_replace_by_name_in_any_case(store: Store) -> None:
    assert store.save_search("Reading", "language -is:read")
    assert store.save_search("Liang", "author:liang")
    assert not store.save_search("Reading", "language -is:read")  # the same again: nothing written
    assert store.save_search("reading", "robust")
    assert store.saved_searches == {"reading": "robust", "Liang": "author:liang"}  # keeps its place
    assert store.remove_search("LIANG")
    assert not store.remove_search("liang")
    assert store.saved_searches == {"reading": "robust"}


def test_another_process_sees_the_changes_on_refresh(data_dir: Path) -> None:
    mine, other = Store(data_dir), Store(data_dir)
    assert mine.refresh().lists is False
    other.add_watch("cat:CL", "cat:cl")  # the file did not exist when ``mine`` opened
    changes = mine.refresh()
    assert changes.lists and changes and mine.watches == ["cat:CL"]
    other.save_search("Mine", "robust")
    assert mine.refresh().lists and mine.saved_searches == {"Mine": "robust"}
    assert not mine.refresh()
    mine.add_watch("tactile", "text:tactile")  # both write: nothing is lost
    other.add_watch("author:liang", "author:liang")
    assert mine.refresh().lists
    assert mine.watches == ["cat:CL", "tactile", "author:liang"]


def test_the_library_follows_another_process(data_dir: Path) -> None:
    library = Library(Store(data_dir))
    other = Store(data_dir)
    other.add_watch("cat:CL", "cat:cl")
    other.save_search("Robust", "robust")
    library.refresh()
    assert [w.term for w in library.discovery.watches] == ["cat:CL"]
    assert [v.key for v in library.views()][-1] == "search:Robust"
    assert "watched" in [v.key for v in library.views()]


def test_a_damaged_lists_file_is_set_aside_and_restorable(data_dir: Path) -> None:
    store = Store(data_dir)
    store.add_watch("cat:CL", "cat:cl")
    store.add_watch("cat:LG", "cat:lg")
    store.close()
    (data_dir / LISTS_FILE).write_text("{not json", encoding="utf-8")
    fresh = Store(data_dir)  # the papers and the state open as always
    with pytest.raises(StoreCorruptError) as caught:
        _ = fresh.watches
    assert "readq restore lists" in str(caught.value)
    assert main(["--data-dir", str(data_dir), "restore", "lists"]) == 0
    assert Store(data_dir).watches == ["cat:CL", "cat:LG"]  # every version is backed up

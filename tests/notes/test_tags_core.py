"""Tags in the core: normalising, edits, completion, and the library's tag views and note saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.library.records import Record
from readq.library.service import Library
from readq.query.matching import filter_records, parse_query
from readq.store import STATE_FILE, Store
from readq.text.tags import apply_tag_edits, normalise_tag, normalise_tags, parse_tag_list, tag_completion
from tests.helpers import digest


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("  to   cite  ", "to cite"),
        ("#ml", "ml"),
        ("a,b", "a b"),
        ("x\x1b[31my\x1b[0m\x07", "xy"),
        ("tab\there", "tab here"),
        ("[@click=app.quit]", "[@click=app.quit]"),
        ("\u202eevil", "evil"),
        ("x" * 100, "x" * 64),
        ("  #  ", ""),
    ],
)
def test_normalise_tag(raw: str, tag: str) -> None:
    assert normalise_tag(raw) == tag


def test_tags_are_unique_ignoring_case_and_accents_keeping_the_first_spelling() -> None:
    assert normalise_tags(["ML", "ml", "Café", "cafe", "", "  ", "RL"]) == ("ML", "Café", "RL")
    assert parse_tag_list(" ml, to   cite ,ML,,#rl, ") == ("ml", "to cite", "rl")


def test_tag_edits_add_and_remove_any_spelling() -> None:
    assert apply_tag_edits(("a", "B"), ["+c", "-b", "d,e", "-zz", "+A"]) == ("a", "c", "d", "e")
    assert apply_tag_edits((), ["+x,y", "-X"]) == ("y",)
    assert apply_tag_edits(("keep",), []) == ("keep",)


def test_completion_finishes_the_last_item_from_known_tags() -> None:
    known = ["to-cite", "transformers", "ML", "todo"]
    assert tag_completion("ml, to", known) == "ml, to-cite"
    assert tag_completion("to-cite, to", known) == "to-cite, todo"  # tags already listed are skipped
    assert tag_completion("m", known) == "ML"  # the tag's own spelling
    assert tag_completion("ml, ", known) is None
    assert tag_completion("ML", known) is None  # already complete
    assert tag_completion("zz", known) is None
    assert tag_completion("stra", ["straße"]) == "straße"


def make_library(data_dir: Path) -> tuple[Store, Library]:
    store = Store(data_dir)
    store.import_result(digest("Alpha paper", "Beta paper", "Gamma paper"), "001.txt")
    return store, Library(store)


def ids(library: Library) -> dict[str, str]:
    return {r.paper.title: pid for pid, r in library.records.items()}


def test_tag_views_and_counts_follow_every_change(data_dir: Path) -> None:
    store, library = make_library(data_dir)
    pid = ids(library)
    assert library.tag_views() == []
    library.set_tags(pid["Alpha paper"], ["ML", "to cite"])
    library.set_tags(pid["Beta paper"], ["ml"])
    assert [(v.key, v.title) for v in library.tag_views()] == [("tag:ml", "#ML"), ("tag:to cite", "#to cite")]
    assert library.count("tag:ml") == 2 and library.count("tag:to cite") == 1
    assert library.views()[-2:] == library.tag_views()  # after the fixed views and the digests
    assert library.tags() == ["ML", "to cite"]  # most used first, for completion
    assert [r.paper.title for r in library.rows("tag:ml", "title")] == ["Alpha paper", "Beta paper"]
    library.set_tags(pid["Alpha paper"], [])
    assert library.count("tag:ml") == 1 and library.count("tag:to cite") == 0
    assert [v.key for v in library.tag_views()] == ["tag:ml"]
    assert library.view("tag:ml").title == "#ml"  # the spelling still in use
    library.undo()
    assert library.count("tag:ml") == 2 and library.count("tag:to cite") == 1
    # another process's tags show up after a refresh
    Store(data_dir).update_state(pid["Gamma paper"], tags=("ml",))
    library.refresh()
    assert library.count("tag:ml") == 3
    store.close()


def test_tag_query_and_notes_in_the_query_language(data_dir: Path) -> None:
    store, library = make_library(data_dir)
    pid = ids(library)
    library.set_tags(pid["Alpha paper"], ["To Cite"])
    library.set_note(pid["Beta paper"], "Compare with **Switch** transformers")
    records = list(library.records.values())

    def titles(query: str) -> list[str]:
        return sorted(r.paper.title for r in filter_records(parse_query(query), records))

    assert titles('tag:"to cite"') == ["Alpha paper"]
    assert titles('tag:"TO CITE"') == ["Alpha paper"]
    assert titles("tag:to") == []  # a tag equal to NAME, not a prefix
    assert titles("has:note") == ["Beta paper"]
    assert titles("has:tags") == ["Alpha paper"]
    assert titles("switch") == ["Beta paper"]  # free words match notes
    assert titles("beta switch") == ["Beta paper"]  # one word in the title, one in the note
    assert titles("note:switch") == ["Beta paper"]
    assert titles("-switch") == ["Alpha paper", "Gamma paper"]
    record = library.records[pid["Beta paper"]]
    assert isinstance(record, Record) and parse_query("switch").matches(record)
    store.close()


def test_saving_a_note_cleans_it_empty_deletes_and_the_same_text_writes_nothing(data_dir: Path) -> None:
    store, library = make_library(data_dir)
    pid = ids(library)["Alpha paper"]
    step = library.set_note(pid, "# Note\x1b[2J\n\nbody\r\n")
    assert step.label == "edit note" and store.state(pid).note == "# Note\n\nbody"
    assert store.state(pid).note_updated
    state_file = data_dir / STATE_FILE
    before = (state_file.read_bytes(), state_file.stat().st_mtime_ns)
    depth = len(library.history.undo_stack)
    again = library.set_note(pid, "# Note\n\nbody\n\n")  # differs only in what cleaning removes
    assert again.changes == {}
    assert (state_file.read_bytes(), state_file.stat().st_mtime_ns) == before
    assert len(library.history.undo_stack) == depth
    deleted = library.set_note(pid, "  \n ")
    assert deleted.label == "delete note"
    assert store.state(pid).note == "" and store.state(pid).note_updated is None
    assert not library.records[pid].state.note
    library.undo()
    assert Store(data_dir).state(pid).note == "# Note\n\nbody"
    store.close()

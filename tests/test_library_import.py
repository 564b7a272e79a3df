"""An import is one undoable step of the library: undo removes what it added and restores what it changed,
redo puts it back, and the user's marks survive both."""

from __future__ import annotations

from pathlib import Path

from readq.library.history import describe_import_step
from readq.library.service import Library
from readq.parsing import parse_bytes
from readq.store import Store

FIXTURES = Path(__file__).resolve().parent / "parsing" / "fixtures"


def _result(name: str):  # type: ignore[no-untyped-def]
    return parse_bytes((FIXTURES / name).read_bytes())


def test_import_undo_redo(store: Store) -> None:
    library = Library(store)
    library.import_result(_result("feed_atom_2025.xml"), "first.xml")
    report, step = library.import_result(_result("feed_rss.xml"), "rss.xml")
    assert step is not None and (len(report.new), len(report.updated)) == (2, 1)
    assert library.count("all") == 3 and library.count("digest:rss.xml") == 3
    bridges = report.updated[0]
    library.change("priority 2", {report.new[0]: {"priority": 2}})
    assert library.undo() is not None  # the mark first: history is linear
    undone = library.undo()
    assert undone is not None and undone.imported is not None
    assert describe_import_step(undone, "undo") == "2 papers removed, 1 put back as it was"
    assert library.count("all") == 1 and "digest:rss.xml" not in {v.key for v in library.views()}
    assert [s.file for s in store.papers[bridges].sources] == ["first.xml"]
    redone = library.redo()
    assert (
        redone is not None and describe_import_step(redone, "redo") == "2 papers added again, 1 updated again"
    )
    assert library.count("all") == 3
    assert [s.file for s in store.papers[bridges].sources] == ["first.xml", "rss.xml"]
    assert Store(store.data_dir).papers == store.papers  # on disk


def test_state_of_removed_papers_is_kept_for_their_return(store: Store) -> None:
    library = Library(store)
    report, _ = library.import_result(_result("feed_rss.xml"), "rss.xml")
    pid = report.new[0]
    store.update_state(pid, read=True)  # another process (readq mark) marks it meanwhile
    library.refresh()
    library.undo()
    assert pid not in store.papers and store.state(pid).read  # the paper goes, the mark stays
    library.redo()
    assert library.records[pid].state.read


def test_an_import_that_changes_nothing_is_no_step(store: Store) -> None:
    library = Library(store)
    library.import_result(_result("feed_rss.xml"), "rss.xml")
    report, step = library.import_result(_result("feed_rss.xml"), "rss.xml")
    assert step is None and not report.written and len(library.history.undo_stack) == 1
    preview = library.preview_import(_result("library.bib"), "library.bib")
    assert (len(preview.new), len(preview.updated), preview.written) == (9, 1, False)
    assert len(store) == 3

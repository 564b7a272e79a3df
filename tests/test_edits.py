"""Metadata edits: parsing what the user types, the effective paper, state compatibility, search and undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.identity import identity_key
from readq.library.edits import (
    EditError,
    describe_edits,
    effective,
    form_values,
    new_edits,
    parse_authors,
    parse_values,
    reset_edits,
)
from readq.library.records import Record
from readq.library.service import Library
from readq.models import Entry, Paper, ParseResult
from readq.query.matching import filter_records, parse_query
from readq.store import Store
from readq.user_state import PaperState


def paper(**fields: object) -> Paper:
    title = str(fields.pop("title", "TokenSmith: Fast Tokenizers for Everyone"))
    return Paper(id="a0000006", identity=identity_key(title, None), title=title, **fields)  # type: ignore[arg-type]


# -- parsing ----------------------------------------------------------------------------------------------


def test_authors_are_separated_by_semicolons() -> None:
    assert parse_authors("Ada Lovelace; Alan Turing") == (("Ada Lovelace", "Alan Turing"), False)
    assert parse_authors("Liu, Nelson F.;  Kumar, Ananya ;") == (("Liu, Nelson F.", "Kumar, Ananya"), False)
    assert parse_authors("Zoë Müller; et al.") == (("Zoë Müller",), True)
    assert parse_authors("A B; others") == (("A B",), True)
    assert parse_authors("") == ((), False)
    assert parse_authors("et al.") == ((), False)  # nobody known: not "incomplete"
    assert parse_authors("Eve\x1b[31m Red\x07") == (("Eve Red",), False)  # terminal controls stripped


def test_values_are_checked() -> None:
    assert parse_values(
        {"year": " 2024 ", "arxiv_id": "arXiv:2401.01234v3", "url": "", "venue": " ICML "}
    ) == {
        "year": 2024,
        "arxiv_id": "2401.01234",
        "url": None,
        "venue": "ICML",
    }
    assert parse_values({"arxiv_id": "https://arxiv.org/pdf/2401.01234v2.pdf"}) == {"arxiv_id": "2401.01234"}
    assert parse_values({"arxiv_id": "hep-th/9901001"}) == {"arxiv_id": "hep-th/9901001"}
    assert parse_values({"authors": "A B; et al."}) == {"authors": ("A B",), "et_al": True}
    for name, bad in (("year", "24"), ("year", "20x4"), ("arxiv_id", "1234"), ("url", "example.org/x")):
        with pytest.raises(EditError) as caught:
            parse_values({name: bad})
        assert caught.value.field == name
    with pytest.raises(EditError, match="cannot be edited"):
        parse_values({"title": "x"})


def test_new_edits_keep_only_differences_from_the_digest() -> None:
    base = paper(authors=("Ada Lovelace",), venue="ICML")
    values = parse_values({"authors": "Ada Lovelace", "year": "2024", "venue": ""})
    edits = new_edits(base, {}, values)
    assert edits == {"year": 2024, "venue": None}  # same authors: no edit; a cleared venue: known unknown
    assert effective(base, PaperState(edits=edits)).venue is None
    assert new_edits(base, edits, {"year": None}) == {"venue": None}  # the digest has no year either
    assert reset_edits({"authors": ("X",), "et_al": True, "year": 1}, ["authors"]) == {"year": 1}
    assert reset_edits({"year": 1}, ["all"]) == {}
    assert describe_edits({"authors": ("X",), "et_al": False, "arxiv_id": "1"}) == "authors, arXiv id"


def test_effective_paper_is_the_same_object_without_edits() -> None:
    base = paper()
    assert effective(base, PaperState()) is base
    edited = effective(base, PaperState(edits={"authors": ("Ada Lovelace", "Alan Turing"), "year": 2025}))
    assert edited.authors == ("Ada Lovelace", "Alan Turing")
    assert edited.year == 2025
    assert edited.first_author == "Ada Lovelace et al."
    assert base.authors == ()  # the digest's paper is untouched
    assert form_values(edited)["authors"] == "Ada Lovelace; Alan Turing"


# -- state ------------------------------------------------------------------------------------------------


def test_old_state_files_load_without_the_new_fields() -> None:
    old = {
        "read": True,
        "priority": 2,
        "note": "n",
        "tags": ["x"],
        "stamps": {"read": "2026-01-01T00:00:00+00:00"},
    }
    state = PaperState.from_dict(old)
    assert state.citekey is None and state.edits == {}
    assert state.read and state.priority == 2
    again = PaperState.from_dict(state.to_dict())
    assert again == state and again.stamps == state.stamps


def test_edits_round_trip_and_are_stamped_per_field() -> None:
    state = PaperState().changed(edits={"authors": ["A B"], "et_al": False, "year": 2024})
    assert state.edits == {"authors": ("A B",), "et_al": False, "year": 2024}
    assert {"edits", "edits.authors", "edits.et_al", "edits.year"} <= set(state.stamps)
    assert PaperState.from_dict(state.to_dict()) == state
    assert not state.is_default and not PaperState(citekey="k").is_default
    # garbage written by hand is dropped, not fatal
    assert PaperState.from_dict({"edits": {"year": "soon", "title": "x", "venue": "V"}}).edits == {
        "venue": "V"
    }


# -- the library ------------------------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> Library:
    store = Store(tmp_path / "data")
    store.import_result(
        ParseResult(
            "hf-blank", (Entry("TokenSmith: Fast Tokenizers", "Abstract."), Entry("Other Paper", "x.")), None
        ),
        "001.txt",
    )
    return Library(store)


def _pid(library: Library, title: str) -> str:
    return next(pid for pid, r in library.records.items() if r.paper.title.startswith(title))


def test_edits_show_in_search_and_undo_restores_the_digest_values(library: Library) -> None:
    pid = _pid(library, "TokenSmith")
    record = library.records[pid]
    query = parse_query("author:lovelace")
    assert filter_records(query, [record]) == []
    library.change("edit metadata", {pid: {"edits": {"authors": ("Ada Lovelace",), "et_al": False}}})
    record = library.records[pid]
    assert record.paper.authors == ("Ada Lovelace",) and record.base.authors == ()
    assert filter_records(query, list(library.records.values())) == [record]
    assert filter_records(parse_query("has:authors"), list(library.records.values())) == [record]
    library.undo()
    assert library.records[pid].paper.authors == ()
    assert filter_records(query, list(library.records.values())) == []
    library.redo()
    assert library.records[pid].paper.first_author == "Ada Lovelace"


def test_edits_survive_a_re_import_and_never_reach_the_papers_file(library: Library) -> None:
    store = library.store
    pid = _pid(library, "TokenSmith")
    store.update_states({pid: {"edits": {"year": 2025, "venue": "ICML"}}})
    papers_before = store.files[0].read_bytes()
    store.import_result(
        ParseResult("hf-blank", (Entry("TokenSmith: Fast Tokenizers", "Abstract."),), None), "002.txt"
    )
    fresh = Store(store.data_dir)
    assert fresh.state(pid).edits == {"year": 2025, "venue": "ICML"}
    assert Record.build(fresh.papers[pid], fresh.state(pid)).paper.venue == "ICML"
    assert b"ICML" not in papers_before and b"ICML" not in store.files[0].read_bytes()


def test_set_state_rebuilds_only_when_the_edits_change(library: Library) -> None:
    record = library.records[_pid(library, "TokenSmith")]
    haystack = record.haystack
    record.set_state(record.state.changed(read=True))
    assert record.haystack is haystack  # same edits: nothing recomputed
    record.set_state(record.state.changed(edits={"authors": ("Grace Hopper",)}))
    assert "grace hopper" in record.haystack
    twin = record.with_state(PaperState())
    assert twin.paper is twin.base and "grace" not in twin.haystack
    assert "grace hopper" in record.haystack

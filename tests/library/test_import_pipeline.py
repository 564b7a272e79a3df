"""The import pipeline (readq.library.imports): detect, parse, preview, apply, for digests and exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.citations.export import LibraryFile, LibraryFileError, library_json
from readq.library.exchange import LibraryImportReport
from readq.library.imports import apply_import, preview_import, read_import, read_source, undoable
from readq.library.records import Record
from readq.library.service import Library
from readq.models import Paper, ParseResult
from readq.store import Store
from readq.user_state import PaperState

FIXTURES = Path(__file__).resolve().parents[1] / "parsing" / "fixtures"


def export_of(*titles: str) -> bytes:
    papers = [
        Paper(id=f"e0e0e0{i:02x}", identity=f"title:{t.lower()}", title=t) for i, t in enumerate(titles)
    ]
    records = [Record.build(p, PaperState()) for p in papers]
    return library_json(records, {}, "2026-01-01T00:00:00+00:00").encode()


def test_a_digest_is_parsed_and_an_export_detected() -> None:
    data, label = read_source(str(FIXTURES / "arxiv_mailing.txt"))
    assert label == "arxiv_mailing.txt"
    digest = read_import(data)
    assert isinstance(digest, ParseResult) and digest.entries
    assert undoable(digest)
    export = read_import(export_of("One paper", "Another paper"))
    assert isinstance(export, LibraryFile) and len(export.items) == 2
    assert not undoable(export)
    assert isinstance(read_import(data.decode("utf-8")), ParseResult)  # pasted text


def test_a_damaged_export_is_refused() -> None:
    with pytest.raises(LibraryFileError, match=r"^a readq export, but damaged: unexpected end of data"):
        read_import(b'{"format": "readq-library", "version": 1, "papers": [')


def test_preview_writes_nothing_and_apply_is_one_undoable_step(store: Store) -> None:
    library = Library(store)
    digest = read_import(read_source(str(FIXTURES / "arxiv_mailing.txt"))[0])
    report = preview_import(library, digest, "mailing")
    assert report.new and len(store) == 0
    applied = apply_import(library, digest, "mailing")
    assert applied.written and applied.step is not None
    assert len(library.records) == len(store) == len(report.new)
    assert library.undo() is not None
    assert len(store) == 0
    again = apply_import(library, digest, "mailing")
    assert again.written
    assert not apply_import(library, digest, "mailing").written  # nothing new the second time


def test_an_export_previews_then_merges_into_the_library(store: Store) -> None:
    library = Library(store)
    export = read_import(export_of("One paper", "Another paper"))
    report = preview_import(library, export, "library.json")
    assert isinstance(report, LibraryImportReport)
    assert len(report.new) == 2 and not report.written and len(store) == 0
    applied = apply_import(library, export, "library.json")
    assert applied.written and applied.step is None  # merged, not undoable
    assert sorted(r.title for r in library.records.values()) == ["Another paper", "One paper"]
    assert not apply_import(library, export, "library.json").written

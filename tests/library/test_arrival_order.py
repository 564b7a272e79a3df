"""Newest first when one command imports several files in the same second: the last file on top, each file
in its digest's order (the import's arrival order), in the app's cached order and in sort_records alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.library.service import Library
from readq.models import Entry, ParseResult
from readq.query.sorting import sort_records
from readq.store import Store
from tests.helpers import freeze_clock


def digest(*titles: str) -> ParseResult:
    entries = tuple(Entry(title=f"{t}: a paper about {t}") for t in titles)
    return ParseResult(layout="hf-blank", entries=entries)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    freeze_clock(monkeypatch, "2026-11-23T08:00:00+00:00")  # one second for all three imports
    store = Store(tmp_path / "data")
    store.import_result(digest("A1", "A2", "A3"), "001.txt")
    store.import_result(digest("B1", "B2"), "002.txt")
    store.import_result(digest("C1", "C2"), "003.txt")
    return Library(store)


def names(rows: object) -> list[str]:
    return [r.title.split(":")[0] for r in rows]  # type: ignore[attr-defined]


def test_newest_file_first_and_digest_order_within(library: Library) -> None:
    expected = ["C1", "C2", "B1", "B2", "A1", "A2", "A3"]
    records = list(library.records.values())
    assert names(library.rows("all", "added")) == expected
    assert names(sort_records(records, "added")) == expected
    assert names(sort_records(records, "added", reverse=False)) == expected[::-1]
    assert names(sort_records(records, "priority")) == expected  # untriaged ties go by arrival

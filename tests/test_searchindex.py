"""The word index only ever skips rows that cannot match: results equal a full scan."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from readq.library.service import Library
from readq.models import Entry, ParseResult
from readq.query.index import WordIndex, candidate_rows
from readq.query.matching import parse_query
from readq.store import Store

WORDS = (
    "robust",
    "problem",
    "transformer",
    "in-context",
    "attention",
    "café",
    "x2",
    "probabilistic",
    "robot",
    "learning",
    "(rlhf)",
    "gpt-4",
    "straße",
    "zebra",
)


def corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(5))
def test_candidates_never_miss_a_match(seed: int) -> None:
    texts = corpus(300, seed)
    index = WordIndex()
    for row, text in enumerate(texts):
        index.add(row, text)
    index.freeze()
    fragments = ["rob", "obust", "roba", "zebra", "in-co", "t-4", "(rlh", "afé", "stra", "x2", "e", "ttent"]
    for fragment in fragments:
        truth = {row for row, text in enumerate(texts) if fragment in text}
        found = index.rows_with(fragment)
        assert found is None or truth <= found, fragment
    both = candidate_rows(index, ["robust", "zebra"])
    truth = {row for row, text in enumerate(texts) if "robust" in text and "zebra" in text}
    assert both is None or truth <= both


def test_short_and_common_fragments_step_aside() -> None:
    index = WordIndex()
    for row in range(100):
        index.add(row, "common words everywhere" + (" rare" if row == 7 else ""))
    index.freeze()
    assert index.rows_with("co") is None  # too short
    assert index.rows_with("common") is None  # in every row: a scan is as fast
    assert index.rows_with("rare") == {7}
    assert index.words_containing("ommo") == ["common"]


def test_library_search_with_the_index_equals_a_full_scan(tmp_path: Path) -> None:
    store = Store(tmp_path / "lib")
    texts = corpus(400, 11)
    entries = tuple(Entry(f"Paper {i} {t[:20]}", t, authors=("Ada Lovelace",)) for i, t in enumerate(texts))
    store.import_result(ParseResult("hf-blank", entries), "001.txt")
    library = Library(store)
    library.build_search_index()
    assert library.word_index is not None
    for text in ("zebra", "robust zebra", '"gpt-4 robot"', "afé", "obust -zebra", "zebra OR robot", "ttent"):
        query = parse_query(text)
        with_index = [r.pid for r in library.rows("all", "added", query)]
        index, library.word_index = library.word_index, None
        without = [r.pid for r in library.rows("all", "added", query)]
        library.word_index = index
        assert with_index == without, text

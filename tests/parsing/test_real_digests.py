"""Acceptance: the real digests in ``../shared/digests`` import exactly. Skipped when that folder is absent
(a fresh clone has no ``../shared``). Only short title assertions are copied here, never the files' text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readq.models import ParseResult
from readq.parsing import detect, parse_bytes
from readq.parsing.names import is_name

DIGESTS = Path(__file__).resolve().parents[2].parent / "shared" / "digests"

pytestmark = pytest.mark.skipif(not DIGESTS.is_dir(), reason="../shared/digests is not available")


def _load(prefix: str) -> tuple[ParseResult, list[str]]:
    (path,) = DIGESTS.glob(f"{prefix}_*.txt")
    data = path.read_bytes()
    return parse_bytes(data), data.decode("utf-8").split("\n")


@pytest.mark.parametrize(
    ("prefix", "layout", "count", "date"),
    [("000", "alphaxiv", 50, None), ("001", "hf-blank", 98, "Mar 11"), ("002", "hf-compact", 119, None)],
)
def test_real_digest(prefix: str, layout: str, count: int, date: str | None) -> None:
    result, lines = _load(prefix)
    assert (result.layout, len(result.entries), result.digest_date, result.warnings) == (
        layout,
        count,
        date,
        (),
    )
    assert detect("\n".join(lines)) == layout
    all_lines = set(lines)
    for entry in result.entries:
        assert entry.title and len(entry.title) < 300
        assert len(entry.abstract) > 300 and entry.abstract in all_lines  # one whole line, nothing lost
        title_line = lines[entry.line - 1]  # entry.line points at the title
        assert title_line.startswith(entry.title) or title_line == "Subscribe" + entry.title
    lines_seen = [e.line for e in result.entries]
    assert lines_seen == sorted(set(lines_seen))


def test_real_digests_together() -> None:
    results = [_load(prefix)[0] for prefix in ("000", "001", "002")]
    entries = [e for r in results for e in r.entries]
    assert len(entries) == 267
    assert len({e.identity for e in entries}) == 264


_NAME_FRAGMENT_AT_END = re.compile(r"(?:[a-z][A-Z][a-z]*|\b(?:Mc|Mac|De|Le|La|Di|O')|\b[A-Z]\.)$")


def test_every_alphaxiv_title_author_split() -> None:
    result, lines = _load("000")
    for entry in result.entries:
        line = lines[entry.line - 1]
        # Nothing lost or invented: title + authors + "et al." + organisation rebuild the line exactly.
        rebuilt = entry.title + ", ".join(entry.authors) + (" et al." if entry.et_al else "")
        rebuilt += f" · {entry.organisation}" if entry.organisation else ""
        assert rebuilt == line
        assert not _NAME_FRAGMENT_AT_END.search(entry.title), entry.title
        assert 2 <= len(entry.authors) <= 5, entry.authors
        assert all(is_name(a, first=True, strict=True) for a in entry.authors), entry.authors
        assert all(2 <= len(a.split()) <= 3 for a in entry.authors), entry.authors
    # the meta lines
    with_meta = [e for e in result.entries if e.score is not None]
    assert len(with_meta) == 31
    assert all(e.category and e.date for e in with_meta)
    assert sum(e.code for e in result.entries) == 3
    assert sum(e.year is not None for e in result.entries) == 28
    assert all(e.year is None or (e.date and e.date.endswith(str(e.year))) for e in result.entries)


# (title, first author, et al., organisation) for tricky boundaries: acronyms, "?", lowercase endings,
# a title that starts with a camel-case word, a hyphenated first author, an initial.
TRICKY = [
    ("Are Sample-Efficient NLP Models More Robust?", "Nelson F. Liu", True, "stanford"),
    ("Dynabench: Rethinking Benchmarking in NLP", "Douwe Kiela", True, None),
    (
        "Masked Language Modeling and the Distributional Hypothesis: "
        "Order Word Matters Pre-training for Little",
        "Koustuv Sinha",
        True,
        None,
    ),
    (
        "TokenSmith: Streamlining Data Editing, Search, and Inspection for Large-Scale Language Model "
        "Training and Interpretability",
        "Mohammad Aflah Khan",
        True,
        None,
    ),
    ("Why Do Some Inputs Break Low-Bit LLM Quantization?", "Ting-Yun Chang", True, None),
    ("Do Question Answering Modeling Improvements Hold Across Benchmarks?", "Nelson F. Liu", True, None),
    ("Does VLN Pretraining Work with Nonsensical or Irrelevant Instructions?", "Wang Zhu", True, None),
    (
        "How Predictable Are Large Language Model Capabilities? A Case Study on BIG-bench",
        "Qinyuan Ye",
        True,
        None,
    ),
    ("Interrogating LLM design under a fair learning doctrine", "Johnny Tian-Zheng Wei", True, None),
    ("Teaching Models to Understand (but not Generate) High-risk Data", "Ryan Wang", True, "allen-ai"),
    ("Mechanistic Interpretability of Emotion Inference in Large Language Models", "Ala N. Tak", True, None),
    ("Hubble: a Model Suite to Advance the Study of LLM Memorization", "Johnny Tian-Zheng Wei", True, None),
]


@pytest.mark.parametrize(("title", "first_author", "et_al", "org"), TRICKY, ids=[t[0][:30] for t in TRICKY])
def test_tricky_alphaxiv_splits(title: str, first_author: str, et_al: bool, org: str | None) -> None:
    result, _ = _load("000")
    matches = [e for e in result.entries if e.title == title]
    assert len(matches) == 1
    entry = matches[0]
    assert (entry.authors[0], entry.et_al, entry.organisation) == (first_author, et_al, org)


def test_hyphenated_later_author() -> None:
    result, _ = _load("000")
    entry = next(
        e for e in result.entries if e.title.startswith("Transformers Learn to Achieve Second-Order")
    )
    assert entry.authors == ("Deqing Fu", "Tian-Qi Chen", "Robin Jia") and entry.et_al

"""A small fixed library for the app tests, at a frozen time so snapshots are stable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.reactive import Reactive
from textual.widgets import Input, TextArea

from readq.models import Entry, ParseResult
from readq.store import Store
from tests.helpers import freeze_clock

FROZEN = "2026-11-23T08:00:00+00:00"

HOSTILE = "Results [/] and [@click=app.quit]quit[/]: Markup in Titles"

FIRST = (
    Entry(
        "Sparse Mixtures of Tiny Experts for Long-Context Retrieval",
        "We show that routing tokens to many tiny experts keeps retrieval quality at 1M tokens. " * 4,
    ),
    Entry(
        "Calibrated Uncertainty for Code Generation Agents",
        "Agents that write code should know when they are wrong; we calibrate them with test feedback. " * 3,
    ),
    Entry(HOSTILE, "A title that looks like Textual markup must be shown verbatim and never run an action."),
    Entry(
        "Scaling Laws for Data Pruning in Vision-Language Models",
        "Pruning the least useful half of the data improves scaling exponents for VLMs. " * 3,
    ),
    Entry(
        "A Benchmark of Multilingual Reasoning in 40 Languages",
        "We release a benchmark of grade-school reasoning in forty languages. " * 3,
    ),
)
SECOND = (
    Entry(
        "Calibrated Uncertainty for Code Generation Agents",
        "",
        authors=("Maria García-López", "Wei Zhang", "John O'Neil"),
        et_al=True,
        organisation="uni-x",
        score=12.5,
        category="CL",
        date="Nov 20, 2026",
        code=True,
        year=2026,
    ),
    Entry(
        "Learning to Refuse: Safety Fine-Tuning Without Capability Loss",
        "Refusal training that leaves capabilities intact on twelve benchmarks. " * 3,
        authors=("Ada Lovelace", "Alan Turing"),
        score=30.1,
        category="LG",
        date="Nov 18, 2026",
        year=2026,
    ),
    Entry(
        "Graph Transformers Are Secretly Message Passing Networks",
        "We prove an equivalence and use it to speed up training fourfold. " * 3,
        authors=("Emmy Noether",),
        score=4.0,
        category="LG",
        date="Oct 2, 2026",
        year=2026,
    ),
)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs and text areas (and their subclasses, e.g. PathInput) start with a steady cursor, so no frame
    depends on when the blink timer last fired: SVG snapshots are the same on every run.

    ``cursor_blink`` is a reactive whose class default is read when each widget is created; a test may still
    turn blinking on for one widget."""
    for widget in (Input, TextArea):
        descriptor = widget.__dict__["cursor_blink"]
        assert isinstance(descriptor, Reactive)
        monkeypatch.setattr(descriptor, "_default", False)


@pytest.fixture
def frozen_time(monkeypatch: pytest.MonkeyPatch) -> str:
    """readq's clock stops at FROZEN, and days (the stats) are counted in UTC whatever the machine's zone."""
    from datetime import UTC

    import readq.clock
    import readq.library.stats

    freeze_clock(monkeypatch, FROZEN)
    monkeypatch.setattr(readq.library.stats, "local_zone", lambda: UTC)
    monkeypatch.setattr(readq.clock, "local_zone", lambda: UTC)
    return FROZEN


def top_paper(store: Store) -> str:
    """The id of the paper the app opens on (the Inbox's first row, newest import first)."""
    from readq.library.service import Library

    return Library(store).rows("inbox", "added")[0].pid


def seed_history(store: Store) -> None:
    """A reading history before FROZEN: reads over two weeks (a three-day streak), priorities, a note."""
    ids = list(store.catalog.ids)
    read_on = ("2026-11-23T07:00:00+00:00", "2026-11-22T21:00:00+00:00", "2026-11-21T09:00:00+00:00")
    changes: dict[str, dict[str, object]] = {
        ids[0]: {"read": True, "read_at": read_on[0], "note": "why it matters"},
        ids[1]: {"read": True, "read_at": read_on[1]},
        ids[2]: {"read": True, "read_at": read_on[2]},
        ids[3]: {"read": True, "read_at": "2026-11-12T09:00:00+00:00", "priority": 2},
        ids[4]: {"priority": 3},
        ids[5]: {"priority": 1},
    }
    store.update_states(changes)


@pytest.fixture
def sample_store(tmp_path: Path, frozen_time: str) -> Iterator[Store]:
    store = Store(tmp_path / "data")
    store.import_result(ParseResult("hf-blank", FIRST, "Nov 23"), "001_daily.txt")
    store.import_result(ParseResult("alphaxiv", SECOND, None), "002_alphaxiv.txt")
    yield store
    store.close()

"""One clock: freezing ``readq.clock.now`` freezes every "now" readq writes or shows, and no module reads the
time any other way (a frozen-time fixture would miss it)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from readq import clock
from readq.citations.export import export_text
from readq.library.records import Record
from readq.library.service import Library
from readq.library.stats import library_stats
from readq.store import Store
from readq.store.safety import set_aside
from readq.system.sources import pasted_label
from tests.conftest import REPO
from tests.helpers import digest, freeze_clock

WHEN = "2001-02-03T04:05:06+00:00"


def test_a_frozen_clock_freezes_every_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import readq.library.stats

    freeze_clock(monkeypatch, WHEN)
    monkeypatch.setattr(readq.library.stats, "local_zone", lambda: UTC)
    store = Store(tmp_path / "lib")
    store.import_result(digest("Alpha paper"), "001_daily.txt")
    pid = next(iter(store.catalog.ids))
    store.update_states({pid: {"read": True, "note": "kept"}})
    assert store.papers[pid].sources[0].imported == WHEN
    state = store.state(pid)
    assert state.read_at == WHEN and state.note_updated == WHEN and set(state.stamps.values()) == {WHEN}
    store.add_watch("alpha", "alpha")
    store.save_search("mine", "is:unread")
    lists = json.loads((tmp_path / "lib" / "lists.json").read_text(encoding="utf-8"))
    stamps = re.findall(r'"(?:created|added)": "([^"]+)"', json.dumps(lists))
    assert stamps and set(stamps) == {WHEN}
    record = Record.build(store.papers[pid], state)
    text, _ = export_text([record], "json", store.states, exported=clock.now_iso())
    assert json.loads(text)["exported"] == WHEN
    assert library_stats(Library(store)).today.isoformat() == "2001-02-03"
    store.close()
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    assert set_aside(damaged).name.endswith("20010203T040506Z")
    local = datetime.fromisoformat(WHEN).astimezone()
    assert pasted_label() == local.strftime("pasted-%Y-%m-%d-%H%M")


# Reading the time other than through readq.clock: a frozen clock would miss it.
OTHER_CLOCKS = re.compile(
    r"datetime\.now\(|datetime\.utcnow\(|date\.today\(|Date\.today\(|time\.gmtime\(\)|time\.localtime\(\)"
    r"|import now_iso|now_iso\b(?<!clock\.now_iso)"
)


def test_no_module_reads_the_time_around_the_clock() -> None:
    offenders = []
    for path in sorted((REPO / "src" / "readq").rglob("*.py")):
        if path.name == "clock.py" or "bench" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if OTHER_CLOCKS.search(code.replace("clock.now_iso", "")) and "def now_iso" not in code:
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []

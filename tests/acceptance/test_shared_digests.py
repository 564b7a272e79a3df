"""Acceptance: the real digests in ../shared/digests import exactly (skipped in a fresh clone)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import PAPERS_FILE, Store
from tests.conftest import SHARED

DIGESTS = sorted((SHARED / "digests").glob("*.txt"))
pytestmark = pytest.mark.skipif(not DIGESTS, reason="../shared/digests is not here (a fresh clone)")


def test_import_all_digests_then_again(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code = main(["--data-dir", str(data_dir), "import", *map(str, DIGESTS)])
    out = capsys.readouterr().out
    assert code == 0
    assert "total: 267 entries, 264 new, 0 already present, 3 updated; 264 papers in the library" in out
    assert "0 warnings" in out and "warning:" not in out
    store = Store(data_dir)
    assert len(store) == 264
    assert sum(len(p.sources) for p in store.papers.values()) == 267
    shared = [p for p in store.papers.values() if len(p.sources) == 2]
    assert len(shared) == 3
    alpha = [p for p in store.papers.values() if p.sources[0].layout == "alphaxiv"]
    assert len(alpha) == 50 and sum(1 for p in alpha if p.authors) == 50
    digest_dates = {s.file: s.date for p in store.papers.values() for s in p.sources}
    assert digest_dates[DIGESTS[1].name] == "Mar 11"

    before = hashlib.sha256((data_dir / PAPERS_FILE).read_bytes()).hexdigest()
    code = main(["--data-dir", str(data_dir), "import", *map(str, DIGESTS)])
    out = capsys.readouterr().out
    assert code == 0
    assert "total: 267 entries, 0 new, 267 already present, 0 updated" in out
    assert hashlib.sha256((data_dir / PAPERS_FILE).read_bytes()).hexdigest() == before

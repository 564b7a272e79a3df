"""Acceptance on the project's own digests (tests/parsing/fixtures: one small, real-world-shaped file per
format), so the acceptance path runs in a fresh clone too: every format imported through the CLI in one go,
papers de-duplicated across formats, a second import changes no byte, and a JSON export carries the whole
library into a new one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import PAPERS_FILE, Store

FIXTURES = Path(__file__).resolve().parents[1] / "parsing" / "fixtures"
# file -> (layout, the CLI's line for it)
FILES = {
    "hf_blank.txt": ("hf-blank", "5 entries (hf-blank, dated Jan 7): 5 new, 0 already present, 0 updated"),
    "hf_compact.txt": ("hf-compact", "5 entries (hf-compact): 5 new, 0 already present, 0 updated"),
    "alphaxiv.txt": ("alphaxiv", "5 entries (alphaxiv): 5 new, 0 already present, 0 updated"),
    "arxiv_mailing.txt": (
        "arxiv-mailing",
        "6 entries (arxiv-mailing, dated 2026-01-12): 5 new, 0 already present, 0 updated, "
        "1 repeated within the file",
    ),
    "feed_rss.xml": ("feed", "3 entries (feed, dated 2026-01-13): 1 new, 0 already present, 2 updated"),
    "feed_atom_2025.xml": ("feed", "1 entries (feed, dated 2026-01-13): 0 new, 0 already present, 1 updated"),
    "feed_atom_classic.xml": (
        "feed",
        "2 entries (feed, dated 2016-10-09): 2 new, 0 already present, 0 updated",
    ),
    "feed_rss1_old.xml": ("feed", "1 entries (feed, dated 2023-05-02): 1 new, 0 already present, 0 updated"),
    "library.bib": ("bibtex", "10 entries (bibtex): 9 new, 0 already present, 1 updated"),
}
PATHS = [str(FIXTURES / name) for name in FILES]


def test_every_format_imports_exactly_then_again_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "lib"
    assert main(["--data-dir", str(data), "import", *PATHS]) == 0
    out = capsys.readouterr().out
    for name, (_, line) in FILES.items():
        assert f"{FIXTURES / name}: imported {line}" in out, name
    assert "total: 38 entries, 33 new, 0 already present, 4 updated; 33 papers in the library" in out
    store = Store(data)
    assert len(store) == 33
    layouts = {s.layout for p in store.papers.values() for s in p.sources}
    assert layouts == {layout for layout, _ in FILES.values()}
    across = [p for p in store.papers.values() if len({s.layout for s in p.sources}) > 1]
    assert len(across) == 2  # the same paper in a mailing and a feed, or a feed and a .bib: one paper
    assert sum(len(p.sources) for p in store.papers.values()) == 33 + 4  # each update added a source
    store.close()

    before = hashlib.sha256((data / PAPERS_FILE).read_bytes()).hexdigest()
    assert main(["--data-dir", str(data), "import", *PATHS]) == 0
    assert "total: 38 entries, 0 new, 37 already present, 0 updated; 33 papers" in capsys.readouterr().out
    assert hashlib.sha256((data / PAPERS_FILE).read_bytes()).hexdigest() == before


def test_the_library_travels_through_a_json_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["--data-dir", str(one), "import", *PATHS]) == 0
    exported = tmp_path / "library.json"
    assert main(["--data-dir", str(one), "export", "-f", "json", "-o", str(exported)]) == 0
    assert main(["--data-dir", str(two), "import", str(exported)]) == 0
    capsys.readouterr()
    listed = []
    for folder in (one, two):
        assert main(["--data-dir", str(folder), "list", "--json"]) == 0
        listed.append(sorted((row["id"], row["title"]) for row in json.loads(capsys.readouterr().out)))
    assert len(listed[0]) == 33 and listed[0] == listed[1]

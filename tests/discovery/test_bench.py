"""The discovery benchmarks run (on small sizes) and write only their own section of BENCHMARKS.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.bench.__main__ import kept_sections
from readq.bench.discovery import build_text_library, measure_similar
from readq.bench.suggest import HEADING, main, write_section


def test_similar_bench_on_a_small_library(tmp_path: Path) -> None:
    build_text_library(tmp_path / "lib", 300)
    figures = measure_similar(tmp_path / "lib", queries=3)
    assert figures["papers"] == 300 and figures["duplicate_first"] == 1.0
    assert figures["terms"] > 100


def test_the_section_replaces_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    write_section(path, f"{HEADING}\n\nfirst\n")
    assert path.read_text() == f"# readq benchmarks\n\n{HEADING}\n\nfirst\n"
    path.write_text(f"# readq benchmarks\n\n| table |\n\n{HEADING}\n\nfirst\n\n## Other\n\nkept\n")
    write_section(path, f"{HEADING}\n\nsecond\n")
    assert path.read_text() == f"# readq benchmarks\n\n| table |\n\n{HEADING}\n\nsecond\n\n## Other\n\nkept\n"
    assert kept_sections(path) == f"\n{HEADING}\n\nsecond\n\n## Other\n\nkept\n"  # the main table keeps them
    assert kept_sections(tmp_path / "missing.md") == ""


def test_the_evaluation_script_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    assert main(["--files", "--out", str(out)]) == 0  # no real digests: the synthetic histories only
    text = out.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| synthetic")]
    assert len(rows) == 3
    consistent, control = rows[0].split("|"), rows[2].split("|")
    assert float(consistent[3]) > float(consistent[4]) + 0.3  # suggested beats date order
    assert abs(float(control[3]) - float(control[5])) < 0.15  # no signal: about the share kept


@pytest.mark.slow
def test_the_evaluation_replays_a_library_s_decisions(tmp_path: Path) -> None:
    from readq.bench.suggest import library_items
    from tests.discovery_data import history_store, kept_in_history

    history_store(tmp_path / "h").close()  # 200 decisions, the first five days of the history
    items = library_items(tmp_path / "h")
    assert len(items) == 200 and sorted({i.day for i in items}) == [0, 1, 2, 3]  # 60 to a day
    assert all(i.label == kept_in_history(i.title) for i in items)

"""The benchmark's table rows and how they are printed."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def pct_ms(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


@dataclass
class Row:
    figure: str
    measured: str
    target: str
    met: bool | None


def render(rows: list[Row], notes: list[str]) -> str:
    lines = ["| figure | measured (median) | target | met |", "|---|---|---|---|"]
    for row in rows:
        met = "—" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.figure} | {row.measured} | {row.target} | {met} |")
    return "\n".join(lines + [""] + [f"- {n}" for n in notes])


def write_section(path: Path, text: str) -> None:
    """Put ``text`` (a ``## `` section) into ``path`` in place of the section with the same heading, or at
    its end; the rest of the file stays as it is."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# readq benchmarks\n"
    heading = text.splitlines()[0]
    start = old.find(heading)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(heading))
        new = old[:start] + text.rstrip("\n") + "\n" + ("\n" + old[end + 1 :] if end >= 0 else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")

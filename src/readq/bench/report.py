"""The benchmark's table rows and how they are printed."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


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

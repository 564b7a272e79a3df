"""The first BibTeX export of a large library: every paper gets its citation key pinned, so choosing a free
key must cost the same for the 100,000th paper as for the first, even when most papers share a key stem
(Hugging Face papers with no authors and no year: ``scalingmodels``, ``scalingmodelsa``, …).

``uv run python -m readq.bench.export [--sizes 10000 100000] [--out BENCHMARKS.md]`` builds each library in
a temporary folder and times, in this process, ``readq export -f bibtex`` the first time (keys chosen and
pinned) and the second time (keys pinned already), beside ``readq export -f csv`` of the same library in the
same run as the reference (the same records read and written, no keys). Medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from readq.bench.report import write_section
from readq.models import Entry, ParseResult
from readq.store import Store

STEMS = ("Scaling", "Learning", "Towards", "Efficient", "Diffusion")
TARGET_SECONDS = 10.0  # the first BibTeX export at 100k


def build(folder: Path, size: int) -> None:
    """``size`` papers without authors or year, five key stems between them, imported 5,000 at a time."""
    store = Store(folder)
    for start in range(0, size, 5000):
        entries = tuple(
            Entry(f"{STEMS[i % 5]} Models Number {i}", f"Abstract {i}.", line=i - start + 1)
            for i in range(start, min(size, start + 5000))
        )
        store.import_result(ParseResult("hf-blank", entries, "Dec 4"), f"{start // 5000:03d}.txt")
    store.close()


def timed_export(folder: Path, fmt: str) -> float:
    from readq.cli.main import main

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--data-dir", str(folder), "export", "-f", fmt, "-o", str(folder.parent / f"out.{fmt}")])
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"readq export -f {fmt} exited {code}")
    return elapsed


def measure(size: int, runs: int) -> tuple[float, float, float]:
    """Medians (seconds) of the first BibTeX export, a second one, and the CSV export (the reference)."""
    first: list[float] = []
    second: list[float] = []
    reference: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        pristine = Path(tmp) / "pristine"
        build(pristine, size)
        for run in range(runs):
            folder = Path(tmp) / f"run{run}" / "lib"
            shutil.copytree(pristine, folder)
            reference.append(timed_export(folder, "csv"))
            first.append(timed_export(folder, "bibtex"))
            second.append(timed_export(folder, "bibtex"))
            shutil.rmtree(folder.parent)
    return statistics.median(first), statistics.median(second), statistics.median(reference)


def section(results: list[tuple[int, float, float, float]], runs: int) -> str:
    lines = [
        "## First BibTeX export",
        "",
        "Run: `uv run python -m readq.bench.export --out BENCHMARKS.md`. Libraries of Hugging Face-like "
        "papers with no authors and no year (five key stems shared by all of them), exported whole in "
        f"this process: medians of {runs} runs, each on a fresh copy. The first export chooses and pins "
        "every key; the CSV export of the same library in the same run is the reference (same records, "
        "no keys).",
        "",
        "| papers | first BibTeX export | second BibTeX export | CSV export (reference) | target |",
        "|---|---|---|---|---|",
    ]
    for size, first, second, reference in results:
        target = f"under {TARGET_SECONDS:g} s: {'met' if first < TARGET_SECONDS else '**missed**'}"
        lines.append(
            f"| {size:,} | {first:.2f} s | {second:.2f} s | {reference:.2f} s | "
            f"{target if size >= 100_000 else '—'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m readq.bench.export", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="library sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median quoted)")
    parser.add_argument("--out", type=Path, default=None, help="write the section into this file")
    args = parser.parse_args(argv)
    results = []
    for size in args.sizes:
        first, second, reference = measure(size, args.runs)
        results.append((size, first, second, reference))
        print(
            f"{size:>7,} papers: first {first:.2f} s, second {second:.2f} s, csv {reference:.2f} s",
            flush=True,
        )
    text = section(results, args.runs)
    print(text)
    if args.out is not None:
        write_section(args.out, text)
        print(f"wrote the section to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

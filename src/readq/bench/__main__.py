"""The readq benchmark: ``uv run python -m readq.bench [--quick] [--out BENCHMARKS.md]``.

Generates synthetic libraries (1k, 10k, 100k papers of realistic size) in temporary directories and measures,
as medians over repeated runs, the figures of the performance issue: import, cold start to the first frame
with rows, key to frame, persisting one change, search as you type, and peak memory. It prints a table and
writes it to BENCHMARKS.md with the machine, the versions and the date. Timings are never test assertions.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from readq.bench.data import build_library, synthetic_entries
from readq.bench.discovery import bench_similar
from readq.bench.interactive import bench_in_app
from readq.bench.report import Row, median_ms, render


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# -- 1. import -----------------------------------------------------------------------------------------------
def bench_import(libraries: dict[int, Path], repeats: int) -> list[Row]:
    import shutil

    from readq.parsing import parse

    digest = "\n".join(f"{e.title}\n{e.abstract}" for e in synthetic_entries(600, 99, "import-"))
    digest = (
        "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"
        "Subscribe" + digest
    )
    rows = []
    for size, label, target in ((0, "empty", 50.0), (10_000, "10k", 200.0), (100_000, "100k", None)):
        if size and size not in libraries:
            continue
        samples = []
        for _ in range(repeats):
            with tempfile.TemporaryDirectory(prefix="readq-bench-import-") as tmp:
                folder = Path(tmp) / "lib"
                if size:
                    shutil.copytree(libraries[size], folder)
                from readq.store import Store

                store = Store(folder)
                samples.append(timed(lambda: store.import_result(parse(digest), "bench.txt")))  # noqa: B023
        ms = median_ms(samples)
        rows.append(
            Row(
                f"import 600 papers into {label} library (parse + write, store open)",
                f"{ms:.0f} ms",
                f"≤ {target:.0f} ms" if target else "—",
                ms <= target if target else None,
            )
        )
    return rows


# -- 2. cold start -----------------------------------------------------------------------------------------
FIRST_PAINT = """
import sys, time
start = time.perf_counter()
mode, data = sys.argv[1], sys.argv[2]
if mode == "empty":
    from textual.app import App
    from textual.widgets import Static
    class Empty(App):
        def compose(self):
            yield Static("hello")
        def on_mount(self):
            self.call_after_refresh(self.exit)
    Empty().run(headless=True)
else:
    from readq.store import Store
    from readq.tui.app import make_app
    app = make_app(Store(data))
    def painted():
        rows = len(app.screen.papers.rows)
        app.exit(rows)
    async def check():
        app.call_after_refresh(painted)
    app.call_later(check)
    rows = app.run(headless=True)
    assert rows, "no rows painted"
"""


def bench_cold_start(libraries: dict[int, Path], repeats: int) -> tuple[list[Row], float]:
    def run(mode: str, data: str) -> float:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, mode, data], check=True, capture_output=True, timeout=300
        )
        return time.perf_counter() - start

    empty = statistics.median(run("empty", "") for _ in range(repeats))
    rows = []
    for size, label, target in ((10_000, "10k", 0.30), (100_000, "100k", 0.50)):
        if size not in libraries:
            continue
        seconds = statistics.median(run("readq", str(libraries[size])) for _ in range(repeats))
        rows.append(
            Row(
                f"cold start to first rows, {label} (empty Textual app: {empty:.2f} s)",
                f"{seconds:.2f} s ({seconds / empty:.1f}× empty app)",
                f"≤ {target:.2f} s",
                seconds <= target,
            )
        )
    return rows, empty


# -- 4. persist one change -----------------------------------------------------------------------------------
def bench_persist(libraries: dict[int, Path], repeats: int) -> list[Row]:
    from readq.store import Store

    figures = []
    for size in (1_000, 100_000):
        if size not in libraries:
            continue
        store = Store(libraries[size])
        ids = sorted(store.papers)[:repeats]
        samples = []
        for n, pid in enumerate(ids):
            start = time.perf_counter()
            store.update_state(pid, read=n % 2 == 0)
            samples.append(time.perf_counter() - start)
        figures.append((size, median_ms(samples)))
    text = " / ".join(f"{ms:.2f} ms at {size // 1000}k" for size, ms in figures)
    return [
        Row(
            "persist one read/priority change (median)",
            text,
            "≤ 1 ms, flat",
            all(ms <= 1.0 for _, ms in figures),
        )
    ]


# -- 6. peak RSS ---------------------------------------------------------------------------------------------
RSS = """
import asyncio, resource, sys
from readq.store import Store
from readq.tui.app import make_app
async def main():
    app = make_app(Store(sys.argv[1]))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await app.screen.search_ready()
        while app.screen.library.word_index is None:
            await asyncio.sleep(0.05)
        await pilot.press("slash")
        for char in "robust":
            await pilot.press(char)
        await pilot.press("escape")
asyncio.run(main())
try:  # this process's own peak: ru_maxrss would also count the benchmark process it was started from
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]))
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_rss(folder: Path) -> list[Row]:
    out = subprocess.run(
        [sys.executable, "-c", RSS, str(folder)], check=True, capture_output=True, text=True, timeout=600
    ).stdout
    mb = int(out.strip().splitlines()[-1]) / 1024
    return [
        Row(
            f"peak RSS at {folder.name.removeprefix('lib')} papers (app open, full-text search done)",
            f"{mb:.0f} MB",
            "≤ 600 MB",
            mb <= 600,
        )
    ]


# -- report --------------------------------------------------------------------------------------------------
def machine() -> str:
    import textual

    from readq import __version__

    cpu = platform.processor() or platform.machine()
    with_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                with_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({with_model or cpu}), "
        f"Python {platform.python_version()}, Textual {textual.__version__}, readq {__version__}"
    )


def compile_bytecode() -> None:
    """Byte-compile readq and its dependencies first: with PYTHONDONTWRITEBYTECODE set (as on some CI
    machines) every start would otherwise compile ~400 modules and measure the compiler, not readq."""
    import compileall
    import sysconfig

    for folder in {sysconfig.get_paths()["purelib"], str(Path(__file__).resolve().parents[1])}:
        compileall.compile_dir(folder, quiet=2, workers=0)


def kept_sections(path: Path) -> str:
    """The ``## `` sections of an existing BENCHMARKS.md (written by other scripts, such as
    ``python -m readq.bench.suggest``): the main table replaces only its own part."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    start = old.find("\n## ")
    return "\n" + old[start + 1 :] if start >= 0 else ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m readq.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, fewer repeats (a smoke run)")
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    compile_bytecode()
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    repeats = 2 if args.quick else args.repeats
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="readq-bench-") as tmp:
        libraries: dict[int, Path] = {}
        for size in sizes:
            folder = Path(tmp) / f"lib{size}"
            seconds = timed(lambda f=folder, s=size: build_library(f, s))  # type: ignore[misc]
            size_mb = sum(p.stat().st_size for p in folder.glob("*.json")) / 1e6
            notes.append(f"{size:,}-paper library generated in {seconds:.1f} s ({size_mb:.0f} MB on disk)")
            print(notes[-1], flush=True)
            libraries[size] = folder
        steps: list[Callable[[], list[Row]]] = [
            lambda: bench_import(libraries, repeats),
            lambda: bench_cold_start(libraries, repeats)[0],
            lambda: bench_in_app(
                libraries[max(sizes)], 200 if not args.quick else 40, f"{max(sizes) // 1000}k"
            ),
            lambda: bench_persist(libraries, 50 if not args.quick else 10),
            lambda: bench_rss(libraries[max(sizes)]),
            lambda: bench_similar(max(sizes)),
        ]
        for step in steps:
            for row in step():
                rows.append(row)
                print(f"{row.figure}: {row.measured} (target {row.target})", flush=True)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    table = render(rows, notes)
    text = (
        f"# readq benchmarks\n\nRun: `uv run python -m readq.bench{' --quick' if args.quick else ''}` "
        f"on {when}.\n\nMachine: {machine()}.\n\n{table}\n"
    )
    if "100k" not in table:
        text += "\nA quick run (no 100k library): the 100k figures are missing.\n"
    args.out.write_text(text + kept_sections(args.out), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

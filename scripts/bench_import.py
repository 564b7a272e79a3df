"""Time parsing and importing files: prints numbers, asserts nothing.

    uv run python scripts/bench_import.py [FILE…]

Without files it uses the two big real inputs in ../shared/real (the 1.4 MB arXiv mailing and the 2.8 MB
RSS feed) when they are there. For each file: parse time (best of three, warm), the import of the parsed
file into an empty library (one write), the same into a library that already holds the other files' papers,
and the whole ``readq import FILE`` command into an empty library.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
DEFAULT = ("mailing_cs_AI-LG-SE_2026-01-20.txt", "rss_all-archives_2024-11-28.xml")


def best_of(times: int, run: object) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str]) -> int:
    from readq.cli.main import main as cli
    from readq.parsing import parse_bytes
    from readq.store import Store

    files = [Path(a) for a in argv] or [REAL / name for name in DEFAULT if (REAL / name).exists()]
    if not files:
        print("no files given and ../shared/real is not here", file=sys.stderr)
        return 2
    parse_bytes(files[0].read_bytes())  # warm imports (pylatexenc, bibtexparser, defusedxml)
    for path in files:
        data = path.read_bytes()
        result = parse_bytes(data)
        parse_s = best_of(3, lambda data=data: parse_bytes(data))
        with tempfile.TemporaryDirectory() as empty:
            store = Store(Path(empty))
            started = time.perf_counter()
            store.import_result(result, path.name)
            import_s = time.perf_counter() - started
            others = [p for p in files if p != path]
            for other in others:
                store.import_result(parse_bytes(other.read_bytes()), other.name)
            held = len(store)
        with tempfile.TemporaryDirectory() as fuller:
            store = Store(Path(fuller))
            for other in others:
                store.import_result(parse_bytes(other.read_bytes()), other.name)
            started = time.perf_counter()
            store.import_result(result, path.name)
            import_full_s = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as cli_dir:
            started = time.perf_counter()
            with open("/dev/null", "w") as null:
                stdout, sys.stdout = sys.stdout, null
                try:
                    cli(["--data-dir", cli_dir, "import", str(path)])
                finally:
                    sys.stdout = stdout
            cli_s = time.perf_counter() - started
        print(
            f"{path.name}: {len(data) / 1e6:.1f} MB, {len(result.entries):,} entries ({result.layout})\n"
            f"  parse                          {parse_s * 1000:7.0f} ms\n"
            f"  import into an empty library   {import_s * 1000:7.0f} ms\n"
            f"  import beside {held - len(result.entries):>6,} papers      {import_full_s * 1000:7.0f} ms\n"
            f"  readq import (read+parse+write) {cli_s * 1000:6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

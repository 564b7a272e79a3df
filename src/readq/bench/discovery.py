"""Similar papers at scale: building the TF-IDF index and one query.

``uv run python -m readq.bench.discovery [--size N]`` prints the figures; the main benchmark
(``python -m readq.bench``) runs :func:`bench_similar` as one row of its table.

The library's text is drawn from a Zipf-distributed vocabulary of 40,000 made-up words (~1,500-character
abstracts), so the index has the shape of a real one (many rare words, a few very common ones); the main
benchmark's 50-word synthetic text would make TF-IDF meaninglessly cheap. One paper is planted twice, the
second time under a reworded title with a lightly edited abstract: it must come first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from readq.bench.report import Row, median_ms
from readq.models import Entry, ParseResult

SYLLABLES = ("ka", "to", "ri", "mo", "ne", "sa", "lu", "vi", "de", "po", "ra", "ti", "no", "ge", "mi", "ba")
DUPLICATE = "Planted Original: Sparse Routing Keeps Retrieval Cheap"
REWORDED = "Cheap Retrieval Through Sparse Routing (planted near-duplicate)"


def realistic_entries(n: int, seed: int, tag: str) -> list[Entry]:
    """``n`` papers with ~10-word titles and ~200-word abstracts over a Zipf vocabulary."""
    import numpy as np

    rng = random.Random(seed)
    vocab = list(
        dict.fromkeys("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(40_000))
    )
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    draws = np.random.default_rng(seed).choice(len(vocab), size=(n, 210), p=weights / weights.sum())
    entries = []
    for i, row in enumerate(draws.tolist()):
        words = [vocab[j] for j in row]
        entries.append(
            Entry(
                " ".join(words[:10]).capitalize() + f" {tag}{i}",
                " ".join(words[10:]) + ".",
                authors=(f"Author {rng.randint(1, 5000)}", f"Author {rng.randint(1, 5000)}"),
                date=f"Oct {1 + i % 28}, 2025",
            )
        )
    return entries


def build_text_library(folder: Path, n: int) -> None:
    """A library of ``n`` papers (10 digests) with the planted near-duplicate pair."""
    from readq.store import Store

    store = Store(folder)
    per = max(1, n // 10)
    original = realistic_entries(1, 999_999, "dup")[0]
    words = original.abstract.split()
    edited = " ".join(w if k % 25 else "reworded" for k, w in enumerate(words))
    for k in range(0, n, per):
        entries = realistic_entries(min(per, n - k) - (2 if k == 0 else 0), k, f"p{k}-")
        if k == 0:
            entries += [Entry(DUPLICATE, original.abstract), Entry(REWORDED, edited)]
        store.import_result(ParseResult("hf-blank", tuple(entries)), f"{k // per:03d}_text.txt")
    store.close()


def measure_similar(folder: Path, queries: int = 20) -> dict[str, float]:
    """Index build (streamed from the store, no cache), cached load, and query times; checks the planted
    near-duplicate comes first."""
    from readq.discovery.similar import CACHE_FILE
    from readq.library.service import Library
    from readq.store import Store
    from readq.store.caches import library_cache_dir

    store = Store(folder)
    (library_cache_dir(folder) / CACHE_FILE).unlink(missing_ok=True)
    library = Library(store)
    start = time.perf_counter()
    index = library.discovery.compute_text_index()
    build = time.perf_counter() - start
    start = time.perf_counter()
    library.discovery.compute_text_index()  # now from the cache
    load = time.perf_counter() - start
    library.discovery.set_text_index(index)
    rng = random.Random(1)
    samples = []
    for pid in rng.sample(index.pids, min(queries, len(index.pids))):
        start = time.perf_counter()
        library.discovery.similar(pid, 10)
        samples.append(time.perf_counter() - start)
    catalog = store.catalog
    original = catalog.ids[catalog.columns["title"].index(DUPLICATE)]
    first = library.discovery.similar(original, 10)[0][0].title
    matrix = index.matrix
    decided = rng.sample(index.pids, min(2000, len(index.pids)))  # a year of triage: 2,000 decisions
    library.change(  # the user's decisions, as the app records them
        "triage",
        {
            pid: {"priority": 2} if n % 4 == 0 else {"read": True, "priority": 0}
            for n, pid in enumerate(decided)
        },
    )
    start = time.perf_counter()
    library.discovery.set_ranking(*library.discovery.compute_ranking())
    learn = time.perf_counter() - start
    learned = library.discovery.scores is not None
    start = time.perf_counter()
    library.rows("all", "suggested")
    sort = time.perf_counter() - start
    store.import_result(ParseResult("hf-blank", tuple(realistic_entries(600, 424242, "new-"))), "new.txt")
    library.refresh()
    start = time.perf_counter()
    library.discovery.set_text_index(
        library.discovery.compute_text_index()
    )  # the update after a day's import
    update = time.perf_counter() - start
    store.close()
    return {
        "papers": len(index),
        "terms": len(index.terms),
        "build_s": build,
        "load_s": load,
        "update_s": update,
        "learn_s": learn,
        "learned": float(learned),
        "sort_ms": sort * 1000,
        "query_p50_ms": median_ms(samples),
        "query_max_ms": max(samples) * 1000,
        "matrix_mb": (matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes) / 1e6,
        "duplicate_first": float(first == REWORDED),
    }


def similar_row(figures: dict[str, float], label: str) -> Row:
    ok = figures["query_p50_ms"] <= 200 and figures["duplicate_first"] == 1.0
    return Row(
        f"similar papers at {label}: index build (no cache) / cached load / update after importing 600 "
        "papers / one query p50, worst",
        f"{figures['build_s']:.1f} s / {figures['load_s']:.2f} s / {figures['update_s']:.1f} s / "
        f"{figures['query_p50_ms']:.0f}, "
        f"{figures['query_max_ms']:.0f} ms ({figures['terms']:,.0f} words, {figures['matrix_mb']:.0f} MB; "
        f"near-duplicate first: {'yes' if figures['duplicate_first'] else 'NO'})",
        "query ≤ 200 ms",
        ok,
    )


def learn_row(figures: dict[str, float], label: str) -> Row:
    return Row(
        f"suggested order at {label}: learn from 2,000 decisions and score every paper / sort All by it",
        f"{figures['learn_s']:.2f} s (in a worker) / {figures['sort_ms']:.0f} ms"
        + ("" if figures["learned"] else " (NO MODEL)"),
        "—",
        None,
    )


def bench_similar(size: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="readq-bench-similar-") as tmp:
        folder = Path(tmp) / "lib"
        build_text_library(folder, size)
        figures = measure_similar(folder)
    label = f"{size // 1000}k" if size >= 1000 else str(size)
    return [similar_row(figures, label), learn_row(figures, label)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m readq.bench.discovery", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=1, help="index builds to take the median of")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="readq-bench-similar-") as tmp:
        folder = Path(tmp) / "lib"
        start = time.perf_counter()
        build_text_library(folder, args.size)
        print(f"{args.size:,}-paper library generated in {time.perf_counter() - start:.1f} s", flush=True)
        runs = [measure_similar(folder) for _ in range(args.repeats)]
    figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    label = f"{args.size // 1000}k" if args.size >= 1000 else str(args.size)
    for row in (similar_row(figures, label), learn_row(figures, label)):
        print(f"{row.figure}: {row.measured} (target {row.target})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""An honest evaluation of the suggested order: ``uv run python -m readq.bench.suggest``.

Replays triage histories day by day with each day held out (see :mod:`readq.discovery.evaluate`) and reports
precision@10 of the suggested order against date order (newest first):

1. synthetic digests where the reader keeps one topic: always, with 15% of decisions flipped, and a control
   where decisions are random (nothing to learn: the model must not beat the base rate by much);
2. real digests (``--files``; by default the real files in ``../shared/real`` when present) with a simulated
   reader who keeps the papers of some arXiv categories and skips the rest — the model sees only words and
   authors, never the categories;
3. with ``--data-dir``, the decisions in a readq library, in the order they were taken, 60 to a "day".

``--out BENCHMARKS.md`` writes the table as its own section of that file, leaving the rest of it alone.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from readq.bench.report import write_section
from readq.discovery.evaluate import Item, Report, replay, synthetic_history
from readq.discovery.ranking import MIN_EACH, label_of

HEADING = "## Suggested order: precision@10 against date order"
REAL = Path(__file__).resolve().parents[3].parent / "shared" / "real"
PER_DAY = 60


def synthetic_reports(seed: int) -> list[tuple[str, Report]]:
    consistent = synthetic_history(days=20, per_day=50, prefer="retrieval", seed=seed)
    noisy = synthetic_history(days=20, per_day=50, prefer="retrieval", noise=0.15, seed=seed + 1)
    rng = random.Random(seed)
    shuffled = [
        replace(i, label=rng.random() < 0.2) for i in synthetic_history(days=20, per_day=50, seed=seed + 2)
    ]
    return [
        ("synthetic: keeps one topic of five (20 days × 50 papers)", replay(consistent)),
        ("synthetic: the same, 15% of decisions flipped", replay(noisy)),
        ("synthetic control: random decisions (nothing to learn)", replay(shuffled)),
    ]


def real_items(files: Sequence[Path], keep: tuple[str, ...]) -> list[Item]:
    """Papers with abstracts from real digest files, in file order, ``PER_DAY`` to a day; kept when their
    categories include one of ``keep`` (prefix match, e.g. ``cs.CL``)."""
    from readq.parsing import parse_bytes
    from readq.query.sorting import parse_date

    seen: set[str] = set()
    items: list[Item] = []
    for path in files:
        try:
            result = parse_bytes(path.read_bytes(), None)
        except (OSError, ValueError) as error:
            print(f"skipping {path.name}: {error}", file=sys.stderr)
            continue
        for entry in result.entries:
            if len(entry.abstract) < 200 or not entry.category or entry.identity in seen:
                continue
            seen.add(entry.identity)
            n = len(items)
            parsed = parse_date(entry.date) if entry.date else None
            date = (parsed[0] or 0, parsed[1], parsed[2]) if parsed else (0, 0, 0)
            categories = entry.category.split()
            items.append(
                Item(
                    pid=f"{n:08x}",
                    title=entry.title,
                    abstract=entry.abstract,
                    authors=entry.authors,
                    date=date,
                    day=n // PER_DAY,
                    label=any(c.startswith(keep) for c in categories),
                )
            )
    return items


def library_items(data_dir: Path) -> list[Item]:
    """The decisions in a readq library in the order they were taken (the time each paper's read, priority,
    note or tags last changed), ``PER_DAY`` to a "day"."""
    from readq.library.service import Library
    from readq.store import Store

    library = Library(Store(data_dir))
    library.build_search_index()
    decided = []
    for record in library.records.values():
        label = label_of(record.state)
        stamps = record.state.stamps
        when = max((stamps.get(f, "") for f in ("read", "priority", "note", "tags")), default="")
        if label is not None and when:
            decided.append((when, record.pid, record, label))
    decided.sort(key=lambda d: (d[0], d[1]))
    return [
        Item(r.pid, r.title, r.haystack[r.abstract_at :], r.authors, r.date_key, n // PER_DAY, label)
        for n, (_, _, r, label) in enumerate(decided)
    ]


def table(reports: list[tuple[str, Report]]) -> str:
    lines = [
        "| history | held-out days with a model | precision@10 suggested | precision@10 date order "
        "| share kept |",
        "|---|---|---|---|---|",
    ]
    for name, report in reports:
        lines.append(
            f"| {name} | {report.model_days} of {report.days} | {report.mean(report.suggested):.2f} | "
            f"{report.mean(report.by_date):.2f} | {report.mean(report.base_rate):.2f} |"
        )
    return "\n".join(lines)


def section(reports: list[tuple[str, Report]], notes: list[str]) -> str:
    return "\n".join(
        [
            HEADING,
            "",
            "Run: `uv run python -m readq.bench.suggest --out BENCHMARKS.md`. Each day's papers are held "
            "out: the model is trained only on the decisions of the days before, then ranks that day's "
            "decided papers (kept = priority ≥ 2, a note or a tag; skipped = read at priority 0). Days "
            f"before {MIN_EACH} decisions of each kind get the plain order and are not counted. Precision@10 "
            "is the share of kept papers among the first ten; date order is newest first; share kept is what "
            "a random order would score.",
            "",
            table(reports),
            "",
            *[f"- {note}" for note in notes],
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m readq.bench.suggest", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--files", type=Path, nargs="*", default=None, help="real digests to replay")
    parser.add_argument(
        "--keep",
        action="append",
        default=None,
        help="categories a simulated reader keeps, comma separated; repeat for several readers "
        "(default: cs.CL, then math)",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="also replay this library's decisions")
    parser.add_argument("--out", type=Path, default=None, help="write the section into this file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    reports = synthetic_reports(args.seed)
    notes = [
        "Synthetic histories: `readq.discovery.evaluate.synthetic_history` (five topics of ten words "
        "each over a shared list of common words)."
    ]
    files = args.files if args.files is not None else sorted(REAL.glob("*")) if REAL.is_dir() else []
    files = [f for f in files if f.suffix in (".txt", ".xml", ".bib")]
    for reader in (args.keep or ["cs.CL", "math"]) if files else []:
        keep = tuple(k.strip() for k in reader.split(",") if k.strip())
        items = real_items(files, keep)
        name = f"real digests, a reader who keeps {', '.join(keep)} ({len(items)} papers, {PER_DAY} a day)"
        reports.append((name, replay(items)))
    if files:
        notes.append(
            "Real digests: " + ", ".join(f.name for f in files) + " (papers with an abstract and categories)."
        )
    if files:
        notes.append(
            "The real-digest readers are simulated from arXiv categories (which the model never sees): a "
            "stand-in for taste, cleaner than a person's. A day is 60 papers in file order; the feeds give "
            "one date to all their papers, so there date order is file order."
        )
    if args.data_dir is None:
        notes.append(
            "No person's triage history was replayed here; `--data-dir DIR` replays a library's own."
        )
    else:
        items = library_items(args.data_dir)
        reports.append((f"your library's decisions ({len(items)} papers)", replay(items)))
    for name, report in reports:
        print(f"{name}: {report.summary()}", flush=True)
    if args.out is not None:
        write_section(args.out, section(reports, notes))
        print(f"wrote the section to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

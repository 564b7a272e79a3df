"""An honest evaluation of the suggested order: replay a triage history day by day.

Each day's papers are held out: the model is trained only on the decisions of the days before (as the app
would have it that morning), then ranks that day's papers; precision@10 counts the kept papers among its
first ten, against the same day's papers in date order (newest first), the order a reader would otherwise
go through. A day without enough earlier decisions gets the plain order, as the app shows it — no model
is made up. The similarity index is built over all papers, as the app builds it over the whole library
(words only, never the decisions).

:func:`synthetic_history` makes a history where the user consistently keeps one topic; the benchmark
(``python -m readq.bench.suggest``) also replays real digests with a simulated reader and a library's own
decisions.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from readq.discovery.ranking import NeedsMore, train
from readq.discovery.similar import build_index


@dataclass(frozen=True)
class Item:
    """One paper of the history: ``day`` it arrived, ``date`` (sortable, larger is newer), and the user's
    decision (True kept, False skipped, None undecided)."""

    pid: str
    title: str
    abstract: str
    authors: tuple[str, ...]
    date: tuple[int, ...]
    day: int
    label: bool | None


@dataclass
class Report:
    k: int
    days: int = 0  # days with at least k decided papers
    model_days: int = 0  # of those, days with a model (enough earlier decisions)
    suggested: list[float] = field(default_factory=list)  # precision@k per model day
    by_date: list[float] = field(default_factory=list)  # precision@k of date order, same days
    base_rate: list[float] = field(default_factory=list)  # share of kept papers, same days

    @staticmethod
    def mean(values: Sequence[float]) -> float:
        return statistics.fmean(values) if values else float("nan")

    def summary(self) -> str:
        return (
            f"precision@{self.k}: suggested {self.mean(self.suggested):.2f}, date order "
            f"{self.mean(self.by_date):.2f} (share kept {self.mean(self.base_rate):.2f}) over "
            f"{self.model_days} held-out days with a model ({self.days - self.model_days} earlier days "
            "had too few decisions and got the plain order)"
        )


def precision_at(ranked: Sequence[Item], k: int) -> float:
    top = ranked[:k]
    return sum(1 for item in top if item.label) / k


def replay(items: Sequence[Item], k: int = 10) -> Report:
    """Day by day: train on the earlier days' decisions, rank the day's decided papers; see the module."""
    index = build_index(((i.pid, f"{i.title}\n{i.abstract}") for i in items), len(items))
    authors = {i.pid: i.authors for i in items}
    report = Report(k)
    for day in sorted({i.day for i in items}):
        today = [i for i in items if i.day == day and i.label is not None]
        if len(today) < k:
            continue
        report.days += 1
        earlier = {i.pid: bool(i.label) for i in items if i.day < day and i.label is not None}
        ranking = train(index, earlier, authors, set(), {})
        if isinstance(ranking, NeedsMore):
            continue
        scores = ranking.scores
        report.model_days += 1
        suggested = sorted(today, key=lambda i: (-scores[i.pid], i.pid))
        by_date = sorted(today, key=lambda i: (tuple(-x for x in i.date), i.pid))
        report.suggested.append(precision_at(suggested, k))
        report.by_date.append(precision_at(by_date, k))
        report.base_rate.append(sum(1 for i in today if i.label) / len(today))
    return report


# -- a synthetic history -------------------------------------------------------------------------------------

TOPICS = {
    "retrieval": "retrieval index query passage reranking dense sparse search corpus recall embedding",
    "robotics": "robot grasping manipulation locomotion sim2real controller gripper trajectory tactile arm",
    "vision": "image segmentation detection pixel camera depth scene optical flow convolutional",
    "theory": "bound convergence lemma proof regret complexity theorem convex sample minimax",
    "speech": "speech audio acoustic speaker phoneme asr waveform prosody transcription spectrogram",
}
COMMON = (  # noqa: SIM905 - a word list reads better as text
    "we propose method model results show novel approach performance data training learning experiments "
    "benchmark state art outperform baseline evaluate study framework large efficient simple"
).split()
NAMES = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Emmy Noether", "Wei Zhang", "Ana García", "Li Na")


def synthetic_history(
    days: int = 12, per_day: int = 40, *, prefer: str = "retrieval", noise: float = 0.0, seed: int = 1
) -> list[Item]:
    """``days`` digests of ``per_day`` papers on :data:`TOPICS`; the user keeps the papers of ``prefer``
    and skips the rest (a share ``noise`` of decisions flipped). Dates are spread over the days before
    each digest, so date order knows nothing of the topic."""
    rng = random.Random(seed)
    topics = {name: words.split() for name, words in TOPICS.items()}
    items = []
    for day in range(days):
        for n in range(per_day):
            topic = rng.choice(list(topics))
            words = [
                rng.choice(topics[topic]) if rng.random() < 0.25 else rng.choice(COMMON) for _ in range(70)
            ]
            label = topic == prefer
            if rng.random() < noise:
                label = not label
            items.append(
                Item(
                    pid=f"{day:03d}{n:05d}",
                    title=" ".join(words[:9]).capitalize(),
                    abstract=" ".join(words[9:]) + ".",
                    authors=tuple(rng.sample(NAMES, 2)),
                    date=(day * 10 + rng.randint(0, 9),),
                    day=day,
                    label=label,
                )
            )
    return items

"""The suggested order: its signals, no model below the minimum, and a model that beats date order when the
user consistently keeps one topic."""

from __future__ import annotations

from dataclasses import replace

import pytest

from readq.discovery.evaluate import Item, replay, synthetic_history
from readq.discovery.ranking import MIN_EACH, NeedsMore, Ranking, label_of, train
from readq.discovery.similar import build_index
from readq.user_state import PaperState


@pytest.mark.parametrize(
    ("state", "label"),
    [
        (PaperState(), None),
        (PaperState(priority=1), None),
        (PaperState(read=True, priority=1), None),
        (PaperState(priority=2), True),
        (PaperState(read=True, priority=3), True),
        (PaperState(note="read §3"), True),
        (PaperState(read=True, note="why"), True),
        (PaperState(tags=("ml",)), True),
        (PaperState(read=True), False),
        (PaperState(read=True, priority=0, triaged=True), False),
        (PaperState(read=True, note="   "), False),  # an empty note is no note
        (PaperState(priority=0, triaged=True), None),  # triaged but unread: not read, so no signal
    ],
)
def test_labels(state: PaperState, label: bool | None) -> None:
    assert label_of(state) is label


def test_no_model_below_the_minimum_of_each_kind() -> None:
    items = synthetic_history(days=4, per_day=40)
    index = build_index(((i.pid, f"{i.title}\n{i.abstract}") for i in items), len(items))
    kept = [i.pid for i in items if i.label][: MIN_EACH - 1]
    skipped = [i.pid for i in items if not i.label][:100]
    labels = {**dict.fromkeys(kept, True), **dict.fromkeys(skipped, False)}
    result = train(index, labels, {}, set(), {})
    assert result == NeedsMore(MIN_EACH - 1, 100)
    assert "19 of 20 kept" in result.message and "plain order" in result.message
    assert "skipped" not in result.message.split(":", 1)[1]  # enough of those
    labels[[i.pid for i in items if i.label][MIN_EACH - 1]] = True
    assert isinstance(train(index, labels, {}, set(), {}), Ranking)
    labels_outside = {f"zz{n}": n % 2 == 0 for n in range(100)}  # papers not in the index count for nothing
    assert isinstance(train(index, labels_outside, {}, set(), {}), NeedsMore)


def test_the_model_beats_date_order_when_one_topic_is_kept() -> None:
    report = replay(synthetic_history(days=12, per_day=40, prefer="retrieval", seed=3))
    assert report.model_days >= 8
    suggested, by_date = report.mean(report.suggested), report.mean(report.by_date)
    assert suggested >= by_date + 0.3, report.summary()
    assert suggested >= 0.6


def test_noise_in_the_decisions_hurts_but_the_topic_still_shows() -> None:
    report = replay(synthetic_history(days=12, per_day=40, noise=0.15, seed=4))
    assert report.mean(report.suggested) > report.mean(report.by_date) + 0.15, report.summary()


def test_without_a_preference_there_is_nothing_to_learn() -> None:
    import random

    rng = random.Random(9)
    items = [replace(i, label=rng.random() < 0.25) for i in synthetic_history(days=12, per_day=40, seed=5)]
    report = replay(items)
    assert abs(report.mean(report.suggested) - report.mean(report.base_rate)) < 0.15, report.summary()


def test_the_reason_names_the_topic_words() -> None:
    items = synthetic_history(days=6, per_day=40, prefer="robotics", seed=6)
    index = build_index(((i.pid, f"{i.title}\n{i.abstract}") for i in items), len(items))
    authors = {i.pid: i.authors for i in items}
    ranking = train(index, {i.pid: bool(i.label) for i in items[:160]}, authors, set(), {})
    assert isinstance(ranking, Ranking)
    best = max(items[160:], key=lambda i: ranking.scores[i.pid])
    assert best.label
    reason = ranking.why(best.pid)
    assert reason is not None and reason.score == ranking.scores[best.pid]
    robotics = {"robot", "grasping", "manipulation", "locomotion", "sim2real", "controller", "gripper"}
    robotics |= {"trajectory", "tactile", "arm"}
    assert reason.words_for and set(reason.words_for) <= robotics
    assert reason.text().startswith(f"suggested {round(100 * reason.score)}% · words ")
    assert ranking.why("unknown") is None


def test_authors_watched_and_seen_are_features() -> None:
    items = synthetic_history(days=4, per_day=40, seed=7)
    kept_author = ("Favourite Author",)
    items = [replace(i, authors=kept_author) if i.label else i for i in items]
    index = build_index(((i.pid, "same words for every paper") for i in items), len(items))  # no text signal
    authors = {i.pid: i.authors for i in items}
    ranking = train(index, {i.pid: bool(i.label) for i in items[:120]}, authors, set(), {})
    assert isinstance(ranking, Ranking)
    test = items[120:]
    kept = sum(1 for i in test if i.label)
    ranked = sorted(test, key=lambda i: -ranking.scores[i.pid])
    assert kept >= 3 and all(i.label for i in ranked[:kept])
    reason = ranking.why(ranked[0].pid)
    assert reason is not None and reason.authors == kept_author
    watched = {i.pid for i in items if i.label}  # a watch that matches the kept papers
    by_watch = train(index, {i.pid: bool(i.label) for i in items[:120]}, {}, watched, {})
    assert isinstance(by_watch, Ranking)
    ranked = sorted(test, key=lambda i: -by_watch.scores[i.pid])
    assert all(i.label for i in ranked[:kept])
    reason = by_watch.why(ranked[0].pid)
    assert reason is not None and reason.watched and "watched" in reason.text()


def test_items_are_dated_independently_of_the_topic() -> None:
    items = synthetic_history(days=3, per_day=30, seed=8)
    assert all(isinstance(i, Item) and i.date[0] // 10 == i.day for i in items)

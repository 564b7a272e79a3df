"""Synthetic libraries of realistic size for the benchmark."""

from __future__ import annotations

import random
from pathlib import Path

from readq.models import Entry, ParseResult

SYLLABLES = ("ka", "to", "ri", "mo", "ne", "sa", "lu", "vi", "de", "po", "ra", "ti", "no", "ge", "mi", "ba")
VOCABULARY_SIZE = 40_000


def vocabulary(seed: int = 1) -> list[str]:
    """Made-up words, most frequent first: with Zipf weights they behave like real abstracts' words (a few
    very common, most rare), so searches narrow the way they do on a real library."""
    rng = random.Random(seed)
    words = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))) for _ in range(VOCABULARY_SIZE))
    return list(dict.fromkeys(words))


def search_words() -> list[str]:
    """Three words of the vocabulary, common, middling and rare, for the search benchmark."""
    words = vocabulary()
    return [words[30], words[300], words[3000]]


NAMES = (
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
    "Emmy Noether",
    "Kurt Gödel",
    "Ana García",
    "Wei Zhang",
    "Priya Natarajan",
    "John O'Neil",
    "Marie-Claire Dubois",
    "Jürgen Müller",
    "Li Na",
)


def synthetic_entries(n: int, seed: int, tag: str) -> list[Entry]:
    """``n`` papers with ~90-char titles, ~80-char author lists and ~1,500-char abstracts, their words drawn
    from a Zipf-distributed vocabulary."""
    import itertools

    rng = random.Random(seed)
    words = vocabulary()
    cumulative = list(itertools.accumulate(1.0 / rank**1.05 for rank in range(1, len(words) + 1)))
    entries = []
    for i in range(n):
        drawn = rng.choices(words, cum_weights=cumulative, k=260)
        title = " ".join(w.capitalize() for w in drawn[:14])[:84] + f" {tag}{i}"
        authors = tuple(rng.sample(NAMES, 5))
        abstract = " ".join(drawn[14:])[:1500]
        entries.append(
            Entry(
                title,
                abstract,
                authors=authors,
                et_al=rng.random() < 0.4,
                score=round(rng.random() * 40, 1),
                category=rng.choice(("CL", "LG", "CV")),
                date=f"Oct {1 + i % 28}, 20{18 + i % 8}",
                year=2018 + i % 8,
            )
        )
    return entries


def build_library(folder: Path, n: int) -> list[str]:
    """A library of ``n`` papers in 10 digests, a few percent with notes and priorities; returns the ids."""
    from readq.store import Store

    store = Store(folder)
    per = max(1, n // 10)
    for k in range(0, n, per):
        store.import_result(
            ParseResult("alphaxiv", tuple(synthetic_entries(min(per, n - k), k, f"p{k}-"))),
            f"{k // per:03d}_synthetic.txt",
        )
    ids = sorted(store.papers)
    rng = random.Random(7)
    touched = rng.sample(ids, max(1, n // 30))
    store.update_states(
        {
            pid: {"note": f"Note on {pid}: read section 3 again.", "priority": rng.randint(0, 3)}
            for pid in touched
        }
    )
    return ids

"""Synthetic libraries of realistic size for the benchmark."""

from __future__ import annotations

import random
from pathlib import Path

from readq.models import Entry, ParseResult

WORDS = (  # noqa: SIM905 - a word list reads better as text
    "model language learning neural network training data robust transformer attention "
    "reasoning benchmark evaluation retrieval generation diffusion vision graph policy reward "
    "agent memory sparse efficient scaling context token inference alignment preference "
    "distillation quantisation pruning latent representation contrastive supervised "
    "unsupervised adversarial calibration uncertainty causal probabilistic bayesian "
    "optimisation gradient convergence theory empirical study dataset"
).split()
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
    """``n`` papers with ~90-char titles, ~80-char author lists and ~1,500-char abstracts."""
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(12))[:84] + f" {tag}{i}"
        authors = tuple(rng.sample(NAMES, 5))
        abstract = " ".join(rng.choice(WORDS) for _ in range(190))[:1500]
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

"""A small library written for the discovery tests: topics that overlap a little, and one paper that is the
same work as another under a reworded title (a near-duplicate)."""

from __future__ import annotations

from pathlib import Path

from readq.models import Entry, ParseResult
from readq.store import Store

MOE = (
    "We route every token to a handful of tiny experts chosen from a pool of thousands, and show that this "
    "keeps retrieval quality intact at a million tokens of context. The compute per token stays flat while "
    "the memory footprint of the key-value cache shrinks by a factor of three on long-document question "
    "answering."
)
MOE_REWORDED = (
    "We route each token to a handful of tiny experts picked from a pool of thousands, and show that this "
    "keeps retrieval quality intact at one million tokens of context. Compute per token stays flat while "
    "the memory footprint of the key-value cache shrinks threefold on long-document question answering."
)

PAPERS = (
    Entry(
        "Sparse Mixtures of Tiny Experts for Long-Context Retrieval",
        MOE,
        authors=("Percy Liang", "Robin Jia"),
        category="cs.CL",
        date="Nov 20, 2026",
    ),
    Entry(
        "Calibrated Uncertainty for Code Generation Agents",
        "Agents that write code should know when they are wrong. We calibrate them with execution feedback "
        "from unit tests and show that calibrated agents ask for help when they should.",
        authors=("Maria García-López", "Wei Zhang"),
        category="cs.SE",
        date="Nov 19, 2026",
    ),
    Entry(
        "Routing Tokens Between Experts in Mixture Models",
        "A study of load balancing when tokens are routed between experts: auxiliary losses, capacity "
        "factors and expert choice routing compared on language modelling.",
        authors=("Ada Lovelace",),
        category="cs.LG",
        date="Nov 18, 2026",
    ),
    Entry(
        "Dense Passage Retrieval at a Million Tokens",
        "Dense retrievers lose recall as the context grows; we index passages hierarchically and keep recall "
        "at a million tokens of context for open-domain question answering.",
        authors=("Robin Jia", "Grace Hopper"),
        category="cs.IR",
        date="Nov 17, 2026",
    ),
    Entry(
        "Scaling Laws for Data Pruning in Vision-Language Models",
        "Pruning the least useful half of the image-caption pairs improves the scaling exponents of "
        "vision-language models trained with contrastive objectives.",
        authors=("Emmy Noether",),
        category="cs.CV",
        date="Nov 16, 2026",
    ),
    Entry(
        "Robot Grasping from a Few Demonstrations",
        "A gripper learns to pick unseen objects from five demonstrations by matching tactile and visual "
        "features between the demonstrations and the scene.",
        authors=("Alan Turing",),
        category="cs.RO",
        date="Nov 15, 2026",
    ),
    Entry(
        "Learning to Refuse: Safety Fine-Tuning Without Capability Loss",
        "Refusal training that leaves capabilities intact on twelve benchmarks, using a small set of harmful "
        "prompts and a regulariser on the hidden states.",
        authors=("Percy Liang",),
        category="cs.CL",
        date="Nov 14, 2026",
    ),
    Entry(
        "Tiny-Expert Mixtures Keep Million-Token Retrieval Cheap",
        MOE_REWORDED,
        authors=("Percy Liang", "Robin Jia"),
        category="cs.CL",
        date="Nov 21, 2026",
    ),
)
ORIGINAL, NEAR_DUPLICATE = PAPERS[0].title, PAPERS[-1].title


def pid_of(store: Store, title: str) -> str:
    catalog = store.catalog
    return catalog.ids[catalog.columns["title"].index(title)]


def make_lib_store(folder: Path) -> Store:
    store = Store(folder)
    store.import_result(ParseResult("arxiv-mailing", PAPERS, "Nov 21"), "001_mailing.txt")
    return store


def history_store(folder: Path, days: int = 6, per_day: int = 40, decided_days: int = 5) -> Store:
    """A library from :func:`synthetic_history` (the user keeps retrieval papers) with the decisions of the
    first ``decided_days`` days in the state file: kept papers at priority 2, the rest read at priority 0."""
    from readq.discovery.evaluate import synthetic_history

    items = synthetic_history(days=days, per_day=per_day, seed=11)
    store = Store(folder)
    entries = tuple(
        Entry(i.title + f" ({i.pid})", i.abstract, authors=i.authors, date=f"Nov {1 + i.date[0] % 28}, 2026")
        for i in items
    )
    store.import_result(ParseResult("alphaxiv", entries), "history.txt")
    ids = {title: pid for pid, title in zip(store.catalog.ids, store.catalog.columns["title"], strict=True)}
    changes: dict[str, dict[str, object]] = {}
    for item, entry in zip(items, entries, strict=True):
        if item.day < decided_days:
            pid = ids[entry.title]
            changes[pid] = {"priority": 2} if item.label else {"read": True, "priority": 0}
    store.update_states(changes)
    return store


def kept_in_history(title: str, days: int = 6, per_day: int = 40) -> bool:
    """Whether the simulated user of :func:`history_store` keeps the paper with this title."""
    from readq.discovery.evaluate import synthetic_history

    labels = {f"({i.pid})": i.label for i in synthetic_history(days=days, per_day=per_day, seed=11)}
    return bool(labels[title.rsplit(" ", 1)[-1]])

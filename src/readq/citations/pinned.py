"""Citing papers of the library: pinned keys, format names, and what to tell the user; pure.

A citation key is pinned in the paper's state (``PaperState.citekey``) the first time a keyed citation
(BibTeX, CSL-JSON, RIS) of the paper is produced — copied, printed or exported — and used unchanged from then
on, whatever the metadata becomes. :func:`pin_plan` decides the pins; the store writes them under its lock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from readq.citations.keys import KeyFunction, assign_keys, key_suffix
from readq.citations.styles import KEYED_FORMATS, NO_URL, NO_YEAR, Citation, cite_many
from readq.models import Paper
from readq.user_state import DEFAULT_STATE, PaperState

DEFAULT_FORMAT = "bibtex"  # what `y` copies unless the config file says citation_format = …
FORMAT_TITLES = {
    "bibtex": "BibTeX",
    "apa": "APA",
    "markdown": "Markdown link",
    "plain": "Plain text",
    "csl-json": "CSL-JSON",
    "ris": "RIS",
}
EXTENSIONS = {
    "bibtex": ".bib",
    "apa": ".txt",
    "markdown": ".md",
    "plain": ".txt",
    "csl-json": ".json",
    "ris": ".ris",
}


def pinned_keys(states: Mapping[str, PaperState]) -> dict[str, str]:
    """Paper id -> pinned key, for every paper that has one."""
    return {pid: state.citekey for pid, state in states.items() if state.citekey}


def pin_plan(
    papers: Sequence[Paper], states: Mapping[str, PaperState], key: KeyFunction | None = None
) -> dict[str, dict[str, Any]]:
    """State changes pinning a key for each of ``papers`` that has none yet: the key the citation would
    use now (from ``key``, the ``citekey_format``, else readq's own), unique among every pinned key of the
    library (case-insensitively)."""
    pinned = pinned_keys(states)
    keys = assign_keys(papers, pinned, key)
    return {pid: {"citekey": k} for pid, k in keys.items() if pid not in pinned}


def rekey_plan(
    papers: Sequence[Paper], states: Mapping[str, PaperState], key: KeyFunction | None = None
) -> dict[str, dict[str, Any]]:
    """``readq cite --rekey``: a fresh key for each of ``papers`` (their pins dropped, every other paper's
    kept), only for those whose key changes."""
    chosen = {p.id for p in papers}
    others = {pid: k for pid, k in pinned_keys(states).items() if pid not in chosen}
    keys = assign_keys(papers, others, key)
    return {pid: {"citekey": k} for pid, k in keys.items() if states.get(pid, DEFAULT_STATE).citekey != k}


def import_pins(
    wanted: Sequence[tuple[str, str, int]], states: Mapping[str, PaperState]
) -> tuple[dict[str, dict[str, Any]], list[tuple[int, str]]]:
    """Pins for the keys an imported file gives its entries (paper id, key, line), and warnings (line,
    message). A paper that already has a pinned key keeps it; a key another paper holds (compared
    case-insensitively, as everywhere) gets the suffix a, b, … that makes it free, with a warning."""
    pinned = pinned_keys(states)
    taken = {key.casefold(): pid for pid, key in pinned.items()}
    changes: dict[str, dict[str, Any]] = {}
    warnings: list[tuple[int, str]] = []
    for pid, key, line in wanted:
        if pid in pinned or pid in changes:
            kept = pinned.get(pid) or changes[pid]["citekey"]
            if kept != key:
                warnings.append((line, f"the key {key!r} names a paper already cited as {kept!r}; kept"))
            continue
        chosen = key
        n = 0
        while chosen.casefold() in taken:
            chosen = key + key_suffix(n)
            n += 1
        if chosen != key:
            warnings.append((line, f"the key {key!r} is another paper's; this one is cited as {chosen!r}"))
        taken[chosen.casefold()] = pid
        changes[pid] = {"citekey": chosen}
    return changes, warnings


def needs_pins(fmt: str) -> bool:
    return fmt in KEYED_FORMATS


def cite_library(
    papers: Sequence[Paper], fmt: str, states: Mapping[str, PaperState], key: KeyFunction | None = None
) -> Citation:
    """``papers`` (as the user sees them: edits applied) cited with the library's pinned keys (the others
    from ``key``, the ``citekey_format``)."""
    return cite_many(papers, fmt, keys=pinned_keys(states), base=key)


def _pronoun(missing: Sequence[str]) -> str:
    return "it" if len(missing) == 1 and missing[0] in (NO_YEAR, NO_URL) else "them"


def missing_hint(citation: Citation, *, many: bool, how: str) -> str:
    """What the citation lacks and how to add it: "no authors known — press E to add them".

    ``how`` is the way to edit ("press E", or a ``readq edit`` command line); empty when nothing lacks."""
    if not citation.missing:
        return ""
    where = " on those papers" if many else ""
    return f"{'; '.join(citation.missing)} — {how}{where} to add {_pronoun(citation.missing)}"


def describe(papers: Sequence[Paper], fmt: str) -> str:
    """``BibTeX of "Title"`` or ``BibTeX of 3 papers``, for messages."""
    title = FORMAT_TITLES.get(fmt, fmt)
    if len(papers) == 1:
        name = papers[0].title
        return f"{title} of “{name if len(name) <= 48 else name[:47] + '…'}”"
    return f"{title} of {len(papers)} papers"

"""Metadata corrections the user makes (authors, year, arXiv id, URL, venue); pure.

Edits live in the paper's state (``PaperState.edits``), never in the papers file, so re-importing a digest
never undoes them. :func:`effective` is the one place they are applied: everything that shows, searches or
cites a paper uses the paper it returns.

Authors are written one string, separated by semicolons (``Ada Lovelace; Alan Turing``), because names may
contain commas (``Liu, Nelson F.``); a last item ``et al.`` marks the list incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from readq.identity import normalise_arxiv_id
from readq.models import Paper
from readq.text.clean import clean_field
from readq.user_state import EDITABLE, PaperState

AUTHOR_SEPARATOR = ";"
ET_AL_WORDS = frozenset({"et al.", "et al", "others", "and others", "…", "..."})
FORM_FIELDS = ("authors", "year", "arxiv_id", "url", "venue")
LABELS = {"authors": "authors", "year": "year", "arxiv_id": "arXiv id", "url": "URL", "venue": "venue"}


class EditError(ValueError):
    """A value that cannot be used; ``field`` is one of :data:`FORM_FIELDS`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{LABELS.get(field, field)}: {message}")
        self.field = field


def effective(paper: Paper, state: PaperState) -> Paper:
    """``paper`` with the user's edits applied (the paper itself when there are none: no copy)."""
    edits = state.edits
    if not edits:
        return paper
    return replace(paper, **edits)


# -- showing values in a form ---------------------------------------------------------------------


def format_authors(authors: tuple[str, ...], et_al: bool = False) -> str:
    """``Ada Lovelace; Alan Turing; et al.``: the form and ``readq edit`` spelling of an author list."""
    items = [*authors, "et al."] if et_al and authors else list(authors)
    return f"{AUTHOR_SEPARATOR} ".join(items)


def form_values(paper: Paper) -> dict[str, str]:
    """The effective paper's editable values as the form shows them."""
    return {
        "authors": format_authors(paper.authors, paper.et_al),
        "year": str(paper.year) if paper.year is not None else "",
        "arxiv_id": paper.arxiv_id or "",
        "url": paper.url or "",
        "venue": paper.venue or "",
    }


# -- reading values ----------------------------------------------------------------------------------


def parse_authors(text: str) -> tuple[tuple[str, ...], bool]:
    """``"A; B; et al."`` -> ``(("A", "B"), True)``; empty items are skipped, spacing tidied."""
    items = [clean_field(item) for item in text.replace("\n", AUTHOR_SEPARATOR).split(AUTHOR_SEPARATOR)]
    names = [item for item in items if item]
    et_al = False
    while names and names[-1].casefold() in ET_AL_WORDS:
        names.pop()
        et_al = True
    return tuple(names), et_al and bool(names)


_YEAR = re.compile(r"\d{4}")
_NEW_ARXIV = re.compile(r"\d{4}\.\d{4,5}")
_OLD_ARXIV = re.compile(r"[a-z][a-z-]*(\.[A-Z]{2})?/\d{7}")
_ARXIV_URL = re.compile(r"^https?://(www\.)?arxiv\.org/(abs|pdf)/", re.IGNORECASE)


def parse_year(text: str) -> int | None:
    value = clean_field(text)
    if not value:
        return None
    if not _YEAR.fullmatch(value) or not 1000 <= int(value) <= 2999:
        raise EditError("year", f"{value!r} is not a year (four digits, e.g. 2024)")
    return int(value)


def parse_arxiv(text: str) -> str | None:
    """An arXiv id as written, an ``arXiv:`` prefix or an arxiv.org link -> the id without version."""
    value = clean_field(text)
    if not value:
        return None
    value = _ARXIV_URL.sub("", value).removesuffix(".pdf")
    value = normalise_arxiv_id(value)
    if not (_NEW_ARXIV.fullmatch(value) or _OLD_ARXIV.fullmatch(value)):
        raise EditError("arxiv_id", f"{value!r} is not an arXiv id (e.g. 2401.01234 or hep-th/9901001)")
    return value


def parse_url(text: str) -> str | None:
    value = clean_field(text)
    if not value:
        return None
    if not value.lower().startswith(("http://", "https://")) or any(ch.isspace() for ch in value):
        raise EditError("url", f"{value!r} is not a web address (it must start with https:// or http://)")
    return value


def parse_venue(text: str) -> str | None:
    return clean_field(text.replace("\n", " ")) or None


def parse_values(values: Mapping[str, str]) -> dict[str, Any]:
    """Form or command-line strings (only the fields given, keys from :data:`FORM_FIELDS`) -> typed values
    for :func:`new_edits`. Giving ``authors`` also sets ``et_al``. Raises :class:`EditError`."""
    out: dict[str, Any] = {}
    for name, text in values.items():
        if name == "authors":
            out["authors"], out["et_al"] = parse_authors(text)
        elif name == "year":
            out["year"] = parse_year(text)
        elif name == "arxiv_id":
            out["arxiv_id"] = parse_arxiv(text)
        elif name == "url":
            out["url"] = parse_url(text)
        elif name == "venue":
            out["venue"] = parse_venue(text)
        else:
            raise EditError(name, "cannot be edited")
    return out


def new_edits(base: Paper, current: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The edits after setting ``values`` on a paper whose digest version is ``base``: a value equal to the
    digest's drops the edit (nothing to correct), any other value — ``None`` too — is kept as an edit."""
    edits = dict(current)
    for name, value in values.items():
        if name not in EDITABLE:
            raise EditError(name, "cannot be edited")
        if getattr(base, name) == value:
            edits.pop(name, None)
        else:
            edits[name] = value
    return edits


def reset_edits(current: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
    """The edits without those of ``fields`` (``authors`` also resets ``et_al``); ``["all"]`` drops all."""
    if "all" in fields:
        return {}
    drop = set(fields) | ({"et_al"} if "authors" in fields else set())
    return {k: v for k, v in current.items() if k not in drop}


def describe_edits(edits: Mapping[str, Any]) -> str:
    """``authors, year`` — which fields the user corrected, for the detail pane and ``readq show``."""
    names = [LABELS[name] for name in FORM_FIELDS if name in edits]
    if "et_al" in edits and "authors" not in edits:
        names.insert(0, "authors")
    return ", ".join(names)

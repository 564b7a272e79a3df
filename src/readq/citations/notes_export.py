"""``readq export --format notes``: one Markdown file per paper, the layout Obsidian and Zotero-integration
users keep; pure (the library layer writes the files, :mod:`readq.library.note_files`).

Each file is YAML front matter — ``citekey``, ``title``, ``arxiv``, ``doi``, ``authors``, ``year``,
``tags``, ``status`` (``read``/``unread``), ``priority`` (null when never triaged), ``readq_id`` — then the
paper's note as the body. Every string is written as a JSON string, which YAML reads as a double-quoted
scalar: no title, author or tag can break the front matter. The file is named after the citation key, with
characters file systems refuse replaced by ``_`` (``Abramsky:2005b`` -> ``Abramsky_2005b.md``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from readq.citations.keys import paper_year
from readq.models import Paper
from readq.text.person import clean_text
from readq.user_state import PaperState

MANIFEST = ".readq-notes.json"  # file name -> sha256 of the bytes readq wrote there
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(citekey: str, taken: set[str]) -> str:
    """``citekey`` as a portable file name, unique (case-insensitively) among ``taken`` (which it joins)."""
    stem = _UNSAFE.sub("_", citekey).strip("._") or "paper"
    name, n = f"{stem}.md", 2
    while name.casefold() in taken:
        name, n = f"{stem}-{n}.md", n + 1
    taken.add(name.casefold())
    return name


def _string(value: str) -> str:
    return json.dumps(clean_text(value), ensure_ascii=False)


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def note_markdown(paper: Paper, state: PaperState, citekey: str) -> str:
    """The file for one paper: front matter, a title heading, the note."""
    year = paper_year(paper)
    lines = [
        "---",
        f"citekey: {_string(citekey)}",
        f"title: {_string(paper.title)}",
        f"arxiv: {_string(paper.arxiv_id) if paper.arxiv_id else 'null'}",
        f"doi: {_string(paper.doi) if paper.doi else 'null'}",
        f"authors: {_list(paper.authors)}",
        f"year: {year if year is not None else 'null'}",
        f"tags: {_list(state.tags)}",
        f"status: {_string('read' if state.read else 'unread')}",
        f"priority: {state.priority if state.triaged else 'null'}",
        f"readq_id: {_string(paper.id)}",
        "---",
        "",
        f"# {clean_text(paper.title)}",
    ]
    note = state.note.strip("\n")
    return "\n".join(lines) + "\n" + (f"\n{note}\n" if note.strip() else "")


@dataclass(frozen=True)
class NotesPlan:
    """What a notes export does: files to write (name -> text) and files it leaves alone (the user edited
    them, or readq never wrote them), and the manifest to store afterwards."""

    write: dict[str, str]
    unchanged: list[str]
    skipped: list[str]


def plan_notes(
    items: Sequence[tuple[Paper, PaperState, str]],
    on_disk: Callable[[str], str | None],
    manifest: Mapping[str, str],
    hash_of: Callable[[str], str],
) -> NotesPlan:
    """Decide each file: new -> write; readq's and untouched since (its hash is the manifest's) -> rewrite
    when the text changed; anything else (edited, or not readq's) -> skip. ``on_disk``: file name -> sha256
    of the file there now (None: no file); ``hash_of``: text -> the sha256 of its UTF-8 bytes."""
    taken: set[str] = set()
    write: dict[str, str] = {}
    unchanged: list[str] = []
    skipped: list[str] = []
    for paper, state, key in items:
        name = file_name(key, taken)
        text = note_markdown(paper, state, key)
        current = on_disk(name)
        if current is None:
            write[name] = text
        elif manifest.get(name) != current:
            skipped.append(name)
        elif hash_of(text) == current:
            unchanged.append(name)
        else:
            write[name] = text
    return NotesPlan(write, unchanged, skipped)

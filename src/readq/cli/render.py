"""Plain-text and JSON renderings of papers for the command line (no Textual)."""

from __future__ import annotations

import shutil
from typing import Any

from readq.library.edits import describe_edits
from readq.library.records import Record
from readq.models import Paper
from readq.text.labels import digest_label, priority_glyph
from readq.text.terminal import cell_width, fit_cells, one_line, visible
from readq.user_state import PaperState


def paper_json(paper: Paper, state: PaperState) -> dict[str, Any]:
    """The public JSON shape of a paper for ``--json``: give it the effective paper (edits applied);
    ``edited`` lists the fields the user corrected, ``citekey`` is the pinned key (null until cited)."""
    data: dict[str, Any] = {
        "id": paper.id,
        "title": paper.title,
        "authors": list(paper.authors),
        "et_al": paper.et_al,
        "abstract": paper.abstract,
        "read": state.read,
        "read_at": state.read_at,
        "priority": state.priority if state.triaged else None,  # null: never triaged (0 is a decision)
        "note": state.note,
        "note_updated": state.note_updated,
        "tags": list(state.tags),
        "sources": [{"file": s.file, "date": s.date, "imported": s.imported} for s in paper.sources],
        "added": paper.added,
    }
    for name in ("organisation", "score", "category", "date", "arxiv_id", "url", "venue", "year"):
        value = getattr(paper, name)
        if value is not None:
            data[name] = value
    data["code"] = paper.code
    data["citekey"] = state.citekey
    data["edited"] = sorted(state.edits)
    return data


def list_line(record: Record, width: int | None = None, *, whole: bool = False) -> str:
    """One line of ``readq list``: id, markers, title, first author, source. ``whole``: the title uncut and
    unpadded (for a pipe: ``readq list | grep`` sees every title whole)."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    state = record.state
    read = "✓" if state.read else "•"
    mark = priority_glyph(state.priority)
    first = record.first_source
    source = one_line(digest_label(first[0])) if first else ""
    author = one_line(record.first_author)
    tail = "  ".join(x for x in (author, source) if x)
    head = f"{one_line(record.pid)} {read}{mark} "
    if whole:
        return f"{head}{one_line(record.title)}  {tail}".rstrip()
    room = max(20, width - len(head) - cell_width(tail) - 2)
    title = one_line(record.title[: room * 4])  # never more than the line can show is cleaned
    return f"{head}{fit_cells(title, room)}  {tail}".rstrip()


def paper_text(paper: Paper, state: PaperState) -> str:
    """The full text of ``readq show``."""
    lines = [paper.title, ""]
    if paper.authors:
        lines.append("Authors:  " + ", ".join(paper.authors) + (" et al." if paper.et_al else ""))
    for label, value in (
        ("Org:", paper.organisation),
        ("Category:", paper.category),
        ("Date:", paper.date),
        ("Year:", str(paper.year) if paper.year is not None else None),
        ("Venue:", paper.venue),
        ("Score:", f"{paper.score:g}" if paper.score is not None else None),
        ("arXiv:", paper.arxiv_id),
        ("URL:", paper.url),
        ("Code:", "yes" if paper.code else None),
        ("Edited:", describe_edits(state.edits)),
        ("Cite key:", state.citekey),
    ):
        if value:
            lines.append(f"{label:<10}{value}")
    lines.append(f"{'Id:':<10}{paper.id}")
    status = "read" if state.read else "unread"
    lines.append(
        f"{'Status:':<10}{status}, "
        + (f"priority {state.priority}" if state.triaged else "no priority")
        + (f", tags: {', '.join(state.tags)}" if state.tags else "")
    )
    seen = ", ".join(f"{s.file}" + (f" ({s.date})" if s.date else "") for s in paper.sources)
    lines.append(f"{'Seen in:':<10}{seen}")
    if paper.abstract:
        lines += ["", paper.abstract]
    if state.note:
        lines += ["", "Note:", state.note]
    return visible("\n".join(lines))  # the library may hold text from anywhere: no escapes reach the terminal

"""What the import dialog's preview says: a digest's new, present and updated papers with its warnings and
first new titles, or what merging readq's JSON export would do. Untrusted text goes in as Content, never
markup."""

from __future__ import annotations

import textwrap

from textual.content import Content

from readq.citations.export import LibraryFile
from readq.library.exchange import LibraryImportReport
from readq.models import ParseResult
from readq.store import ImportReport
from readq.text.labels import plural

NO_UNDO = "Nothing is written until you press Import. This merge cannot be undone with u."
PREVIEW_TITLES = 8
PREVIEW_WARNINGS = 12


def hung(first: str, text: str, width: int | None, muted_from: int | None = None) -> Content:
    """``first`` (a bullet, an indent) then ``text`` wrapped to ``width`` cells, its continuation lines
    under the text's start as in the help screen (None: one line); from ``muted_from`` on, muted."""
    indent = len(first)
    lines = textwrap.wrap(text, width - indent) if width and width > indent + 10 else [text]
    joined = ("\n" + " " * indent).join(lines or [""])
    content = Content(first + joined)
    if muted_from is not None and muted_from < len(text):
        tail = text[muted_from:].strip()
        at = joined.rfind(tail.split()[0]) if tail else -1
        if at >= 0:
            content = content.stylize("$text-muted", indent + at, len(first + joined))
    return content


def preview_content(result: ParseResult, report: ImportReport, width: int | None = None) -> Content:
    """What the import would do, in words and numbers; titles are untrusted text, never markup. ``width``:
    the cells to wrap titles and warnings in, each continuation under its own start."""
    head = f"{report.file} — {result.layout}" + (
        f", dated {result.digest_date}" if result.digest_date else ""
    )
    parts: list[Content | str | tuple[str, str]] = [(head, "bold $text-primary"), "\n"]
    if result.summary:
        parts += [(result.summary, "$text-muted"), "\n"]
    counts = (
        f"{plural(report.entries, 'entry', 'entries')}: {plural(len(report.new), 'new paper')} · "
        f"{len(report.present):,} already in the library · {len(report.updated):,} updated"
    )
    if report.repeated:
        counts += f" · {report.repeated:,} repeated within it"
    parts += [(counts, "bold"), "\n"]
    if report.warnings:
        parts += ["\n", (plural(len(report.warnings), "warning"), "bold $text-warning"), "\n"]
        for warning in report.warnings[:PREVIEW_WARNINGS]:
            parts += [hung("  ", str(warning), width), "\n"]
        if len(report.warnings) > PREVIEW_WARNINGS:
            parts += [(f"  … and {len(report.warnings) - PREVIEW_WARNINGS:,} more", "$text-muted"), "\n"]
    if report.added:
        parts += ["\n", ("First new papers", "bold"), "\n"]
        shown = list(report.added.values())[:PREVIEW_TITLES]
        for paper in shown:
            who = f" — {paper.first_author}" if paper.authors else ""
            parts += [
                hung("  • ", paper.title + who, width, muted_from=len(paper.title) if who else None),
                "\n",
            ]
        if len(report.added) > len(shown):
            parts += [(f"  … and {len(report.added) - len(shown):,} more", "$text-muted"), "\n"]
    if report.already is not None:  # the same digest again, under another name or pasted twice
        parts += [
            "\n",
            ("Already imported as ", "italic"),
            (report.already, "bold"),
            ": nothing would change.\n",
        ]
    elif not report.new and not report.updated:
        parts += ["\n", ("Nothing would change: every paper is already in the library.", "italic"), "\n"]
    else:
        parts += [
            "\n",
            ("Nothing is written until you press Import; u undoes the whole import.", "$text-muted"),
        ]
    return Content.assemble(*parts)


def export_preview_content(export: LibraryFile, report: LibraryImportReport) -> Content:
    """What merging readq's JSON export would do; it cannot be undone, and the dialog says so first."""
    parts: list[Content | str | tuple[str, str]] = [(f"{report.file} — a readq export", "bold $text-primary")]
    parts += ["\n", (f"{plural(report.papers, 'paper')}: {plural(len(report.new), 'new paper')} · ", "bold")]
    parts += [(f"{len(report.present):,} already in the library · {len(report.updated):,} updated", "bold")]
    parts += ["\n", f"State merged for {plural(len(report.states), 'paper')}", "\n"]
    for note in report.key_notes[:PREVIEW_WARNINGS]:
        parts += ["  citation key: ", note, "\n"]
    if report.note_conflicts:
        parts += [f"Noted differently in both: {', '.join(report.note_conflicts[:PREVIEW_WARNINGS])}", "\n"]
        parts += ['  (the newer note wins; the older one is kept under "Note kept from a merge")', "\n"]
    if not (report.new or report.updated or report.states):
        parts += ["\n", ("Nothing would change: the library already holds all of it.", "italic"), "\n"]
    else:
        parts += [
            "\n",
            (
                "Nothing is written until you press Import. This merge cannot be undone with u.",
                "$text-warning",
            ),
        ]
    return Content.assemble(*parts)

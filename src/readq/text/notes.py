"""Notes: cleaning what people type or paste, bounding what is rendered, which links may open, and when a
note was last edited, in words. Pure (no I/O, no Textual); shared by the CLI and the TUI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from urllib.parse import urlsplit

from readq import clock
from readq.text.clean import strip_controls

# What the detail pane renders at most. Textual's Markdown widget builds several widgets per block (list
# items cost most: ~10 ms each, so a 1,000-item list takes seconds), so a long note is cut at a line boundary
# and the pane says so; the editor has it all.
DISPLAY_MAX_CHARS = 20_000
DISPLAY_MAX_LINES = 60  # non-blank lines, i.e. roughly markdown blocks
# Above this many characters the note editor turns markdown highlighting off (tree-sitter over a megabyte
# takes seconds per keystroke); the text is still edited in full.
HIGHLIGHT_MAX_CHARS = 100_000

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def clean_note(text: str) -> str:
    """A note as it is saved: terminal escape sequences and control characters removed (as at import),
    line ends made ``\\n``, leading blank lines and trailing whitespace dropped. Indentation, inner spacing
    and tabs stay: they mean something in markdown. A note of only whitespace is ``""`` (no note)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text).replace("\x0b", "").replace("\x0c", "")
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


@dataclass(frozen=True)
class DisplayNote:
    """The part of a note the detail pane renders; ``shortened`` when it is not the whole note."""

    text: str
    shortened: bool
    size: str  # the whole note's size, e.g. "120 KB"


def size_label(text: str) -> str:
    size = len(text.encode("utf-8", "replace"))
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def display_note(
    note: str, *, max_chars: int = DISPLAY_MAX_CHARS, max_lines: int = DISPLAY_MAX_LINES
) -> DisplayNote:
    """At most ``max_chars`` characters and ``max_lines`` non-blank lines of ``note``, cut at a line end;
    a code fence left open by the cut is closed so the rest does not render as code."""
    if len(note) <= max_chars and note.count("\n") < max_lines:
        return DisplayNote(note, False, size_label(note))
    head = note[:max_chars]
    if len(note) > max_chars and "\n" in head:
        head = head[: head.rfind("\n")]
    kept: list[str] = []
    filled = 0
    for line in head.split("\n"):
        if line.strip():
            filled += 1
            if filled > max_lines:
                break
        kept.append(line)
    text = "\n".join(kept).rstrip()
    if len(text) >= len(note.rstrip()):
        return DisplayNote(note, False, size_label(note))
    fence: str | None = None
    for line in kept:
        match = _FENCE.match(line)
        if match:
            mark = match.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :].strip():
                fence = None
    if fence is not None:
        text += "\n" + fence
    return DisplayNote(text, True, size_label(note))


def shortened_message(display: DisplayNote) -> str:
    return f"note shortened for display: {display.size} — press n to edit in full"


def link_refusal(href: str) -> str | None:
    """Why a link in a note must not open, or ``None`` when it may (after the URL is shown and confirmed).

    Only absolute ``http``/``https`` URLs with a host may open: local paths, relative links, ``file:``,
    ``javascript:``, ``mailto:`` and every other scheme are refused, as are URLs with spaces or controls.
    """
    href = href.strip()
    if not href:
        return "the link is empty"
    if any(ch.isspace() or not ch.isprintable() for ch in href):
        return "the link contains spaces or control characters"
    try:
        parts = urlsplit(href)
        host = parts.hostname
    except ValueError:
        return "the link is not a valid URL"
    scheme = parts.scheme.lower()
    if not scheme or len(scheme) == 1:  # "notes/x.md", "/etc/passwd", "//host/x", "C:\\x"
        return "local paths and relative links never open from notes; only http(s) links do"
    if scheme not in ("http", "https"):
        return f"{scheme}: links never open from notes; only http(s) links do"
    if not host:
        return "the link has no host"
    return None


def _parse(stamp: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


def edited_label(stamp: str | None, now: str | None = None, zone: tzinfo | None = None) -> str:
    """When a note was last edited, in words: ``just now``, ``5 minutes ago``, ``yesterday``, ``3 days ago``,
    with the local time and its zone's name; older (or future) edits by that time alone. ``now`` defaults to
    :func:`readq.clock.now_iso` (so tests that freeze it get fixed words), ``zone`` to
    :func:`readq.clock.local_zone` (the machine's)."""
    if not stamp:
        return ""
    when = _parse(stamp)
    current = _parse(now or clock.now_iso())
    if when is None or current is None:
        return stamp
    shown = zone if zone is not None else clock.local_zone()
    seconds = (current - when).total_seconds()
    local = when.astimezone(shown)
    exact = f"{local:%Y-%m-%d %H:%M} {local.tzname() or local.strftime('%z')}"
    if seconds < 0 or seconds >= 7 * 86400:
        return exact
    if seconds < 60:
        relative = "just now"
    elif seconds < 3600:
        minutes = int(seconds // 60)
        relative = f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    elif seconds < 86400:
        hours = int(seconds // 3600)
        relative = f"{hours} hour{'s' if hours != 1 else ''} ago"
    elif seconds < 2 * 86400:
        relative = "yesterday"
    else:
        relative = f"{int(seconds // 86400)} days ago"
    return f"{relative} ({exact})"

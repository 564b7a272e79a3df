"""Text on its way to a terminal or a JSON file: terminal controls out, lone surrogates replaced. Pure.

Import cleans every digest field (``parsing.clean_field``), but text reaches the screen by other roads too: a
digest's file name, a note, a tag, a library written by another tool or an older readq, an error message
quoting any of them. Everything readq shows goes through :func:`visible` (or :func:`one_line`) at the last
moment, so no escape sequence from the data ever reaches the terminal:

* whole escape sequences go (CSI, OSC such as the clipboard-setting OSC 52, hyperlinks OSC 8 and the window
  title OSC 0/2, DCS/APC/PM/SOS, and two-character escapes), then every remaining C0 control except newline
  and tab, DEL, the C1 controls (U+0080–U+009F), the bidi embeddings/overrides/isolates (U+202A–U+202E,
  U+2066–U+2069) and stray byte-order marks;
* lone surrogates (from file names that are not UTF-8, for example) become U+FFFD, so the text can be
  encoded at all.

Markup-looking text (``[b]``, ``[@click=app.quit]``) is not touched: it is the UI's job to show it literally.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

# Whole escape sequences, so that "\x1b[31m" leaves nothing behind (not "[31m"). Each branch is linear: no
# nested quantifiers, and the character classes of consecutive parts do not overlap.
SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: ESC [ params intermediates final
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # C1 CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/SOS/PM/APC
    r"|\x1b[ -/]*[0-~]?"  # other escapes: ESC ( B, ESC 7, ESC c …
)
# Controls that are never shown (newline and tab are kept by ``visible``).
BIDI_AND_BOM = "\u202a-\u202e\u2066-\u2069\ufeff"
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_AND_BOM}]+")
_SUSPECT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_AND_BOM}\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def fix_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (so that it can be encoded as UTF-8)."""
    if text.isprintable() or _SURROGATES.search(text) is None:
        return text
    return _SURROGATES.sub("\ufffd", text)


def visible(text: str) -> str:
    """``text`` safe to write to a terminal: escape sequences and control characters removed, newlines and
    tabs kept, lone surrogates replaced."""
    if text.isprintable() or _SUSPECT.search(text) is None:  # the common cases, fast
        return text
    return _HIDDEN.sub("", SEQUENCES.sub("", fix_surrogates(text)))


def one_line(text: str) -> str:
    """:func:`visible` on one line: newlines and tabs become spaces."""
    text = visible(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def clip(text: str, limit: int) -> tuple[str, int]:
    """``text`` cut to at most ``limit`` characters, and how many were left out."""
    if len(text) <= limit:
        return text, 0
    return text[:limit], len(text) - limit


def file_label(name: str) -> str:
    """The last part of a file name, fit to keep and show: controls removed, spaces tidied."""
    return tidy(os.path.basename(name.rstrip("/")) or name) or "unnamed"


def tidy(text: str) -> str:
    """:func:`one_line` with runs of spaces collapsed and the ends stripped."""
    return " ".join(one_line(text).split())


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes: two for wide East Asian characters, none for combining
    marks (what terminals do; ``len`` undercounts a Chinese title by half)."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def fit_cells(text: str, room: int) -> str:
    """``text`` cut with ``…`` to at most ``room`` cells, then padded with spaces to exactly ``room``."""
    if cell_width(text) > room:
        kept, used = [], 0
        for ch in text:
            width = cell_width(ch)
            if used + width > room - 1:
                break
            kept.append(ch)
            used += width
        text = "".join(kept) + "…"
    return text + " " * (room - cell_width(text))


def surrogates_fixed(value: Any) -> Any:
    """``value`` with lone surrogates (which no JSON file can hold: a note or tag from a command line that is
    not UTF-8) replaced by U+FFFD, in strings, lists, tuples and mappings at any depth."""
    if isinstance(value, str):
        return fix_surrogates(value)
    if isinstance(value, list):
        return [surrogates_fixed(v) for v in value]
    if isinstance(value, tuple):
        return tuple(surrogates_fixed(v) for v in value)
    if isinstance(value, dict):
        return {surrogates_fixed(k): surrogates_fixed(v) for k, v in value.items()}
    return value

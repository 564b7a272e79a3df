"""Short labels people read: counts with their plural, digest names."""

from __future__ import annotations

from readq.text.terminal import one_line


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 paper``, ``2 papers``, ``1,204 papers`` (``words``: an irregular plural)."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


PRIORITY_GLYPHS = {0: "", 1: "!", 2: "!!", 3: "!!!"}  # one set for the list, the stats and the CLI


def priority_glyph(priority: int, width: int = 3) -> str:
    """The mark of a priority (``!``, ``!!``, ``!!!``; none when untriaged), padded to ``width`` cells."""
    return PRIORITY_GLYPHS.get(priority, "").ljust(width)


def digest_label(file: str) -> str:
    """A short label for a digest file: ``000_255aaf5710b68c8f.txt`` -> ``000``, else the stem."""
    stem = one_line(file).rsplit("/", 1)[-1]  # escapes out first: an OSC 8 link holds slashes
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    head = stem.split("_", 1)[0]
    if head.isdigit() and head != stem:
        return head
    return stem

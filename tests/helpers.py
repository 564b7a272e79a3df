"""Small builders shared by tests."""

from __future__ import annotations

from readq.models import Entry, ParseResult


def digest(*titles: str, date: str | None = "Nov 23", layout: str = "hf-blank") -> ParseResult:
    """A parsed digest of papers with the given titles (abstracts derived from them)."""
    return ParseResult(
        layout, tuple(Entry(t, f"Abstract of {t}.", line=i + 1) for i, t in enumerate(titles)), date
    )

"""Small builders shared by tests."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from readq.models import Entry, ParseResult


def digest(*titles: str, date: str | None = "Nov 23", layout: str = "hf-blank") -> ParseResult:
    """A parsed digest of papers with the given titles (abstracts derived from them)."""
    return ParseResult(
        layout, tuple(Entry(t, f"Abstract of {t}.", line=i + 1) for i, t in enumerate(titles)), date
    )


def fake_editor(tmp_path: Path, body: str, name: str = "fake-editor.py") -> list[str]:
    """An editor for tests: a Python script that does ``body`` to the file it is given (``path``).

    Returns the command; ``shell_command`` turns it into a value for ``$EDITOR``.
    """
    script = tmp_path / name
    script.write_text(f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n{body}\n", encoding="utf-8")
    return [sys.executable, str(script)]


def shell_command(command: list[str]) -> str:
    return " ".join(shlex.quote(part) for part in command)

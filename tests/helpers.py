"""Small builders shared by tests."""

from __future__ import annotations

import shlex
import sys
from datetime import datetime
from pathlib import Path

import pytest

import readq.clock
from readq.models import Entry, ParseResult


def freeze_clock(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Stop readq's one clock (:mod:`readq.clock`) at the ISO 8601 time ``when`` for the rest of the test."""
    moment = datetime.fromisoformat(when)
    monkeypatch.setattr(readq.clock, "now", lambda: moment)


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

"""Editing text in the user's own editor (``$VISUAL``, else ``$EDITOR``). No Textual: the CLI uses this
directly and the TUI calls it with the terminal handed over (``App.suspend``).

Nothing is lost: the text goes to a private temporary file, the editor runs on it, and what it left is read
back. When the editor is missing or fails (a non-zero exit, e.g. vim's ``:cq``), :class:`EditorError` says
so and, if the file had been changed, the changed text is kept in a file whose path the message gives.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

ENV_VARS = ("VISUAL", "EDITOR")
NO_EDITOR = "no editor set: set $VISUAL or $EDITOR (for example EDITOR=nano), or editor in the config file"


class EditorError(Exception):
    """The editor could not be used; the message says why and what happened to the text."""


def editor_command(
    environ: Mapping[str, str] | None = None, *, configured: str | None = None
) -> list[str] | None:
    """The editor command — the config file's ``editor`` (``configured``), else ``$VISUAL``, else
    ``$EDITOR`` — split like a shell would (``code --wait``), or ``None`` when none is set."""
    if configured and configured.strip():
        try:
            words = shlex.split(configured)
        except ValueError as error:
            raise EditorError(
                f"editor in the config file is not a valid command ({error}): {configured!r}"
            ) from None
        if words:
            return words
    env = os.environ if environ is None else environ
    for name in ENV_VARS:
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:
                raise EditorError(f"${name} is not a valid command ({error}): {value!r}") from None
            if words:
                return words
    return None


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip(".-") or "note"


def keep_copy(text: str, name: str) -> Path:
    """Write ``text`` to a new private file in the temporary directory (so it is not lost); its path."""
    fd, path = tempfile.mkstemp(prefix=f"readq-{_safe_name(name)}-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(path)


def edit_text(command: Sequence[str], text: str, *, name: str = "note") -> str:
    """Run ``command FILE`` on a temporary ``name.md`` holding ``text``; the text the editor left there.

    Raises :class:`EditorError` when the editor cannot start, exits with a non-zero status, or leaves no
    file; ``text`` (the note as stored) is never touched.
    """
    if not command:
        raise EditorError(NO_EDITOR)
    program = command[0]
    try:
        tmp = tempfile.TemporaryDirectory(prefix="readq-")
        path = Path(tmp.name) / f"{_safe_name(name)}.md"
        original = text + "\n" if text and not text.endswith("\n") else text
        path.write_text(original, encoding="utf-8")
    except OSError as error:
        raise EditorError(
            f"could not write a temporary file for the editor: {error}; nothing changed"
        ) from None
    with tmp:
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError:
            raise EditorError(
                f"editor {program!r} not found (check $VISUAL / $EDITOR); nothing changed"
            ) from None
        except OSError as error:
            raise EditorError(
                f"could not start editor {program!r}: {error.strerror or error}; nothing changed"
            ) from None
        try:
            edited = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            raise EditorError(f"editor {program!r} left no file behind; nothing changed") from None
        if result.returncode != 0:
            message = f"editor {program!r} exited with status {result.returncode}; the note is unchanged"
            if edited != original:
                message += f"; what you wrote is kept in {keep_copy(edited, name)}"
            raise EditorError(message)
        return edited

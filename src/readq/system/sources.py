"""Where an import comes from, for the CLI and the app: file paths (``~`` expanded, clear errors, completion)
and pasted text. No Textual here; the reading is plain I/O that the app runs in a worker thread."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from readq import clock

COMPLETION_SCAN_LIMIT = 2000  # directory entries looked at for one completion


class SourceError(ValueError):
    """The file cannot be read; the message says why in words a person can act on."""


def expand(text: str) -> Path:
    """A typed path with ``~`` and ``$VARS`` expanded (quotes a shell would have removed are removed)."""
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return Path(os.path.expandvars(os.path.expanduser(value)))


def read_path(text: str) -> tuple[bytes, str]:
    """The bytes of the file ``text`` names and the label its papers' source gets (the file's name)."""
    if not text.strip():
        raise SourceError("type the path of a file to import")
    path = expand(text)
    shown = text.strip() if str(path) == text.strip() else f"{text.strip()} ({path})"
    if not path.exists():
        parent = path.parent
        hint = "" if parent.is_dir() else f"; the folder {parent} does not exist either"
        raise SourceError(f"no such file: {shown}{hint}")
    if path.is_dir():
        raise SourceError(f"{shown} is a folder: give a file inside it")
    try:
        return path.read_bytes(), path.name
    except OSError as error:
        raise SourceError(f"cannot read {shown}: {error.strerror or error}") from None


def pasted_label(now: datetime | None = None) -> str:
    """The source label of text pasted or read from the clipboard: ``pasted-2026-01-20-0815``."""
    moment = now or clock.now().astimezone()
    return moment.strftime("pasted-%Y-%m-%d-%H%M")


def path_candidates(text: str) -> list[str]:
    """Every file or folder that completes ``text`` (folders end in ``/``), sorted, each written the way the
    user wrote the path (``~/dig`` -> ``~/digests/``); empty when nothing matches or ``text`` is complete."""
    if not text or text.strip() != text:
        return []
    typed_dir, _, stem = text.rpartition("/")
    folder = expand(typed_dir + "/") if typed_dir or text.startswith("/") else Path(".")
    if text.startswith("~") and "/" not in text:
        return []  # "~user" forms are left alone
    try:
        names: list[tuple[bool, str]] = []
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= COMPLETION_SCAN_LIMIT:
                    break
                if (
                    entry.name.startswith(stem)
                    and entry.name != stem
                    and (stem or not entry.name.startswith("."))
                ):
                    names.append((not entry.is_dir(), entry.name))
    except OSError:
        return []
    prefix = (typed_dir + "/") if typed_dir or text.startswith("/") else ""
    names.sort(key=lambda n: (n[1].lower(), n[1]))
    return [prefix + name + ("" if is_file else "/") for is_file, name in names]


def complete_path(text: str) -> str | None:
    """The first of :func:`path_candidates` (the input's suggestion), or None."""
    candidates = path_candidates(text)
    return candidates[0] if candidates else None

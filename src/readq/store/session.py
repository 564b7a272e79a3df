"""When the app last closed (``session.json``), for the "New since last time" view. Not the user's data: a
missing or damaged file only means that no paper counts as new (it is written again at the next close)."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

import orjson

from readq.store.jsonfile import atomic_write

SESSION_FILE = "session.json"


def last_closed(data_dir: Path) -> str | None:
    """The ISO time the app last closed in this library, else None."""
    try:
        data = orjson.loads((data_dir / SESSION_FILE).read_bytes())
        stamp = str(data["closed"])
        datetime.fromisoformat(stamp)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stamp


def mark_closed(data_dir: Path, stamp: str) -> None:
    """Remember that the app closed at ``stamp`` (atomically; an unwritable folder is not an error here)."""
    with contextlib.suppress(OSError):
        atomic_write(data_dir / SESSION_FILE, orjson.dumps({"closed": stamp}))

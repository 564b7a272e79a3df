"""The library on disk (the only part of readq that knows TinyDB)."""

from __future__ import annotations

import os
from pathlib import Path

from readq.store.core import Changes, ImportReport, Store
from readq.store.files import PAPERS_FILE, STATE_FILE
from readq.store.jsonfile import WriteFailedError
from readq.store.lists import LISTS_FILE
from readq.store.safety import (
    AmbiguousIdError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreVersionError,
    UnknownIdError,
)

ENV_DATA_DIR = "READQ_DATA_DIR"


def default_data_dir() -> Path:
    """Where the library lives: ``$READQ_DATA_DIR`` or platformdirs' user data dir for readq."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("readq", appauthor=False))


__all__ = [
    "ENV_DATA_DIR",
    "LISTS_FILE",
    "PAPERS_FILE",
    "STATE_FILE",
    "AmbiguousIdError",
    "Changes",
    "ImportReport",
    "Store",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreVersionError",
    "UnknownIdError",
    "WriteFailedError",
    "default_data_dir",
]

"""Where a library's rebuildable files live: the platform's cache directory, not beside the user's data.

``$READQ_CACHE_DIR`` or platformdirs' user cache dir for readq, then one folder per library (named by a
hash of the data directory's real path, so two libraries never share a cache). What is there (the
similarity index) can be deleted at any time: readq rebuilds it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ENV_CACHE_DIR = "READQ_CACHE_DIR"


def cache_root() -> Path:
    """``$READQ_CACHE_DIR``, else platformdirs' user cache dir for readq."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("readq", appauthor=False))


def library_cache_dir(data_dir: Path) -> Path:
    """The cache folder of the library in ``data_dir`` (not created here)."""
    digest = hashlib.sha256(os.path.realpath(data_dir).encode("utf-8", "surrogateescape")).hexdigest()
    return cache_root() / f"library-{digest[:16]}"

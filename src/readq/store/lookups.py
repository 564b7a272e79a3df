"""``lookups.json``: which papers an online service was asked about and did not know, and on which day, so
that a paper arXiv did not know is asked about again only on a later day. A small file beside the library,
replaced atomically under a lock; a missing or damaged one is simply empty (it is only a cache of
questions, never user data)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from filelock import FileLock
from filelock import Timeout as LockTimeout

from readq.store.jsonfile import atomic_write
from readq.store.safety import StoreLockedError

LOOKUPS_FILE = "lookups.json"


class Lookups:
    """``asked[service][pid] = "YYYY-MM-DD"``: the day a service last did not know the paper."""

    def __init__(self, data_dir: Path, lock_timeout: float = 10.0) -> None:
        self.path = data_dir / LOOKUPS_FILE
        self._lock = FileLock(os.path.realpath(self.path) + ".lock", timeout=lock_timeout)

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        asked = data.get("asked") if isinstance(data, dict) else None
        if not isinstance(asked, dict):
            return {}
        return {
            str(service): {str(k): str(v) for k, v in pids.items()}
            for service, pids in asked.items()
            if isinstance(pids, dict)
        }

    def asked(self, service: str) -> Mapping[str, str]:
        return self._read().get(service, {})

    def record(self, service: str, unknown: Iterable[str], known: Iterable[str], day: str) -> None:
        """Remember ``unknown`` papers as asked on ``day``; forget ``known`` ones (they were answered)."""
        unknown, known = list(unknown), list(known)
        if not unknown and not known:
            return
        try:
            with self._lock:
                asked = self._read()
                pids = asked.setdefault(service, {})
                for pid in known:
                    pids.pop(pid, None)
                for pid in unknown:
                    pids[pid] = day
                payload = json.dumps({"version": 1, "asked": asked}, indent=1, sort_keys=True).encode()
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(self.path, payload)
        except LockTimeout:
            raise StoreLockedError(f"{self.path} is locked by another readq process") from None

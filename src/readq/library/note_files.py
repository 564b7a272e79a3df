"""Writing ``readq export --format notes`` into a folder: one file per paper, atomically, never over a file
the user edited or that readq did not write (see :func:`readq.citations.notes_export.plan_notes`).

The folder keeps ``.readq-notes.json``: the sha256 of every file readq wrote there, so the next export knows
which files are still readq's own."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from readq.citations.notes_export import MANIFEST, NotesPlan, plan_notes
from readq.models import Paper
from readq.store.jsonfile import atomic_write
from readq.user_state import PaperState


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: every existing file then counts as the user's (kept)
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()}


def write_notes(folder: Path, items: Sequence[tuple[Paper, PaperState, str]]) -> NotesPlan:
    """Export ``items`` (paper, state, pinned key) into ``folder`` (created if needed); raises OSError and
    StoreError (from the atomic writes)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _manifest(folder)

    def on_disk(name: str) -> str | None:
        try:
            return _sha((folder / name).read_bytes())
        except FileNotFoundError:
            return None

    plan = plan_notes(items, on_disk, manifest, lambda text: _sha(text.encode("utf-8")))
    for name, text in plan.write.items():
        data = text.encode("utf-8")
        atomic_write(folder / name, data, mode=0o666)
        manifest[name] = _sha(data)
    if plan.write:
        payload = json.dumps(dict(sorted(manifest.items())), indent=1) + "\n"
        atomic_write(folder / MANIFEST, payload.encode("utf-8"), mode=0o666)
    return plan

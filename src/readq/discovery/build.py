"""Build (or update) the similarity index of a library in a process of its own, and cache it.

``python -m readq.discovery.build DATA_DIR`` prints ``progress DONE TOTAL`` lines while it works and
``done`` at the end. The app runs it from a worker thread so that the seconds of tokenising a large library
(pure Python, holding the GIL) never slow its frames, and the other core does the work; the app then loads
the cached index. Nothing here is needed for correctness: when this fails, the app builds in its thread.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readq.library.records import Record


@dataclass
class Unloaded:
    """A library of which nothing is loaded: the index streams every paper from the papers file."""

    records: dict[str, Record] = field(default_factory=dict)
    search_ready: bool = False
    generation: int = 0


def main(argv: list[str]) -> int:
    from readq.discovery.live import Discovery
    from readq.store import Store

    if len(argv) != 1:
        print("usage: python -m readq.discovery.build DATA_DIR", file=sys.stderr)
        return 2
    store = Store(Path(argv[0]))
    discovery = Discovery(store, Unloaded())

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    discovery.compute_text_index(progress)  # saves the cache
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

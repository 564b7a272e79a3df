"""Build (or update) the similarity index of a library in a process of its own, and cache it.

``python -m readq.discovery.build DATA_DIR`` prints ``progress DONE TOTAL`` lines while it works and
``done`` at the end. The app runs it from a worker thread so that the seconds of tokenising a large library
(pure Python, holding the GIL) never slow its frames, and the other core does the work; the app then loads
the cached index. Nothing here is needed for correctness: when this fails, the app builds in its thread.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from readq.library.service import Library
    from readq.store import Store

    if len(argv) != 1:
        print("usage: python -m readq.discovery.build DATA_DIR", file=sys.stderr)
        return 2
    library = Library(Store(Path(argv[0])))

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    library.compute_text_index(progress)  # saves the cache
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

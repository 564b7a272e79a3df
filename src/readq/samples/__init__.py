"""Sample digests that ship with readq (used by ``readq demo``): invented papers, one file per layout.

- ``001_hf_daily.txt``: Hugging Face Daily Papers, blank-line layout, dated ``Nov 23``, 14 papers;
- ``002_hf_compact.txt``: Hugging Face Daily Papers, compact layout, 12 papers (2 also in the first file);
- ``003_alphaxiv.txt``: an alphaXiv listing, 14 papers (1 also in each Hugging Face file).

They read like a real morning's digests: hostile text (markup-like brackets, control characters) lives in
the tests' own fixtures, not here, so a newcomer's first screen never looks like a rendering bug.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_paths() -> list[Path]:
    """The sample digests, sorted by name (real files: the package is installed unzipped)."""
    root = files(__name__)
    return sorted(
        (Path(str(item)) for item in root.iterdir() if item.name.endswith(".txt")), key=lambda path: path.name
    )

"""Similar papers: TF-IDF over each paper's title and abstract (scikit-learn), cosine similarity.

Building the index reads every abstract once (streamed) and costs seconds at 100,000 papers, so callers run it
in a worker, never on the start-up path; the result is kept beside the library as a derived cache
(``similar-index.npz``, stamped with the papers file's signature, rebuilt when stale or unreadable). A query
is one sparse matrix-vector product over the library (tens of milliseconds at 100,000 papers).

Words are folded like the search (case and accents), split at punctuation; English stop words, words of one
character, words in only one paper (they cannot make two papers similar) and words in more than half of a
large library are left out. Rows are L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import io
import string
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readq.querylang import fold

CACHE_FILE = "similar-index.npz"
VERSION = 1
LARGE = 50  # from this many papers on, rare and very common words are pruned
_PUNCT = str.maketrans({c: " " for c in string.punctuation + "“”‘’–—…·•"})

Stamp = tuple[int, ...]


@dataclass
class TextIndex:
    """``matrix`` row ``i`` (a SciPy CSR matrix, float32, unit rows) is paper ``pids[i]``; column ``j`` is
    the word ``terms[j]``. ``stamp`` is the papers file's signature the index was built from."""

    pids: list[str]
    matrix: Any
    terms: list[str]
    stamp: Stamp | None = None
    row_of: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.row_of:
            self.row_of = {pid: i for i, pid in enumerate(self.pids)}

    def __len__(self) -> int:
        return len(self.pids)

    def __contains__(self, pid: object) -> bool:
        return pid in self.row_of


def make_analyzer() -> Callable[[str], list[str]]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = frozenset(ENGLISH_STOP_WORDS)
    punct = _PUNCT

    def analyze(text: str) -> list[str]:
        return [w for w in fold(text).translate(punct).split() if len(w) > 1 and w not in stop]

    return analyze


def build_index(
    docs: Iterable[tuple[str, str]],
    n_docs: int,
    *,
    stamp: Stamp | None = None,
    progress: Callable[[int], None] | None = None,
) -> TextIndex:
    """The index of ``docs`` (paper id, title and abstract), read once; ``n_docs`` is how many there are
    (to choose the pruning); ``progress(done)`` is called every 2,000 papers."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    pids: list[str] = []

    def texts() -> Iterator[str]:
        for pid, text in docs:
            pids.append(pid)
            if progress is not None and not len(pids) % 2000:
                progress(len(pids))
            yield text

    large = n_docs >= LARGE
    vectorizer = TfidfVectorizer(
        analyzer=make_analyzer(),
        sublinear_tf=True,
        dtype=np.float32,
        min_df=2 if large else 1,
        max_df=0.5 if large else 1.0,
    )
    try:
        matrix = vectorizer.fit_transform(texts())
        terms = [str(t) for t in vectorizer.get_feature_names_out()]
    except ValueError:  # no words at all (papers without abstracts and titles of stop words only)
        matrix, terms = sparse.csr_matrix((len(pids), 0), dtype=np.float32), []
    return TextIndex(pids, sparse.csr_matrix(matrix, dtype=np.float32), terms, stamp)


def similar(index: TextIndex, pid: str, n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` papers most similar to ``pid`` (cosine of their TF-IDF vectors), best first; papers sharing
    no word are left out. Ties go by paper id."""
    import numpy as np

    row = index.row_of.get(pid)
    if row is None or n <= 0:
        return []
    matrix = index.matrix
    vector = matrix[row]
    if not vector.nnz:
        return []
    dense = np.zeros(matrix.shape[1], dtype=np.float32)
    dense[vector.indices] = vector.data
    scores = matrix @ dense
    scores[row] = 0.0
    candidates = np.flatnonzero(scores > 1e-6)
    if len(candidates) > n:
        cut = np.argpartition(-scores[candidates], n - 1)[:n]
        threshold = scores[candidates[cut]].min()
        candidates = candidates[scores[candidates] >= threshold]  # keep ties at the cut for a stable order
    pids = index.pids
    best = sorted(candidates.tolist(), key=lambda j: (-float(scores[j]), pids[j]))[:n]
    return [(pids[j], round(float(scores[j]), 4)) for j in best]


# -- the on-disk cache ---------------------------------------------------------------------------------------


def save_index(index: TextIndex, path: Path) -> None:
    """Write the index atomically (a derived cache: losing it only costs a rebuild)."""
    import numpy as np

    from readq.store.jsonfile import atomic_write

    matrix = index.matrix
    buffer = io.BytesIO()
    np.savez(
        buffer,
        version=np.array([VERSION]),
        stamp=np.array(index.stamp if index.stamp is not None else (), dtype=np.int64),
        shape=np.array(matrix.shape, dtype=np.int64),
        data=matrix.data,
        indices=matrix.indices,
        indptr=matrix.indptr,
        pids=np.frombuffer("\n".join(index.pids).encode("utf-8"), dtype=np.uint8),
        terms=np.frombuffer("\n".join(index.terms).encode("utf-8"), dtype=np.uint8),
    )
    atomic_write(path, buffer.getvalue())


def load_index(path: Path, stamp: Stamp | None) -> TextIndex | None:
    """The cached index when it was built from the papers file with signature ``stamp``; None otherwise
    (missing, stale, damaged or from another version)."""
    import numpy as np
    from scipy import sparse

    if stamp is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["version"][0]) != VERSION or tuple(int(x) for x in data["stamp"]) != tuple(stamp):
                return None
            shape = tuple(int(x) for x in data["shape"])
            matrix = sparse.csr_matrix((data["data"], data["indices"], data["indptr"]), shape=shape)
            pids_text = data["pids"].tobytes().decode("utf-8")
            terms_text = data["terms"].tobytes().decode("utf-8")
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None
    pids = pids_text.split("\n") if pids_text else []
    terms = terms_text.split("\n") if terms_text else []
    if len(pids) != shape[0] or len(terms) != shape[1]:
        return None
    return TextIndex(pids, matrix, terms, tuple(stamp))

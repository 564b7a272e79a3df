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
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readq.text.folding import fold

CACHE_FILE = "similar-index.npz"
VERSION = 2
LARGE = 50  # from this many papers on, rare and very common words are pruned
REFIT_SHARE = 0.2  # an update with more new or changed papers than this builds the index anew
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
    idf: Any = None  # numpy array: each word's inverse document frequency (to add papers later)
    checks: Any = None  # numpy array: a CRC-32 of each paper's text (to see which changed)

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
    checks = array("I")

    def texts() -> Iterator[str]:
        for pid, text in docs:
            pids.append(pid)
            checks.append(zlib.crc32(text.encode("utf-8")))
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
        idf = vectorizer.idf_.astype(np.float32)
    except ValueError:  # no words at all (papers without abstracts and titles of stop words only)
        matrix, terms = sparse.csr_matrix((len(pids), 0), dtype=np.float32), []
        idf = np.zeros(0, dtype=np.float32)
    matrix = sparse.csr_matrix(matrix, dtype=np.float32)
    return TextIndex(
        pids, matrix, terms, stamp, idf=idf, checks=np.frombuffer(checks, dtype=np.uint32).copy()
    )


def update_index(
    old: TextIndex,
    docs: Iterable[tuple[str, str]],
    *,
    stamp: Stamp | None = None,
    limit: float = REFIT_SHARE,
) -> TextIndex | None:
    """``old`` brought up to date with ``docs`` (every paper, streamed once): unchanged papers keep their
    rows, new and changed ones are weighted with ``old``'s words and their document frequencies, removed
    ones are dropped. None when more than ``limit`` of the papers are new or changed (or ``old`` cannot be
    updated): the words and weights have drifted, build the index anew. Takes a fraction of a full build
    after a day's import."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    if old.idf is None or old.checks is None or len(old.idf) != len(old.terms):
        return None
    pids: list[str] = []
    checks = array("I")
    keep: list[int] = []  # per new row: the old row, or -1 for a paper to weigh now
    fresh: list[str] = []
    for pid, text in docs:
        check = zlib.crc32(text.encode("utf-8"))
        row = old.row_of.get(pid, -1)
        if row >= 0 and int(old.checks[row]) != check:
            row = -1
        if row < 0:
            fresh.append(text)
        pids.append(pid)
        checks.append(check)
        keep.append(row)
    if len(fresh) > limit * max(len(pids), 1):
        return None
    column = {term: j for j, term in enumerate(old.terms)}
    analyze = make_analyzer()
    indptr: list[int] = [0]
    indices: list[int] = []
    counts: list[int] = []
    for text in fresh:
        found = Counter(j for w in analyze(text) if (j := column.get(w)) is not None)
        indices.extend(found)
        counts.extend(found.values())
        indptr.append(len(indices))
    shape = (len(fresh), len(old.terms))
    tf = np.asarray(counts, dtype=np.float32)
    columns = np.asarray(indices, dtype=np.int32)
    weights = (1.0 + np.log(tf)) * old.idf[columns] if len(tf) else tf
    added = sparse.csr_matrix((weights, columns, np.asarray(indptr)), shape=shape, dtype=np.float32)
    if fresh:
        added = normalize(added)
    rows = np.asarray(keep, dtype=np.int64)
    stacked = sparse.vstack([old.matrix, added], format="csr", dtype=np.float32)
    order = rows.copy()
    order[rows < 0] = len(old.pids) + np.arange(len(fresh))
    matrix = sparse.csr_matrix(stacked[order], dtype=np.float32)
    return TextIndex(
        pids,
        matrix,
        list(old.terms),
        stamp,
        idf=old.idf,
        checks=np.frombuffer(checks, dtype=np.uint32).copy(),
    )


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
        idf=index.idf if index.idf is not None else np.zeros(0, dtype=np.float32),
        checks=index.checks if index.checks is not None else np.zeros(0, dtype=np.uint32),
    )
    path.parent.mkdir(parents=True, exist_ok=True)  # the library's folder in the platform's cache dir
    atomic_write(path, buffer.getvalue())


def load_index(path: Path, stamp: Stamp | None, *, stale: bool = False) -> TextIndex | None:
    """The cached index when it was built from the papers file with signature ``stamp`` (with ``stale``:
    whatever papers file it was built from, to update it); None otherwise (missing, stale, damaged or from
    another version)."""
    import numpy as np
    from scipy import sparse

    if stamp is None and not stale:
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["version"][0]) != VERSION:
                return None
            built_from = tuple(int(x) for x in data["stamp"])
            if not stale and built_from != tuple(stamp or ()):
                return None
            shape = tuple(int(x) for x in data["shape"])
            matrix = sparse.csr_matrix((data["data"], data["indices"], data["indptr"]), shape=shape)
            pids_text = data["pids"].tobytes().decode("utf-8")
            terms_text = data["terms"].tobytes().decode("utf-8")
            idf, checks = data["idf"].copy(), data["checks"].copy()
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None
    pids = pids_text.split("\n") if pids_text else []
    terms = terms_text.split("\n") if terms_text else []
    if len(pids) != shape[0] or len(terms) != shape[1] or len(idf) != len(terms) or len(checks) != len(pids):
        return None
    return TextIndex(pids, matrix, terms, built_from or None, idf=idf, checks=checks)

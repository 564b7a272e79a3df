"""The suggested order: a model of the user's own triage, trained and used on this machine only.

Signals come from the state file: a paper the user kept (priority 2 or 3, a note, or a tag) is a positive
example; a paper read at priority 0 without a note is a negative one; everything else teaches nothing.
With at least :data:`MIN_EACH` of each, a logistic regression (scikit-learn) on the papers' TF-IDF words
(the similarity index), their authors, whether a watch matches and how many digests carried them scores
every paper. With fewer, there is no model: the caller shows the plain order and says how many decisions
are missing — never a made-up ranking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from readq.discovery.similar import TextIndex
from readq.text.folding import fold
from readq.user_state import PaperState

MIN_EACH = 20
AUTHOR_WEIGHT = 0.3  # an author is one feature of value 0.3; a paper's words share a unit vector
FLAG_WEIGHT = 0.5
C = 4.0  # inverse regularisation strength of the logistic regression


def label_of(state: PaperState) -> bool | None:
    """True: kept (priority >= 2, a note or a tag); False: read at priority 0 without a note; None: no
    decision to learn from (unread, or read at priority 1)."""
    if state.priority >= 2 or state.note.strip() or state.tags:
        return True
    if state.read and state.priority == 0:
        return False
    return None


@dataclass(frozen=True)
class NeedsMore:
    """Too few decisions to learn from."""

    positives: int
    negatives: int

    @property
    def message(self) -> str:
        missing = []
        if self.positives < MIN_EACH:
            missing.append(f"{self.positives} of {MIN_EACH} kept (priority 2-3, a note or a tag)")
        if self.negatives < MIN_EACH:
            missing.append(f"{self.negatives} of {MIN_EACH} skipped (read at priority 0)")
        return "suggested order needs more triage: " + " and ".join(missing) + "; showing the plain order"

    @property
    def short(self) -> str:
        """For a status line: ``plain order until 20 kept + 20 skipped (now 3 + 12)``."""
        now = f"now {self.positives} + {self.negatives}"
        return f"plain order until {MIN_EACH} kept + {MIN_EACH} skipped ({now})"


@dataclass(frozen=True)
class Reason:
    """Why a paper scored as it did: the features that pushed it up and down the most."""

    score: float
    words_for: tuple[str, ...]
    words_against: tuple[str, ...]
    authors: tuple[str, ...]
    watched: bool

    def text(self) -> str:
        parts = [f"suggested {round(100 * self.score)}%"]
        if self.words_for:
            parts.append("words " + ", ".join(self.words_for))
        if self.authors:
            parts.append("authors " + ", ".join(self.authors))
        if self.watched:
            parts.append("watched")
        if self.words_against:
            parts.append("against: " + ", ".join(self.words_against))
        return " · ".join(parts)


@dataclass
class Ranking:
    """A trained model's scores (probability of "keep") for every paper of the index, and what it learned."""

    scores: dict[str, float]
    positives: int
    negatives: int
    decisions: int  # the library's decision counter when the examples were read
    index: TextIndex
    authors: Any  # CSR matrix: paper row x author column
    author_names: list[str]
    coef: Any  # numpy array: words, then authors, then watched and seen
    flags: Any  # numpy array (papers x 2): watched, seen

    def why(self, pid: str, top: int = 4) -> Reason | None:
        row = self.index.row_of.get(pid)
        if row is None:
            return None
        import numpy as np

        n_words = len(self.index.terms)
        words = self.index.matrix[row]
        contrib = words.data * self.coef[words.indices]
        order = np.argsort(contrib)
        up = [self.index.terms[words.indices[j]] for j in order[::-1][:top] if contrib[j] > 0]
        down = [self.index.terms[words.indices[j]] for j in order[:2] if contrib[j] < 0]
        authors = self.authors[row]
        a_contrib = authors.data * self.coef[n_words + authors.indices]
        a_order = np.argsort(-a_contrib)
        names = [self.author_names[authors.indices[j]] for j in a_order[:2] if a_contrib[j] > 0]
        watched = bool(self.flags[row, 0]) and self.coef[-2] > 0
        return Reason(self.scores.get(pid, 0.0), tuple(up), tuple(down), tuple(names), watched)


def author_matrix(index: TextIndex, authors: Mapping[str, Sequence[str]]) -> tuple[Any, list[str]]:
    """Paper x author indicator (only authors of two papers or more: one paper teaches nothing), and each
    column's name as first spelled."""
    import numpy as np
    from scipy import sparse

    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    folded: list[list[str]] = []
    for pid in index.pids:
        names = []
        for name in authors.get(pid, ()):
            key = fold(name).strip()
            if key and key not in spelling:
                spelling[key] = name
            if key:
                names.append(key)
                counts[key] = counts.get(key, 0) + 1
        folded.append(names)
    columns = {key: i for i, key in enumerate(k for k, n in counts.items() if n >= 2)}
    rows, cols = [], []
    for row, names in enumerate(folded):
        for key in dict.fromkeys(names):
            col = columns.get(key)
            if col is not None:
                rows.append(row)
                cols.append(col)
    data = np.full(len(rows), AUTHOR_WEIGHT, dtype=np.float32)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(index.pids), len(columns)), dtype=np.float32)
    return matrix, [spelling[key] for key in columns]


def train(
    index: TextIndex,
    labels: Mapping[str, bool],
    authors: Mapping[str, Sequence[str]],
    watched: set[str],
    seen: Mapping[str, int],
    decisions: int = 0,
) -> Ranking | NeedsMore:
    """Fit the model on ``labels`` (papers of the index only) and score every paper of the index."""
    known = {pid: label for pid, label in labels.items() if pid in index.row_of}
    positives = sum(known.values())
    negatives = len(known) - positives
    if positives < MIN_EACH or negatives < MIN_EACH:
        return NeedsMore(positives, negatives)

    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    a_matrix, names = author_matrix(index, authors)
    flags = np.zeros((len(index.pids), 2), dtype=np.float32)
    for row, pid in enumerate(index.pids):
        flags[row, 0] = FLAG_WEIGHT if pid in watched else 0.0
        flags[row, 1] = FLAG_WEIGHT * min(max(seen.get(pid, 1) - 1, 0), 3) / 3
    rows = np.array(sorted(index.row_of[pid] for pid in known), dtype=np.int64)
    y = np.array([known[index.pids[r]] for r in rows], dtype=np.int8)
    x = sparse.hstack(
        [index.matrix[rows], a_matrix[rows], sparse.csr_matrix(flags[rows])], format="csr", dtype=np.float32
    )
    model = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=500)
    model.fit(x, y)
    coef = model.coef_.ravel().astype(np.float32)
    n_words, n_authors = index.matrix.shape[1], a_matrix.shape[1]
    z = (
        index.matrix @ coef[:n_words]
        + a_matrix @ coef[n_words : n_words + n_authors]
        + flags @ coef[n_words + n_authors :]
        + float(model.intercept_[0])
    )
    probability = 1.0 / (1.0 + np.exp(-z))
    scores = dict(zip(index.pids, probability.round(6).tolist(), strict=True))
    return Ranking(scores, positives, negatives, decisions, index, a_matrix, names, coef, flags)

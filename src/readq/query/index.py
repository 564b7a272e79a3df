"""A word index over the search text, so a rare word is found without reading 170 MB of abstracts.

Free words in a query match as substrings (``rob`` finds *robust* and *problem*). The index keeps, for every
distinct whitespace-separated token of the folded text, the rows whose text has it. A query word without
spaces can only occur inside such tokens, so the rows to look at are the union of the rows of every token
containing it — found by scanning the vocabulary (a few megabytes) instead of every abstract. The
candidates are then checked with the real matcher, so results are exactly those of a full scan; the index
only skips rows that cannot match. When a query word is short or so common that its candidates would be
most of the library, the index steps aside (a scan finds common words in the first bytes of each text).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

MIN_FRAGMENT = 3
MAX_SHARE = 0.3  # above this share of the rows, a scan is as fast as the index


class WordIndex:
    def __init__(self) -> None:
        self._postings: dict[str, array[int]] = {}
        self._rows = 0
        self._joined = ""
        self._words: list[str] = []
        self._starts: list[int] = []

    def add(self, row: int, text: str) -> None:
        postings = self._postings
        for word in set(text.split()):
            found = postings.get(word)
            if found is None:
                postings[word] = array("I", (row,))
            else:
                found.append(row)
        self._rows += 1

    def freeze(self) -> None:
        """Prepare the vocabulary for substring lookups (after the last ``add``)."""
        self._words = sorted(self._postings)
        self._joined = "\n" + "\n".join(self._words) + "\n"
        starts, position = [], 1
        for word in self._words:
            starts.append(position)
            position += len(word) + 1
        self._starts = starts

    @property
    def size(self) -> int:
        return self._rows

    def words_containing(self, fragment: str) -> list[str]:
        """Every indexed word that contains ``fragment``."""
        import bisect

        joined, starts, words = self._joined, self._starts, self._words
        found: list[str] = []
        position = joined.find(fragment)
        while position >= 0:
            index = bisect.bisect_right(starts, position) - 1
            found.append(words[index])
            position = joined.find(fragment, starts[index] + len(words[index]) + 1)
        return found

    def rows_with(self, fragment: str) -> set[int] | None:
        """Rows whose text may contain ``fragment`` (a superset, never missing one), or None when the index
        cannot narrow it usefully (short, spaces in it, or too common)."""
        if len(fragment) < MIN_FRAGMENT or not self._words or any(c.isspace() for c in fragment):
            return None
        limit = int(self._rows * MAX_SHARE)
        lists = []
        total = 0
        for word in self.words_containing(fragment):
            postings = self._postings[word]
            total += len(postings)
            if total > limit * 4:  # counted with repeats across words; stop early on very common fragments
                return None
            lists.append(postings)
        rows: set[int] = set()
        for postings in lists:
            rows.update(postings)
            if len(rows) > limit:
                return None
        return rows


def candidate_rows(index: WordIndex, words: Iterable[str]) -> set[int] | None:
    """Rows that may contain every one of ``words`` (free words ANDed in a query), or None when the index
    cannot narrow the search. A phrase uses each of its words."""
    result: set[int] | None = None
    for word in words:
        for part in word.split():
            rows = index.rows_with(part)
            if rows is None:
                continue
            result = rows if result is None else result & rows
            if not result:
                return result
    return result

"""A Record is one row of the library as the list, the search and the sort see it: a paper's catalog row,
the user's state, and derived text built only when first needed.

A record reads its fields from catalog columns (cheap: making 100,000 records costs a few milliseconds) and
loads the full paper (the abstract) only when something asks for ``record.paper`` or the search text. The
search text of a whole library is built in one streamed pass by :func:`build_haystacks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from readq.library.edits import effective
from readq.models import LOOKUP_SOURCES, Paper, Source
from readq.query.sorting import date_key_of
from readq.store.catalog import split_authors
from readq.text.categories import category_parts
from readq.text.folding import fold
from readq.user_state import PaperState

if TYPE_CHECKING:
    from readq.store.catalog import Catalog

Loader = Callable[[str], Paper]


class Record:
    """``pid``, ``state`` (replaceable in place) and the paper's fields; see the module docstring.

    ``haystack`` is ``title\\nauthors joined by ", "\\nabstract``, folded; ``abstract_at`` is where the
    abstract starts in it.
    """

    __slots__ = (
        "_authors",
        "_authors_cf",
        "_c",
        "_cat",
        "_date_key",
        "_haystack",
        "_load",
        "_note_cf",
        "_note_src",
        "_paper",
        "_r",
        "_title_cf",
        "has_pdf",
        "pid",
        "snoozed",
        "state",
        "watched_by",
    )
    pid: str
    state: PaperState
    watched_by: str | None  # the label of the first watch the paper matches (see readq.discovery.lists)
    has_pdf: bool  # its PDF is in the PDF folder (set by the library from one scan, see readq.library.pdfs)
    snoozed: bool  # snoozed until a later day (set by the library from its clock, see readq.library.snoozing)
    _paper: Paper
    _haystack: str
    _title_cf: str
    _authors: tuple[str, ...]
    _authors_cf: tuple[str, ...]
    _note_src: str
    _note_cf: str
    _date_key: tuple[int, int, int, int]

    def __init__(self, catalog: Catalog, row: int, state: PaperState, load: Loader) -> None:
        # Only what every record needs: making 100,000 of them must cost milliseconds. The derived slots
        # start unset (reading one raises AttributeError) and are filled in when first asked for.
        self._cat = catalog
        self._c = catalog.columns
        self._r = row
        self.pid = catalog.ids[row]
        self.state = state
        self._load = load
        self.watched_by = None
        self.has_pdf = False
        self.snoozed = False

    @classmethod
    def build(cls, paper: Paper, state: PaperState) -> Record:
        """A record for a paper held in memory (tests, one-off uses): a one-row catalog of its own."""
        from readq.store.catalog import Catalog
        from readq.store.lines import DocLine

        catalog = Catalog.empty()
        catalog.put(paper.to_dict(), DocLine(0, 0, 0))
        return cls(catalog, 0, state, lambda pid: paper)

    def set_state(self, state: PaperState) -> None:
        """Replace the state; text derived from edited fields is rebuilt when the edits changed."""
        old = self.state.edits
        self.state = state
        if state.edits is not old and state.edits != old:
            for name in ("_paper", "_haystack", "_authors", "_authors_cf", "_date_key"):
                if hasattr(self, name):
                    delattr(self, name)

    def with_state(self, state: PaperState) -> Record:
        """A copy with another state, sharing the catalog row and the text built so far."""
        twin = Record(self._cat, self._r, state, self._load)
        twin.watched_by = self.watched_by
        twin.has_pdf = self.has_pdf
        twin.snoozed = self.snoozed
        same_edits = state.edits == self.state.edits
        for name in ("_paper", "_haystack", "_title_cf", "_authors_cf"):
            if hasattr(self, name) and (same_edits or name == "_title_cf"):
                setattr(twin, name, getattr(self, name))
        return twin

    # -- fields from the catalog ---------------------------------------------------------------------
    @property
    def base(self) -> Paper:
        """The paper as imported (read from the papers file; the store caches recent ones)."""
        return self._load(self.pid)

    @property
    def paper(self) -> Paper:
        """The paper as the user sees it: the imported one with their edits applied."""
        try:
            return self._paper
        except AttributeError:
            self._paper = effective(self._load(self.pid), self.state)
            return self._paper

    @property
    def row(self) -> int:
        """The paper's row in the catalog."""
        return self._r

    @property
    def has_search_text(self) -> bool:
        return hasattr(self, "_haystack")

    @property
    def title(self) -> str:
        return self._c["title"][self._r]  # type: ignore[no-any-return]

    @property
    def authors(self) -> tuple[str, ...]:
        edits = self.state.edits
        if edits and "authors" in edits:
            return tuple(edits["authors"])
        try:
            return self._authors
        except AttributeError:
            self._authors = split_authors(self._c["authors"][self._r])
            return self._authors

    @property
    def et_al(self) -> bool:
        edits = self.state.edits
        if edits and "et_al" in edits:
            return bool(edits["et_al"])
        return self._c["et_al"][self._r]  # type: ignore[no-any-return]

    @property
    def first_author(self) -> str:
        authors = self.authors
        if not authors:
            return ""
        more = len(authors) > 1 or self.et_al
        return str(authors[0]) + (" et al." if more else "")

    @property
    def added(self) -> str:
        return self._c["added"][self._r]  # type: ignore[no-any-return]

    @property
    def seq(self) -> int:
        return self._c["seq"][self._r]  # type: ignore[no-any-return]

    @property
    def batch(self) -> int:
        """The digest import that brought the paper (its first source's number; -1 without a source)."""
        src = self._c["src"][self._r]
        return src[0] if src else -1

    @property
    def score(self) -> float | None:
        return self._c["score"][self._r]  # type: ignore[no-any-return]

    @property
    def category(self) -> str | None:
        return self._c["category"][self._r]  # type: ignore[no-any-return]

    @property
    def doi(self) -> str | None:
        return self._c["doi"][self._r]  # type: ignore[no-any-return]

    @property
    def code(self) -> bool:
        return self._c["code"][self._r]  # type: ignore[no-any-return]

    @property
    def date(self) -> str | None:
        return self._c["date"][self._r]  # type: ignore[no-any-return]

    @property
    def has_abstract(self) -> bool:
        return self._c["has_abstract"][self._r]  # type: ignore[no-any-return]

    @property
    def n_sources(self) -> int:
        """Digests the paper was seen in (a lookup such as completing from arXiv is no sighting)."""
        src = self._c["src"][self._r]
        if len(src) < 2:  # a lookup only ever fills in a paper some digest brought
            return len(src)
        table = self._cat.sources
        return sum(1 for i in src if table[i][0] not in LOOKUP_SOURCES)

    @property
    def source_files(self) -> Iterator[str]:
        table = self._cat.sources
        return (table[i][0] for i in self._c["src"][self._r])

    @property
    def sources(self) -> tuple[Source, ...]:
        return self._cat.row_sources(self._r)

    @property
    def first_source(self) -> tuple[str, str | None] | None:
        """(file, digest date) of the digest the paper first came from."""
        src = self._c["src"][self._r]
        if not src:
            return None
        file, date, _, _ = self._cat.sources[src[0]]
        return file, date

    # -- derived text --------------------------------------------------------------------------------
    @property
    def title_cf(self) -> str:
        try:
            return self._title_cf
        except AttributeError:
            self._title_cf = fold(self.title)
            return self._title_cf

    @property
    def authors_cf(self) -> tuple[str, ...]:
        try:
            return self._authors_cf
        except AttributeError:
            self._authors_cf = tuple(fold(a) for a in self.authors)
            return self._authors_cf

    @property
    def authors_lines(self) -> str:
        """Folded authors one per line, for ``author:``, which must not match across two authors."""
        return "\n".join(self.authors_cf)

    @property
    def haystack(self) -> str:
        try:
            return self._haystack
        except AttributeError:
            self.set_abstract(self.paper.abstract)
            return self._haystack

    @property
    def abstract_at(self) -> int:
        return len(self.title_cf) + len(", ".join(self.authors_cf)) + 2

    def set_abstract(self, abstract: str) -> None:
        self._haystack = f"{self.title_cf}\n{', '.join(self.authors_cf)}\n{fold(abstract)}"

    @property
    def categories(self) -> tuple[str, ...]:
        """``cs.CL cs.AI`` -> cs.cl, cl, cs.ai, ai (folded); a bare ``CL`` -> cl, cs.cl (see
        :func:`readq.text.categories.category_parts`)."""
        parts: list[str] = []
        for category in re.split(r"[\s,;]+", fold(self.category or "")):
            if category:
                parts.extend(category_parts(category))
        return tuple(parts)

    @property
    def note_cf(self) -> str:
        """The folded note (computed when the note changes; ``""`` without one)."""
        note = self.state.note
        if not note:
            return ""
        if getattr(self, "_note_src", None) is not note:
            self._note_src, self._note_cf = note, fold(note)
        return self._note_cf

    @property
    def date_key(self) -> tuple[int, int, int, int]:
        try:
            return self._date_key
        except AttributeError:
            src = self._c["src"][self._r]
            imported = self._cat.sources[src[0]][2] if src else ""
            self._date_key = date_key_of(self.date, self._year_field(), imported)
            return self._date_key

    def _year_field(self) -> int | None:
        edits = self.state.edits
        if edits and "year" in edits:
            return edits["year"]  # type: ignore[no-any-return]
        return self._c["year"][self._r]  # type: ignore[no-any-return]

    @property
    def year(self) -> int | None:
        """The paper's year, else its date's (a yearless date takes the import's year), else None."""
        year = self._year_field()
        if year is not None:
            return int(year)
        known, from_date = self.date_key[:2]
        return from_date if known and from_date else None

    def __repr__(self) -> str:
        return f"Record({self.pid!r}, {self.title[:40]!r})"


def build_haystacks(
    records: Iterable[Record],
    docs: Iterable[tuple[int, dict[str, Any]]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Give every record its search text from ``docs`` (catalog row -> document, streamed once)."""
    by_row = {record._r: record for record in records}
    done = 0
    for row, doc in docs:
        record = by_row.get(row)
        if record is not None and not record.has_search_text:
            record.set_abstract(str(doc.get("abstract", "")))
        done += 1
        if progress is not None and not done % 2000:
            progress(done)
    return done


def carry_search_text(old: dict[str, Record], new: dict[str, Record]) -> bool:
    """Give the new records of papers whose text did not change the search text their old records had built;
    True when every new record has it (no old records: False, nothing was built yet)."""
    if not old:
        return False
    complete = True
    for pid, record in new.items():
        before = old.get(pid)
        if (
            before is not None
            and before.has_search_text
            and before.title == record.title
            and before.has_abstract == record.has_abstract
            and before.authors == record.authors
        ):
            record._haystack = before._haystack
        else:
            complete = False
    return complete

"""Core data types: what a digest yields and what the store keeps of a paper (the user's own state of a paper
is :mod:`readq.user_state`).

Everything here is pure (no I/O) and frozen; ``to_dict``/``from_dict`` give the JSON shape that the store
and ``--json`` output use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from readq.identity import identity_key, normalise_arxiv_id


@dataclass(frozen=True, slots=True)
class Entry:
    """One paper as a digest presents it (before de-duplication)."""

    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    et_al: bool = False
    organisation: str | None = None
    score: float | None = None
    category: str | None = None
    date: str | None = None  # as the digest gives it: "Oct 12, 2022" or "Jun 2"
    code: bool = False
    arxiv_id: str | None = None
    url: str | None = None
    venue: str | None = None
    year: int | None = None
    doi: str | None = None
    citekey: str | None = None  # the key a BibTeX or CSL-JSON file gives the entry, pinned at import
    line: int = 0  # 1-based line of the entry's title in the digest, for messages

    @property
    def identity(self) -> str:
        return identity_key(self.title, self.arxiv_id)


@dataclass(frozen=True, slots=True)
class Warning_:
    """Something the parser noticed; ``line`` is 1-based (0 when it concerns the whole text)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class ParseResult:
    layout: str
    entries: tuple[Entry, ...]
    digest_date: str | None = None
    warnings: tuple[Warning_, ...] = ()
    summary: str = ""  # what the file held, by kind ("345 new, 362 cross-lists, …"), when the layout says


@dataclass(frozen=True, slots=True)
class Source:
    """Where a paper was seen: the digest file, the digest's own date (if any) and when it was imported."""

    file: str
    date: str | None = None
    imported: str = ""
    layout: str = ""

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.file, self.date)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "date": self.date, "imported": self.imported, "layout": self.layout}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            file=str(data.get("file", "")),
            date=data.get("date"),
            imported=str(data.get("imported", "")),
            layout=str(data.get("layout", "")),
        )


# A paper's one-value details beside its title, abstract and authors (the catalog keeps them as columns).
DETAILS = (
    "et_al",
    "organisation",
    "score",
    "category",
    "date",
    "code",
    "arxiv_id",
    "url",
    "venue",
    "year",
    "doi",
)
# Sources that are lookups readq made (completing from arXiv), not digests the user saw: no view of their
# own, and they do not count as times a paper was seen.
LOOKUP_SOURCES = frozenset({"arxiv-api"})

# Fields a later import may fill in when an earlier one lacked them.
FILLABLE = ("abstract", "authors", *DETAILS)


@dataclass(frozen=True, slots=True)
class Paper:
    """A de-duplicated paper as the papers file keeps it."""

    id: str
    identity: str
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    et_al: bool = False
    organisation: str | None = None
    score: float | None = None
    category: str | None = None
    date: str | None = None
    code: bool = False
    arxiv_id: str | None = None
    url: str | None = None
    venue: str | None = None
    year: int | None = None
    doi: str | None = None
    sources: tuple[Source, ...] = ()
    added: str = ""
    seq: int = 0  # order of arrival in the library (digest order within one import)
    # Where each field a later import filled in came from: field -> "SOURCE-FILE YYYY-MM-DD" (the first
    # import's fields are the paper's own and are not listed). Not in the catalog: read with the paper.
    filled: dict[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def from_entry(cls, pid: str, entry: Entry, source: Source, seq: int = 0) -> Paper:
        return cls(
            id=pid,
            identity=entry.identity,
            title=entry.title,
            abstract=entry.abstract,
            authors=entry.authors,
            et_al=entry.et_al,
            organisation=entry.organisation,
            score=entry.score,
            category=entry.category,
            date=entry.date,
            code=entry.code,
            arxiv_id=normalise_arxiv_id(entry.arxiv_id) if entry.arxiv_id else None,
            url=entry.url,
            venue=entry.venue,
            year=entry.year,
            doi=entry.doi,
            sources=(source,),
            added=source.imported,
            seq=seq,
        )

    def merged_with(self, entry: Entry, source: Source) -> Paper:
        """This paper after seeing ``entry`` again in ``source``: the new source, and fields it lacked."""
        changes: dict[str, Any] = {}
        for name in FILLABLE:
            mine = getattr(self, name)
            theirs = getattr(entry, name)
            if name == "arxiv_id" and theirs:
                theirs = normalise_arxiv_id(theirs)
            if not mine and theirs:
                changes[name] = theirs
        if (
            entry.authors
            and self.authors
            and not entry.et_al
            and self.et_al
            and len(entry.authors) > len(self.authors)
        ):
            # A complete author list replaces a truncated "et al." one.
            changes["authors"] = entry.authors
            changes["et_al"] = False
        if changes:
            origin = f"{source.file} {source.imported[:10]}".strip()
            changes["filled"] = {**self.filled, **dict.fromkeys(changes, origin)}
        if source.key not in {s.key for s in self.sources}:
            changes["sources"] = (*self.sources, source)
        return replace(self, **changes) if changes else self

    @property
    def first_author(self) -> str:
        if not self.authors:
            return ""
        more = len(self.authors) > 1 or self.et_al
        return self.authors[0] + (" et al." if more else "")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "identity": self.identity,
            "title": self.title,
            "abstract": self.abstract,
            "authors": list(self.authors),
            "et_al": self.et_al,
            "sources": [s.to_dict() for s in self.sources],
            "added": self.added,
            "seq": self.seq,
        }
        optional = ("organisation", "score", "category", "date", "arxiv_id", "url", "venue", "year", "doi")
        for name in optional:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.code:
            data["code"] = True
        if self.filled:
            data["filled"] = dict(self.filled)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        score = data.get("score")
        year = data.get("year")
        return cls(
            id=str(data["id"]),
            identity=str(data.get("identity") or identity_key(data["title"], data.get("arxiv_id"))),
            title=str(data["title"]),
            abstract=str(data.get("abstract", "")),
            authors=tuple(str(a) for a in data.get("authors", ())),
            et_al=bool(data.get("et_al", False)),
            organisation=data.get("organisation"),
            score=float(score) if score is not None else None,
            category=data.get("category"),
            date=data.get("date"),
            code=bool(data.get("code", False)),
            arxiv_id=data.get("arxiv_id"),
            url=data.get("url"),
            venue=data.get("venue"),
            year=int(year) if year is not None else None,
            doi=data.get("doi"),
            sources=tuple(Source.from_dict(s) for s in data.get("sources", ())),
            added=str(data.get("added", "")),
            seq=int(data.get("seq", 0) or 0),
            filled={str(k): str(v) for k, v in (data.get("filled") or {}).items()},
        )

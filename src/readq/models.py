"""Core data types: what a digest yields, what the store keeps, and the user's own state.

Everything here is pure (no I/O) and frozen; ``to_dict``/``from_dict`` give the JSON shape that the store
and ``--json`` output use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
from typing import Any

from readq import clock
from readq.identity import identity_key as identity_key  # re-exported: models is where callers look
from readq.identity import normalise_arxiv_id as normalise_arxiv_id
from readq.identity import normalise_title as normalise_title
from readq.identity import paper_id_candidates as paper_id_candidates
from readq.identity import title_hash as title_hash

PRIORITIES = (0, 1, 2, 3)


def local_zone() -> tzinfo | None:
    """The zone times are shown in: the machine's (``None`` to ``astimezone``); tests replace it."""
    return None


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


STATE_FIELDS = (
    "read",
    "read_at",
    "priority",
    "triaged",
    "note",
    "note_updated",
    "tags",
    "citekey",
    "edits",
    "snoozed",
    "snoozed_on",
)

# Paper fields the user may correct (``readq edit``, ``E``): kept in the state as edits, never in papers.json.
EDITABLE = ("authors", "et_al", "year", "arxiv_id", "url", "venue")


def clean_edits(data: Any) -> dict[str, Any]:
    """Edits as stored (JSON) -> field -> value of the type ``Paper`` uses; unknown fields are dropped.

    ``None`` means "known to be unknown" (the user cleared a value the digest had)."""
    if not isinstance(data, dict):
        return {}
    edits: dict[str, Any] = {}
    for name, value in data.items():
        if name not in EDITABLE:
            continue
        try:
            if name == "authors":
                edits[name] = tuple(str(a) for a in value or ())
            elif name == "et_al":
                edits[name] = bool(value)
            elif name == "year":
                edits[name] = int(value) if value is not None else None
            else:
                edits[name] = str(value) if value is not None else None
        except (TypeError, ValueError):  # a hand-damaged value: dropped, the digest's value shows again
            continue
    return edits


def edit_stamp(name: str) -> str:
    """The stamps key of one edited field (edits merge field by field)."""
    return "edits." + name


@dataclass(frozen=True, slots=True)
class PaperState:
    """What the user did with a paper. Only papers the user touched have a stored state.

    ``stamps`` records when each field last changed, so two libraries can be merged field by field.
    """

    read: bool = False
    read_at: str | None = None
    priority: int = 0
    triaged: bool = False  # a priority was chosen (even 0): the paper has left the Inbox
    note: str = ""
    note_updated: str | None = None
    tags: tuple[str, ...] = ()
    citekey: str | None = None  # pinned the first time a citation used it; never changes afterwards
    edits: dict[str, Any] = field(default_factory=dict, hash=False)  # EDITABLE field -> corrected value
    snoozed: str | None = None  # YYYY-MM-DD: out of the Inbox until that day (readq.library.snoozing)
    snoozed_on: str | None = None  # YYYY-MM-DD: the day it was snoozed (the marker once it is back)
    stamps: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.priority and not self.triaged:  # a chosen priority always means triaged
            object.__setattr__(self, "triaged", True)

    @property
    def is_default(self) -> bool:
        kept = (self.read, self.priority, self.triaged, self.note, self.tags, self.citekey, self.edits)
        return not (any(kept) or self.snoozed)

    def changed(self, **changes: Any) -> PaperState:
        """A copy with ``changes`` applied; stamps and derived timestamps follow."""
        stamp = clock.now_iso()
        if "priority" in changes:
            priority = int(changes["priority"])
            if priority not in PRIORITIES:
                raise ValueError(f"priority must be 0-3, not {priority}")
            changes["priority"] = priority
            changes.setdefault("triaged", True)
        if "read" in changes:
            changes["read"] = bool(changes["read"])
            if changes["read"] != self.read:
                changes.setdefault("read_at", stamp if changes["read"] else None)
        if "note" in changes and changes["note"] != self.note:
            changes.setdefault("note_updated", stamp if changes["note"] else None)
        if "tags" in changes:
            changes["tags"] = tuple(dict.fromkeys(t for t in changes["tags"] if t))
        if "edits" in changes:
            changes["edits"] = clean_edits(dict(changes["edits"]))
        actual = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if not actual:
            return self
        stamps = dict(self.stamps)
        for name in actual:
            stamps[name] = stamp
        if "edits" in actual:  # each edited field keeps its own time, so edits merge field by field
            new = actual["edits"]
            for name in new.keys() | self.edits.keys():
                if name not in new or name not in self.edits or new[name] != self.edits[name]:
                    stamps[edit_stamp(name)] = stamp
        return replace(self, **actual, stamps=stamps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "read_at": self.read_at,
            "priority": self.priority,
            "triaged": self.triaged,
            "note": self.note,
            "note_updated": self.note_updated,
            "tags": list(self.tags),
            "citekey": self.citekey,
            "edits": {k: list(v) if k == "authors" else v for k, v in self.edits.items()},
            "snoozed": self.snoozed,
            "snoozed_on": self.snoozed_on,
            "stamps": dict(self.stamps),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaperState:
        priority = int(data.get("priority", 0) or 0)
        return cls(
            read=bool(data.get("read", False)),
            read_at=data.get("read_at"),
            priority=priority if priority in PRIORITIES else 0,
            triaged=bool(data.get("triaged", priority > 0)),
            note=str(data.get("note", "") or ""),
            note_updated=data.get("note_updated"),
            tags=tuple(str(t) for t in data.get("tags", ()) or ()),
            citekey=str(data["citekey"]) if data.get("citekey") else None,
            edits=clean_edits(data.get("edits")),
            snoozed=_day(data.get("snoozed")),
            snoozed_on=_day(data.get("snoozed_on")),
            stamps={str(k): str(v) for k, v in (data.get("stamps") or {}).items()},
        )


def _day(value: Any) -> str | None:
    """A stored YYYY-MM-DD day, else None (a hand-damaged value is dropped: the paper is not snoozed)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


DEFAULT_STATE = PaperState()

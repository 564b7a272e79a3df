"""What the user did with a paper: read, priority, note, tags, citation key, metadata edits and snooze, with a
stamp per field so two libraries merge field by field. Pure and frozen, like :mod:`readq.models`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from readq import clock

PRIORITIES = (0, 1, 2, 3)


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

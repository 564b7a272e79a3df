"""CSL-JSON (the "csl-json" layout): what Zotero, Better BibTeX's auto-export, pandoc and readq write; pure.

A JSON array of items (or Zotero's API form, ``{"items": [...]}``). Per item: ``id`` -> the pinned citation
key; ``title``; ``author`` names in parts (``non-dropping-particle`` and ``dropping-particle`` join the family
name, ``literal`` stays whole); ``issued`` -> year (and month); ``container-title`` -> venue unless it just
says arXiv; ``DOI``; ``URL``; ``abstract``; the arXiv id from ``number``/``archive_location``
(``arXiv:2201.01234``), the URL, a ``note`` such as Zotero's ``arXiv: 2201.01234``, or arXiv's DOI.

Warnings: an item that is not an object, or has no title (skipped).
"""

from __future__ import annotations

from typing import Any

import orjson

from readq.models import Entry, Warning_
from readq.parsing.references import reference_entry
from readq.text.clean import DigestError
from readq.text.person import Name


def _items(text: str) -> list[Any] | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith(("[", "{")):
        return None
    try:
        data = orjson.loads(stripped)
    except orjson.JSONDecodeError:
        return None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list) or not data or not all(isinstance(i, dict) for i in data[:20]):
        return None
    if not any(("title" in i or "type" in i) and ("id" in i or "author" in i) for i in data[:20]):
        return None
    return data


def looks_like_csl_json(text: str) -> bool:
    """A JSON array of objects with titles or types (or ``{"items": [...]}``): the test detection uses."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    return head in ("[", "{") and _items(text) is not None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else (str(value) if isinstance(value, int | float) else "")


def _name(data: Any) -> Name | None:
    if not isinstance(data, dict):
        return None
    if data.get("literal"):
        return Name(literal=" ".join(_text(data["literal"]).split()))
    particles = [_text(data.get("dropping-particle")), _text(data.get("non-dropping-particle"))]
    family = " ".join(" ".join([*particles, _text(data.get("family"))]).split())
    given = " ".join(_text(data.get("given")).split())
    if not family:
        return Name(literal=given) if given else None
    return Name(family=family, given=given, suffix=" ".join(_text(data.get("suffix")).split()))


def _issued(data: Any) -> tuple[int | None, int | None]:
    if not isinstance(data, dict):
        return None, None
    parts = data.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0]
        try:
            year = int(first[0])
            month = int(first[1]) if len(first) > 1 and 1 <= int(first[1]) <= 12 else None
        except (TypeError, ValueError):
            return None, None
        return year, month
    raw = _text(data.get("raw") or data.get("literal"))
    return (int(raw[:4]), None) if raw[:4].isdigit() else (None, None)


def _entry(item: dict[str, Any], line: int) -> Entry:
    names = [n for n in (_name(a) for a in item.get("author") or [] if isinstance(a, dict)) if n]
    year, month = _issued(item.get("issued"))
    return reference_entry(
        title=_text(item.get("title")),
        names=names,
        year=year,
        month=month,
        venue=_text(item.get("container-title")),
        doi=_text(item.get("DOI")),
        url=_text(item.get("URL")),
        abstract=_text(item.get("abstract")),
        citekey=_text(item.get("id")),
        hints=[_text(item.get(k)) for k in ("number", "archive_location", "URL", "note")],
        line=line,
    )


def parse_csl_json(text: str) -> tuple[list[Entry], str | None, list[Warning_], str]:
    """Entries, (no) digest date, warnings and a summary ("3 items, 2 with arXiv ids")."""
    items = _items(text)
    if items is None:
        raise DigestError("not CSL-JSON: a JSON array of items (objects with a title) was expected")
    entries: list[Entry] = []
    warnings: list[Warning_] = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            warnings.append(Warning_(0, f"item {number} is not an object; skipped"))
            continue
        entry = _entry(item, 0)  # JSON has no line to point at: messages name the item
        if not entry.title:
            warnings.append(Warning_(0, f"item {number} ({_text(item.get('id'))!r}) has no title; skipped"))
            continue
        entries.append(entry)
    with_ids = sum(1 for e in entries if e.arxiv_id)
    return entries, None, warnings, f"{len(entries)} items, {with_ids} with arXiv ids"

"""The catalog: every paper's fields except the abstract, in columns, with its position in the papers file.

It is what the app needs for its first frame (titles, authors, sources, sort keys, counts) and what an import
needs to de-duplicate (arXiv id and a fingerprint of the normalised title), so neither parses the papers
file. It is a derived cache, saved as ``catalog.bin`` beside ``papers.json`` and stamped with the papers
file's signature: a stale or damaged catalog is rebuilt from the papers file, never trusted.

``catalog.bin`` is ``marshal`` data (basic types only, 5× faster to load than JSON) behind a header with
the Python version and a CRC-32 of the payload, so a file from another Python, a torn write or a
flipped bit is detected and the catalog rebuilt instead of loaded.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from readq.identity import identity_key, title_hash
from readq.models import DETAILS, Paper, Source
from readq.store.jsonfile import Signature, atomic_write
from readq.store.lines import DocLine

MAGIC = b"readq-catalog\n"
VERSION = 3
SCALARS = ("id", "title", *DETAILS, "added", "seq")
SEP = "\x1f"  # between the authors of a paper, in one string: one object per paper loads faster than many


def split_authors(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(SEP)) if joined else ()


COLUMNS = (*SCALARS, "authors", "src", "title_hash", "has_abstract", "offset", "length")


class CatalogError(Exception):
    """catalog.bin cannot be used (missing, stale, damaged, another Python)."""


class Catalog:
    """Columns of paper fields; row ``i`` is one paper. Sources are interned in ``sources``."""

    def __init__(
        self,
        columns: dict[str, list[Any]],
        sources: list[tuple[str, str | None, str, str]],
        stamp: Signature | None,
    ) -> None:
        self.columns = columns
        self.sources = sources
        self.stamp = stamp
        self.ids: list[str] = columns["id"]
        self._row_of: dict[str, int] | None = None
        self._source_index = {s: i for i, s in enumerate(sources)}

    @property
    def row_of(self) -> dict[str, int]:
        """Paper id -> row (built when first needed: the first frame does not need it)."""
        if self._row_of is None:
            self._row_of = {pid: i for i, pid in enumerate(self.ids)}
        return self._row_of

    # -- building -------------------------------------------------------------------------------------
    @classmethod
    def empty(cls) -> Catalog:
        return cls({name: [] for name in COLUMNS}, [], None)

    @classmethod
    def build(cls, docs: Iterable[tuple[DocLine, Mapping[str, Any]]], stamp: Signature | None) -> Catalog:
        catalog = cls.empty()
        for line, doc in docs:
            catalog.put(doc, line)
        catalog.stamp = stamp
        return catalog

    def _source_id(self, source: Mapping[str, Any]) -> int:
        key = (
            str(source.get("file", "")),
            source.get("date"),
            str(source.get("imported", "")),
            str(source.get("layout", "")),
        )
        index = self._source_index.get(key)
        if index is None:
            index = self._source_index[key] = len(self.sources)
            self.sources.append(key)
        return index

    def put(self, doc: Mapping[str, Any], line: DocLine) -> None:
        """Add a paper's row, or replace it when the id is known."""
        columns = self.columns
        values: dict[str, Any] = {name: doc.get(name) for name in SCALARS}
        values["et_al"] = bool(values["et_al"])
        values["code"] = bool(values["code"])
        values["seq"] = int(values["seq"] or 0)
        values["added"] = str(values["added"] or "")
        values["authors"] = SEP.join(str(a) for a in doc.get("authors", ()))
        values["src"] = tuple(self._source_id(s) for s in doc.get("sources", ()))
        values["title_hash"] = title_hash(str(doc["title"]))
        values["has_abstract"] = bool(str(doc.get("abstract", "")).strip())
        values["offset"], values["length"] = line.offset, line.length
        pid = str(values["id"])
        row = self.row_of.get(pid)
        if row is None:
            self.row_of[pid] = len(self.ids)
            for name in COLUMNS:
                columns[name].append(values[name])
        else:
            for name in COLUMNS:
                columns[name][row] = values[name]

    def remove(self, pids: Iterable[str]) -> None:
        gone = {self.row_of[pid] for pid in pids if pid in self.row_of}
        if not gone:
            return
        for name in COLUMNS:
            column = self.columns[name]
            self.columns[name] = [v for i, v in enumerate(column) if i not in gone]
        self.ids = self.columns["id"]
        self._row_of = None

    def move(self, lines: Iterable[DocLine]) -> None:
        """Record where each paper now lies in the papers file (after a rewrite)."""
        offsets, lengths = self.columns["offset"], self.columns["length"]
        by_doc = {int(pid, 16): i for i, pid in enumerate(self.ids)}
        for line in lines:
            row = by_doc[line.doc_id]
            offsets[row], lengths[row] = line.offset, line.length

    # -- reading --------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def line(self, row: int) -> DocLine:
        return DocLine(int(self.ids[row], 16), self.columns["offset"][row], self.columns["length"][row])

    def row_sources(self, row: int) -> tuple[Source, ...]:
        return tuple(Source(*self.sources[i]) for i in self.columns["src"][row])

    def paper(self, row: int, abstract: str = "") -> Paper:
        """The row as a Paper (with ``abstract`` supplied by the caller, who read it from the file)."""
        c = self.columns
        return Paper(
            id=c["id"][row],
            identity=identity_key(c["title"][row], c["arxiv_id"][row]),
            title=c["title"][row],
            abstract=abstract,
            authors=split_authors(c["authors"][row]),
            et_al=c["et_al"][row],
            organisation=c["organisation"][row],
            score=c["score"][row],
            category=c["category"][row],
            date=c["date"][row],
            code=c["code"][row],
            arxiv_id=c["arxiv_id"][row],
            url=c["url"][row],
            venue=c["venue"][row],
            year=c["year"][row],
            sources=self.row_sources(row),
            added=c["added"][row],
            seq=c["seq"][row],
        )

    # -- saving ---------------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        payload = marshal.dumps((VERSION, self.stamp, self.sources, self.columns))
        tag = f"{sys.version_info[0]}.{sys.version_info[1]}".encode()
        digest = f"{zlib.crc32(payload):08x}".encode()
        atomic_write(path, MAGIC + tag + b"\n" + digest + b"\n" + payload)

    @classmethod
    def load(cls, path: Path, expected: Signature | None) -> Catalog:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CatalogError(f"cannot read {path.name}: {error.strerror}") from None
        if not raw.startswith(MAGIC):
            raise CatalogError("not a catalog")
        view = memoryview(raw)
        first = raw.find(b"\n", len(MAGIC))
        second = raw.find(b"\n", first + 1) if first >= 0 else -1
        if second < 0:
            raise CatalogError("truncated")
        tag, digest, payload = raw[len(MAGIC) : first], raw[first + 1 : second], view[second + 1 :]
        if tag != f"{sys.version_info[0]}.{sys.version_info[1]}".encode():
            raise CatalogError("written by another Python version")
        if f"{zlib.crc32(payload):08x}".encode() != digest:
            raise CatalogError("checksum mismatch")
        try:
            version, stamp, sources, columns = marshal.loads(payload)
        except (ValueError, EOFError, TypeError) as error:
            raise CatalogError(f"unreadable ({error})") from None
        if version != VERSION or set(columns) != set(COLUMNS):
            raise CatalogError("another catalog version")
        if expected is not None and tuple(stamp or ()) != tuple(expected):
            raise CatalogError("stale: the papers file changed since the catalog was written")
        return cls(columns, [tuple(s) for s in sources], tuple(stamp) if stamp else None)

"""The papers file with its catalog: opened without parsing the papers, read one paper at a time, written
by imports as a stream that copies unchanged papers byte for byte (see lines.py and catalog.py)."""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import ItemsView, Iterable, Iterator, Mapping, ValuesView
from pathlib import Path
from typing import Any

import orjson

from readq.models import Paper
from readq.store import lines, safety
from readq.store.catalog import Catalog, CatalogError
from readq.store.files import META, PAPERS_FILE, TinyFile, parse_header
from readq.store.jsonfile import CorruptFileError, Signature, signature
from readq.store.safety import StoreError

CATALOG_FILE = "catalog.bin"
CACHE = 512  # papers kept materialised (the detail pane, citations)


def doc_id(pid: str) -> int:
    return int(pid, 16)


def companion(target: Path, usual: str, name: str) -> Path:
    """The file kept beside the data file ``target`` (its real file, a link's target): ``name`` when the
    file has its usual name, else prefixed with the file's own name so that two such files in one folder
    never share one."""
    return target.with_name(name if target.name == usual else f"{target.name}.{name}")


def check_doc(key: int, doc: Any) -> None:
    """Raise (KeyError, TypeError, ValueError, AttributeError) unless ``doc`` is a paper stored under
    ``key``."""
    if not isinstance(doc, dict):
        raise TypeError(f"a {type(doc).__name__}, not an object")
    if not isinstance(doc.get("title"), str) or not isinstance(doc.get("id"), str):
        raise ValueError("no title or id")
    if doc_id(doc["id"]) != key:
        raise ValueError(f"its id {doc['id']!r} does not match its key")
    Paper.from_dict(doc)


class PapersFile(TinyFile):
    def __init__(self, path: Path, lock_timeout: float) -> None:
        super().__init__(path, "papers", "papers", lock_timeout)
        # Derived from the papers file, so it lives beside the real file: every data dir linking to that
        # file shares one catalog (it is stamped with the file's signature either way).
        self.catalog_path = companion(self.target, PAPERS_FILE, CATALOG_FILE)
        self.catalog = Catalog.empty()
        self.tables: dict[str, Any] = self.initial()
        self._fd: int | None = None
        self._cache: OrderedDict[str, Paper] = OrderedDict()

    # -- opening ------------------------------------------------------------------------------------
    def create(self) -> None:
        lines.write_file(self.path, self.initial(), ())

    def read_meta(self) -> dict[str, Any] | None:
        if not lines.is_line_layout(self.path):
            return super().read_meta()  # an older or foreign layout: parsed whole, rewritten in opened()
        try:
            with open(self.path, "rb") as handle:
                self.tables = parse_header(handle.readline())
        except (OSError, ValueError) as error:
            raise self.corrupt(f"its first line is damaged ({error})") from None
        meta = self.tables.get(META, {}).get("1")
        return meta if isinstance(meta, dict) else None

    def migrate(self, version: int) -> None:
        super().migrate(version)
        self._relayout()

    def opened(self) -> None:
        if not lines.is_line_layout(self.path):
            self._relayout()
        self.load()

    def read_snapshot(self) -> None:
        if not lines.is_line_layout(self.path):
            raise StoreError(
                f"{self.path} is in an older layout that readq rewrites when it opens it, which needs the "
                + (f"lock and a writable library ({self.read_only})" if self.read_only else "lock; try again")
            )
        self.load()

    def _relayout(self) -> None:
        """Rewrite a whole-document file (TinyDB's own layout) as one paper per line, once its papers are
        known good (a damaged file is set aside as it is, never rewritten), keeping a copy of it first."""
        data = self.raw()
        rows = data.get(lines.TABLE, {})
        for key, doc in rows.items():
            try:
                check_doc(int(key), doc)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise self.bad_record(key, error) from None
        self.tables = {name: table for name, table in data.items() if name != lines.TABLE}
        docs = ((int(k), lines.doc_bytes(v, self.path)) for k, v in rows.items())
        safety.rotate_backup(self.path)
        lines.write_file(self.path, self.tables, docs)
        self.storage.invalidate()

    # -- the catalog and the open file ----------------------------------------------------------------
    def load(self) -> None:
        """Open the current papers file and its catalog (rebuilding the catalog when stale)."""
        fd = os.open(self.path, os.O_RDONLY)
        try:
            st = os.fstat(fd)
            stamp: Signature = (st.st_ino, st.st_size, st.st_mtime_ns)
            try:
                catalog = Catalog.load(self.catalog_path, stamp)
            except CatalogError:
                catalog = self._rebuild(fd, stamp)
        except BaseException:
            os.close(fd)
            raise
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self.catalog, self.loaded = fd, catalog, stamp
        self._cache.clear()

    def _rebuild(self, fd: int, stamp: Signature) -> Catalog:
        """The catalog of the file open as ``fd``, read whole: every line checked, every paper validated."""
        with os.fdopen(os.dup(fd), "rb") as handle:
            try:
                first = handle.readline()
                self.tables = parse_header(first)
                handle.seek(0)
                catalog = Catalog.build(self._checked(lines.scan(handle)), stamp)
            except ValueError as error:  # lines.LayoutError, or the first line
                raise self.corrupt(f"it is not valid JSON ({error})") from None
        with contextlib.suppress(StoreError, OSError), self.locked(timeout=0.5):
            if signature(self.path) == stamp:  # nobody replaced it meanwhile: the catalog is current
                catalog.save(self.catalog_path)
        return catalog

    def _checked(self, docs: Iterable[tuple[lines.DocLine, bytes]]) -> Iterator[tuple[lines.DocLine, Any]]:
        """Each paper's document, refusing (setting the file aside) one that is not a paper."""
        for line, body in docs:
            try:
                doc = orjson.loads(body)
            except orjson.JSONDecodeError as error:
                number = lines.line_number(self.path, line.offset)
                raise self.corrupt(f"it is not valid JSON (line {number}: {error})") from None
            try:
                check_doc(line.doc_id, doc)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise self.bad_record(str(line.doc_id), error) from None
            yield line, doc

    def reload(self) -> None:
        try:
            self.read_meta()
        except CorruptFileError as error:
            raise self.corrupt(error.reason) from None
        self.load()

    # -- reading ------------------------------------------------------------------------------------
    def paper(self, pid: str) -> Paper:
        cached = self._cache.get(pid)
        if cached is not None:
            self._cache.move_to_end(pid)
            return cached
        row = self.catalog.row_of[pid]  # KeyError for an unknown id
        try:
            paper = Paper.from_dict(self.doc(row))
        except (StoreError, KeyError, TypeError, ValueError, AttributeError):
            # The file was changed in place under the open app (a sync tool, an editor): its paper cannot be
            # read any more. Show what the catalog knows (all but the abstract) rather than fail; the next
            # sync finds the damage, sets the file aside and says so, and nothing is written to it.
            return self.catalog.paper(row)
        self._cache[pid] = paper
        if len(self._cache) > CACHE:
            self._cache.popitem(last=False)
        return paper

    def doc(self, row: int) -> dict[str, Any]:
        if self._fd is None:
            raise StoreError("the papers file is not open")
        try:
            return lines.read_doc(self._fd, self.catalog.line(row))
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot read a paper from {self.path.name}: {error}") from None

    def docs(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every paper's row and document, streamed in file order."""
        if self._fd is None:
            return
        with os.fdopen(os.dup(self._fd), "rb") as handle:
            handle.seek(0)
            try:
                for line, body in lines.scan(handle):
                    yield self.catalog.row_of[f"{line.doc_id:08x}"], orjson.loads(body)
            except (ValueError, KeyError) as error:  # changed in place since it was opened
                raise StoreError(
                    f"cannot read {self.path.name}: it was changed while readq was reading it ({error})"
                ) from None

    # -- writing ------------------------------------------------------------------------------------
    def write(
        self, new: Mapping[str, Paper], updated: Mapping[str, Paper], removed: Iterable[str] = ()
    ) -> None:
        """Stream the file with ``updated`` replaced, ``removed`` dropped and ``new`` appended; then the
        catalog. The caller holds the lock and has synced."""
        gone = frozenset(doc_id(pid) for pid in removed)
        replace = {doc_id(p.id): lines.doc_bytes(p.to_dict()) for p in updated.values()}
        added = [(doc_id(p.id), lines.doc_bytes(p.to_dict())) for p in new.values()]
        try:
            positions, everything = lines.write_file(
                self.path, self.tables, added, source=self.path, replace=replace, remove=gone
            )
        except lines.LayoutError as error:  # changed in place since it was read: keep it as it is
            raise self.corrupt(f"it is not valid JSON ({error})") from None
        catalog = self.catalog
        catalog.remove(f"{d:08x}" for d in gone)
        where = {line.doc_id: line for line in positions}
        for paper in (*updated.values(), *new.values()):
            catalog.put(paper.to_dict(), where[doc_id(paper.id)])
        if everything:  # streamed: every paper may have moved (an append-only write keeps them in place)
            catalog.move(positions)
        catalog.stamp = signature(self.path)
        # The papers are on disk: a catalog that cannot be saved (disk full) is rebuilt at the next start.
        with contextlib.suppress(OSError, StoreError):
            catalog.save(self.catalog_path)
        self._cache.clear()
        self._reopen(catalog)
        self.backup_if_due()

    def _reopen(self, catalog: Catalog) -> None:
        fd = os.open(self.path, os.O_RDONLY)
        if self._fd is not None:
            os.close(self._fd)
        self._fd = fd
        self.catalog = catalog
        self.loaded = catalog.stamp

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self.db.close()


class PaperMap(Mapping[str, Paper]):
    """``store.papers``: every paper by id, read from the papers file on access (a few hundred are cached).
    Iterating over values streams the file once."""

    def __init__(self, file: PapersFile) -> None:
        self._file = file

    def __getitem__(self, pid: str) -> Paper:
        return self._file.paper(pid)

    def __contains__(self, pid: object) -> bool:
        return pid in self._file.catalog.row_of

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._file.catalog.ids))

    def __len__(self) -> int:
        return len(self._file.catalog)

    def values(self) -> ValuesView[Paper]:
        return _StreamedValues(self)

    def items(self) -> ItemsView[str, Paper]:
        return _StreamedItems(self)

    def stream(self) -> Iterator[Paper]:
        for _, doc in self._file.docs():
            yield Paper.from_dict(doc)


class _StreamedValues(ValuesView[Paper]):
    def __init__(self, papers: PaperMap) -> None:
        super().__init__(papers)
        self._papers = papers

    def __iter__(self) -> Iterator[Paper]:
        return self._papers.stream()


class _StreamedItems(ItemsView[str, Paper]):
    def __init__(self, papers: PaperMap) -> None:
        super().__init__(papers)
        self._papers = papers

    def __iter__(self) -> Iterator[tuple[str, Paper]]:
        for paper in self._papers.stream():
            yield paper.id, paper

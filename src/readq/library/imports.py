"""The one import pipeline of the CLI and the app: source -> detect -> parse -> preview -> apply.

- source: a file path, stdin or text (pasted, or read from the clipboard by the caller);
- detect and parse (:func:`read_import`): readq's own JSON export (:func:`readq.citations.export.
  read_library_json`), else a digest in any format :mod:`readq.parsing` knows;
- preview (:func:`preview_import`): what the import would do, nothing written;
- apply (:func:`apply_import`): one write; a digest import is one undoable step of the library's history.
  Merging a JSON export changes papers and states together and is not undoable (``undoable`` says so).

The CLI reads with :func:`read_source` and applies to its :class:`~readq.store.Store` (no history); the app
previews and applies through its :class:`~readq.library.service.Library`; both detect with
:func:`read_import`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readq.citations.export import LibraryFile, read_library_json
from readq.library.exchange import LibraryImportReport, import_library
from readq.models import ParseResult
from readq.parsing import Progress, parse, parse_bytes
from readq.system.sources import (
    DEFAULT_IMPORT_LIMIT_MB,
    SourceError,
    limit_bytes,
    pasted_label,
    read_bounded,
    read_path,
)

if TYPE_CHECKING:
    from readq.library.history import Step
    from readq.library.service import Library
    from readq.store import ImportReport

Incoming = ParseResult | LibraryFile  # what a source holds: a parsed digest, or readq's JSON export


ZOTERO_SOURCE = "zotero:"  # the running Zotero's library, through its local API


def read_source(name: str, limit_mb: int = DEFAULT_IMPORT_LIMIT_MB) -> tuple[bytes, str]:
    """The bytes of a file (``-``: stdin, labelled with the time: ``stdin-2026-12-04-0930``; ``zotero:``:
    the local Zotero library as CSL-JSON) and the label the import records: raises OSError, SourceError.
    More than ``limit_mb`` MB is refused (SourceError) before it fills the memory."""
    if name == "-":
        data = read_bounded(sys.stdin.buffer, "standard input", limit_bytes(limit_mb))
        return data, pasted_label(kind="stdin")
    if name == ZOTERO_SOURCE:
        return _read_zotero(), "zotero"
    return read_path(name, limit=limit_bytes(limit_mb))


def _read_zotero() -> bytes:
    from readq.online.http import Cancelled, Http, OnlineError
    from readq.online.zotero import read_library, zotero_url

    try:
        with Http(timeout=20.0, retries=1) as http:
            return read_library(http, zotero_url())
    except OnlineError as error:
        raise SourceError(str(error)) from None
    except Cancelled:  # pragma: no cover - the CLI's ctrl+c arrives as KeyboardInterrupt
        raise SourceError("cancelled") from None


def read_import(
    data: bytes | str, layout: str | None = None, *, progress: Progress | None = None
) -> Incoming:
    """Detect and parse: readq's JSON export when ``data`` is one, else a digest (``layout`` or detected).
    Raises LibraryFileError (a damaged export), DigestError or ValueError (not importable)."""
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    export = read_library_json(raw)
    if export is not None:
        return export
    if isinstance(data, str):
        return parse(data, layout, progress=progress)
    return parse_bytes(data, layout, progress=progress)


def undoable(incoming: Incoming) -> bool:
    """Whether applying ``incoming`` in the app is one step ``u`` undoes (a JSON export's merge is not)."""
    return not isinstance(incoming, LibraryFile)


def preview_import(library: Library, incoming: Incoming, label: str) -> ImportReport | LibraryImportReport:
    """What importing ``incoming`` would do to the library; nothing is written."""
    if isinstance(incoming, LibraryFile):
        return import_library(library.store, incoming, label, dry_run=True)
    return library.preview_import(incoming, label)


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_import` did: its report, whether anything was written, the undo step if any."""

    report: ImportReport | LibraryImportReport
    written: bool
    step: Step | None = None


def apply_import(library: Library, incoming: Incoming, label: str) -> Applied:
    """Import into the library in one write: a digest as one undoable step; a JSON export merged (papers and
    states; not undoable), the library's records rebuilt after it."""
    if isinstance(incoming, LibraryFile):
        report = import_library(library.store, incoming, label, dry_run=False)
        if report.written:
            library.reload_records()
        return Applied(report, report.written)
    digest, step = library.import_result(incoming, label)
    return Applied(digest, step is not None, step)

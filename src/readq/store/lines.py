"""The papers file's layout: an ordinary TinyDB JSON document with one paper per line.

    {"_meta":{"1":{…}},"papers":{
    "3402542991":{"id":"caceaf8f",…},
    "2797118832":{"id":"a6b7…",…}
    }}

TinyDB (and any JSON reader) opens it as usual. readq uses the layout to go faster than a whole-file parse:
an import streams the file, copying unchanged papers byte for byte and writing only new or changed ones; the
app reads one paper by its byte offset without parsing the others; the search index is built line by line
in the background without holding the interpreter for seconds. orjson never writes a raw newline inside a
string, so a paper is always exactly one line.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from readq.store.jsonfile import UnsavableDataError, atomic_write

TABLE = "papers"
FOOTER = b"\n}}\n"


@dataclass(frozen=True)
class DocLine:
    doc_id: int
    offset: int  # byte offset of the document's JSON object in the file
    length: int  # its length in bytes


def header(tables: Mapping[str, Any]) -> bytes:
    """Everything before the first paper: the small tables, then the opening of the papers table."""
    small = b",".join(
        orjson.dumps(name) + b":" + orjson.dumps(value) for name, value in tables.items() if name != TABLE
    )
    return b"{" + small + (b"," if small else b"") + orjson.dumps(TABLE) + b":{"


def doc_bytes(doc: Mapping[str, Any], path: Path | None = None) -> bytes:
    try:
        return orjson.dumps(doc)
    except orjson.JSONEncodeError as error:  # a lone surrogate (a file name that is not UTF-8, say)
        raise UnsavableDataError(path or Path("papers.json"), error) from None


def is_line_layout(path: Path) -> bool:
    """True when ``path`` starts like a line-layout papers file (checked cheaply: the first line)."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(1 << 20)
    except OSError:
        return False
    return first.startswith(b"{") and first.rstrip(b"\r\n").endswith(b'"papers":{')


class LayoutError(ValueError):
    """The file is not the line layout it starts as: cut short, something after its end, a line that is
    not a paper. (Whatever it is, it is not a valid JSON document either.)"""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line


def scan(handle: BinaryIO) -> Iterator[tuple[DocLine, bytes]]:
    """Each paper's position and JSON bytes, in file order (``handle`` at the start of the file).

    Checks the layout around the papers as it goes, so that a file cut short at a line end, one with
    something after its last line or a paper line missing its comma is refused (:class:`LayoutError`)
    like any file that is not valid JSON; each paper's JSON itself is parsed by the caller."""
    first = handle.readline()
    offset = len(first)
    number = 1
    ended = False  # the closing "}}" was seen
    comma = False  # the paper line before ended with a comma: another paper must follow
    papers = 0
    for line in handle:
        number += 1
        start = offset
        offset += len(line)
        body = line.rstrip(b"\r\n")
        if not body.strip():
            continue
        if ended:
            raise LayoutError(number, "there is more after the end of the document")
        if body == b"}}":
            if comma:
                raise LayoutError(number, "the last paper line ends with a comma")
            ended = True
            continue
        if papers and not comma:
            raise LayoutError(number, "the paper line before this one does not end with a comma")
        comma = body.endswith(b",")
        if comma:
            body = body[:-1]
        colon = body.find(b'":')
        key = body[1:colon]
        if not body.startswith(b'"') or colon < 2 or not key.isdigit() or len(body) == colon + 2:
            raise LayoutError(number, 'not a paper line ("<number>":{…})')
        if not line.endswith(b"\n"):
            raise LayoutError(number, "the file ends inside a paper (cut short?)")
        papers += 1
        yield DocLine(int(key), start + colon + 2, len(body) - colon - 2), body[colon + 2 :]
    if not ended:
        raise LayoutError(number, "the file ends before the end of the document (cut short?)")


def line_number(path: Path, offset: int) -> int:
    """The line of ``path`` that byte ``offset`` is on (for messages about a damaged file)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(offset).count(b"\n") + 1
    except OSError:
        return 0


def read_doc(fd: int, line: DocLine) -> dict[str, Any]:
    data = orjson.loads(os.pread(fd, line.length, line.offset))
    if not isinstance(data, dict):
        raise ValueError("not a paper")
    return data


class _Writer:
    """Writes the layout to a temporary file, recording where each paper lands."""

    def __init__(self, write: Callable[[bytes], None], head: bytes, *, docs_before: int = 0) -> None:
        self.write = write
        self.offset = 0
        self.lines: list[DocLine] = []
        self._written = docs_before
        self._write(head)

    def _write(self, data: bytes) -> None:
        self.write(data)
        self.offset += len(data)

    def doc(self, doc_id: int, body: bytes) -> None:
        prefix = (b",\n" if self._written else b"\n") + b'"' + str(doc_id).encode() + b'":'
        self._written += 1
        self._write(prefix)
        self.lines.append(DocLine(doc_id, self.offset, len(body)))
        self._write(body)

    def finish(self) -> None:
        self._write(FOOTER)


def _appendable(source: Path, head: bytes) -> int | None:
    """Bytes of ``source`` to copy as they are when new papers are only appended (its whole text but the
    footer), or None when it must be streamed paper by paper (another header, an unusual end)."""
    try:
        with open(source, "rb") as old:
            size = os.fstat(old.fileno()).st_size
            if old.read(len(head) + 1) not in (head + b"\n",):
                return None
            old.seek(size - len(FOOTER))
            if old.read() != FOOTER:
                return None
    except OSError:
        return None
    return size - len(FOOTER)


def write_file(
    path: Path,
    tables: Mapping[str, Any],
    docs: Iterable[tuple[int, bytes]],
    source: Path | None = None,
    replace: Mapping[int, bytes] | None = None,
    remove: frozenset[int] = frozenset(),
) -> tuple[list[DocLine], bool]:
    """Atomically write ``path``: the papers of ``source`` (a line-layout file, streamed; ``replace`` swaps
    some, ``remove`` drops some) followed by ``docs``. Returns the positions of the papers written and
    whether that is every paper (False: ``source``'s papers were copied as they were, at the same places)."""
    replace = replace or {}
    head = header(tables)
    keep = _appendable(source, head) if source is not None and not replace and not remove else None
    written: list[_Writer] = []

    def fill(write: Callable[[bytes], None]) -> None:
        old_papers = source
        if keep is not None and old_papers is not None:  # only new papers: copy the old ones in one go
            with open(old_papers, "rb") as old:
                left = keep
                while left > 0:
                    chunk = old.read(min(left, 1 << 22))
                    if not chunk:
                        raise OSError(errno.EIO, "the papers file shrank while it was copied")
                    write(chunk)
                    left -= len(chunk)
            writer = _Writer(write, b"", docs_before=int(keep > len(head) + 1))
            writer.offset = keep
            old_papers = None
        else:
            writer = _Writer(write, head)
        if old_papers is not None:
            with open(old_papers, "rb") as old:
                for line, body in scan(old):
                    if line.doc_id in remove:
                        continue
                    writer.doc(line.doc_id, replace.get(line.doc_id, body))
        for doc_id, body in docs:
            writer.doc(doc_id, body)
        writer.finish()
        written.append(writer)

    # A new papers file is made like any other file (0o666 less the umask), as it always was.
    atomic_write(path, fill, mode=0o666)
    return written[0].lines, keep is None

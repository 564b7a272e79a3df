"""Bytes to clean text: decoding, binary detection, and the control-character scrub every field goes through.

Rules
- ``decode``: a UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark is decoded as UTF-16 (that
  is how some editors save "Unicode" text). Bytes that are not valid UTF-8 become U+FFFD and each affected
  line gets a warning. NUL bytes are removed, each affected line gets a warning. Per-line warnings of one kind
  stop after ``WARNING_CAP`` lines and end with one "and N more lines" warning.
- Text is *binary* (``DigestError``) when it starts with a well-known binary signature (PDF, PNG, ZIP…), or
  when more than 10 % of its characters are NULs, other C0 controls or replacement characters, or when it
  holds more than 16 NULs making up over 1 % of it.
- ``clean_field``: removes whole terminal escape sequences (CSI ``ESC [ … final``, OSC/DCS/APC/PM/SOS up to
  BEL or ST or the end of the field, two-character escapes) and then every remaining C0 control except
  newline and tab, DEL, C1 controls (U+0080–U+009F), the bidi embedding/override/isolate controls
  (U+202A–U+202E, U+2066–U+2069) and stray byte-order marks (U+FEFF). Tabs, NBSP and the other Unicode
  spaces become plain spaces, runs of spaces collapse to one, and spaces at the ends are stripped.
  Bracketed text such as ``[/]`` or ``[@click=app.quit]`` is left alone: it is legitimate title text, and
  it is the UI's job to show it literally.
"""

from __future__ import annotations

import codecs
import re
import threading
from bisect import bisect_right
from collections.abc import Callable

from readq.models import Warning_
from readq.text.terminal import SEQUENCES as _SEQUENCES

WARNING_CAP = 10


class DigestError(ValueError):
    """The text is not a digest at all (empty, binary, prose, a README…); the message says why."""


Progress = Callable[[int, int], None]
"""``progress(done, total)``, called now and then by the long parsers. It may raise to stop the parse (the
app's cancel button does): nothing has been written by then, so stopping is always safe."""


# --- cleaning -------------------------------------------------------------------------------------------

_CONTROL_CHARS = "\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff"
_NEEDS_SCRUB = re.compile(f"[{_CONTROL_CHARS}]")
_CONTROLS = re.compile(f"[{_CONTROL_CHARS}]+")


def scrub(text: str) -> tuple[str, bool]:
    """``clean_field`` that also says whether control characters (not just spacing) were removed."""
    stripped = False
    if text.isprintable():  # the common case: no controls, no tabs or Unicode spaces
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text, False
    elif _NEEDS_SCRUB.search(text):
        scrubbed = _CONTROLS.sub("", _SEQUENCES.sub("", text))
        stripped = scrubbed != text
        text = scrubbed
    # str.split() splits on tabs, NBSP and every other Unicode space (the controls among Python's
    # whitespace, \x1c-\x1f and \x85, are gone by now); newlines are kept for multi-line fields.
    if "\n" in text:
        return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip("\n"), stripped
    return " ".join(text.split()), stripped


def clean_field(text: str) -> str:
    """One field made safe and tidy: terminal controls removed, Unicode spaces made plain, ends stripped."""
    return scrub(text)[0]


def strip_controls(text: str) -> str:
    """Only the terminal escape sequences and control characters of :func:`clean_field` removed; spacing,
    tabs and newlines are left exactly as they are (for multi-line text such as notes)."""
    if text.isprintable() or not _NEEDS_SCRUB.search(text):
        return text
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def split_lines(text: str) -> tuple[list[str], list[Warning_]]:
    """Normalise line endings (CRLF, CR) and clean every line; warn for lines that lost control characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    flagged: list[int] = []
    for index, line in enumerate(lines):
        cleaned, stripped = scrub(line)
        lines[index] = cleaned
        if stripped:
            flagged.append(index + 1)
    return lines, capped_warnings(flagged, "terminal control characters removed")


def indentation(text: str) -> list[bool]:
    """For each line (split as ``split_lines`` splits), whether it starts with a space or a tab."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return [line[:1] in (" ", "\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def capped_warnings(lines: list[int], message: str, cap: int = WARNING_CAP) -> list[Warning_]:
    """One warning per line, at most ``cap`` of them, then one that counts the rest."""
    warnings = [Warning_(line, message) for line in lines[:cap]]
    if len(lines) > cap:
        rest = len(lines) - cap
        warnings.append(
            Warning_(
                lines[cap],
                f"{message}; and {rest} more line{'s' if rest > 1 else ''} like this (from here on)",
            )
        )
    return warnings


# --- decoding -------------------------------------------------------------------------------------------

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Characters that make text "binary" when they are more than a tenth of it (ESC is not among them: coloured
# terminal output is text, and its sequences are scrubbed later).
_BAD_CHARS = (*(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)), "\ufffd")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_LINE_BREAK_TEXT = re.compile(r"\r\n|\r|\n")

_ERRORS_HANDLER = "readq-record-replace"
_state = threading.local()


def _record_and_replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):  # pragma: no cover - only registered for decoding
        raise error
    _state.offsets.append(error.start)
    return "\ufffd", error.end


codecs.register_error(_ERRORS_HANDLER, _record_and_replace)


def _line_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset)


def _byte_line_starts(data: bytes) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(data))]


def _text_line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK_TEXT.finditer(text))]


def _reject_binary(text: str) -> None:
    if text:
        bad = sum(text.count(ch) for ch in _BAD_CHARS)  # str.count is fast C; a regex findall is not
        nuls = text.count("\x00")
        if bad > len(text) / 10 or (nuls > 16 and nuls > len(text) / 100):
            raise DigestError("binary data, not a text digest")


def decode(data: bytes) -> tuple[str, list[Warning_]]:
    """Bytes of a digest as text, with a warning for each line that had invalid UTF-8 or NUL bytes."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise DigestError(f"binary data, not a text digest (this looks like {kind})")
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        text = data.decode(encoding)
        bad_offsets: list[int] = []
    except UnicodeDecodeError:
        # Fast C decoding first: binary data is rejected before any per-error work.
        _reject_binary(data.decode(encoding, errors="replace"))
        _state.offsets = []
        try:
            text = data.decode(encoding, errors=_ERRORS_HANDLER)
            bad_offsets = _state.offsets
        finally:
            _state.offsets = []
    if encoding == "utf-16":
        text = text.removeprefix("\ufeff")
    _reject_binary(text)
    warnings: list[Warning_] = []
    if bad_offsets:
        if encoding == "utf-8":
            starts = _byte_line_starts(data)
            bad_lines = sorted({_line_of(starts, offset) for offset in bad_offsets})
        else:  # offsets are bytes of UTF-16: find the replacement characters in the text instead
            starts = _text_line_starts(text)
            bad_lines = sorted({_line_of(starts, m.start()) for m in re.finditer("\ufffd", text)})
        warnings += capped_warnings(
            bad_lines,
            "invalid UTF-8 replaced by U+FFFD"
            if encoding == "utf-8"
            else "invalid UTF-16 replaced by U+FFFD",
        )
    if "\x00" in text:
        starts = _text_line_starts(text)
        nul_lines = sorted({_line_of(starts, m.start()) for m in re.finditer("\x00", text)})
        warnings += capped_warnings(nul_lines, "NUL bytes removed")
        text = text.replace("\x00", "")
    return text, warnings


# --- dates ----------------------------------------------------------------------------------------------

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def is_month(word: str) -> bool:
    """``Mar``, ``March``, ``Sept`` (any case): an English month name or its abbreviation of 3+ letters."""
    low = word.casefold().rstrip(".")
    return len(low) >= 3 and any(month.startswith(low) for month in _MONTHS)

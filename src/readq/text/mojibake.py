"""Text that was mis-decoded before it reached readq ("mojibake"): UTF-8 bytes read as Latin-1 or
Windows-1252 (``CafÃ©`` for ``Café``) or as GBK (``Pir谩`` for ``Pirá``). readq keeps such text as it is —
guessing could spoil a real name — and the import says where it is, with the likely reading. Pure."""

from __future__ import annotations

import re
import unicodedata

# A word mixing Latin letters with CJK characters, or holding the Latin-1 look of a UTF-8 lead byte.
_WORD = re.compile(r"\S+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN1_LEAD = re.compile(
    r"[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîï][\x80-\xbf\u0152-\u203a\u20ac\u2122]"
)


def _repaired(word: str, codec: str) -> str | None:
    """``word`` read back through ``codec`` as UTF-8, when that gives non-ASCII text; else None."""
    try:
        fixed = word.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if fixed == word or fixed.isascii() or any(unicodedata.category(ch) == "Co" for ch in fixed):
        return None
    return fixed


def mojibake(text: str) -> tuple[str, str] | None:
    """The first word of ``text`` that looks mis-decoded and its likely reading (``("Pir谩", "Pirá")``)."""
    for match in _WORD.finditer(text):
        word = match.group(0)
        if _CJK.search(word) and _LATIN.search(word):
            fixed = _repaired(word, "gbk")
        elif _LATIN1_LEAD.search(word):
            fixed = _repaired(word, "cp1252") or _repaired(word, "latin-1")
        else:
            continue
        if fixed is not None and not _CJK.search(fixed):
            return word, fixed
    return None

"""Case- and accent-insensitive text, the form the search and the similarity index compare."""

from __future__ import annotations

import re
import unicodedata

# Combining diacritics that NFKD splits off Latin, Greek and Cyrillic letters.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``: ``"Jürgen Schmidhuber"`` -> ``"jurgen schmidhuber"``.

    ASCII text (nearly every abstract) takes the fast path: ``str.lower`` equals ``str.casefold`` there.
    """
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))

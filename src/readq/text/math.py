"""TeX math in titles as a reader sees it: ``Learning with $\\alpha$-Divergences`` -> ``Learning with
α-Divergences``. Titles keep their TeX (BibTeX wants it, and it is what the source wrote); the list, the
detail pane and the plain, APA and Markdown citations show this form. Pure; pylatexenc (complete symbol
tables) is imported only when a title holds math.

- Only ``$…$`` spans are read, and only when they look like math: no space just inside either dollar
  (``costs $5 and $6`` is money) and not empty. A ``\\$`` is a dollar sign and never opens math.
- Symbols and Greek letters become Unicode (``\\alpha`` -> α, ``\\mathcal{O}`` -> 𝒪), ``^`` and ``_`` stay
  (``O(n^2)``); a span pylatexenc cannot read is kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MATH_SPAN = re.compile(r"(?<!\\)\$(?=\S)([^$]*?\S)(?<!\\)\$")  # one $…$ that looks like math


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")


def _span(match: re.Match[str]) -> str:
    body = match.group(1)
    try:
        text = str(_converter().latex_to_text(body))
    except Exception:  # pylatexenc is tolerant; never lose the text
        return match.group(0)
    return " ".join(text.split()) or match.group(0)


@lru_cache(maxsize=4096)
def readable_math(text: str) -> str:
    """``text`` with each TeX math span in Unicode (see the module rules); text without ``$`` as it is."""
    if "$" not in text:
        return text
    return MATH_SPAN.sub(_span, text)

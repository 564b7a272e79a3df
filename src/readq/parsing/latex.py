"""LaTeX in names and titles to Unicode text, with pylatexenc (complete accent and symbol tables).

Rules
- Text without ``\\``, ``{``, ``}`` or ``$`` outside math is returned as it is (whitespace collapsed): most
  names and titles are plain, and pylatexenc costs about half a millisecond per call.
- Accents and symbols become Unicode (``Zolt\\'an`` -> ``Zoltán``, ``{\\L}ukasz`` -> ``Łukasz``,
  ``Fran\\c{c}ois`` -> ``François``), protective braces go (``{P}isa`` -> ``Pisa``), text macros keep their
  text (``\\emph{when}`` -> ``when``).
- Math is kept verbatim with its dollars (``$f_\\mathrm{NL}$``): it cannot be said in Unicode, and arXiv
  shows it the same way.
- ``%`` is a literal percent sign, never a comment: arXiv abstracts and BibTeX abstracts are full of
  "95%". In arXiv text a ``~`` is a tilde ("~3000 lenses"), in BibTeX (``arxiv=False``) a tie (a space).
- A string pylatexenc cannot read is returned unconverted rather than lost.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_LATEX_CHARS = frozenset("\\{}$")
# a % or ~ that is not already a macro's (\% is a percent sign, \~n an ñ)
_PERCENT = re.compile(r"(?<!\\)%")
_TILDE = re.compile(r"(?<!\\)~")
_MATH = re.compile(r"(?<!\\)\$[^$]*(?<!\\)\$")


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def latex_to_text(text: str, *, arxiv: bool = True) -> str:
    """``text`` with LaTeX accents, symbols and braces turned into plain Unicode (see the module rules)."""
    if not _LATEX_CHARS.intersection(text) or not _LATEX_CHARS.intersection(_MATH.sub("", text)):
        return " ".join(text.split())  # plain, or LaTeX only inside math, which stays verbatim
    source = _PERCENT.sub(r"\\%", text)
    if arxiv:
        source = _TILDE.sub(r"\\textasciitilde{}", source)
    try:
        converted = str(_converter().latex_to_text(source))
    except Exception:  # pylatexenc is tolerant; this is a last resort, never lose the text
        return " ".join(text.split())
    return " ".join(converted.replace("\u00a0", " ").split())

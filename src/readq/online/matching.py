"""Which of the arXiv API's answers is the paper asked about. A wrong match is worse than none.

The API matches words, so asking for "X" also returns "Revisiting X at Scale": a candidate is the paper only
when its title is the paper's title apart from case, whitespace, punctuation and TeX. When the paper has
authors, the first author's family name must agree too. Two different arXiv papers with the paper's title
(and no author to tell them apart) are no answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from readq.citations.keys import fold
from readq.identity import normalise_title
from readq.models import Entry
from readq.parsing.latex import latex_to_text
from readq.text.person import parse_name

_TEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?")
_TEX_MARKS = re.compile(r"[${}^_~\\]")


def title_key(title: str) -> str:
    """The title as compared: TeX turned into text (accents) or dropped (commands, ``$``, braces), then
    case, punctuation and spacing folded away."""
    text = latex_to_text(title) if "\\" in title or "{" in title or "$" in title else title
    text = _TEX_MARKS.sub(" ", _TEX_COMMAND.sub(" ", text))
    return normalise_title(" ".join(text.split()))


def family(name: str) -> str:
    """A name's family name, folded to ``[a-z0-9]`` ("Łukasz Kaiser" -> "kaiser", "Doe, J." -> "doe")."""
    parsed = parse_name(name)
    return fold(parsed.family or parsed.literal or name)


def same_first_author(ours: Sequence[str], theirs: Sequence[str]) -> bool:
    if not ours:
        return True
    if not theirs:
        return False
    mine, other = family(ours[0]), family(theirs[0])
    return bool(mine) and mine == other


def pick(title: str, authors: Sequence[str], candidates: Iterable[Entry]) -> Entry | None:
    """The one candidate that is the paper, or None (no exact title, author disagrees, or ambiguous)."""
    key = title_key(title)
    if not key:
        return None
    exact = [c for c in candidates if c.arxiv_id and title_key(c.title) == key]
    exact = [c for c in exact if same_first_author(authors, c.authors)]
    ids = {c.arxiv_id for c in exact}
    return exact[0] if len(ids) == 1 else None


def query_phrase(title: str) -> str:
    """The title as an arXiv ``ti:"…"`` phrase: words only (quotes, colons and TeX would break the query)."""
    text = latex_to_text(title) if "\\" in title or "$" in title else title
    text = _TEX_MARKS.sub(" ", _TEX_COMMAND.sub(" ", text))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())

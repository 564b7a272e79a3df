"""``author:`` for a whole name matches the same person however a source wrote the name: with initials
(``A. Del Maestro`` for ``Adrian Del Maestro``), family name first (``Del Maestro, Adrian``) or in another
order (``Kim JaeHyun``). Pure; values and author lines are folded (see :func:`readq.text.folding.fold`).

Rules
- A plain substring still matches first (``author:liang`` finds ``Percy Liang``): this module only adds
  matches for values of two words or more, and only when the value's family name is in the authors at all,
  so the search stays one substring test for almost every paper.
- Family names keep their particles (``del maestro``, ``van der berg``); given names match when each is
  equal, or one is the other's initial (``a`` or ``a.`` for ``adrian``); the same words in another order
  also match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PARTICLES = frozenset(
    {"da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "den", "ter", "ten"}
    | {"dos", "das", "bin", "ibn", "al", "el"}
)
_DOTS = re.compile(r"\.(?=\S)")


def _words(name: str) -> list[str]:
    return [w for w in _DOTS.sub(". ", name.replace(",", " , ")).split() if w]


def split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(given names, family name words): ``a. del maestro`` -> (("a",), ("del", "maestro"))."""
    words = _words(name)
    if "," in words:
        at = words.index(",")
        family, given = words[:at], [w for w in words[at + 1 :] if w != ","]
    else:
        at = len(words) - 1
        while at > 1 and words[at - 1] in PARTICLES:
            at -= 1
        given, family = words[:at], words[at:]
    return tuple(w.rstrip(".") for w in given), tuple(family)


def _given_fits(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True  # a family name alone
    if len(a) != len(b):
        a, b = a[:1], b[:1]  # a middle name or initial on one side only: the first given name decides
    return all(
        x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
        for x, y in zip(a, b, strict=True)
    )


def same_person(value: str, author: str) -> bool:
    """Whether the folded ``value`` names the folded ``author`` (see the module rules)."""
    given, family = split_name(value)
    their_given, their_family = split_name(author)
    if family == their_family and _given_fits(given, their_given):
        return True
    plain = sorted(w.rstrip(".") for w in _words(value) if w != ",")
    return plain == sorted(w.rstrip(".") for w in _words(author) if w != ",")


def person_matcher(value: str) -> Callable[[str], bool] | None:
    """For an ``author:`` value of two words or more, a test on a paper's author lines that finds the same
    person written another way; None for one word (the substring is the whole rule)."""
    if len(_words(value)) < 2:
        return None
    _, family = split_name(value)
    needle = family[-1] if family else value

    def matches(lines: str) -> bool:
        if needle not in lines:
            return False
        return any(same_person(value, author) for author in lines.split("\n") if needle in author)

    return matches

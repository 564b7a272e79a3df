"""People's names: given, family (with its particles) and suffix, or a literal for a group; pure.

``parse_name`` splits a name as written: "Nelson F. Liu" -> family "Liu"; "Laurens van der Maaten" -> family
"van der Maaten" (BibTeX's "von" rule); "Ursula K. Le Guin" -> family "Le Guin" (a capitalised particle just
before the last word); "Liu, Nelson F." and BibTeX's "von Last, Jr, First" as written; a single token
("OpenAI") or a group ("Gemini Team") kept whole as a literal. :func:`written_name` is the inverse: the string
readq stores for a name whose parts are known (a BibTeX author), read back by ``parse_name`` as those parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readq.text.terminal import SEQUENCES

_SPACE = re.compile(r"\s+")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Last words that mark a group rather than a person ("Gemini Team"): kept whole, never split.
_GROUP_WORDS = frozenset(
    {"team", "group", "lab", "labs", "consortium", "collaboration", "project", "inc.", "ltd.", "community"}
)
# Capitalised particles that belong to the family name when they stand just before it ("Le Guin", "Van Gogh").
CAPITAL_PARTICLES = frozenset(
    {
        "Al",
        "Bin",
        "Da",
        "Das",
        "De",
        "Degli",
        "Del",
        "Della",
        "Dello",
        "Den",
        "Der",
        "Des",
        "Di",
        "Do",
        "Dos",
        "Du",
        "El",
        "Ibn",
        "La",
        "Le",
        "Les",
        "Lo",
        "Ten",
        "Ter",
        "Van",
        "Von",
        "Zu",
    }
)


@dataclass(frozen=True, slots=True)
class Name:
    """One author. A person has ``family`` (with particles) and usually ``given``; a group or a mononym
    has only ``literal``."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        """The name as people write it: "Nelson F. Liu", "Martin Luther King Jr."."""
        if self.literal:
            return self.literal
        return " ".join(part for part in (self.given, self.family, self.suffix) if part)

    @property
    def initials(self) -> str:
        """APA-style initials of the given names: "Nelson F." -> "N. F."; "Jean-Pierre" -> "J.-P."."""
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(_initial(p) for p in pieces))
        return " ".join(p for p in parts if p)


def _initial(word: str) -> str:
    letters = [ch for ch in word if ch.isalpha()]
    return f"{letters[0]}." if letters else ""  # case kept: "Ha-eun" -> "H.-e."


def clean_text(text: str) -> str:
    """Terminal escape sequences dropped whole (not just their ESC: what follows is not text either), other
    control characters made spaces, and every run of whitespace (newlines too) made one space."""
    text = SEQUENCES.sub("", text)
    visible = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    return _SPACE.sub(" ", visible).strip()


def parse_name(raw: str) -> Name:
    """Split one author's name as written into its parts (see the module docstring)."""
    text = clean_text(raw)
    if not text:
        return Name()
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        if len(parts) == 2 and parts[1].lower() in _SUFFIXES:  # "Martin Luther King, Jr."
            inner = parse_name(parts[0])
            return Name(inner.family, inner.given, parts[1], inner.literal)
        if len(parts) == 2 and all(parts):  # "Liu, Nelson F."
            return Name(family=parts[0], given=parts[1])
        if len(parts) == 3 and parts[0] and parts[2]:  # BibTeX's "von Last, Jr, First"
            return Name(family=parts[0], given=parts[2], suffix=parts[1])
        return Name(literal=text)
    tokens = text.split(" ")
    if len(tokens) == 1 or tokens[-1].lower() in _GROUP_WORDS:
        return Name(literal=text)
    suffix = ""
    if len(tokens) > 2 and tokens[-1].lower() in _SUFFIXES:
        suffix = tokens.pop()
    start = _family_start(tokens)
    return Name(family=" ".join(tokens[start:]), given=" ".join(tokens[:start]), suffix=suffix)


def _lowercase_word(token: str) -> bool:
    """BibTeX's test for a "von" word: its first letter is lowercase (``de``, ``'t``, ``d'Alembert``)."""
    letter = next((ch for ch in token if ch.isalpha()), "")
    return letter.islower()


def _family_start(tokens: list[str]) -> int:
    """Where the family name begins in "First von Last" (at least one given and one family word).

    BibTeX's rule: the family name starts at the first lowercase ("von") word after the first word
    (``Charles de la Vallée Poussin`` -> ``de la Vallée Poussin``). Without one, capitalised particles
    just before the last word belong to it (``Ursula K. Le Guin``, ``Pieter Van Der Merwe``)."""
    last = len(tokens) - 1
    for index in range(1, last):
        if _lowercase_word(tokens[index]):
            return index
    start = last
    while start > 1 and tokens[start - 1] in CAPITAL_PARTICLES:
        start -= 1
    return start


def written_name(name: Name) -> str:
    """The name as readq stores it: first name first when :func:`parse_name` reads that back as the same
    parts ("Ursula K. Le Guin"), else BibTeX's comma form ("Poussin, Charles de la Vallée")."""
    if name.literal:
        return name.literal
    display = name.display
    if parse_name(display) == name:
        return display
    parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
    return ", ".join(p for p in parts if p)

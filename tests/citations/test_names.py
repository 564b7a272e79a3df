"""The thirty hard names: split into their parts, kept through BibTeX import, written back the same."""

from __future__ import annotations

import pytest
from name_table import BIBTEX_NAMES, NAMES

from readq.citations.styles import bibtex_name, cite
from readq.models import Paper
from readq.parsing import parse
from readq.text.person import Name, parse_name, written_name


@pytest.mark.parametrize(("written", "family", "given", "suffix", "literal"), NAMES)
def test_hard_names_split_into_their_parts(
    written: str, family: str, given: str, suffix: str, literal: str
) -> None:
    assert parse_name(written) == Name(family, given, suffix, literal)


def test_the_table_has_thirty_names() -> None:
    assert len(NAMES) == 30 and len({row[0] for row in NAMES}) == 30


@pytest.mark.parametrize(("written", "family", "given", "suffix", "literal"), NAMES)
def test_written_name_reads_back_as_the_same_parts(
    written: str, family: str, given: str, suffix: str, literal: str
) -> None:
    name = Name(family, given, suffix, literal)
    assert parse_name(written_name(name)) == name


@pytest.mark.parametrize(("field", "parts", "exported"), BIBTEX_NAMES)
def test_bibtex_names_keep_bibtex_parts(field: str, parts: list[tuple[str, str, str]], exported: str) -> None:
    text = f"@article{{k,\n  title = {{T}},\n  author = {{{field}}}\n}}\n"
    entry = parse(text, "bibtex").entries[0]
    assert [parse_name(a) for a in entry.authors] == [Name(*p) for p in parts]
    assert " and ".join(bibtex_name(parse_name(a)) for a in entry.authors) == exported


def test_bibtex_name_shown_first_name_first_when_that_reads_back() -> None:
    text = "@misc{k, title = {T}, author = {Le Guin, Ursula K. and Schindler, P. and Poussin, Charles de la}}"
    assert parse(text, "bibtex").entries[0].authors == (
        "Ursula K. Le Guin",
        "P. Schindler",
        "Poussin, Charles de la",
    )


def test_apa_of_hard_names() -> None:
    paper = Paper(
        id="a0000001",
        identity="title:x",
        title="Sur la fonction",
        authors=("de la Vallée Poussin, Charles", "Ursula K. Le Guin"),
        year=1896,
        venue="Annales",
    )
    assert cite(paper, "apa").text.startswith("de la Vallée Poussin, C., & Le Guin, U. K. (1896).")

"""CSL-JSON and RIS on the project's own fixtures (Zotero, Better BibTeX, pandoc and readq write)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.parsing import DigestError, detect, parse
from readq.text.person import Name, parse_name

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_csl_json_items() -> None:
    result = parse(text("zotero.csl.json"))
    assert (result.layout, result.summary) == ("csl-json", "3 items, 3 with arXiv ids")
    left, practice, old = result.entries
    assert left.citekey == "leguin1969left" and left.arxiv_id == "2501.00012"
    assert [parse_name(a) for a in left.authors] == [
        Name("Le Guin", "Ursula K."),
        Name("de la Vallée Poussin", "Charles"),
        Name(literal="LSST Dark Energy Science Collaboration"),
    ]
    assert (left.year, left.date, left.doi, left.venue) == (
        2025,
        "2025-01",
        "10.48550/arXiv.2501.00012",
        None,
    )
    assert left.abstract == "First paragraph wrapped.\n\nSecond paragraph."
    assert practice.arxiv_id == "2101.00021"  # Zotero's "arXiv: …" note
    assert (practice.venue, practice.doi) == ("Journal of Made-Up Results", "10.1000/jmr.2021.7")
    assert parse_name(practice.authors[0]) == Name("King", "Martin Luther", "Jr.")
    assert (old.arxiv_id, old.year, parse_name(old.authors[0])) == (
        "hep-th/9901001",
        2024,
        Name("'t Hooft", "Gerard"),
    )
    assert [w.message for w in result.warnings] == ["item 3 ('untitled') has no title; skipped"]


def test_csl_json_in_zoteros_api_form() -> None:
    wrapped = '{"items": ' + text("zotero.csl.json") + "}"
    assert len(parse(wrapped).entries) == 3


def test_ris_records() -> None:
    result = parse(text("zotero.ris"))
    assert (result.layout, result.summary) == ("ris", "3 records, 1 with arXiv ids")
    practice, left, cut = result.entries
    assert practice.citekey == "king2021attention"
    assert [parse_name(a) for a in practice.authors] == [
        Name("King", "Martin Luther", "Jr."),
        Name("de la Vallée Poussin", "Charles"),
    ]
    assert (practice.year, practice.date, practice.venue) == (2021, "2021-03", "Journal of Made-Up Results")
    assert practice.abstract == "An abstract that continues on the next line."
    assert (practice.doi, practice.url) == ("10.1000/jmr.2021.7", "https://example.org/attention")
    assert (left.arxiv_id, parse_name(left.authors[0])) == ("2501.00012", Name("Le Guin", "Ursula K."))
    assert (cut.title, cut.year, cut.citekey) == ("Cut Off", 1999, None)
    assert [str(w) for w in result.warnings] == [
        "line 21: a record without a title (TI); skipped",
        "line 24: text outside a record (not a 'TAG  - value' line); ignored",
        "line 25: the last record has no ER; read",
    ]


def test_detection_and_refusals() -> None:
    assert detect(text("zotero.csl.json")) == "csl-json"
    assert detect(text("zotero.ris")) == "ris"
    with pytest.raises(DigestError, match="not CSL-JSON"):
        parse('{"not": "items"}', "csl-json")
    with pytest.raises(DigestError, match="not RIS"):
        parse("just some words\nand more", "ris")
    with pytest.raises(DigestError, match="no paper entries found"):
        parse("[1, 2, 3]\n[4]")  # JSON, but no CSL items

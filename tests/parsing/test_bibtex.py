"""BibTeX on the project's own fixture: exports of reference managers, INSPIRE and hand-kept libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.models import Warning_
from readq.parsing import DigestError, detect, parse, parse_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def library_text() -> str:
    return (FIXTURES / "library.bib").read_text(encoding="utf-8")


def test_entries_ids_and_fields() -> None:
    result = parse(library_text())
    assert (result.layout, result.digest_date, result.summary) == (
        "bibtex",
        None,
        "10 entries, 6 with arXiv ids",
    )
    by_key_line = {e.line: e for e in result.entries}
    assert [(e.line, e.arxiv_id) for e in result.entries] == [
        (4, "2601.04321"),  # arxivId and eprint agree
        (15, "quant-ph/9605043"),  # Mendeley: eprint = {9605043} beside arxivId = {quant-ph/9605043}
        (27, None),  # commented-out %Doi is not read
        (37, "1512.01602"),  # Eprint = {arXiv:1512.01602}
        (44, "1301.3191"),  # eprint = {arXiv: 1301.3191v2}
        (53, "math/9802029"),
        (61, "1012.4035"),  # only INSPIRE's %%CITATION = ARXIV:…;%% says it
        (72, None),  # the entry with a field given twice is read
        (92, None),  # an eprint of another archive (hal) is not an arXiv id
        (100, None),  # an incomplete old-style eprint: a warning below
    ]
    drift = by_key_line[4]
    assert drift.title == "Tokenizer Drift: Measuring How Vocabulary Choices Shape Multilingual Reasoning"
    assert drift.authors == ("Zoltán Kovács", "María José Peña", "Wei Zhang")
    assert (drift.year, drift.date, drift.venue) == (2026, "2026-05", "Transactions on Tokens")  # month = may
    assert drift.abstract.endswith("über alles, in 95% of cases.")  # LaTeX decoded, % is a percent sign
    assert by_key_line[15].venue is None  # "arXiv preprint …" is no venue
    assert by_key_line[27].title == "Retracing Some Paths in Process Algebra"
    assert by_key_line[27].year == 1996  # biblatex Date
    assert by_key_line[44].authors == ("Karl J Åström", "Björn Wittenmark")
    assert (by_key_line[44].date, by_key_line[44].venue) == (
        "2013-06",
        None,
    )  # month = {Jun}; "arXiv e-prints"
    alice = by_key_line[61]
    assert (
        alice.title
        == r"Two-pion Bose-Einstein correlations in central Pb-Pb collisions at $\sqrt{{s}_{NN}} =$ 2.76 TeV"
    )
    assert (alice.authors, alice.et_al) == (("K. Aamodt",), True)  # "and others"
    assert alice.url == "https://doi.org/10.1016/j.physletb.2010.12.053"
    wood = by_key_line[72]
    assert (wood.title, wood.year) == ("Proarrows II", 1985)
    assert wood.venue == "Cahiers de Topologie et Géométrie Différentielle Catégoriques"


def test_broken_blocks_are_warnings_with_line_numbers() -> None:
    assert parse(library_text()).warnings == (
        Warning_(78, "@article{Wood:1985a} gives the field 'Date' twice; the first is kept"),
        Warning_(
            81,
            "an entry that could not be read (unbalanced braces or a missing comma?), skipped: Unexpected "
            "block start: `@article`. Was still looking for field-value closing `,` or `}`",
        ),
        Warning_(87, "@article{Untitled:2019} has no title; skipped"),
        Warning_(100, "@misc{Incomplete:1997}: eprint '9612126' is not a complete arXiv id"),
    )


def test_bibtexparser_logs_stay_off_the_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    parse(library_text())
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_detection_repeated_keys_and_non_papers() -> None:
    text = """@string{jot = {Journal of Tests}}
@comment{a comment block}
@preamble{"\\newcommand{\\x}{y}"}
@article{same, title = {First of Two}, author = {A, B}, journal = jot, year = 2020}
@article{same, title = {Second of Two}, author = {C, D}, year = 2021}
"""
    result = parse(text)
    assert detect(text) == "bibtex"
    assert [(e.title, e.venue) for e in result.entries] == [
        ("First of Two", "Journal of Tests"),
        ("Second of Two", None),
    ]
    assert result.warnings == (Warning_(5, "the key 'same' was used before (line 4); both entries are read"),)


def test_not_bibtex_and_forcing() -> None:
    with pytest.raises(DigestError, match="no paper entries found in the bibtex layout"):
        parse("just text\nover two lines\n", "bibtex")
    # "@word{key," in prose with nothing readable: the digest rules judge it (and reject it)
    with pytest.raises(DigestError, match="does not look like"):
        parse("Write @misc{key, like this in your file.\nThat is all.\n")
    # CR-only line endings and a byte-order mark still give the right line numbers
    mac = ("\ufeff" + library_text()).replace("\n", "\r").encode("utf-8")
    assert [e.line for e in parse_bytes(mac).entries][:3] == [4, 15, 27]

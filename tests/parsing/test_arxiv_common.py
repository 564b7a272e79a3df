"""What the arXiv sources share: identifiers in every spelling, author lists, LaTeX names, dates."""

from __future__ import annotations

import pytest

from readq.identity import identity_key, normalise_arxiv_id
from readq.parsing.arxiv import arxiv_id, categories, exact_arxiv_id, id_year, iso_date, split_authors
from readq.parsing.latex import latex_to_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2401.01234v2", "2401.01234"),
        ("arXiv:hep-th/9901001", "hep-th/9901001"),
        ("arXiv: 1301.3191v2", "1301.3191"),
        ("https://arxiv.org/abs/cond-mat/0412498v1", "cond-mat/0412498"),
        ("http://arxiv.org/pdf/1201.4869v1.pdf", "1201.4869"),
        ("https://export.arxiv.org/abs/2401.01234/", "2401.01234"),
        ("math.GT/0309136", "math/0309136"),
        ("oai:arXiv.org:2411.17700v1", "2411.17700"),
        ("ARXIV:1012.4035", "1012.4035"),
        ("HEP-PH/0101001", "hep-ph/0101001"),
    ],
)
def test_normalise_arxiv_id(value: str, expected: str) -> None:
    assert normalise_arxiv_id(value) == expected
    assert normalise_arxiv_id(expected) == expected  # idempotent
    assert identity_key("any title", value) == "arxiv:" + expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("arXiv:1406.3219", "1406.3219"),
        ("arXiv: 1301.3191v2", "1301.3191"),
        ("math/9802029", "math/9802029"),
        ("quant-ph/9605043", "quant-ph/9605043"),
        ("arXiv:cond-mat/9612126v2", "cond-mat/9612126"),
        ("%%CITATION = ARXIV:1012.4035;%%", "1012.4035"),
        ("arXiv preprint arXiv:1309.5452", "1309.5452"),
        ("http://arxiv.org/abs/1508.01069v2", "1508.01069"),
        ("https://arxiv.org/pdf/1609.03103", "1609.03103"),
        ("9605043", None),  # an old-style number without its archive
        ("arXiv preprint arXiv: \\ldots", None),
        ("10.1103/PhysRevLett.102.257401", None),
        ("", None),
        (None, None),
    ],
)
def test_arxiv_id_in_field_values(value: str | None, expected: str | None) -> None:
    assert arxiv_id(value) == expected


def test_exact_arxiv_id_refuses_text_around_it() -> None:
    assert exact_arxiv_id(" arXiv:2601.04321v3 ") == "2601.04321"
    assert exact_arxiv_id("arXiv:2601.00638], this work") is None


def test_id_year_and_categories() -> None:
    assert (id_year("2401.01234"), id_year("0704.0001"), id_year("cond-mat/0412498")) == (2024, 2007, 2004)
    assert id_year("hep-th/9901001") == 1999
    assert categories(["cs.CL", "cs.LG", "cs.CL", " "]) == "cs.CL cs.LG"
    assert categories([]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu, 18 Dec 2025 05:03:49 GMT", "2025-12-18"),
        ("Tue 20 Jan 26 19:00:00 GMT", "2026-01-20"),
        ("Fri,  3 Mar 23 01:36:02 GMT", "2023-03-03"),
        ("2012-01-23T21:15:02Z", "2012-01-23"),
        ("Thu, 28 Nov 2024 00:00:00 -0500", "2024-11-28"),
        ("not a date", None),
        (None, None),
    ],
)
def test_iso_date(text: str | None, expected: str | None) -> None:
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    ("text", "authors", "et_al"),
    [
        (
            r"Tianhuan Lu, Zolt\'an Haiman, and Xiangchong Li",
            ("Tianhuan Lu", "Zoltán Haiman", "Xiangchong Li"),
            False,
        ),
        (
            "Pieter M. van Staden and Peter A. Forsyth and Yuying Li",
            ("Pieter M. van Staden", "Peter A. Forsyth", "Yuying Li"),
            False,
        ),
        (
            "Felix Adams (1), A. Gilad Kusne (1 and 3), Ichiro Takeuchi (1 and 4) ((1) University of "
            "Maryland College Park, (2) IonQ, (3) National Institute for Standards and Technology)",
            ("Felix Adams", "A. Gilad Kusne", "Ichiro Takeuchi"),
            False,
        ),
        (
            "Xu Wang (1)((1) Jilin Jianzhu University), Ren He (Tsinghua University, Beijing)",
            ("Xu Wang", "Ren He"),
            False,
        ),
        (
            "Ruichi Han, Yizhi Chen, and Ahmed Hemani (Department of Electronics and Embedded Systems, KTH)",
            ("Ruichi Han", "Yizhi Chen", "Ahmed Hemani"),
            False,
        ),
        (
            "Mengli (Dawn) Duan, Chun-Fu (Richard) Chen",
            ("Mengli (Dawn) Duan", "Chun-Fu (Richard) Chen"),
            False,
        ),
        (
            "Aaron Adcock, Amine Benhalloum, et al. (1271 additional authors not shown)",
            ("Aaron Adcock", "Amine Benhalloum"),
            True,
        ),
        ("Martin Luther King, Jr., Ada Lovelace", ("Martin Luther King, Jr.", "Ada Lovelace"), False),
        (
            r"Ru{\dj}er Bo\v{s}kovi\'c, {\L}ukasz Flis, Alejandro Castillejo Mu\~noz",
            ("Ruđer Bošković", "Łukasz Flis", "Alejandro Castillejo Muñoz"),
            False,
        ),
        ("LSST Dark Energy Science Collaboration", ("LSST Dark Energy Science Collaboration",), False),
        ("Sara Anderson and Andy Sand", ("Sara Anderson", "Andy Sand"), False),
        ("", (), False),
    ],
)
def test_split_authors(text: str, authors: tuple[str, ...], et_al: bool) -> None:
    assert split_authors(text) == (authors, et_al)


@pytest.mark.parametrize(
    ("text", "arxiv", "expected"),
    [
        (r"Zolt\'an", True, "Zoltán"),
        (r"Fran\c{c}ois", True, "François"),
        (r"{\AA}str{\"o}m", False, "Åström"),
        (r"C{ONCUR} '96 ({P}isa)", False, "CONCUR '96 (Pisa)"),
        (r"Constraints on $f_\mathrm{NL}$ from CMB-S4", True, r"Constraints on $f_\mathrm{NL}$ from CMB-S4"),
        (r"85% of ~3000 lenses in \emph{HST}", True, "85% of ~3000 lenses in HST"),
        (r"100\% and Mu\~noz", True, "100% and Muñoz"),
        (r"Karl~J. {\AA}str{\"o}m", False, "Karl J. Åström"),
        ("plain   text\n wrapped", True, "plain text wrapped"),
    ],
)
def test_latex_to_text(text: str, arxiv: bool, expected: str) -> None:
    assert latex_to_text(text, arxiv=arxiv) == expected

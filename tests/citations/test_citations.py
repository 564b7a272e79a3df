"""Citations against golden files, and whole-library exports checked with real parsers.

Golden files are written only on purpose: ``READQ_UPDATE_GOLDEN=1 uv run pytest tests/citations`` rewrites
them (review the diff before committing); otherwise a missing golden file is a failure.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import middlewares
from citation_cases import CASES, library
from pylatexenc.latex2text import LatexNodes2Text

from readq.citations.keys import assign_keys
from readq.citations.styles import (
    FORMATS,
    NO_AUTHORS,
    NO_URL,
    NO_YEAR,
    SOME_AUTHORS,
    Citation,
    cite,
    cite_many,
)
from readq.text.math import readable_math
from readq.text.person import clean_text, parse_name

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("READQ_UPDATE_GOLDEN") == "1"
SUFFIX = {
    "bibtex": ".bib",
    "apa": ".apa.txt",
    "markdown": ".markdown.txt",
    "plain": ".plain.txt",
    "csl-json": ".csl.json",
    "ris": ".ris",
}


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with READQ_UPDATE_GOLDEN=1 to write it, then review it"
    assert text == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------- golden


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_single(case: str, fmt: str) -> None:
    check_golden(case + SUFFIX[fmt], cite(CASES[case], fmt).text + "\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_many(fmt: str) -> None:
    check_golden("all" + SUFFIX[fmt], cite_many(list(CASES.values()), fmt).text + "\n")


def test_golden_missing_and_keys() -> None:
    report = {
        case: {
            "key": cite(paper, "bibtex").key,
            "missing": {fmt: list(cite(paper, fmt).missing) for fmt in FORMATS},
        }
        for case, paper in sorted(CASES.items())
    }
    check_golden("missing_and_keys.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------------------- behaviour


def test_key_is_returned_for_keyed_formats_only() -> None:
    paper = CASES["arxiv_full"]
    assert cite(paper, "bibtex").key == "liu2022sampleefficient"
    assert cite(paper, "csl-json", key="pinned1").key == "pinned1"
    assert '"id": "pinned1"' in cite(paper, "csl-json", key="pinned1").text
    assert cite(paper, "ris", key="pinned1").text.splitlines()[1] == "ID  - pinned1"
    assert cite(paper, "apa", key="pinned1").key is None


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown citation format 'mla'"):
        cite(CASES["arxiv_full"], "mla")
    with pytest.raises(ValueError, match="unknown citation format 'mla': choose one of bibtex, apa, "):
        cite_many([], "mla")


def test_hugging_face_paper_invents_nothing() -> None:
    paper = CASES["hugging_face"]
    bib = cite(paper, "bibtex")
    assert "author" not in bib.text and "year" not in bib.text and "url" not in bib.text
    assert bib.missing == (NO_AUTHORS, NO_YEAR, NO_URL)
    item = json.loads(cite(paper, "csl-json").text)[0]
    assert set(item) == {"id", "type", "title", "abstract"}
    ris = cite(paper, "ris").text
    assert not re.search(r"^(AU|PY|UR)  - ", ris, re.MULTILINE)
    assert cite(paper, "apa").text == "TokenSmith: Fast Tokenizers for Everyone. (n.d.)."
    assert cite(paper, "plain") == Citation(
        "TokenSmith: Fast Tokenizers for Everyone.", (NO_AUTHORS, NO_YEAR)
    )
    assert cite(paper, "markdown") == Citation("TokenSmith: Fast Tokenizers for Everyone", (NO_URL,))


def test_year_comes_from_the_date_when_needed() -> None:
    paper = CASES["alphaxiv_et_al"]
    assert "year = {2025}" in cite(paper, "bibtex").text
    assert cite(paper, "bibtex").missing == (SOME_AUTHORS, NO_URL)
    assert cite(paper, "plain").text == "Tomasz Wieczorek et al. (2025). How Much Data Does RLHF Really Need?"


def test_et_al_becomes_and_others() -> None:
    assert "Lefebvre, In{\\`e}s and others}" in cite(CASES["alphaxiv_et_al"], "bibtex").text


def test_cite_many_joins_and_counts() -> None:
    papers = [CASES["arxiv_full"], CASES["hugging_face"], CASES["no_year"]]
    many = cite_many(papers, "bibtex")
    assert many.key is None
    assert many.text.count("\n\n@") == 2
    assert many.missing == (
        f"{NO_AUTHORS} for 1 of 3 papers",
        f"{NO_YEAR} for 2 of 3 papers",
        f"{NO_URL} for 1 of 3 papers",
    )
    assert cite_many(papers[:1], "bibtex") == cite(papers[0], "bibtex")
    assert len(cite_many(papers, "apa").text.splitlines()) == 3
    assert all(line.startswith("- ") for line in cite_many(papers, "markdown").text.splitlines())
    assert cite_many([], "plain") == Citation("", (), None)


def test_cite_many_uses_pinned_keys_and_cites_each_paper_once() -> None:
    papers = [CASES["arxiv_full"], CASES["arxiv_full"], CASES["organisation"]]
    many = cite_many(papers, "bibtex", keys={CASES["arxiv_full"].id: "Pinned:Key"})
    assert many.text.count("@") == 2
    assert many.text.startswith("@misc{Pinned:Key,")
    assert "@misc{openai2023gpt4," in many.text


def test_cite_many_of_one_paper_respects_other_pinned_keys() -> None:
    paper = CASES["arxiv_full"]
    many = cite_many([paper], "bibtex", keys={"someone-else": "liu2022sampleefficient"})
    assert many.key == "liu2022sampleefficienta"
    assert many.text.startswith("@misc{liu2022sampleefficienta,")


def test_markdown_escapes_the_title_and_url() -> None:
    text = cite(CASES["markdown_specials"], "markdown").text
    assert text == (
        r"[\[Re\] Reproducing \(Attention\) Is All \*You\* Need\_2](https://arxiv.org/abs/hep-th/9901001)"
    )
    wiki = CASES["no_year"].__class__(id="x", identity="x", title="T", url="https://w.org/a_(b) c")
    assert cite(wiki, "markdown").text == "[T](https://w.org/a_%28b%29%20c)"


# ---------------------------------------------------------------------------- whole-library exports

_TYPOGRAPHY = str.maketrans(
    {"\u2019": "'", "\u2018": "`", "\u201c": "``", "\u201d": "''", "\u2014": "---", "\u2013": "--", "ˆ": "^"}
)
_DECODE = LatexNodes2Text()


def _same_text(text: str) -> str:
    """Text as LaTeX would print it, for comparing a decoded field with the original."""
    return clean_text(text.translate(_TYPOGRAPHY))


def _decode(latex: str) -> str:
    return _DECODE.latex_to_text(latex)


def test_bibtex_library_parses_with_unique_keys_and_round_trips() -> None:
    papers = library()
    assert len(papers) == 30
    text = cite_many(papers, "bibtex").text
    parsed = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    assert parsed.failed_blocks == []
    assert len(parsed.entries) == 30
    keys = [e.key for e in parsed.entries]
    assert len({k.lower() for k in keys}) == 30
    assert keys == [assign_keys(papers, {})[p.id] for p in papers]
    for paper, entry in zip(papers, parsed.entries, strict=True):
        fields = entry.fields_dict
        assert entry.entry_type == ("article" if paper.venue else "misc")
        assert _same_text(_decode(fields["title"].value)) == _same_text(readable_math(paper.title))
        if paper.authors:
            names = fields["author"].value
            expected = [parse_name(a) for a in paper.authors]
            if paper.et_al:
                assert names[-1].last == ["others"]
                names = names[:-1]
            assert len(names) == len(expected)
            for got, want in zip(names, expected, strict=True):
                family = _decode(" ".join(got.von + got.last))
                assert family == (want.family or want.literal)
                assert _decode(" ".join(got.first)) == want.given
        else:
            assert "author" not in fields
        if paper.arxiv_id:
            assert fields["eprint"].value == paper.arxiv_id
            assert fields["archivePrefix"].value == "arXiv"
            assert fields["url"].value == f"https://arxiv.org/abs/{paper.arxiv_id}"
        elif paper.url:
            assert fields["url"].value == paper.url


def test_bibtex_is_ascii_except_for_scripts_latex_cannot_name() -> None:
    text = cite_many(library(), "bibtex").text
    assert text.isascii()
    assert not cite(CASES["cjk"], "bibtex").text.isascii()  # 张伟 stays UTF-8 (biber reads it)


_CSL_TYPES = {"article", "article-journal"}
_CSL_NAME_KEYS = {"family", "given", "suffix", "literal"}


def test_csl_json_library_is_structurally_valid() -> None:
    papers = library()
    items = json.loads(cite_many(papers, "csl-json").text)
    assert isinstance(items, list) and len(items) == 30
    assert len({item["id"] for item in items}) == 30
    for paper, item in zip(papers, items, strict=True):
        assert isinstance(item["id"], str) and item["id"]
        assert item["type"] in _CSL_TYPES
        assert isinstance(item["title"], str) and item["title"] == clean_text(paper.title)
        for name in item.get("author", []):
            assert set(name) <= _CSL_NAME_KEYS
            assert ("literal" in name) != ("family" in name)
            assert all(isinstance(v, str) and v for v in name.values())
        if "issued" in item:
            parts = item["issued"]["date-parts"]
            assert isinstance(parts, list) and len(parts) == 1
            assert all(isinstance(n, int) for n in parts[0])
        for key in (
            "URL",
            "container-title",
            "number",
            "publisher",
            "archive",
            "archive_location",
            "abstract",
        ):
            assert isinstance(item.get(key, ""), str)
        assert ("container-title" in item) == (item["type"] == "article-journal")


_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ")


def test_ris_library_records() -> None:
    text = cite_many(library(), "ris").text
    records = [r.splitlines() for r in text.split("\n\n")]
    assert len(records) == 30
    for lines in records:
        assert lines[0] in ("TY  - GEN", "TY  - JOUR")
        assert lines[-1] == "ER  - "
        assert sum(line.startswith("TY  - ") for line in lines) == 1
        assert sum(line.startswith("ER  - ") for line in lines) == 1
        assert all(_RIS_LINE.match(line) for line in lines)

"""Names, years, arXiv classes, escaping and citation keys: the pieces every format is built from."""

from __future__ import annotations

from typing import Any

import pytest
from citation_cases import paper

from readq.citations.keys import (
    _free_key,
    arxiv_class,
    assign_keys,
    base_key,
    fold,
    key_suffix,
    make_key,
    paper_year,
)
from readq.citations.styles import bibtex_name, bibtex_title, latex_escape, markdown_escape
from readq.text.person import Name, clean_text, parse_name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Nelson F. Liu", Name(family="Liu", given="Nelson F.")),
        ("Laurens van der Maaten", Name(family="van der Maaten", given="Laurens")),
        ("Rafael de la Fuente", Name(family="de la Fuente", given="Rafael")),
        ("Maria Fernanda Lopes", Name(family="Lopes", given="Maria Fernanda")),
        ("J.-F. Marchand", Name(family="Marchand", given="J.-F.")),
        ("Kenji O'Hara", Name(family="O'Hara", given="Kenji")),
        ("bell hooks", Name(family="hooks", given="bell")),
        ("Martin Luther King Jr.", Name(family="King", given="Martin Luther", suffix="Jr.")),
        ("Liu, Nelson F.", Name(family="Liu", given="Nelson F.")),
        ("King, Jr., Martin", Name(family="King", given="Martin", suffix="Jr.")),
        ("Martin King, Jr.", Name(family="King", given="Martin", suffix="Jr.")),
        ("OpenAI", Name(literal="OpenAI")),
        ("张伟", Name(literal="张伟")),
        ("Gemini Team", Name(literal="Gemini Team")),
        ("  Ada \n Lovelace ", Name(family="Lovelace", given="Ada")),
        ("", Name()),
    ],
)
def test_parse_name(raw: str, name: Name) -> None:
    assert parse_name(raw) == name


@pytest.mark.parametrize(
    ("given", "initials"),
    [("Nelson F.", "N. F."), ("Jean-Pierre", "J.-P."), ("Ha-eun", "H.-e."), ("Łukasz", "Ł."), ("", "")],
)
def test_initials(given: str, initials: str) -> None:
    assert Name(family="X", given=given).initials == initials


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łukasz", "lukasz"),
        ("Schölkopf", "scholkopf"),
        ("Zoë", "zoe"),
        ("Øyvind", "oyvind"),
        ("Straße", "strasse"),
        ("张伟", "zhangwei"),
        ("O'Hara-Smith", "oharasmith"),
        ("Ελληνικά", "ellinika"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_clean_text_drops_control_characters_and_newlines() -> None:
    assert clean_text(" a\x1b[31m\tb\n\nc\x00 ") == "a b c"  # an escape sequence goes whole
    assert clean_text("t\x1b]52;c;ZXZpbA==\x07x\x85y") == "tx y"


@pytest.mark.parametrize(
    ("fields", "year"),
    [
        ({"year": 2021, "date": "Nov 12, 2025"}, 2021),
        ({"date": "Nov 12, 2025"}, 2025),
        ({"date": "2024-03-01"}, 2024),
        ({"date": "Jun 2"}, None),
        ({"date": "12345"}, None),
        ({}, None),
    ],
)
def test_paper_year(fields: dict[str, Any], year: int | None) -> None:
    assert paper_year(paper("p", "T", **fields)) == year


@pytest.mark.parametrize(
    ("category", "primary"),
    [
        ("CL", "cs.CL"),
        ("LG", "cs.LG"),
        ("CV", "cs.CV"),
        ("RO", "cs.RO"),
        ("ML", "stat.ML"),
        ("cs.CL", "cs.CL"),
        ("stat.ML", "stat.ML"),
        ("hep-th", "hep-th"),
        ("quant-ph", "quant-ph"),
        ("XYZ", None),
        ("Computation and Language", None),
        ("cs.CL cs.LG stat.ML", "cs.CL"),  # arXiv sources keep every category, the primary first
        ("q-bio.BM cs.LG", "q-bio.BM"),
        ("CL and more", None),
        ("", None),
        (None, None),
    ],
)
def test_arxiv_class(category: str | None, primary: str | None) -> None:
    assert arxiv_class(category) == primary


# ------------------------------------------------------------------------------------------ escaping


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("A & B", r"A \& B"),
        ("100% of $5 #1 a_b {x}", r"100\% of \$5 \#1 a\_b \{x\}"),
        ("~^\\", r"\textasciitilde{}\textasciicircum{}\textbackslash{}"),
        ("Schölkopf", r"Sch{\"o}lkopf"),
        ("Łukasz", r"{\L}ukasz"),
        ("Schöl\u0308kopf", r"Sch{\"o}l{\ensuremath{\ddot{}}}kopf"),  # a stray combining mark is kept
        ("Scho\u0308lkopf", r"Sch{\"o}lkopf"),  # decomposed accents are composed first
        ("it’s “fine” – or — not", "it's ``fine'' -- or --- not"),
        ("张伟", "张伟"),
    ],
)
def test_latex_escape(text: str, latex: str) -> None:
    assert latex_escape(text) == latex


@pytest.mark.parametrize(
    ("title", "latex"),
    [
        ("BERT Rediscovers the Pipeline", "{BERT} Rediscovers the Pipeline"),
        ("GPT-4 Technical Report", "{GPT}-4 Technical Report"),
        ("TokenSmith: Fast", "{TokenSmith}: Fast"),
        ("iPhone Apps with T5 in 3D", "{iPhone} Apps with {T5} in {3D}"),
        ("A Survey of Plan A", "A Survey of Plan {A}"),
        ("Language Models Are Few-Shot Learners", "Language Models Are Few-Shot Learners"),
        ("ÉCOLE Benchmarks", r"{{\'E}COLE} Benchmarks"),
        ("C# & $x$", r"C\# \& {$x$}"),  # the first word keeps its capital in every style; math stays TeX
        ("Writing C# & $x$", r"Writing {C}\# \& {$x$}"),
        ("Costs $5 and $6", r"Costs \$5 and \$6"),  # dollars, not math
        ("Unbalanced $}$ math", r"Unbalanced \$\}\$ math"),  # would break the entry: escaped as text
    ],
)
def test_bibtex_title_protects_case(title: str, latex: str) -> None:
    assert bibtex_title(title) == latex


@pytest.mark.parametrize(
    ("raw", "latex"),
    [
        ("Nelson F. Liu", "Liu, Nelson F."),
        ("Laurens van der Maaten", "van der Maaten, Laurens"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("OpenAI", "{OpenAI}"),
        ("Research and Development Team", "{Research and Development Team}"),
        ("Zoë Castellanos", r"Castellanos, Zo{\"e}"),
    ],
)
def test_bibtex_name(raw: str, latex: str) -> None:
    assert bibtex_name(parse_name(raw)) == latex


def test_markdown_escape() -> None:
    assert markdown_escape(r"[a](b) *c* _d_ `e` \f ~g~ <h>") == (
        r"\[a\]\(b\) \*c\* \_d\_ \`e\` \\f \~g\~ \<h\>"
    )


# ----------------------------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("title", "fields", "key"),
    [
        ("Sample Efficiency in Practice", {"authors": ("Nelson F. Liu",), "year": 2022}, "liu2022sample"),
        ("On the Stability of Adam", {"authors": ("Wojciech Nowak",), "year": 2024}, "nowak2024stability"),
        ("A Survey", {"authors": ("Łukasz Kaiser",), "year": 2020}, "kaiser2020survey"),
        ("Kernels", {"authors": ("Bernhard Schölkopf",), "date": "Jun 2"}, "scholkopfkernels"),
        (
            "Visualizing Data",
            {"authors": ("Laurens van der Maaten",), "year": 2008},
            "vandermaaten2008visualizing",
        ),
        ("GPT-4 Technical Report", {"authors": ("OpenAI",), "year": 2023}, "openai2023gpt4"),
        ("Sample-Efficient Tuning", {"authors": ("Nelson F. Liu",), "year": 2022}, "liu2022sampleefficient"),
        ("TokenSmith: Fast Tokenizers", {"year": 2025}, "tokensmith2025fast"),
        ("TokenSmith: Fast Tokenizers", {}, "tokensmithfast"),
        ("The TokenSmith", {"date": "Mar 3, 2025"}, "tokensmith2025"),
        ("— of the —", {"year": 2025}, "2025"),
        ("— —", {}, "paperp1"),
    ],
)
def test_base_key(title: str, fields: dict[str, Any], key: str) -> None:
    assert base_key(paper("p1", title, **fields)) == key


def test_key_suffixes_follow_better_bibtex() -> None:
    assert [key_suffix(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
        "zz",
        "aaa",
    ]


def test_make_key_dedupes_case_insensitively() -> None:
    p = paper("p1", "Sample Efficiency", authors=("Nelson F. Liu",), year=2022)
    assert make_key(p, ()) == "liu2022sample"
    assert make_key(p, ["liu2022sample"]) == "liu2022samplea"
    assert make_key(p, {"Liu2022Sample", "liu2022samplea"}) == "liu2022sampleb"
    taken = ["liu2022sample"] + ["liu2022sample" + key_suffix(n) for n in range(26)]
    assert make_key(p, taken) == "liu2022sampleaa"


def test_assign_keys_keeps_pinned_keys_and_never_reuses_them() -> None:
    a = paper("a", "Sample Efficiency", authors=("Nelson F. Liu",), year=2022)
    b = paper("b", "Sample Sizes", authors=("Nelson F. Liu",), year=2022)
    c = paper("c", "Sample Weights", authors=("Nelson F. Liu",), year=2022)
    pinned = {"b": "liu2022sample", "gone": "liu2022samplea"}  # "gone" is not being cited but keeps its key
    keys = assign_keys([a, b, c, a], pinned)
    assert keys == {"a": "liu2022sampleb", "b": "liu2022sample", "c": "liu2022samplec"}
    assert assign_keys([a, b], {"a": "MyOwnKey"}) == {"a": "MyOwnKey", "b": "liu2022sample"}


class _CountingSet(set[str]):
    """A set that counts membership checks: how much work choosing keys did, whatever the machine's speed."""

    checks = 0

    def __contains__(self, key: object) -> bool:
        self.checks += 1
        return super().__contains__(key)


def test_choosing_keys_for_papers_that_share_a_stem_is_linear() -> None:
    """2,000 papers with no authors and no year share the stem ``scalingmodels``: each key is found in a
    constant number of checks (a counter per stem), not by trying every suffix the papers before it took
    (which made a first BibTeX export of 20k such papers take 22 s)."""
    papers = [paper(f"p{i}", f"Scaling Models Number {i}") for i in range(2000)]
    used = _CountingSet({"scalingmodelsc"})  # a pinned key in the middle of the run: skipped, never reused
    tried: dict[str, int] = {}
    keys = []
    for p in papers:
        keys.append(_free_key(p, used, tried))
        used.add(keys[-1])
    assert keys[:5] == [
        "scalingmodels",
        "scalingmodelsa",
        "scalingmodelsb",
        "scalingmodelsd",
        "scalingmodelse",
    ]
    assert len(set(keys)) == len(papers) and "scalingmodelsc" not in keys
    assert used.checks <= 3 * len(papers)
    assert assign_keys(papers[:4], {"other": "scalingmodelsc"}) == dict(
        zip(("p0", "p1", "p2", "p3"), keys[:4], strict=True)
    )

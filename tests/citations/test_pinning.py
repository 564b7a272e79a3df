"""Citations of edited papers (golden files) and citation keys pinned in the state on first use."""

from __future__ import annotations

from pathlib import Path

import pytest
from citation_cases import CASES
from test_citations import SUFFIX, check_golden

from readq.citations.pinned import missing_hint, pin_plan, pinned_keys
from readq.citations.styles import FORMATS, cite, cite_many
from readq.library.edits import effective, parse_values
from readq.library.service import Library
from readq.models import Entry, ParseResult
from readq.store import Store
from readq.user_state import PaperState

# Edits that fill in what a Hugging Face digest lacks, with accents and LaTeX specials, and a key pinned
# before the edits (so it no longer matches the authors): every format must use the pinned key as it is.
EDITED = {
    "hugging_face": (
        "tokensmith2025fast",
        {
            "authors": "Zoë Castellanos; Kenji O'Hara; et al.",
            "year": "2025",
            "arxiv_id": "arXiv:2501.00042v2",
            "venue": "Proc. R&D {Tokenizers} 100% #1",
        },
    ),
    "latex_specials": (
        None,
        {  # without the arXiv id, the URL is the link (an arXiv id always gives the arXiv page)
            "authors": "Łukasz Kaiser; van der Berg, Jonas",
            "arxiv_id": "",
            "url": "https://example.org/a_b?x=1&y=%20",
        },
    ),
    "arxiv_full": ("Liu:2022:Pinned", {"authors": "", "year": ""}),  # edits that remove: nothing is invented
}


def edited(case: str) -> tuple[str | None, object]:
    key, values = EDITED[case]
    base = CASES[case]
    state = PaperState(edits=dict(parse_values(values)))
    return key, effective(base, state)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", sorted(EDITED))
def test_golden_edited(case: str, fmt: str) -> None:
    key, paper = edited(case)
    check_golden(f"edited_{case}{SUFFIX[fmt]}", cite(paper, fmt, key=key).text + "\n")  # type: ignore[arg-type]


def test_edited_missing_is_reported_with_the_way_to_add_it() -> None:
    _, paper = edited("arxiv_full")
    citation = cite(paper, "bibtex", key="Liu:2022:Pinned")  # type: ignore[arg-type]
    assert "author" not in citation.text and "year =" not in citation.text
    assert citation.text.startswith("@misc{Liu:2022:Pinned,")
    assert missing_hint(citation, many=False, how="press E") == (
        "no authors known; no year known — press E to add them"
    )
    _, complete = edited("hugging_face")
    assert missing_hint(cite(complete, "plain"), many=False, how="press E") == ""  # type: ignore[arg-type]


def test_pin_plan_gives_unique_keys_and_keeps_pins() -> None:
    papers = [CASES["arxiv_full"], CASES["organisation"]]
    states = {"zzzzzzzz": PaperState(citekey="liu2022sampleefficient")}  # another paper holds the base key
    plan = pin_plan(papers, states)
    assert plan == {
        CASES["arxiv_full"].id: {"citekey": "liu2022sampleefficienta"},
        CASES["organisation"].id: {"citekey": "openai2023gpt4"},
    }
    states[CASES["arxiv_full"].id] = PaperState(citekey="mine")
    assert pin_plan(papers, states) == {CASES["organisation"].id: {"citekey": "openai2023gpt4"}}
    assert pinned_keys(states)[CASES["arxiv_full"].id] == "mine"


# -- pinning through the library -------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> Library:
    store = Store(tmp_path / "data")
    entries = (
        Entry("Sample Efficient Tuning", "a", authors=("Nelson F. Liu",), year=2022),
        Entry("Sample Efficient Tuning Again", "b", authors=("Nelson F. Liu",), year=2022),
        Entry("Graph Transformers", "c", authors=("Emmy Noether",), year=2026),
    )
    store.import_result(ParseResult("alphaxiv", entries, None), "002.txt")
    return Library(store)


def _ids(library: Library) -> list[str]:
    return sorted(library.records, key=lambda pid: library.records[pid].paper.seq)


def test_first_use_pins_and_later_edits_do_not_change_the_key(library: Library) -> None:
    first, _, _ = _ids(library)
    assert library.cite([first], "apa").key is None
    assert library.store.state(first).citekey is None  # formats without keys pin nothing
    preview = library.cite([first], "bibtex", pin=False)
    assert preview.key == "liu2022sample" and library.store.state(first).citekey is None
    assert library.cite([first], "bibtex").key == "liu2022sample"
    assert Store(library.store.data_dir).state(first).citekey == "liu2022sample"  # on disk
    library.change("edit metadata", {first: {"edits": {"authors": ("Ada Lovelace",), "year": 1843}}})
    bib = library.cite([first], "bibtex")
    assert bib.key == "liu2022sample" and "Lovelace, Ada" in bib.text and "1843" in bib.text
    assert '"id": "liu2022sample"' in library.cite([first], "csl-json").text
    library.undo()  # undoing the edit keeps the key: a pin is not an undoable step
    assert library.store.state(first).citekey == "liu2022sample"


def test_pins_stay_unique_across_papers_and_calls(library: Library) -> None:
    first, second, third = _ids(library)
    assert library.cite([second], "bibtex").key == "liu2022sample"  # cited first, gets the base key
    many = library.cite([first, second, third], "ris")
    keys = {pid: library.store.state(pid).citekey for pid in (first, second, third)}
    assert keys == {first: "liu2022samplea", second: "liu2022sample", third: "noether2026graph"}
    assert "ID  - liu2022samplea" in many.text
    assert cite_many(library.papers_of([first]), "bibtex", keys=pinned_keys(library.store.states)).key == (
        "liu2022samplea"
    )

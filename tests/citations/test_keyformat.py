"""``citekey_format``: Better BibTeX's common formula terms, errors, and keys that stay pinned."""

from __future__ import annotations

from pathlib import Path

import pytest
from citation_cases import paper

from readq.citations.keyformat import KeyFormatError, compile_key_format
from readq.citations.keys import assign_keys
from readq.citations.pinned import pin_plan, rekey_plan
from readq.config import load_config
from readq.user_state import PaperState

LIU = paper(
    "a0000001",
    "Sample-Efficient Fine-Tuning of BERT with TokenSmith",
    authors=("Nelson F. Liu", "Ananya Kumar", "Percy Liang"),
    year=2022,
)
PAIR = paper(
    "a0000002", "The Left Hand of Darkness", authors=("Ursula K. Le Guin", "Ada Lovelace"), year=1969
)
NOBODY = paper("a0000003", "Untitled Notes")


@pytest.mark.parametrize(
    ("formula", "liu", "pair"),
    [
        ("auth.lower + year + shorttitle(3,3)", "liu2022SampleEfficientFine", "leguin1969LeftHandDarkness"),
        ("auth + year", "Liu2022", "LeGuin1969"),
        ("authEtAl + year", "LiuEtAl2022", "LeGuinLovelace1969"),
        ("auth.lower + veryshorttitle", "liusample", "leguinleft"),
        ("shorttitle(2,1)", "Sampleefficient", "Lefthand"),
        ("shorttitle", "SampleEfficientFine", "LeftHandDarkness"),
        ("title", "SampleEfficientFineTuningBertTokensmith", "LeftHandDarkness"),
        ("auth.upper + '_' + year", "LIU_2022", "LEGUIN_1969"),
        ("  year+auth.lower  ", "2022liu", "1969leguin"),
    ],
)
def test_formulas(formula: str, liu: str, pair: str) -> None:
    key = compile_key_format(formula)
    assert (key(LIU), key(PAIR)) == (liu, pair)


def test_a_paper_with_nothing_to_key_gets_its_id() -> None:
    assert compile_key_format("auth + year")(NOBODY.__class__(id="a0000009", identity="x", title="")) == (
        "papera0000009"
    )


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("", "the formula is empty"),
        ("auth + nonsense", "unknown term 'nonsense'"),
        ("auth(2)", "auth takes no arguments"),
        ("auth +", "cannot read ''"),
        ("auth.lowercase", "cannot read 'auth.lowercase'"),
    ],
)
def test_bad_formulas(formula: str, message: str) -> None:
    with pytest.raises(KeyFormatError, match=message):
        compile_key_format(formula)


def test_keys_from_a_format_are_unique_and_pins_never_change() -> None:
    key = compile_key_format("auth + year")
    twin = paper("a0000004", "Another Paper", authors=("Nelson Liu",), year=2022)
    assert assign_keys([LIU, twin], {}, key) == {"a0000001": "Liu2022", "a0000004": "Liu2022a"}
    states = {"a0000001": PaperState(citekey="liu2022sample")}
    assert pin_plan([LIU, twin], states, key) == {"a0000004": {"citekey": "Liu2022"}}
    # re-keying on request: the pin changes, another paper's pin is never taken
    states["a0000004"] = PaperState(citekey="Liu2022")
    assert rekey_plan([LIU], states, key) == {"a0000001": {"citekey": "Liu2022a"}}
    assert rekey_plan([twin], states, key) == {}  # already its key


def test_config_reads_and_checks_the_format(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('citekey_format = "auth.lower + year"\n', encoding="utf-8")
    config = load_config(path)
    function = config.key_function()
    assert not config.problems and function is not None and function(LIU) == "liu2022"
    path.write_text('citekey_format = "auth + bogus"\n', encoding="utf-8")
    config = load_config(path)
    assert config.key_function() is None
    assert [str(p) for p in config.problems] == [
        "line 1: citekey_format 'auth + bogus': unknown term 'bogus' (known: auth, authEtAl, year, "
        "shorttitle, veryshorttitle, title, 'text'); readq's own keys are used"
    ]

"""Each layout on the project's own fixture digests (invented papers), detection, and non-digests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from readq.models import Entry, Warning_
from readq.parsing import LAYOUTS, DigestError, detect, parse, parse_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_layouts_constant() -> None:
    assert LAYOUTS == (
        "hf-blank",
        "hf-compact",
        "alphaxiv",
        "arxiv-mailing",
        "feed",
        "bibtex",
        "csl-json",
        "ris",
    )


def test_hf_blank() -> None:
    result = parse(fixture("hf_blank.txt"))
    assert (result.layout, result.digest_date, result.warnings) == ("hf-blank", "Jan 7", ())
    assert [(e.line, e.title) for e in result.entries] == [
        (11, "Quantised Attention Sinks for Streaming Language Models"),
        (15, "Do Code Models Understand Units of Measurement?"),
        (19, "Sketch2Slide: Generating Presentation Slides from Hand-Drawn Layouts (v2)"),
        (23, "Why Do Reward Models Prefer Longer Answers? A Causal Analysis"),
        (27, "Benchmarking Retrieval for 100+ Languages with MIRAGE-X"),
    ]
    first = result.entries[0]
    assert first.abstract.startswith("Streaming language models keep a few initial tokens")
    assert first.abstract.endswith("on million-token streams.")
    assert all(e.authors == () and e.score is None and e.date is None for e in result.entries)


def test_hf_compact() -> None:
    result = parse(fixture("hf_compact.txt"))
    assert (result.layout, result.digest_date, result.warnings) == ("hf-compact", None, ())
    assert [(e.line, e.title) for e in result.entries] == [
        (3, "Contrastive Decoding for Faithful Table-to-Text Generation"),
        (5, "Pruning Vision Transformers by Token Importance Is Not Enough"),
        (7, "emoBERT? Probing Emotion Representations in Encoder Models"),
        (9, "The 1% Problem: Rare Failure Modes in Autonomous Driving Datasets"),
        (11, "Learning to Defer in Multi-Annotator Medical Imaging"),
    ]
    assert result.entries[-1].abstract.endswith("deferring to a random available expert.")


def test_alphaxiv() -> None:
    result = parse(fixture("alphaxiv.txt"))
    assert (result.layout, result.digest_date, result.warnings) == ("alphaxiv", None, ())
    abstracts = [e.abstract for e in result.entries]
    assert all(len(a) > 200 for a in abstracts)
    assert [e for e in result.entries] == [
        Entry(
            "Tokenizer-Free Language Modelling with Byte Patches (BPM)",
            abstracts[0],
            ("Nadia Okafor", "Henrik Sørensen", "Lucía Fernández"),
            True,
            "ethz",
            17.3,
            "CL",
            "Jan 12, 2025",
            False,
            year=2025,
            line=2,
        ),
        Entry(
            "Do Optimisers Matter for Fine-Tuning?",
            abstracts[1],
            ("Pavel Horák", "Grace O'Neill"),
            False,
            None,
            8.0,
            "LG",
            "Dec 3",
            False,
            line=5,
        ),
        Entry(
            "Event Cameras for Low-Light Visual Odometry",
            abstracts[2],
            ("Marco DiStefano", "Aylin Yıldız", "Tobias Krüger"),
            True,
            None,
            4.25,
            "SYS",
            "Nov 28, 2024",
            True,
            year=2024,
            line=8,
        ),
        Entry(
            "Interpretable Probes for Numerical Reasoning in LLaMA 3",
            abstracts[3],
            ("Rhiannon Price", "Olumide Bakare", "Wei-Jie Lin"),
            line=10,
        ),
        Entry(
            "Sim-to-Real Transfer for Dexterous Manipulation with Tactile Sensing",
            abstracts[4],
            ("Elena Vasquez", "Rupert McAllister"),
            True,
            "berkeley",
            12.0,
            "RO",
            "Oct 15, 2024",
            True,
            year=2024,
            line=13,
        ),
    ]


def test_alphaxiv_truncated_last_entry() -> None:
    result = parse(fixture("alphaxiv_truncated.txt"))
    assert result.layout == "alphaxiv"
    assert len(result.entries) == 3
    last = result.entries[-1]
    assert (last.title, last.abstract, last.organisation, last.line) == (
        "Compressing Neural Radiance Fields for Mobile Rendering",
        "",
        "oxford",
        8,
    )
    assert result.warnings == (Warning_(8, "title without abstract at end of digest"),)


def test_alphaxiv_missing_abstracts_mid_file() -> None:
    result = parse(fixture("alphaxiv_missing_abstract.txt"))
    assert [(e.line, e.title, bool(e.abstract)) for e in result.entries] == [
        (2, "Sparse Probing for Syntax in Speech Models", True),
        (5, "Gradient Noise Scale as a Curriculum Signal", False),
        (7, "Multilingual Toxicity Classifiers Disagree with Each Other", True),
        (9, "Causal Abstractions of Transformer Circuits", False),
        (10, "Retrieval Heads Emerge Early in Pretraining", True),
    ]
    assert [w.line for w in result.warnings] == [5, 9]
    assert all("title without abstract" in w.message for w in result.warnings)
    assert result.entries[1].score == 6.2 and result.entries[2].score == 2.4


def test_hf_blank_truncated_last_entry() -> None:
    result = parse(fixture("hf_blank_truncated.txt"))
    assert (result.layout, result.digest_date) == ("hf-blank", "Feb 14")
    assert [(e.title, bool(e.abstract)) for e in result.entries] == [
        ("Self-Supervised Denoising for Cryo-EM Micrographs", True),
        ("Hierarchical Planning with Language Model Subgoals", True),
        ("Scaling Laws for Imitation Learning in Open-World Games", False),
    ]
    assert result.warnings == (Warning_(15, "title without abstract at end of digest"),)


def _blank(*blocks: str) -> str:
    return "\n\n".join(blocks)


ABSTRACT = (
    "We propose a method for a problem that matters and show on several benchmarks that it beats strong "
    "baselines while using less compute, and we analyse when and why it fails. "
) * 2


def test_hf_blank_with_partial_chrome_or_only_a_date() -> None:
    for header in (["Mar 11"], ["Subscribe", "Mar 11"], ["Get trending papers in your email inbox!"]):
        result = parse(_blank(*header, "A Title", ABSTRACT, "Another Title", ABSTRACT))
        assert result.layout == "hf-blank"
        assert [e.title for e in result.entries] == ["A Title", "Another Title"]
        assert result.digest_date == ("Mar 11" if "Mar 11" in header else None)
        assert result.warnings == ()


def test_hf_blank_missing_abstract_mid_file() -> None:
    result = parse(_blank("Mar 11", "First Title", ABSTRACT, "Lonely Title", "Third Title", ABSTRACT))
    assert [(e.title, bool(e.abstract), e.line) for e in result.entries] == [
        ("First Title", True, 3),
        ("Lonely Title", False, 7),
        ("Third Title", True, 9),
    ]
    assert [w.line for w in result.warnings] == [7]


def test_hf_blank_wrapped_abstract_and_stray_paragraph() -> None:
    wrapped = ABSTRACT[:100] + "\n" + ABSTRACT[100:].lstrip()
    result = parse(
        _blank("Mar 11", "First Title", wrapped, ABSTRACT + "A second paragraph.", "Next Title", ABSTRACT)
    )
    assert [e.title for e in result.entries] == ["First Title", "Next Title"]
    assert result.entries[0].abstract.startswith(ABSTRACT[:100] + " " + ABSTRACT[100:].lstrip())
    assert result.entries[0].abstract.endswith("A second paragraph.")
    assert [w.line for w in result.warnings] == [8]  # the wrapped abstract (lines 5-6) is no warning


def test_hf_blank_repeated_date_is_skipped_with_a_warning() -> None:
    result = parse(_blank("Mar 11", "First Title", ABSTRACT, "Mar 10", "Second Title", ABSTRACT))
    assert [e.title for e in result.entries] == ["First Title", "Second Title"]
    assert result.digest_date == "Mar 11"
    assert [w.line for w in result.warnings] == [7]


def test_hf_compact_without_glued_subscribe() -> None:
    text = "\n".join(
        ["Get trending papers in your email inbox!", "Subscribe", "A Title", ABSTRACT, "B Title", ABSTRACT]
    )
    result = parse(text)
    assert result.layout == "hf-compact"
    assert [(e.title, e.line) for e in result.entries] == [("A Title", 3), ("B Title", 5)]


def test_hf_compact_glued_to_a_lowercase_camel_title() -> None:
    text = "\n".join(["SubscribeiPhone Apps as Agents", ABSTRACT, "B Title", ABSTRACT])
    result = parse(text)
    assert (result.layout, result.entries[0].title) == ("hf-compact", "iPhone Apps as Agents")


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("hf_blank.txt", "hf-blank"),
        ("hf_compact.txt", "hf-compact"),
        ("alphaxiv.txt", "alphaxiv"),
        ("alphaxiv_truncated.txt", "alphaxiv"),
        ("hf_blank_truncated.txt", "hf-blank"),
    ],
)
def test_detect(name: str, layout: str) -> None:
    assert detect(fixture(name)) == layout


def test_alphaxiv_pasted_under_a_hugging_face_header() -> None:
    text = "Get trending papers in your email inbox!\nSubscribe\n" + fixture("alphaxiv.txt")
    result = parse(text)
    assert result.layout == "alphaxiv"
    assert result.entries == tuple(
        replace(e, line=e.line + 2) for e in parse(fixture("alphaxiv.txt")).entries
    )
    assert result.warnings == ()


def test_forced_layout() -> None:
    text = "\n".join(["First Title", ABSTRACT, "Second Title", ABSTRACT])
    with pytest.raises(DigestError, match="no Hugging Face page header or date line"):
        parse(text)  # no header: could be anything
    result = parse(text, "hf-compact")
    assert [e.title for e in result.entries] == ["First Title", "Second Title"]
    assert parse_bytes(text.encode(), "hf-compact") == result


def test_forced_layout_that_finds_nothing() -> None:
    with pytest.raises(DigestError, match="no paper entries found in the hf-blank layout"):
        parse("\n\n\n", "hf-blank")


@pytest.mark.parametrize("call", [parse, lambda text, layout: parse_bytes(text.encode(), layout)])
def test_unknown_layout(call: object) -> None:
    with pytest.raises(ValueError, match="hf-blank, hf-compact, alphaxiv"):
        call(fixture("hf_blank.txt"), "arxiv")  # type: ignore[operator]


NOT_DIGESTS = {
    "empty": "",
    "whitespace": "  \n\t\n\u00a0\n   ",
    "single line": "Attention Is All You Need",
    "single alphaxiv line": "Robust Parsing at ScaleNelson F. Lowe, Ala N. Tarek",
    "readme": fixture("readme.md"),
    "prose": fixture("prose.txt"),
    "prose under a date": "Mar 11\n\n" + fixture("prose.txt"),
    "readme under chrome": "Get trending papers in your email inbox!\n\n" + fixture("readme.md"),
    "python source": "import os\n\n\ndef main():\n    print(os.getcwd())\n\n\nmain()\n",
    "csv": "title,authors,year\nA Paper,Jane Doe,2024\nAnother Paper,John Roe,2023\n",
}


@pytest.mark.parametrize("text", NOT_DIGESTS.values(), ids=NOT_DIGESTS.keys())
def test_not_a_digest(text: str) -> None:
    with pytest.raises(DigestError, match="no paper entries found"):
        parse(text)
    with pytest.raises(DigestError, match=r"^no paper entries found: this does not look like a Hugging Face"):
        detect(text)


def test_binary_is_not_a_digest() -> None:
    with pytest.raises(DigestError, match="binary data, not a text digest"):
        parse_bytes((FIXTURES / "binary.bin").read_bytes())


def test_digest_error_is_a_value_error() -> None:
    assert issubclass(DigestError, ValueError)

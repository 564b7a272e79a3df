"""arXiv daily listing e-mails on the project's own fixtures (invented papers reproducing real quirks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.models import Warning_
from readq.parsing import DigestError, detect, parse, parse_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_mailing_blocks_kinds_and_fields() -> None:
    result = parse(fixture("arxiv_mailing.txt"))
    assert (result.layout, result.digest_date) == (
        "arxiv-mailing",
        "2026-01-12",
    )  # "received … to Mon 12 Jan"
    assert result.summary == "2 new, 1 cross-list, 2 replacements, 1 replacement cross-list"
    assert [(e.line, e.arxiv_id) for e in result.entries] == [
        (18, "2601.04321"),
        (37, "2601.04388"),
        (54, "2601.03999"),
        (69, "2412.01234"),
        (79, "2501.07777"),
        (89, "2601.04321"),  # listed again as a replacement: the store makes it one paper
    ]
    first, probes, cross, replaced, withdrawn, again = result.entries
    assert first.title == "Tokenizer Drift: Measuring How Vocabulary Choices Shape Multilingual Reasoning"
    assert first.authors == ("Zoltán Kovács", "María José Peña", "Wei Zhang")  # TeX accents, Oxford comma
    assert (first.category, first.date, first.year) == ("cs.CL cs.LG", "2026-01-08", 2026)
    assert first.url == "https://arxiv.org/abs/2601.04321"
    # Two paragraphs (the second starts indented); lines that look like structure stay in the abstract.
    paragraphs = first.abstract.split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Vocabulary choices made before") and paragraphs[0].endswith(
        "model size."
    )
    assert "40% of the gap % of relative errors" in paragraphs[1]
    assert "[Smith et al., arXiv:2511.00638], which used" in paragraphs[1]
    assert probes.authors == ("Ada Quist", "Chun-Fu (Richard) Chen", "Bea Lindqvist")  # affiliations dropped
    assert probes.venue == "Proceedings of the Workshop on Safe Models, 2026"
    assert cross.authors == ("Ren He", "Jeremy Watson", "Jian Song")
    assert (cross.category, cross.date) == ("q-bio.BM cs.LG", "2026-01-07")
    # Replacements carry no abstract and no paper date (the revision date is not the paper's).
    assert (replaced.abstract, replaced.date, replaced.year) == ("", None, 2024)
    assert replaced.authors == ("Pieter M. van Staden", "Peter A. Forsyth", "Yuying Li")
    assert withdrawn.authors == ("Lea Müller", "Jonas Brandt") and withdrawn.et_al
    assert again.title == first.title and again.abstract == ""
    # Only the withdrawal is worth saying: replacements without abstracts are normal.
    assert result.warnings == (
        Warning_(
            76,
            "arXiv:2501.07777 has been withdrawn (Comments: The authors have withdrawn this paper because of "
            "an error in Table 2)",
        ),
    )


def test_arxiv_own_listing_with_date_and_subject_headers() -> None:
    result = parse(fixture("arxiv_listing.txt"))
    assert (result.layout, result.digest_date, result.summary, result.warnings) == (
        "arxiv-mailing",
        "2026-01-06",  # the Date: header, not the received window
        "2 new",
        (),
    )
    queue, old = result.entries
    assert queue.authors == ("Louise Saddier", "Matteo Marsilio")
    assert (
        queue.abstract.startswith("We model the limit order book") and "{\\em square-root}" in queue.abstract
    )
    assert (old.arxiv_id, old.year, old.url) == (
        "hep-th/9901001",
        1999,
        "https://arxiv.org/abs/hep-th/9901001",
    )


def test_missing_abstract_missing_title_and_cut_off_end_are_warnings() -> None:
    result = parse(fixture("arxiv_mailing_broken.txt"))
    assert [e.arxiv_id for e in result.entries] == ["2601.05555", "2601.05557"]
    assert result.warnings == (
        Warning_(4, "arXiv:2601.05555 (new) has no abstract"),
        Warning_(13, "arXiv:2601.05556 has no Title: line; skipped"),
        Warning_(
            23, "arXiv:2601.05557: the text ends inside this entry (no closing link line); it may be cut"
        ),
    )
    assert (
        result.entries[1].abstract
        == "This abstract is the last thing in the file and it stops in the middle of"
    )


def test_mail_client_line_endings_and_lost_indentation() -> None:
    """CRLF from a mail client, and continuation lines that lost their indentation, still read."""
    text = fixture("arxiv_mailing.txt")
    result = parse_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert [e.arxiv_id for e in result.entries] == [e.arxiv_id for e in parse(text).entries]
    flat = parse("\n".join(line.lstrip() for line in text.split("\n")))
    assert (
        flat.entries[0].title
        == "Tokenizer Drift: Measuring How Vocabulary Choices Shape Multilingual Reasoning"
    )
    assert flat.entries[1].authors == ("Ada Quist", "Chun-Fu (Richard) Chen", "Bea Lindqvist")
    assert flat.entries[0].abstract.count("\n") == 0  # paragraph breaks were in the indentation


def test_detection_and_forcing() -> None:
    assert detect(fixture("arxiv_mailing.txt")) == "arxiv-mailing"
    assert parse(fixture("arxiv_listing.txt"), "arxiv-mailing").layout == "arxiv-mailing"
    with pytest.raises(DigestError, match="no paper entries found in the arxiv-mailing layout"):
        parse(fixture("hf_blank.txt"), "arxiv-mailing")
    # an abstract line that starts with "arXiv:" is not a block: only "\\" then an id line is
    with pytest.raises(DigestError, match=r"^no paper entries found in the arxiv-mailing layout$"):
        parse("arXiv:2601.00638], this work\nand more text\n\\\\\nnot an id", "arxiv-mailing")


def test_progress_is_reported_and_can_stop_the_parse() -> None:
    text = fixture("arxiv_mailing.txt")
    seen: list[tuple[int, int]] = []
    parse(text, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        parse(text, progress=stop)

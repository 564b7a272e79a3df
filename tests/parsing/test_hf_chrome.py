"""Hugging Face's page words decide the layout: a short Hugging Face digest with brief abstracts is read as
Hugging Face (with a warning), never as an alphaXiv listing whose first title is ``Subscribe``."""

from __future__ import annotations

import pytest

from readq.parsing import DigestError, parse

TITLES = [
    "Sparse Mixtures for Tiny Devices",
    "Yuki Tanaka, Omar Haddad",  # a title that reads like an author list
    "Rethinking Token Budgets",
]
SHORT = ["We prune experts on phones.", "Two authors wrote this short one.", "Budgets matter, briefly."]


def _blank() -> str:
    body = "\n\n".join(f"{t}\n\n{a}" for t, a in zip(TITLES, SHORT, strict=True))
    chrome = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community"
    return f"{chrome}\n\n{body}\n"


def _compact() -> str:
    body = "\n".join(f"{t}\n{a}" for t, a in zip(TITLES, SHORT, strict=True))
    return f"Get trending papers in your email inbox!\nSubscribe{body}\n"


@pytest.mark.parametrize("text", [_blank(), _compact()], ids=["blank", "compact"])
def test_hugging_face_chrome_decides_even_with_short_abstracts(text: str) -> None:
    result = parse(text)
    assert result.layout.startswith("hf-")
    assert [e.title for e in result.entries] == TITLES
    assert [e.abstract for e in result.entries] == SHORT
    assert all(e.authors == () for e in result.entries)
    [doubt] = [w for w in result.warnings if "too short" in w.message]
    assert doubt.line == 0 and "a Hugging Face page" in doubt.message


def test_short_paragraphs_without_hugging_face_words_are_still_refused() -> None:
    text = "\n\n".join(f"{t}\n\n{a}" for t, a in zip(TITLES, SHORT, strict=True)) + "\n"
    with pytest.raises(DigestError, match=r"too short|no line ends"):
        parse(text)

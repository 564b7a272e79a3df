"""Text mis-decoded before it reached readq is kept as it is, and the import warns with the line."""

from __future__ import annotations

import pytest

from readq.parsing import parse_bytes
from readq.text.mojibake import mojibake

DIGEST = """new

Get trending papers in your email inbox!

Subscribe

byAK and the research community

Nov 23

A Clean Title About Retrieval

An abstract that is long enough to be an abstract, with nothing wrong in it at all, about retrieval.

Pir谩: A Question Answering Dataset for the Ocean

We release a dataset of questions about the ocean; the name was mis-decoded on the way, as in real digests.
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Pir谩: a dataset", ("Pir谩:", "Pirá:")),  # UTF-8 read as GBK
        ("CafÃ© au lait", ("CafÃ©", "Café")),  # UTF-8 read as Latin-1
        ("Itâ€™s fine", ("Itâ€™s", "It’s")),  # UTF-8 read as Windows-1252
        ("Zoë Müller and Łukasz", None),
        ("GPT-4 与 BERT 的比较", None),  # real Chinese beside Latin words
        ("中文标题", None),
    ],
)
def test_mojibake_is_found_with_its_likely_reading(text: str, found: tuple[str, str] | None) -> None:
    assert mojibake(text) == found


def test_import_warns_with_the_line_and_keeps_the_text() -> None:
    result = parse_bytes(DIGEST.encode("utf-8"))
    assert [e.title for e in result.entries][1] == "Pir谩: A Question Answering Dataset for the Ocean"
    assert [str(w) for w in result.warnings] == [
        "line 15: the title looks mis-decoded before it reached readq ('Pir谩:', probably 'Pirá:');"
        " kept as it is"
    ]

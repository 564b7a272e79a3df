"""readq.safe: what may reach a terminal or a JSON file."""

from __future__ import annotations

import pytest

from readq.safe import clip, file_label, fix_surrogates, one_line, tidy, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain [b]markup[/b] stays", "plain [b]markup[/b] stays"),
        ("lines\nand\ttabs stay", "lines\nand\ttabs stay"),
        ("\x1b[1;31mred\x1b[0m", "red"),
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),
        ("a\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("a\x9b2Jb\x9d0;t\x9cc", "abc"),
        ("cr\rnul\x00del\x7fbs\x08bel\x07", "crnuldelbsbel"),
        ("\u202egnp.exe \u2066isolate\u2069 \ufeffbom", "gnp.exe isolate bom"),
        ("unterminated \x1b]0;title", "unterminated "),
        ("lone \ud800 and \udcff", "lone \ufffd and \ufffd"),
        ("zero\u200bwidth and ünïcödé", "zero\u200bwidth and ünïcödé"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_one_line_tidy_and_labels() -> None:
    assert one_line("a\nb\tc\x1b[2J") == "a b c"
    assert tidy("  spaced \n out\x07  ") == "spaced out"
    assert file_label("/home/me/digests/001_hf\x1b]0;x\x07.txt") == "001_hf.txt"
    assert file_label("dir/") == "dir"
    assert file_label("\x1b]0;x\x07") == "unnamed"
    assert fix_surrogates("ok") == "ok" and fix_surrogates("\udcff") == "\ufffd"


def test_clip() -> None:
    assert clip("abcdef", 4) == ("abcd", 2)
    assert clip("abc", 4) == ("abc", 0)

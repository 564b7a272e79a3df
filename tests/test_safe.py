"""readq.text.terminal: what may reach a terminal or a JSON file."""

from __future__ import annotations

import pytest

from readq.text.terminal import (
    cell_width,
    clip,
    file_label,
    fit_cells,
    fix_surrogates,
    one_line,
    tidy,
    visible,
)


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


def test_cell_width_counts_wide_characters_twice_and_combining_marks_not_at_all() -> None:
    assert cell_width("abc") == 3
    assert cell_width("深度学习") == 8
    assert cell_width("e\u0301te\u0301") == 3  # é written as e + combining acute
    assert cell_width("ＡＢ") == 4  # fullwidth Latin


def test_fit_cells_pads_and_cuts_by_cells() -> None:
    assert fit_cells("abc", 5) == "abc  "
    assert fit_cells("深度学习模型", 7) == "深度学…"  # 6 cells and the ellipsis
    assert cell_width(fit_cells("深度学习模型", 8)) == 8  # a wide character never straddles the edge
    assert fit_cells("深度学习模型", 8) == "深度学… "


def test_list_lines_line_up_with_wide_titles() -> None:
    from readq.cli.render import list_line
    from readq.library.records import Record
    from readq.models import Paper
    from readq.user_state import PaperState

    def line(pid: str, title: str) -> str:
        paper = Paper(id=pid, identity=f"title:{pid}", title=title, abstract="", authors=("Wei Zhang",))
        return list_line(Record.build(paper, PaperState()), width=60)

    latin = line("aaaaaaaa", "A plain title about transformers that goes on and on for a while")
    chinese = line("bbbbbbbb", "大型语言模型的推理能力研究：一个关于思维链提示的全面综述与展望")
    assert cell_width(latin) == cell_width(chinese) == 60
    assert chinese.endswith("Wei Zhang") and latin.endswith("Wei Zhang")

"""TeX math in titles as a reader sees it, in the list, the detail pane and the plain, APA and Markdown
citations; BibTeX keeps the TeX."""

from __future__ import annotations

import pytest

from readq.citations.styles import cite
from readq.models import Paper
from readq.text.math import readable_math
from readq.user_state import PaperState

TITLE = r"Learning with $\alpha$-Divergences"
PAPER = Paper("p1", "p1", TITLE, authors=("Ada Lovelace",), year=2024, url="https://example.org/p1")


@pytest.mark.parametrize(
    ("tex", "shown"),
    [
        (TITLE, "Learning with α-Divergences"),
        (r"$\epsilon$-greedy Exploration for $k$-NN", "ϵ-greedy Exploration for k-NN"),
        (r"An $O(n^2)$ Bound", "An O(n^2) Bound"),
        ("Costs of $5 and $6", "Costs of $5 and $6"),  # money, not math
        (r"A \$ sign and $ spaced $", r"A \$ sign and $ spaced $"),
        ("No math at all", "No math at all"),
    ],
)
def test_readable_math(tex: str, shown: str) -> None:
    assert readable_math(tex) == shown


@pytest.mark.parametrize("fmt", ["apa", "plain", "markdown"])
def test_reading_citations_show_the_symbols(fmt: str) -> None:
    text = cite(PAPER, fmt).text
    assert "α-Divergences" in text and "$" not in text


def test_bibtex_keeps_the_tex() -> None:
    assert r"title = {Learning with {$\alpha$}-Divergences}" in cite(PAPER, "bibtex").text


async def test_the_list_and_the_detail_show_the_symbols() -> None:
    from textual.app import App, ComposeResult

    from readq.library.records import Record
    from readq.tui.widgets.detail import DetailPane, PaperDetail
    from readq.tui.widgets.paper_list import PaperList

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield PaperList(id="papers")
            yield DetailPane(id="detail")

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        papers = app.query_one(PaperList)
        papers.set_rows([Record.build(PAPER, PaperState())])
        app.query_one(DetailPane).show(PaperDetail(PAPER, PaperState(), "", None, None))
        await pilot.pause()
        assert "Learning with α-Divergences" in papers.render_line(0).text
        assert app.query_one(DetailPane).text.plain.startswith("Learning with α-Divergences\n")

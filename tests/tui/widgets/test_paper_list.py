"""The paper list in a host app of its own: rows in, lines out, clicks posted as messages."""

from __future__ import annotations

from textual.app import App, ComposeResult

from readq.library.records import Record
from readq.models import Paper
from readq.tui.widgets.paper_list import MARK, WATCHED, PaperList
from readq.user_state import DEFAULT_STATE, PaperState


def record(pid: str, title: str, state: PaperState = DEFAULT_STATE) -> Record:
    return Record.build(Paper(pid, pid, title, authors=("Ada Lovelace", "Alan Turing")), state)


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.clicks: list[int] = []

    def compose(self) -> ComposeResult:
        yield PaperList(id="papers")

    def on_paper_list_clicked(self, message: PaperList.Clicked) -> None:
        self.clicks.append(message.index)


def line(papers: PaperList, y: int) -> str:
    return papers.render_line(y).text


async def test_rows_render_plain_text_with_their_markers_and_a_cursor() -> None:
    app = Host()
    async with app.run_test(size=(100, 10)) as pilot:
        papers = app.query_one(PaperList)
        rows = [
            record("a", "[b]Not markup[/b]"),
            record("b", "Read paper", PaperState(read=True, priority=3)),
            record("c", "Marked paper"),
        ]
        rows[2].watched_by = "author Ada Lovelace"
        papers.marked = {"c": None}
        papers.set_rows(rows, keep="b")
        await pilot.pause()
        assert papers.cursor == 1 and papers.current is rows[1]
        first, second, third = (line(papers, y) for y in range(3))
        assert (
            first.startswith(" ● ") and "[b]Not markup[/b]" in first and "Ada Lovelace et a…" in first
        )  # cut to its column
        assert second.startswith("   !!! Read paper")
        assert third.startswith(MARK + "●" + WATCHED)
        assert line(papers, 5).strip() == ""  # below the rows: blank
        assert papers.move_to(5) and papers.cursor == 2  # clamped to the last row
        assert not papers.move_to(2)
        papers.remove_current()
        assert [r.pid for r in papers.rows] == ["a", "b"] and papers.cursor == 1


async def test_a_click_posts_the_row_it_hit() -> None:
    app = Host()
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(PaperList).set_rows([record("a", "One"), record("b", "Two")])
        await pilot.pause()
        await pilot.click(PaperList, offset=(10, 1))
        await pilot.click(PaperList, offset=(10, 7))  # no row there: nothing posted
        await pilot.pause()
        assert app.clicks == [1]

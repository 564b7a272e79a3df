"""The detail pane in a host app of its own: a plain PaperDetail in, text (never markup) out."""

from __future__ import annotations

from textual.app import App, ComposeResult

from readq.models import Paper, Source
from readq.tui.widgets.detail import DetailPane, PaperDetail
from readq.user_state import PaperState


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail")


PAPER = Paper(
    "p1",
    "p1",
    "[@click=app.quit]A title[/]",
    abstract="The abstract, verbatim.",
    authors=("Ada Lovelace",),
    category="LG",
    sources=(Source("2026-11-20-hf.txt", "Nov 20, 2026"),),
)


async def test_the_pane_shows_what_it_is_given_and_nothing_else() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.query_one(DetailPane)
        state = PaperState(read=True, priority=2, tags=("robots",), note="# My note\n\nsome *words*")
        pane.show(
            PaperDetail(PAPER, state, "authors", "author Ada Lovelace", "ranked high: you kept similar")
        )
        await pilot.pause()
        text = pane.text.plain
        assert text.startswith("[@click=app.quit]A title[/]\nAda Lovelace\n")
        assert "edited by you: authors" in text and "◆ watched: author Ada Lovelace" in text
        assert "read · priority 2 · tags: robots" in text and "ranked high: you kept similar" in text
        assert text.endswith("The abstract, verbatim.")
        pane.show(PaperDetail(PAPER, state))  # the same paper again: its note renders at once
        await pilot.pause()
        assert not pane.query_one("#detail-notebox").has_class("-hidden")
        assert "edited by you" not in pane.text.plain and "watched" not in pane.text.plain
        pane.show(None)
        await pilot.pause()
        assert pane.text.plain.startswith("Nothing here.")
        assert pane.query_one("#detail-notebox").has_class("-hidden")

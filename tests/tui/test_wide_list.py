"""Pilot: the list uses a wide terminal (titles of at least 90 cells at 160x45, authors shown), the sidebar
takes only the width it needs and ``b`` hides it; titles are cut after a whole word."""

from __future__ import annotations

from readq.store import Store
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from readq.tui.widgets.paper_list import fit_title
from readq.tui.widgets.sidebar import MAX_WIDTH


async def test_at_160_columns_the_title_column_is_at_least_90_wide(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        papers = screen.papers
        assert papers.has_authors
        title_w, author_w, source_w = papers.column_widths(papers.scrollable_content_region.width)
        assert title_w >= 90 and author_w and source_w
        sidebar = screen.query_one("#sidebar")
        assert sidebar.size.width <= MAX_WIDTH
        before = title_w
        await pilot.press("b")
        await pilot.pause()
        assert not sidebar.display
        assert papers.column_widths(papers.scrollable_content_region.width)[0] >= before + sidebar.size.width
        await pilot.press("b")
        await pilot.pause()
        assert sidebar.display


async def test_at_80_columns_the_list_still_has_its_columns(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        papers = screen.papers
        title_w, _, source_w = papers.column_widths(papers.scrollable_content_region.width)
        assert title_w >= 20 and source_w


def test_titles_are_cut_after_a_whole_word() -> None:
    title = "Sparse Mixtures of Tiny Experts for Long-Context Retrieval"
    assert fit_title(title, 30) == "Sparse Mixtures of Tiny…      "
    assert fit_title(title, 100) == title + " " * (100 - len(title))
    assert fit_title("Supercalifragilisticexpialidocious words", 12) == "Supercalifr…"  # no word fits
    assert fit_title("A long title", 11) == "A long…    "
    assert (
        fit_title("On https://example.org/a/very/long/path", 20) == "On https://example.…"
    )  # one long token

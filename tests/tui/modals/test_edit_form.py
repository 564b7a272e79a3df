"""The metadata form (``E``) alone in a host app: it dismisses with parsed values or refuses bad ones."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from readq.models import Paper
from readq.tui.screens.edit_form import EditScreen
from tests.tui.modals.host import SIZE, ModalHost, text_of

BASE = Paper(
    id="p1",
    identity="graph transformers",
    title="Graph Transformers [b]Are[/b] Secretly Message Passing",
    authors=("Emmy Noether",),
    year=2026,
    arxiv_id="2611.00001",
)
SHOWN = Paper(
    id="p1",
    identity="graph transformers",
    title=BASE.title,
    authors=("Emmy Noether", "Ada Lovelace"),
    et_al=True,
    year=2025,
    arxiv_id="2611.00001",
    url="https://example.org/paper",
    venue="ICML",
)
UNCHANGED = {
    "authors": ("Emmy Noether", "Ada Lovelace"),
    "et_al": True,
    "year": 2025,
    "arxiv_id": "2611.00001",
    "url": "https://example.org/paper",
    "venue": "ICML",
}


def form() -> ModalHost:
    return ModalHost(lambda: EditScreen(SHOWN, BASE))


def field(app: ModalHost, name: str) -> Input:
    assert app.modal is not None
    return app.modal.query_one(f"#edit-{name}", Input)


def fill(app: ModalHost, **values: str) -> None:
    for name, value in values.items():
        field(app, name).value = value


async def test_the_form_shows_the_values_as_edited() -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {name: field(app, name).value for name in ("authors", "year", "arxiv_id", "url", "venue")}
        assert shown == {
            "authors": "Emmy Noether; Ada Lovelace; et al.",
            "year": "2025",
            "arxiv_id": "2611.00001",
            "url": "https://example.org/paper",
            "venue": "ICML",
        }
        assert field(app, "authors").has_focus
        assert app.modal is not None
        assert text_of(app.modal, "#edit-paper") == BASE.title  # verbatim, never markup


@pytest.mark.parametrize("how", ["ctrl+s", "enter", "click"])
async def test_saving_unchanged_gives_every_field_parsed(how: str) -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if how == "click":
            assert await pilot.click("#save")
        else:
            await pilot.press(how)
        await pilot.pause()
        assert app.dismissed == [UNCHANGED]


async def test_typed_values_are_parsed() -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill(
            app,
            authors=" Liu, Nelson F. ;; Wei  Zhang; others ",
            year=" 1999 ",
            arxiv_id="https://arxiv.org/pdf/2401.01234v3.pdf",
            url="http://example.org/a?b=c",
            venue="Journal of\nTests\x1b[31m",  # a terminal control sequence: stripped
        )
        field(app, "venue").focus()
        await pilot.press("end", "!", "enter")  # typed keys reach the field too
        await pilot.pause()
        assert app.dismissed == [
            {
                "authors": ("Liu, Nelson F.", "Wei Zhang"),
                "et_al": True,
                "year": 1999,
                "arxiv_id": "2401.01234",
                "url": "http://example.org/a?b=c",
                "venue": "Journal of Tests!",
            }
        ]


async def test_empty_fields_mean_unknown() -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        fill(app, authors="", year="", arxiv_id="", url="", venue="  ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [
            {"authors": (), "et_al": False, "year": None, "arxiv_id": None, "url": None, "venue": None}
        ]


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("url", "javascript:alert(1)", "URL: 'javascript:alert(1)' is not a web address"),
        ("url", "file:///etc/passwd", "URL: 'file:///etc/passwd' is not a web address"),
        ("url", "https://example.org/a b", "is not a web address"),
        ("year", "3000", "year: '3000' is not a year"),
        ("year", "999", "year: '999' is not a year"),
        ("year", "20x6", "year: '20x6' is not a year"),
        ("arxiv_id", "2401.1", "arXiv id: '2401.1' is not an arXiv id"),
        ("arxiv_id", "doi:10.1/x", "is not an arXiv id"),
    ],
)
async def test_a_bad_value_is_refused_and_its_field_focused(name: str, value: str, error: str) -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill(app, **{name: value})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [] and app.is_open
        assert app.modal is not None
        assert error in text_of(app.modal, "#edit-error")
        assert field(app, name).has_focus
        fill(app, **{name: ""})  # corrected: now it saves
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.dismissed) == 1
        saved: dict[str, Any] = app.dismissed[0]
        assert saved[name] is None


async def test_digest_values_fill_the_fields_and_save_drops_the_edits() -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await pilot.click("#digest")
        await pilot.pause()
        assert field(app, "authors").value == "Emmy Noether" and field(app, "url").value == ""
        assert app.modal is not None
        assert "digest's values" in text_of(app.modal, "#edit-error")
        assert app.dismissed == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [
            {
                "authors": ("Emmy Noether",),
                "et_al": False,
                "year": 2026,
                "arxiv_id": "2611.00001",
                "url": None,
                "venue": None,
            }
        ]


@pytest.mark.parametrize("how", ["escape", "click"])
async def test_cancel_dismisses_with_none(how: str) -> None:
    app = form()
    async with app.run_test(size=SIZE) as pilot:
        fill(app, year="1900")
        if how == "click":
            assert await pilot.click("#cancel")
        else:
            await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]

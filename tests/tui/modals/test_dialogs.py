"""The confirmation and the help screen, each alone in a host app."""

from __future__ import annotations

import pytest

from readq.config import Config
from readq.tui.screens.dialogs import ConfirmScreen, HelpScreen
from readq.tui.settings import DEFAULT_SETTINGS, app_settings
from tests.tui.modals.host import SIZE, ModalHost, text_of

HOSTILE = "Delete [b]3[/b] papers?\x1b[31m [@click=app.quit]now[/]"


def confirm() -> ModalHost:
    return ModalHost(lambda: ConfirmScreen(HOSTILE, yes="Delete", no="Keep"))


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(["y"], True), (["n"], False), (["escape"], False), (["enter"], True), (["tab", "enter"], False)],
)
async def test_confirm_answers_by_key(keys: list[str], answer: bool) -> None:
    app = confirm()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert app.dismissed == [answer]
        assert not app.is_open


@pytest.mark.parametrize(("button", "answer"), [("#yes", True), ("#no", False)])
async def test_confirm_answers_by_click(button: str, answer: bool) -> None:
    app = confirm()
    async with app.run_test(size=SIZE) as pilot:
        assert await pilot.click(button)
        await pilot.pause()
        assert app.dismissed == [answer]


async def test_confirm_ignores_other_keys_and_shows_the_question_verbatim() -> None:
    app = confirm()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "q", "space", "j")
        await pilot.pause()
        assert app.dismissed == [] and app.is_open
        assert app.modal is not None
        assert text_of(app.modal, "#question") == "Delete [b]3[/b] papers? [@click=app.quit]now[/]"
        assert "Delete (y)" in str(app.modal.query_one("#yes").render())
        assert "Keep (n)" in str(app.modal.query_one("#no").render())


@pytest.mark.parametrize("key", ["escape", "q", "question_mark"])
async def test_help_closes_with_none(key: str) -> None:
    app = ModalHost(HelpScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "k", "down")  # scrolling keys do not close it
        assert app.dismissed == []
        await pilot.press(key)
        await pilot.pause()
        assert app.dismissed == [None]


async def test_help_lists_every_command_and_wraps_under_its_start() -> None:
    app = ModalHost(HelpScreen)
    async with app.run_test(size=(70, 60)) as pilot:
        await pilot.pause()
        assert app.modal is not None
        body = text_of(app.modal, "#help-body")
        flat = " ".join(body.split())
        for command in DEFAULT_SETTINGS.commands:  # as a host without settings has them
            assert " ".join(command.help.split()) in flat, command.id
        lines = body.split("\nSearch: ")[0].splitlines()  # the keys (the search line wraps as a paragraph)
        continued = [line for line in lines if line.startswith(" " * 14) and line.strip()]
        assert continued, "nothing wrapped at 70 columns"
        assert max(len(line) for line in lines) <= 70


async def test_help_shows_the_keys_the_user_configured() -> None:
    settings = app_settings(Config(keys={"help": ("f1",)}))

    class Host(ModalHost):
        def __init__(self) -> None:
            super().__init__(HelpScreen)
            self.settings = settings

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        help_line = next(line for line in text_of(app.modal, "#help-body").splitlines() if "f1" in line)
        assert help_line.split()[0] == "f1"

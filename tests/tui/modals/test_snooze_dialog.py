"""The snooze dialog alone in a host app: each choice by enter or its key, a typed day, refusals, cancel."""

from __future__ import annotations

from datetime import date

import pytest

from readq.tui.screens.snooze_dialog import SnoozeScreen
from tests.tui.modals.host import SIZE, ModalHost, text_of

THU = date(2026, 12, 3)


def dialog() -> ModalHost:
    return ModalHost(lambda: SnoozeScreen(THU, "Snooze “[b]A title[/b]”"))


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["enter"], date(2026, 12, 4)),
        (["t"], date(2026, 12, 4)),
        (["n"], date(2026, 12, 7)),
        (["down", "enter"], date(2026, 12, 7)),
        (["w"], date(2026, 12, 10)),
        (["m"], date(2027, 1, 3)),
        (["d", *"+3d", "enter"], date(2026, 12, 6)),
        (["d", *"2027-02-01", "enter"], date(2027, 2, 1)),
        (["escape"], None),
    ],
)
async def test_the_dialog_dismisses_with_the_day(keys: list[str], answer: date | None) -> None:
    app = dialog()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.dismissed == [answer]


async def test_a_typed_day_that_is_not_later_is_refused_and_the_title_is_not_markup() -> None:
    app = dialog()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        assert text_of(app.modal, "#snooze-title") == "Snooze “[b]A title[/b]”"
        await pilot.press("d", *"mañana", "enter")
        await pilot.pause()
        assert app.dismissed == [] and "not a day" in text_of(app.modal, "#snooze-error")
        await pilot.press("w")  # typed into the field, not a choice
        assert app.dismissed == []

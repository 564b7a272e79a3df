"""Until when to snooze: tomorrow, next Monday, in a week, in a month, or a day typed. Dismisses with the day
(a :class:`datetime.date`) or None; the screen that asked does the snoozing."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from readq.library.snoozing import CHOICES, snooze_day

KEYS = {"tomorrow": "t", "monday": "n", "week": "w", "month": "m"}  # one key per choice


def choice_label(label: str, day: date, key: str) -> Content:
    return Content.assemble(
        (f"{key}  ", "bold $text-warning"), label, (f"  {day:%a %b} {day.day}", "$text-muted")
    )


class SnoozeScreen(ModalScreen[date | None]):
    """Pick when the papers come back: a choice (enter, or its key) or a day typed after ``d``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(key, f"pick('{choice}')", show=False) for choice, key in KEYS.items()),
        Binding("d", "type_day", "Type a day", show=False),
    ]

    def __init__(self, today: date, what: str) -> None:
        super().__init__()
        self.today = today
        self.what = what  # "Snooze 3 papers", plain text (a title is never markup)

    def compose(self) -> ComposeResult:
        with Vertical(id="snooze"):
            yield Static(Content.styled(self.what, "bold"), id="snooze-title")
            yield OptionList(
                *(
                    Option(choice_label(label, snooze_day(choice, self.today), KEYS[choice]), id=choice)
                    for choice, label in CHOICES
                ),
                id="snooze-choices",
            )
            yield Input(placeholder="d: a day (YYYY-MM-DD, +3d, +2w), then enter", id="snooze-day")
            yield Static(id="snooze-error")
            yield Static(
                Content.styled("enter or a key picks · d types a day · esc cancels", "$text-muted"),
                id="snooze-foot",
            )

    def on_mount(self) -> None:
        choices = self.query_one("#snooze-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#snooze-choices")
    def on_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_pick(event.option.id)

    def action_pick(self, choice: str) -> None:
        if self.query_one("#snooze-day", Input).has_focus:
            return
        self.dismiss(snooze_day(choice, self.today))

    def action_type_day(self) -> None:
        self.query_one("#snooze-day", Input).focus()

    @on(Input.Submitted, "#snooze-day")
    def on_day(self, event: Input.Submitted) -> None:
        try:
            day = snooze_day(event.value, self.today)
        except ValueError as error:
            self.query_one("#snooze-error", Static).update(Content.styled(str(error), "$text-error"))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)

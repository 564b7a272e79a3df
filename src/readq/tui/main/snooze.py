"""Snooze: ``z`` takes the paper under the cursor (or the marked papers) out of the Inbox until a day picked
in :class:`~readq.tui.screens.snooze_dialog.SnoozeScreen`. A triage decision: the list moves on as after
``r``."""

from __future__ import annotations

from datetime import date

from readq.library.snoozing import snooze_fields
from readq.text.labels import plural
from readq.text.terminal import one_line
from readq.tui.main.feature import Feature
from readq.tui.screens.snooze_dialog import SnoozeScreen


class Snooze(Feature):
    name = "snooze"

    def action_snooze(self) -> None:
        screen = self.screen
        marked = list(screen.marked)
        record = self.papers.current
        if marked:
            pids, what = marked, f"Snooze {plural(len(marked), 'marked paper')}"
        elif record is not None:
            pids, what = [record.pid], f"Snooze “{one_line(record.title)[:40]}”"
        else:
            return
        self.library.set_today(self.library.clock())

        def answer(day: date | None) -> None:
            if day is None:
                return
            fields = snooze_fields(day, self.library.today)
            label = f"snooze until {day:%b} {day.day}"
            if not screen.change(label, {pid: dict(fields) for pid in pids}):
                return
            if marked:
                screen.marked.clear()
                screen.mutate_reactive(type(screen).marked)
                screen.load_view()
            else:
                screen.after_single_change()
            self.notify(f"Snoozed {plural(len(pids), 'paper')} until {day:%a %b} {day.day}. u undoes it.")

        self.app.push_screen(SnoozeScreen(self.library.today, what), answer)

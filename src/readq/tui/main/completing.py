"""``F``: complete the paper, the marked papers or the whole view from arXiv (arXiv id, authors, year…): the
questions are read here, arXiv is asked in a worker thread (paced, cancellable with ``F`` again), and the
answers are written here, on the main thread, as one undoable step."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from readq.library.completion import Completion, Plan, apply, ask, plan
from readq.online.http import Cancelled, OnlineError
from readq.online.services import Services, connect
from readq.store import StoreError
from readq.text.labels import plural
from readq.tui.main.feature import Feature
from readq.tui.main.messages import ArxivAnswered, LibraryChanged, WorkProgress
from readq.tui.problems import not_saved

if TYPE_CHECKING:
    from readq.tui.main.screen import MainScreen


class Completing(Feature):
    name = "completing"

    def __init__(self, screen: MainScreen) -> None:
        super().__init__(screen)
        self.cancel: threading.Event | None = None
        self.plan: Plan | None = None

    def targets(self) -> tuple[list[str], str]:
        """The marked papers, else the paper under the cursor when it needs completing, else the view."""
        screen = self.screen
        if screen.marked:
            return [p for p in screen.marked if p in self.library.records], "the marked papers"
        record = self.papers.current
        view = [r.pid for r in self.papers.rows]
        if record is not None and plan(self.library, [record.pid]).questions:
            return [record.pid], "this paper"
        return view, f"the papers of {self.library.view(screen.view_key).title}"

    def action_complete(self) -> None:
        if self.cancel is not None:
            self.cancel.set()
            self.screen.work = "stopping the lookup…"
            return
        pids, what = self.targets()
        todo = plan(self.library, pids)
        if not todo.questions:
            again = f" ({len(todo.asked_today):,} asked today already)" if todo.asked_today else ""
            self.notify(f"Nothing to complete in {what}: each has its arXiv id, authors and year{again}.")
            return
        self.plan = todo
        self.cancel = threading.Event()
        config = self.screen.settings.config
        services, contact, cancel = Services.from_env(), config.contact, self.cancel
        self.screen.work = f"asking arXiv about {plural(len(todo.questions), 'paper')}… (F stops)"
        self.screen.run_worker(
            lambda: self._ask(todo, services, contact, cancel), thread=True, group="arxiv-complete"
        )

    def _ask(self, todo: Plan, services: Services, contact: str | None, cancel: threading.Event) -> None:
        post = self.screen.post_message  # in a worker thread: touches no library

        def progress(done: int, total: int) -> None:
            post(WorkProgress(f"asked arXiv about {done:,} of {total:,} papers… (F stops)"))

        try:
            with connect(services, contact=contact, cancel=cancel) as http:
                outcome = ask(todo, http, services, progress)
        except Cancelled:
            post(ArxivAnswered(None, cancelled=True))
            return
        except OnlineError as error:
            post(ArxivAnswered(None, str(error)))
            return
        post(ArxivAnswered(outcome))

    def on_work_progress(self, message: WorkProgress) -> None:
        if self.cancel is not None and not self.cancel.is_set() and "arXiv about" in message.text:
            self.screen.work = message.text

    def on_arxiv_answered(self, message: ArxivAnswered) -> None:
        todo, self.plan, self.cancel = self.plan, None, None
        self.screen.work = ""
        if message.cancelled or todo is None:
            self.notify("Completion stopped: nothing was changed.", timeout=4)
            return
        if message.outcome is None:
            said = str(message.problem).rstrip()
            said += "" if said.endswith((".", "?", "!")) else "."
            self.notify(f"{said} Nothing was changed.", title="Not completed", severity="error", timeout=10)
            return
        try:
            outcome = apply(self.library, todo, message.outcome)
        except StoreError as error:
            not_saved(self.screen, error, what="the completion", title="Not completed")
            return
        self.notify(self.summary(outcome), timeout=8)
        if outcome.step is not None:
            self.screen.load_view(keep=self.papers.current.pid if self.papers.current else None)
            self.screen.post_message(LibraryChanged())

    @staticmethod
    def summary(outcome: Completion) -> str:
        parts = [f"completed {plural(len(outcome.filled), 'paper')} from arXiv"]
        if outcome.unknown:
            parts.append(f"{len(outcome.unknown):,} not found (asked again on a later day)")
        if outcome.elsewhere:
            parts.append(f"{len(outcome.elsewhere):,} already in the library as another paper")
        tail = " u undoes it." if outcome.step is not None else ""
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "." + tail

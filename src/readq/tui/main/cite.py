"""Citing: ``y`` copies, ``Y`` picks a format, ``m`` marks papers for a multi-paper citation.

The copy chain (:func:`readq.system.clipboard.copy_text`) runs in a thread worker, since a clipboard tool
may take up to two seconds; its OSC 52 request is written through the app's driver from the main thread; in
a browser tab (``readq serve``) the page's clipboard is the only route. When no route took the text, a
dialog shows it to select or save (in a browser: to download). The message always names the route."""

from __future__ import annotations

import os
from functools import partial

from readq.citations.pinned import EXTENSIONS, FORMAT_TITLES, describe, missing_hint
from readq.citations.styles import FORMATS, Citation
from readq.store import StoreError
from readq.system.clipboard import ENV_BROWSER_CLIPBOARD, CopyResult, copy_text
from readq.tui.main.feature import Feature
from readq.tui.main.messages import CopyFinished, CopyJob
from readq.tui.main.saving import show_to_save
from readq.tui.screens.cite_dialogs import FormatPicker

COPY_TIMEOUT = 2.0


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


class Cite(Feature):
    name = "cite"

    # -- what to cite -------------------------------------------------------------------------------
    def cite_targets(self) -> list[str]:
        """The marked papers (in the order marked), else the paper under the cursor."""
        if self.screen.marked:
            return [pid for pid in self.screen.marked if pid in self.library.records]
        record = self.papers.current
        return [record.paper.id] if record is not None else []

    def _cite(self, fmt: str) -> tuple[Citation, CopyJob] | None:
        pids = self.cite_targets()
        if not pids:
            self.notify("There is no paper here to cite.", timeout=3)
            return None
        try:
            citation = self.library.cite(pids, fmt)
        except StoreError as error:
            self.notify(str(error), title="Not cited", severity="error", timeout=10)
            return None
        self.screen.show_current()  # a newly pinned key shows in the detail
        papers = self.library.papers_of(pids)
        many = len(papers) > 1
        key = citation.key or ("citations" if many else papers[0].id)
        job = CopyJob(
            citation.text,
            describe(papers, fmt) if many else FORMAT_TITLES[fmt],
            missing_hint(citation, many=many, how="press E"),
            f"readq-{key}{EXTENSIONS[fmt]}",
        )
        return citation, job

    # -- keys ---------------------------------------------------------------------------------------
    def action_copy_citation(self) -> None:
        self.copy_citation(self.screen.settings.config.citation_format)

    def copy_citation(self, fmt: str) -> None:
        cited = self._cite(fmt)
        if cited is not None:
            self.start_copy(cited[1])

    def show_citation(self, fmt: str) -> None:
        cited = self._cite(fmt)
        if cited is None:
            return
        job = cited[1]
        reason = _sentence(job.hint) if job.hint else ""
        show_to_save(self, job.text, title=job.label, reason=reason, filename=job.filename)

    def action_pick_format(self) -> None:
        pids = self.cite_targets()
        if not pids:
            self.notify("There is no paper here to cite.", timeout=3)
            return
        texts = {fmt: self.library.cite(pids, fmt, pin=False).text for fmt in FORMATS}
        papers = self.library.papers_of(pids)
        what = describe(papers, "bibtex").removeprefix("BibTeX of ")

        def picked(choice: tuple[str, bool] | None) -> None:
            if choice is not None:
                fmt, show = choice
                (self.show_citation if show else self.copy_citation)(fmt)

        self.app.push_screen(FormatPicker(texts, self.screen.settings.config.citation_format, what), picked)

    # -- the copy chain -----------------------------------------------------------------------------
    def start_copy(self, job: CopyJob) -> None:
        self.screen.run_worker(
            partial(self._copy_in_thread, job, self.app.is_web),
            name="copy citation",
            group="clipboard",
            thread=True,
            exit_on_error=False,
        )

    def _copy_in_thread(self, job: CopyJob, web: bool) -> None:
        env = dict(os.environ)
        if web:  # a browser tab: only the page can reach the user's clipboard
            env.setdefault(ENV_BROWSER_CLIPBOARD, "1")
        else:
            env.pop(ENV_BROWSER_CLIPBOARD, None)
        try:
            result = copy_text(
                job.text,
                env,
                write=self._write_from_thread,
                timeout=COPY_TIMEOUT,
                browser=self._page_copy_from_thread,
            )
        except Exception as error:  # never let a clipboard problem end the app
            reason = f"{type(error).__name__}: {error}".splitlines()[0]
            result = CopyResult(
                False, "none", f"not copied ({reason}): the text is shown to copy by hand", job.text
            )
        self.screen.post_message(CopyFinished(result, job))  # nothing happens when the app closed meanwhile

    # The copy chain waits for these two (the terminal or the page must have the text before it goes on),
    # so they run on the main thread and return, rather than post a message.
    def _page_copy_from_thread(self, text: str) -> None:
        self.app.call_from_thread(self.app.copy_to_clipboard, text)

    def _write_from_thread(self, sequence: str) -> None:
        self.app.call_from_thread(self.write_to_terminal, sequence)

    def write_to_terminal(self, sequence: str) -> None:
        """Write an escape sequence to the terminal through the app's driver (main thread only)."""
        driver = self.app._driver
        if driver is None:
            raise RuntimeError("the app has no terminal")
        driver.write(sequence)
        driver.flush()

    def on_copy_finished(self, message: CopyFinished) -> None:
        result, job = message.result, message.job
        hint = f"\n{_sentence(job.hint)}" if job.hint else ""
        if result.ok:
            extra = ""
            if result.route.startswith(("terminal", "browser")):
                extra = "\nNothing arrived? Y, then v, shows the text."
            self.notify(
                f"{job.label}: {result.message}.{hint}{extra}",
                severity="warning" if hint else "information",
                timeout=8,
            )
            return
        self.notify(f"{job.label}: {result.message}.{hint}", severity="warning", timeout=10)
        show_to_save(
            self,
            job.text,
            title=f"Not copied — {job.label}",
            reason=_sentence(result.message),
            filename=job.filename,
        )

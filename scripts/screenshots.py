"""Regenerate the screenshots in screenshots/ from the bundled demo digests.

    uv run python scripts/screenshots.py [OUT_DIR] [--only NAME,NAME]

Uses the same app factory as the CLI, on a throwaway library built from the package's sample digests at a
frozen time (and a seeded reading history for the stats screen), with the default settings (no config
file is read or written), so re-running it reproduces the same SVG files byte for byte. serve-browser.png is
``readq serve`` in headless Chromium (Debian's package, through Playwright): skipped, with the reason, where
Chromium or the playwright package is missing; a browser's rendering is not byte-stable.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FROZEN = "2026-11-23T08:00:00+00:00"


@dataclass(frozen=True)
class Shot:
    name: str
    size: tuple[int, int]
    keys: Sequence[str] = ()
    prepare: Callable[[Any], None] | None = None  # changes the store before the app starts
    setup: Callable[[Any], Awaitable[None] | None] | None = None  # runs with the pilot after the keys
    theme: str | None = None
    wait: bool = False  # let background workers finish (similarity index, watches) before the picture


NOTE = """# Why read this

- decide *when* to retrieve, not just what
- compare with [Self-RAG](https://arxiv.org/abs/2310.11511)

| setting | EM |
|---|---|
| always | 41.2 |"""


def type_note(pilot: Any) -> None:
    """The note as if typed in the editor (typing it key by key takes seconds), cursor still."""
    from textual.widgets import TextArea

    area = pilot.app.screen.query_one(TextArea)
    area.insert(NOTE)
    still_cursor(pilot)


async def rendered_note(pilot: Any) -> None:
    """The detail pane with its note rendered (it renders once the cursor rests), scrolled to the end."""
    screen = pilot.app.screen
    screen.show_current()  # the same paper again: the note renders at once
    for _ in range(3):
        await pilot.pause()
    screen.detail.scroll_end(animate=False, immediate=True)


def copy_dialog(pilot: Any) -> None:
    """The dialog suggests a file in the current directory, which differs per machine: show a home path."""
    from textual.widgets import Input

    path = pilot.app.screen.query_one("#citation-path", Input)
    path.value = "~/papers/" + Path(path.value).name
    path.cursor_position = len(path.value)
    still_cursor(pilot)


def still_cursor(pilot: Any) -> None:
    from textual.widgets import Input, TextArea

    app = pilot.app
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False  # a blinking cursor would make every run differ
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def annotated(store: Any) -> None:
    """The second paper of the Inbox (the one the keys move to) has a note and tags."""
    from readq.library.service import Library

    pid = Library(store).rows("inbox", "added")[1].pid
    store.update_states({pid: {"note": NOTE, "tags": ("ml", "to-cite")}})


def reading_history(store: Any) -> None:
    """Four weeks of reading before the frozen day: a few papers most days, a streak up to today, some
    priorities and notes, so the stats screen has something to show."""
    ids = list(store.catalog.ids)
    today = datetime.fromisoformat(FROZEN)
    days_ago = (0, 0, 1, 1, 1, 2, 2, 3, 5, 6, 6, 8, 9, 9, 9, 12, 13, 15, 16, 16, 20, 22, 26)
    changes: dict[str, dict[str, Any]] = {}
    for index, back in enumerate(days_ago):
        moment = (today - timedelta(days=back, minutes=7 * index)).isoformat()
        changes[ids[index]] = {"read": True, "read_at": moment}
    for index, priority in zip(range(len(days_ago), len(ids)), (3, 2, 2, 1, 1, 1, 0), strict=False):
        changes[ids[index]] = {"priority": priority}
    for index in (0, 3, 7):
        changes[ids[index]]["note"] = "Worth a second look."
    store.update_states(changes)


SHOTS = (
    Shot("main-wide", (140, 36), keys=("j", "j", "j")),
    Shot("main-narrow", (80, 24), keys=("j", "2", "j")),
    Shot("search", (120, 30), keys=("slash", *"model", "enter")),
    Shot("help", (100, 40), keys=("question_mark",)),
    Shot("cite-picker", (120, 30), keys=("slash", *"rlhf", "enter", "Y")),
    Shot("copy-dialog", (120, 30), keys=("slash", *"rlhf", "enter", "Y", "down", "v"), setup=copy_dialog),
    Shot("edit-form", (100, 30), keys=("slash", *"rlhf", "enter", "E"), setup=still_cursor),
    Shot("note-editor", (120, 30), keys=("j", "n"), setup=type_note),
    Shot("note", (140, 36), keys=("j",), prepare=annotated, setup=rendered_note),
    Shot("stats", (120, 36), keys=("S",), prepare=reading_history),
    Shot("theme-light", (120, 30), ("j",), annotated, rendered_note, theme="textual-light"),
    Shot("theme-dark", (120, 30), ("j",), annotated, rendered_note, theme="nord"),
    Shot("similar", (120, 30), keys=("G", "R"), wait=True),
    Shot(
        "watched",
        (140, 36),
        keys=("w", "space", "ctrl+s", "slash", *"rlhf", "ctrl+s", "enter"),  # the first paper's first author
        wait=True,
    ),
)


def freeze_time() -> None:
    from datetime import UTC, datetime

    import readq.clock
    import readq.library.stats

    readq.clock.now = lambda: datetime.fromisoformat(FROZEN)
    readq.library.stats.local_zone = lambda: UTC  # days counted in UTC, whatever the machine's zone


def demo_store(folder: Path) -> Any:
    from readq.cli.cmd_library import import_paths
    from readq.samples import sample_paths
    from readq.store import Store

    store = Store(folder)
    import_paths(store, [str(p) for p in sample_paths()], layout=None, dry_run=False, out=None)
    return store


async def take(shot: Shot, out_dir: Path, template: Path) -> Path:
    from textual.widgets import Input

    from readq.config import Config
    from readq.store import Store
    from readq.tui.app import make_app

    with tempfile.TemporaryDirectory(prefix="readq-shot-") as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(template, folder)
        store = Store(folder)
        if shot.prepare is not None:
            shot.prepare(store)
        app = make_app(store, title="readq", config=Config(theme=shot.theme))
        async with app.run_test(size=shot.size) as pilot:
            await pilot.pause()
            for widget in app.screen.query(Input):
                widget.cursor_blink = False  # a blinking cursor would make every run differ
            for key in shot.keys:
                await pilot.press(key)
                if shot.wait:
                    for _ in range(6):
                        await app.workers.wait_for_complete()
                        await pilot.pause()
            await pilot.pause()
            if shot.setup is not None:
                done = shot.setup(pilot)
                if inspect.isawaitable(done):
                    await done
                await pilot.pause()
            svg = app.export_screenshot(title="readq")
        store.close()
    path = out_dir / f"{shot.name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


BROWSER_SHOT = "serve-browser.png"
BROWSER_KEYS = ("j", "r", "2")  # the second paper read, the third one priority 2


def take_in_browser(out_dir: Path) -> Path | None:
    """``readq serve`` on the demo library, in headless Chromium (as tests/e2e does), as a PNG; None (with
    the reason printed) where Chromium or Playwright is missing."""
    sys.path.insert(0, str(ROOT))
    from tests.e2e.browser import VIEWPORT, launch, open_app, press, unavailable
    from tests.serving import served

    reason = unavailable()
    if reason is not None:
        print(f"skipped {BROWSER_SHOT}: {reason}")
        return None
    from playwright.sync_api import sync_playwright

    path = out_dir / BROWSER_SHOT
    with tempfile.TemporaryDirectory(prefix="readq-shot-") as tmp:
        demo_store(Path(tmp)).close()
        with served(Path(tmp)) as server, sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
                open_app(page, server.url)
                press(page, *BROWSER_KEYS)
                page.wait_for_timeout(1000)
                page.screenshot(path=str(path))
            finally:
                browser.close()
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    only: set[str] | None = None
    if "--only" in args:
        at = args.index("--only")
        only = set(args[at + 1].split(","))
        del args[at : at + 2]
        unknown = only - {shot.name for shot in SHOTS}
        if unknown:
            print(f"no such shot: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
    out_dir = Path(args[0]) if args else ROOT / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    freeze_time()
    with tempfile.TemporaryDirectory(prefix="readq-demo-") as tmp:
        template = Path(tmp) / "data"
        demo_store(template).close()  # imported once, copied for each shot
        for shot in SHOTS:
            if only is None or shot.name in only:
                path = asyncio.run(take(shot, out_dir, template))
                print(f"wrote {path}")
    if only is None or "serve-browser" in only:
        browser_path = take_in_browser(out_dir)
        if browser_path is not None:
            print(f"wrote {browser_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

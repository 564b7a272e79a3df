"""Regenerate the SVG screenshots in screenshots/ from the bundled demo digests.

    uv run python scripts/screenshots.py [OUT_DIR]

Uses the same app factory as the CLI, on a throwaway library built from the package's sample digests at a
frozen time, so re-running it reproduces the same files byte for byte.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FROZEN = "2026-11-23T08:00:00+00:00"


@dataclass(frozen=True)
class Shot:
    name: str
    size: tuple[int, int]
    keys: Sequence[str] = ()
    setup: Callable[[Any], None] | None = None
    theme: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    wait: bool = False  # let background workers finish (similarity index, watches) before the picture


NOTE_KEYS = (
    *"# Why read this",
    "enter",
    "enter",
    *"- decide *when* to retrieve, not just what",
    "enter",
    *"- compare with [Self-RAG](https://arxiv.org/abs/2310.11511)",
    "enter",
    "enter",
    *"| setting | EM |",
    "enter",
    *"|---|---|",
    "enter",
    *"| always | 41.2 |",
)


def still_cursor(app: Any) -> None:
    from textual.widgets import TextArea

    for area in app.screen.query(TextArea):
        area.cursor_blink = False  # a blinking cursor would make every run differ


SHOTS = (
    Shot("main-wide", (140, 36), keys=("j", "j", "j")),
    Shot("main-narrow", (80, 24), keys=("j", "2", "j")),
    Shot("search", (120, 30), keys=("slash", *"model", "enter")),
    Shot("help", (100, 40), keys=("question_mark",)),
    Shot("cite-picker", (120, 30), keys=("slash", *"rlhf", "enter", "Y")),
    Shot("edit-form", (100, 30), keys=("slash", *"rlhf", "enter", "E"), setup=lambda app: steady_inputs(app)),
    Shot("note-editor", (120, 30), keys=("j", "n", *NOTE_KEYS), setup=lambda app: still_cursor(app)),
    Shot(
        "note",
        (140, 36),
        keys=("j", "n", *NOTE_KEYS, "ctrl+s", "t", *"ml, to-cite", "enter", "enter"),
        setup=lambda app: app.screen.query_one("#detail").scroll_end(animate=False, immediate=True),
    ),
    Shot("similar", (120, 30), keys=("G", "R"), wait=True),
    Shot(
        "watched",
        (140, 36),
        keys=("G", "w", "space", "ctrl+s", "slash", *"model", "ctrl+s", "enter", "G"),
        wait=True,
    ),
)


def steady_inputs(app: Any) -> None:
    """Inputs of a modal opened by the keys: no blinking cursor, so every run gives the same file."""
    from textual.widgets import Input

    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def freeze_time() -> None:
    import readq.models
    import readq.store.core

    readq.models.now_iso = lambda: FROZEN  # type: ignore[assignment]
    readq.store.core.now_iso = lambda: FROZEN  # type: ignore[attr-defined]


def demo_store(folder: Path) -> Any:
    from readq.commands import import_paths
    from readq.samples import sample_paths
    from readq.store import Store

    store = Store(folder)
    import_paths(store, [str(p) for p in sample_paths()], layout=None, dry_run=False, out=None)
    return store


async def take(shot: Shot, out_dir: Path) -> Path:
    from readq.tui.app import make_app

    with tempfile.TemporaryDirectory(prefix="readq-shot-") as tmp:
        app = make_app(demo_store(Path(tmp)), title="readq")
        if shot.theme:
            app.theme = shot.theme
        async with app.run_test(size=shot.size) as pilot:
            await pilot.pause()
            from textual.widgets import Input

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
                shot.setup(app)
                await pilot.pause()
            svg = app.export_screenshot(title="readq")
    path = out_dir / f"{shot.name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else ROOT / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    freeze_time()
    for shot in SHOTS:
        path = asyncio.run(take(shot, out_dir))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

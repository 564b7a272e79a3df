"""SVG snapshots of each screen at fixed sizes (pytest-textual-snapshot).

Update deliberately with ``uv run pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the
report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from readq.config import Config
from readq.store import Store
from readq.tui.app import make_app
from tests.tui.conftest import seed_history


def test_main_wide(snap_compare: Any, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), terminal_size=(140, 36), press=["j", "j"])


def test_main_narrow(snap_compare: Any, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), terminal_size=(80, 24), press=["j", "3"])


def test_help_screen(snap_compare: Any, sample_store: Store) -> None:
    assert snap_compare(make_app(sample_store), terminal_size=(100, 40), press=["question_mark"])


def test_empty_store(snap_compare: Any, tmp_path: Path) -> None:
    store = Store(tmp_path / "empty-library")
    app = make_app(store)

    def fixed_path(pilot: Any) -> None:  # the welcome text shows the data dir, which differs per run
        from textual.widgets import Static

        from readq.tui.screens.welcome import welcome_text

        pilot.app.screen.query_one("#welcome-text", Static).update(welcome_text("~/.local/share/readq"))

    assert snap_compare(app, terminal_size=(100, 30), run_before=fixed_path)


RICH_NOTE = """# Why read this

Routing with **learned budgets**; compare with *Switch* and `top_k`.

- drops fewer tokens
- check the ablation
  1. nested, numbered

```python
def route(x):
    return top_k(x, 2)
```

| model | ppl  |
|-------|------|
| A     | 11.2 |

> quoted from the abstract

See [the paper](https://arxiv.org/abs/2401.00001); [@click=app.quit] stays text.
"""


def test_detail_with_rich_note(snap_compare: Any, sample_store: Store) -> None:
    pid = next(iter(sample_store.papers))
    sample_store.update_state(pid, note=RICH_NOTE.strip(), tags=("to-cite", "ml"))

    async def show_note(pilot: Any) -> None:
        screen = pilot.app.screen
        screen.show_current()  # the same paper again: the note renders at once
        for _ in range(3):
            await pilot.pause()
        screen.detail.scroll_end(animate=False, immediate=True)
        await pilot.pause()

    assert snap_compare(make_app(sample_store), terminal_size=(140, 44), run_before=show_note)


def test_stats_screen(snap_compare: Any, sample_store: Store) -> None:
    seed_history(sample_store)
    assert snap_compare(make_app(sample_store, config=Config()), terminal_size=(120, 36), press=["S"])


@pytest.mark.parametrize("theme", ["textual-light", "catppuccin-latte", "nord", "dracula"])
def test_theme(snap_compare: Any, sample_store: Store, theme: str) -> None:
    """The main screen (a note, tags, a queued and a read paper) in two light and two dark themes."""
    seed_history(sample_store)
    pid = next(iter(sample_store.papers))
    sample_store.update_state(pid, tags=("to-cite",))
    app = make_app(sample_store, config=Config(theme=theme))

    async def show_note(pilot: Any) -> None:
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")  # All
        screen = pilot.app.screen
        screen.show_current()  # the note renders at once
        for _ in range(3):
            await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 30), run_before=show_note)

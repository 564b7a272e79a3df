"""Pilot tests: the config file in the app (keys, theme, default view, citation format, editor, problems)
and the stats screen (S)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.theme import BUILTIN_THEMES
from textual.widgets import OptionList, Static

from readq.config import Config, load_config
from readq.store import Store
from readq.tui.app import ReadqApp, make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.cite_dialogs import FormatPicker
from readq.tui.screens.dialogs import HelpScreen
from readq.tui.screens.stats import StatsScreen
from tests.app_helpers import WIDE, palette_offers, wait_until
from tests.helpers import fake_editor, shell_command
from tests.tui.conftest import seed_history


def notifications(app: ReadqApp) -> list[str]:
    return [n.message for n in app._notifications]


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def read_count(app: ReadqApp) -> int:
    return app.library.count("read")


async def test_rebound_keys_work_and_the_help_and_palette_show_them(
    sample_store: Store, tmp_path: Path
) -> None:
    path = config_file(tmp_path, '[keys]\ntoggle_read = "R"\nnext_paper = ["n", "down"]\n')
    app = make_app(sample_store, config=load_config(path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        assert notifications(app) == [  # no problem, but the keys taken from other commands are named
            "line 2: keys.toggle_read: 'R' was the key of similar (Similar papers), which has no key now "
            "(it stays in the palette)\nline 3: keys.next_paper: 'n' was the key of edit_note (Edit note), "
            "which has no key now (it stays in the palette)"
        ]
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("r")  # no longer bound
        assert read_count(app) == 0
        await pilot.press("n")  # now moves, instead of editing the note
        assert screen.papers.cursor == 1 and isinstance(app.screen, MainScreen)
        await pilot.press("j")  # j was next_paper's: no longer bound
        assert screen.papers.cursor == 1
        await pilot.press("R")
        assert read_count(app) == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body", Static).render())
        assert "  R           Mark the paper read" in text
        assert "  n ↓         Move to the next paper" in text
        assert "  —           Write or edit the paper's note" in text  # n was taken from it
        await pilot.press("escape")
        palette = [c.title for c in app.get_system_commands(app.screen)]
        assert "Toggle read  (R)" in palette and "Edit note  (—)" in palette


async def test_a_bad_config_is_reported_by_line_and_the_app_uses_the_defaults(
    sample_store: Store, tmp_path: Path
) -> None:
    path = config_file(
        tmp_path,
        'citation_format = "apa"\ndefault_view = "later"\ntheme = "nrod"\n'
        '[keys]\nfly = "f"\nundo = "ctlr+z"\n',
    )
    app = make_app(sample_store, config=load_config(path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.view_key == "inbox"
        assert app.theme == "textual-dark"
        (message,) = notifications(app)
        assert message.startswith(f"Problems in {path} (readq uses the defaults for these):")
        assert "line 2: default_view 'later'" in message
        assert "line 3: theme 'nrod'" in message
        assert "line 5: keys: there is no command 'fly'" in message
        assert "line 6: keys.undo: 'ctlr+z' is not a key" in message
        await pilot.press("u")  # undo keeps its key
        assert app.settings.config.citation_format == "apa"  # the good setting is used


async def test_a_file_that_is_not_toml_names_the_line_and_nothing_breaks(
    sample_store: Store, tmp_path: Path
) -> None:
    path = config_file(tmp_path, '# settings\ntheme = "nord"\ncitation_format = apa\n')
    app = make_app(sample_store, config=load_config(path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert "line 3: column 19: Invalid value" in notifications(app)[0]
        assert app.theme == "textual-dark"
        app.theme = "gruvbox"  # cannot be remembered in a file readq cannot read back
        await pilot.pause()
        assert any("not remembered" in m and "fix it first" in m for m in notifications(app))
        assert path.read_text(encoding="utf-8") == '# settings\ntheme = "nord"\ncitation_format = apa\n'


async def test_the_theme_comes_from_the_config_and_a_palette_choice_is_remembered(
    sample_store: Store, tmp_path: Path
) -> None:
    path = config_file(tmp_path, '# mine\ntheme = "nord"  # calm\n\n[keys]\nundo = "z"\n')
    app = make_app(sample_store, config=load_config(path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await wait_until(lambda: palette_offers(app, "theme"), "the palette's hit", pilot=pilot)
        await pilot.press("enter")  # "Theme": the list of themes
        await pilot.pause()
        await pilot.press(*"solarized-light")
        await wait_until(lambda: palette_offers(app, "solarized-light"), "the theme's hit", pilot=pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "solarized-light"
    text = path.read_text(encoding="utf-8")
    assert text == '# mine\ntheme = "solarized-light"  # calm\n\n[keys]\nundo = "z"\n'
    again = make_app(sample_store, config=load_config(path))
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.theme == "solarized-light"


async def test_with_no_config_file_a_theme_choice_creates_one(sample_store: Store) -> None:
    app = make_app(sample_store)  # READQ_CONFIG: a file that does not exist yet (conftest)
    path = app.settings.config.path
    assert path is not None and not path.exists()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert not path.exists()  # starting writes nothing
        app.theme = "dracula"
        await pilot.pause()
    assert load_config(path).theme == "dracula"


async def test_settings_without_a_file_remember_nothing(sample_store: Store) -> None:
    app = make_app(sample_store, config=Config(theme="nord"))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.theme = "dracula"
        await pilot.pause()
        assert notifications(app) == []


async def test_default_view_and_citation_format(sample_store: Store, tmp_path: Path) -> None:
    path = config_file(tmp_path, 'default_view = "all"\ncitation_format = "ris"\n')
    app = make_app(sample_store, config=load_config(path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.view_key == "all" and len(screen.papers.rows) == len(sample_store)
        await pilot.press("Y")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FormatPicker)
        formats = picker.query_one("#formats", OptionList)
        assert formats.highlighted is not None
        assert formats.get_option_at_index(formats.highlighted).id == "ris"
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert "Copy the citation (RIS)" in str(app.screen.query_one("#help-body", Static).render())


async def test_the_configured_editor_is_used_by_N(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "false")  # the config file's editor comes first
    editor = fake_editor(tmp_path, "path.write_text('from my editor')")
    path = config_file(tmp_path, f"editor = '{shell_command(editor)}'\n")
    app = make_app(sample_store, config=load_config(path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pid = screen.papers.rows[0].pid
        await pilot.press("N")
        await pilot.pause()
        assert Store(sample_store.data_dir).state(pid).note == "from my editor"


async def test_S_shows_the_stats_of_the_library_as_it_is_now(sample_store: Store) -> None:
    seed_history(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert stats.stats.current_streak == 3 and stats.stats.read_in_period == 4
        text = str(stats.query_one("#stats-overview", Static).render())
        assert "Streak        3 days" in text
        assert "7 papers: 4 read, 3 unread; 1 in the Inbox, 2 queued" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("r")  # read the last Inbox paper: one more today
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.stats.read_per_day[-1][1] == 2
        await pilot.press("S")  # S closes it too
        assert isinstance(app.screen, MainScreen)


@pytest.mark.slow
async def test_every_builtin_theme_renders_the_app(sample_store: Store) -> None:
    seed_history(sample_store)
    app = make_app(sample_store, config=Config())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j")
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
        await pilot.press("S")
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
        assert isinstance(app.screen, StatsScreen) and app.is_running


async def test_on_a_narrow_terminal_the_weekly_totals_go_under_the_chart(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        weeks = app.screen.query_one("#stats-weeks")
        sparkline = app.screen.query_one("#stats-sparkline")
        assert app.screen.has_class("-narrow") and weeks.region.y > sparkline.region.bottom
        assert weeks.region.right <= 80

"""The config file: reading it (every problem names its line, readq keeps the defaults), writing the theme
back without losing the user's comments, and where it lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.config import (
    ENV_CONFIG,
    Config,
    ConfigWriteError,
    default_config_path,
    key_lines,
    load_config,
    parse_config,
    save_setting,
)
from readq.system.editor import editor_command

GOOD = """# my readq settings
citation_format = "apa"   # for my thesis
default_view = "queue"
editor = "nvim -u NONE"
theme = "nord"

[keys]
toggle_read = "R"
copy_citation = ["c", "y"]
edit_note = "ctrl+n, N"
"""


def test_a_good_file_sets_everything() -> None:
    config = parse_config(GOOD)
    assert config.problems == ()
    assert config.citation_format == "apa"
    assert config.default_view == "queue"
    assert config.editor_command() == ["nvim", "-u", "NONE"]
    assert config.theme == "nord"
    assert dict(config.keys) == {
        "toggle_read": ("R",),
        "copy_citation": ("c", "y"),
        "edit_note": ("ctrl+n", "N"),
    }
    assert config.line_of("keys.copy_citation") == 9 and config.line_of("theme") == 5


def test_no_file_is_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")
    assert config == Config(path=tmp_path / "absent.toml")
    assert config.citation_format == "bibtex" and config.default_view == "inbox" and not config.keys
    assert config.report() == ""


def test_a_syntax_error_names_the_line_and_column_and_keeps_every_default(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('citation_format = "apa"\ndefault_view = queue\n', encoding="utf-8")
    config = load_config(path)
    assert config.citation_format == "bibtex" and config.default_view == "inbox"
    (problem,) = config.problems
    assert problem.line == 2
    report = config.report()
    assert str(path) in report and "line 2: column 16:" in report and "not valid TOML" in report


def test_unknown_keys_and_wrong_types_name_their_line_and_only_they_fall_back() -> None:
    text = (
        'citation_format = "apa"\n'
        "colour = 'blue'\n"
        "default_view = 3\n"
        'editor = "vim \'unclosed"\n'
        "[keys]\n"
        "toggle_read = 5\n"
        'undo = " "\n'
        'redo = "U"\n'
    )
    config = parse_config(text)
    assert config.citation_format == "apa"  # the good setting is kept
    assert config.default_view == "inbox" and config.editor is None
    assert dict(config.keys) == {"redo": ("U",)}
    by_line = {p.line: p.message for p in config.problems}
    assert "unknown setting 'colour'" in by_line[2]
    assert "default_view must be a string, not a number; using inbox" in by_line[3]
    assert "not a command line" in by_line[4]
    assert "keys.toggle_read must be a key or a list of keys" in by_line[6]
    assert "keys.undo" in by_line[7]
    assert [p.line for p in config.problems] == sorted(p.line or 0 for p in config.problems)  # file order


def test_bad_values_say_what_is_allowed() -> None:
    config = parse_config('citation_format = "mla"\ndefault_view = "later"\n')
    messages = [str(p) for p in config.problems]
    assert messages[0].startswith("line 1: citation_format 'mla' is not one of bibtex, apa,")
    assert messages[0].endswith("using bibtex")
    assert messages[1].startswith("line 2: default_view 'later' is not one of inbox, queue, read, all")


def test_keys_must_be_a_table() -> None:
    config = parse_config('keys = "R"\n')
    assert config.keys == {} and config.problems[0].line == 1
    assert "keys must be a table" in config.problems[0].message


def test_a_comma_key_and_dotted_keys() -> None:
    config = parse_config('theme = "nord"\nkeys.toggle_read = ","\nkeys.undo = [",", "z"]\n')
    assert dict(config.keys) == {"toggle_read": ("comma",), "undo": ("comma", "z")}
    assert config.line_of("keys.toggle_read") == 2 and config.line_of("keys.undo") == 3


def test_key_lines_follow_tables_and_quotes() -> None:
    lines = key_lines('a = 1\n[keys]  # x\n"quoted" = "q"\n[other.table]\nb.c = 2\n')
    assert lines == {"a": 1, "keys": 2, "keys.quoted": 3, "other.table": 4, "other.table.b.c": 5}


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\neditor = "\xff"\n')
    config = load_config(path)
    assert config.theme is None and config.problems[0].line == 2


def test_the_path_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "elsewhere.toml"))
    assert default_config_path() == tmp_path / "elsewhere.toml"
    monkeypatch.delenv(ENV_CONFIG)
    path = default_config_path()
    assert path.name == "config.toml" and path.parent.name == "readq"


def test_the_tests_never_see_the_users_config() -> None:
    from platformdirs import user_config_dir

    assert not default_config_path().is_relative_to(user_config_dir("readq", appauthor=False))


def test_saving_the_theme_keeps_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD.replace('theme = "nord"\n', ""), encoding="utf-8")
    save_setting(path, "theme", "dracula")
    text = path.read_text(encoding="utf-8")
    assert "# my readq settings" in text and "# for my thesis" in text
    assert text.index('theme = "dracula"') < text.index("[keys]")  # not inside the table
    assert parse_config(text).theme == "dracula" and parse_config(text).keys["toggle_read"] == ("R",)
    save_setting(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == text.replace('"dracula"', '"nord"')


def test_saving_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    save_setting(path, "theme", "gruvbox")
    config = load_config(path)
    assert config.theme == "gruvbox" and config.problems == ()
    assert path.read_text(encoding="utf-8").startswith("# readq settings")


def test_saving_refuses_a_broken_file_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(ConfigWriteError, match="not valid TOML"):
        save_setting(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == "theme = \n"


def test_the_configured_editor_comes_before_visual_and_editor() -> None:
    env = {"VISUAL": "code --wait", "EDITOR": "nano"}
    assert editor_command(env, configured="hx") == ["hx"]
    assert editor_command(env, configured="  ") == ["code", "--wait"]
    assert editor_command(env, configured=None) == ["code", "--wait"]


def test_problems_are_listed_in_the_files_order() -> None:
    from readq.tui.settings import app_settings

    text = (
        'citation_format = "mla"\n'
        'theme = "no-such-theme"\n'
        "foo = 1\n"
        "[keys]\n"
        'copy_citation = ["c", "ctrl+nope"]\n'
    )
    settings = app_settings(parse_config(text))  # the theme and the keys are checked by the app's settings
    assert [p.line for p in settings.problems] == [1, 2, 3, 5]

"""A bad settings file is reported by every command (one line on standard error, once), and a ``[keys]``
line that takes another command's key says which command lost it."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.cli.main import main
from readq.config import ENV_CONFIG, parse_config
from readq.store import Store
from readq.tui.settings import app_settings
from tests.helpers import digest

COMMANDS = (
    ["list"],
    ["list", "--json"],
    ["show", "{pid}"],
    ["mark", "{pid}", "--read"],
    ["stats"],
    ["watch", "list"],
    ["export", "-f", "json"],
    ["import", "{digest}"],
    ["cite", "{pid}"],
    ["tag", "{pid}", "+x"],
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_reports_a_bad_config_in_one_line(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    store = Store(data)
    pid = store.import_result(digest("A paper"), "001.txt").new[0]
    store.close()
    path = tmp_path / "digest.txt"
    path.write_text("Hugging Face\n\nA paper\n\nAbstract.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text('default_view = "everything"\n', encoding="utf-8")
    monkeypatch.setenv(ENV_CONFIG, str(config))
    argv = [part.format(pid=pid, digest=path) for part in command]
    main(["--data-dir", str(data), *argv])
    err = capsys.readouterr().err
    reported = [line for line in err.splitlines() if str(config) in line]
    assert len(reported) == 1, err  # once, in one line
    assert reported[0].startswith(f"readq: Problems in {config}")
    message = "line 1: default_view 'everything' is not one of inbox, queue, read, all; using inbox"
    assert message in reported[0]


def test_a_good_config_says_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "data"), "list"]) == 0
    assert capsys.readouterr().err == ""


def test_a_key_taken_from_another_command_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = app_settings(parse_config('[keys]\ntoggle_read = "q"\n'))
    assert [str(n) for n in settings.notices] == [
        "line 2: keys.toggle_read: 'q' was the key of quit (Quit), which has no key now "
        "(it stays in the palette)"
    ]
    assert not settings.problems  # a choice, not a mistake
    config = tmp_path / "config.toml"
    config.write_text('[keys]\ntoggle_read = "q"\n', encoding="utf-8")
    assert main(["--config", str(config), "config"]) == 0
    err = capsys.readouterr().err
    assert "readq: note: line 2: keys.toggle_read: 'q' was the key of quit (Quit)" in err


def test_a_key_no_command_had_is_not_a_notice() -> None:
    assert app_settings(parse_config('[keys]\ntoggle_read = "ctrl+t"\n')).notices == ()

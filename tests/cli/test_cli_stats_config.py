"""``readq stats``, ``readq config``, ``--config`` / ``READQ_CONFIG``, and the settings the commands use
(``citation_format`` for ``readq cite``, ``editor`` for ``readq note``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.config import ENV_CONFIG
from readq.store import Store
from tests.helpers import digest, fake_editor, freeze_clock, shell_command

FROZEN = "2026-11-23T08:00:00+00:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from datetime import UTC

    import readq.library.stats

    freeze_clock(monkeypatch, FROZEN)
    monkeypatch.setattr(readq.library.stats, "local_zone", lambda: UTC)
    store = Store(data_dir)
    store.import_result(digest("Alpha paper", "Beta paper", "Gamma paper"), "001_daily.txt")
    ids = list(store.catalog.ids)
    store.update_states(
        {
            ids[0]: {"read": True, "read_at": "2026-11-23T07:00:00+00:00"},
            ids[1]: {"read": True, "read_at": "2026-11-22T07:00:00+00:00", "note": "why"},
            ids[2]: {"priority": 3},
        }
    )
    store.close()
    return ids


def test_stats_json(capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "stats", "--json", "--days", "7")
    assert code == 0
    data = json.loads(out)
    assert data["date"] == "2026-11-23"
    assert [d["read"] for d in data["read_per_day"]] == [0, 0, 0, 0, 0, 1, 1]
    assert data["streak"] == {"current": 2, "longest": 2}
    assert data["papers"] == {"total": 3, "read": 2, "unread": 1, "inbox": 0, "queue": 1, "snoozed": 0}
    assert data["priorities"][0] == {"priority": 3, "papers": 1, "unread": 1}
    assert data["notes"] == {"papers": 1, "edited_last_7_days": 1}
    assert data["digests"] == [
        {"file": "001_daily.txt", "label": "001", "date": "Nov 23", "papers": 3, "left": 0, "done": True}
    ]


def test_stats_text(capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "stats")
    assert code == 0
    assert out.startswith("readq statistics for 2026-11-23\n")
    assert "2 papers in 28 days, 0.5 a week" in out and "Streak          2 days" in out
    assert "3 papers: 2 read, 1 unread; 0 in the Inbox, 1 queued" in out
    assert "001 · Nov 23" in out and "done ✓ (3)" in out


def test_stats_rejects_no_days(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(data_dir), "stats", "--days", "0"])
    assert exit_.value.code == 2 and "--days must be from 1 to 3,650, not 0" in capsys.readouterr().err


def test_config_shows_the_defaults_and_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "config")
    assert code == 0 and err == ""
    assert "(not there yet: the defaults are used)" in out
    assert 'citation_format = "bibtex"' in out and 'default_view = "inbox"' in out
    lines = {line.split("=")[0].strip(): line for line in out.splitlines() if "=" in line}
    assert lines["toggle_read"].endswith('= ["r"]  # Toggle read')
    assert lines["next_paper"].endswith('= ["j", "down"]  # Next paper')
    assert lines["help"].endswith('= ["?"]  # Help')
    code, out, _ = run(capsys, "config", "--path")
    assert out.strip() == str(Path(__import__("os").environ[ENV_CONFIG]))


def test_config_lists_problems_with_their_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'citation_format = "apa"\ntheme = "nrod"\n[keys]\ntoggle_read = "R"\nfly = "f"\nundo = "R"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--config", str(path), "config")
    assert code == 1
    assert f"# config file: {path}\n" in out and 'citation_format = "apa"' in out
    assert '= ["R"]  # Toggle read' in out and "# theme is not set" in out
    assert f"Problems in {path}" in err
    assert "line 2: theme 'nrod' is not one of Textual's themes" in err
    assert "line 5: keys: there is no command 'fly'" in err
    assert "line 6: keys.undo: 'R' is already given to toggle_read" in err


def test_cite_uses_the_configured_format(
    capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('citation_format = "csl-json"\n', encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--config", str(path), "cite", library[0])
    assert code == 0 and json.loads(out)[0]["title"] == "Alpha paper"
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "--config", str(path), "cite", library[0], "-f", "plain"
    )
    assert code == 0 and out == "Alpha paper.\n"


def test_a_bad_config_warns_and_the_command_still_runs(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    library: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("citation_format = [\n", encoding="utf-8")
    monkeypatch.setenv(ENV_CONFIG, str(path))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "cite", library[0])
    assert code == 0 and out.startswith("@misc{")  # the default format
    assert f"readq: Problems in {path}" in err
    assert "line 1: Invalid value at the end of the file (not valid TOML" in err


def test_note_uses_the_configured_editor(
    capsys: pytest.CaptureFixture[str], data_dir: Path, library: list[str], tmp_path: Path
) -> None:
    editor = fake_editor(tmp_path, "path.write_text('from the configured editor')")
    path = tmp_path / "config.toml"
    path.write_text(f"editor = {json.dumps(shell_command(editor))}\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "--config", str(path), "note", library[2])
    assert code == 0, err
    assert Store(data_dir).state(library[2]).note == "from the configured editor"

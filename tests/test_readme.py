"""Docs that execute: every command in the README's ```console blocks runs, in order, against a throwaway
library (the bundled sample digests stand in for the files the README imports), and must succeed.

Commands are run in this process through ``readq.cli.main.main`` (``uv run readq …`` as ``readq …``),
split like
a shell would (quotes, ``#`` comments, ``~``). ``readq`` alone and ``readq demo`` start the app: they run it
headless and quit. The development tools (pytest, ruff, mypy) are not run here: CI runs them (.ci/run), and
pytest inside pytest would recurse.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from readq.cli.main import main
from readq.config import ENV_CONFIG, parse_config
from readq.samples import sample_paths
from readq.store import ENV_DATA_DIR
from tests.conftest import REPO
from tests.helpers import fake_editor, shell_command

README = REPO / "README.md"
# Not run by this test, and why.
SKIPPED = {
    "pytest": "the test suite itself (running it here would recurse); CI runs it",
    "ruff": "a development tool; CI (.ci/run) runs it",
    "mypy": "a development tool; CI (.ci/run) runs it",
    "lint-imports": "a development tool; CI (.ci/run) runs it",
}
# The files the README imports, as the sample digests that ship with readq.
HOME_FILES = {
    "digests/2026-11-24-hf.txt": "001_hf_daily.txt",
    "digests/2026-11-24-hf-compact.txt": "002_hf_compact.txt",
    "digests/2026-11-24-alphaxiv.txt": "003_alphaxiv.txt",
}


@dataclass(frozen=True)
class Command:
    line: int
    text: str
    argv: list[str]


def fenced_blocks(text: str, language: str) -> list[tuple[int, str]]:
    """(line of the first line, body) of every fenced block in ``language``."""
    blocks = []
    for match in re.finditer(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL):
        blocks.append((text.count("\n", 0, match.start(1)) + 1, match.group(1)))
    return blocks


def console_commands() -> list[Command]:
    commands = []
    for first, body in fenced_blocks(README.read_text(encoding="utf-8"), "console"):
        for offset, raw in enumerate(body.splitlines()):
            words = shlex.split(raw, comments=True)
            if words:
                commands.append(Command(first + offset, raw.strip(), words))
    return commands


def as_readq(words: list[str], home: Path) -> list[str] | None:
    """The arguments for ``readq`` (``uv run`` dropped, ``~`` expanded), or None for another program."""
    if words[:2] == ["uv", "run"]:
        words = words[2:]
    if not words or words[0] != "readq":
        return None
    return [str(home) + word[1:] if word == "~" or word.startswith("~/") else word for word in words[1:]]


def headless_run_app(seen: list[str]) -> Any:
    """Stands in for ``readq.tui.app.run_app``: the same app, run headless; it opens and quits with q."""
    from readq.tui.app import make_app

    def run_app(store: Any, *, title: str | None = None, config: Any = None) -> int:
        app = make_app(store, title=title, config=config)

        async def drive() -> None:
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                seen.append(type(app.screen).__name__)
                await pilot.press("q")

        asyncio.run(drive())
        return 0

    return run_app


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_pyperclip: Path) -> Path:
    """A home with the digests the README imports, an empty library, no settings, a scripted editor, and a
    fake clipboard (nothing reaches the real one)."""
    home = tmp_path / "home"
    for name, sample in HOME_FILES.items():
        target = home / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(next(p for p in sample_paths() if p.name == sample), target)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.setenv(ENV_CONFIG, str(home / ".config" / "readq" / "config.toml"))
    editor = fake_editor(tmp_path, "path.write_text(path.read_text() + 'Written in my editor.\\n')")
    monkeypatch.setenv("EDITOR", shell_command(editor))
    monkeypatch.setenv("DISPLAY", ":0")  # so --copy tries the (fake) system clipboard
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


def run_server(argv: list[str], command: Command) -> None:
    """``readq serve``, as the README gives it but on a free port: it must print its link, then stop cleanly
    on SIGTERM."""
    import signal
    import subprocess
    import sys
    import time

    args = [*argv, "--port", "0"] if "--port" not in argv else argv
    process = subprocess.Popen(
        [sys.executable, "-m", "readq.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and "?token=" not in line:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert "http://127.0.0.1:" in line and "?token=" in line, f"README line {command.line}: {line!r}"
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert code == 0, f"README line {command.line}: readq serve exited {code}"


def test_the_readme_has_commands_to_run() -> None:
    commands = console_commands()
    assert len(commands) >= 25
    names = {c.argv[2] if c.argv[:2] == ["uv", "run"] else c.argv[0] for c in commands}
    assert names <= {"readq", *SKIPPED}, names


def test_every_readme_command_runs(
    sandbox: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import readq.tui.app

    screens: list[str] = []
    monkeypatch.setattr(readq.tui.app, "run_app", headless_run_app(screens))
    ran: list[str] = []
    skipped: list[str] = []
    for command in console_commands():
        argv = as_readq(command.argv, sandbox)
        if argv is None:
            program = command.argv[2] if command.argv[:2] == ["uv", "run"] else command.argv[0]
            assert program in SKIPPED, f"README line {command.line}: no reason to skip {command.text!r}"
            skipped.append(program)
            continue
        if argv[:1] == ["serve"]:  # runs until stopped: start it for real, open nothing, stop it
            run_server(argv, command)
            ran.append("serve")
            continue
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"README line {command.line}: {command.text!r} exited {code}\n{out}\n{err}"
        assert "Traceback" not in err, err
        ran.append(" ".join(argv[:1]) or "(the app)")
        if argv[:1] in (["list"], ["show"], ["cite"], ["stats"], ["config"]):
            assert out.strip(), f"README line {command.line}: {command.text!r} printed nothing"
    assert screens == ["MainScreen", "MainScreen", "MainScreen"]  # readq twice, readq demo once
    assert sorted(set(skipped)) == sorted(SKIPPED)
    assert {
        "import",
        "note",
        "tag",
        "list",
        "show",
        "mark",
        "cite",
        "edit",
        "export",
        "stats",
        "config",
        "serve",
    } <= set(ran)
    # What the commands did is really there.
    assert (sandbox.parent / "work" / "library.bib").read_text(encoding="utf-8").startswith("@")
    assert (sandbox.parent / "work" / "readq-backup.json").exists()
    assert (sandbox.parent / "clipboard.txt").read_text(encoding="utf-8").startswith("Wieczorek, T.")


def test_the_settings_example_is_a_valid_config() -> None:
    from readq.tui.settings import app_settings

    blocks = fenced_blocks(README.read_text(encoding="utf-8"), "toml")
    assert len(blocks) == 2  # the settings section's example and the online section's
    for line, body in blocks:
        config = parse_config(body)
        assert config.problems == (), f"README line {line}"
        assert app_settings(config).problems == (), f"README line {line}"
    settings = app_settings(parse_config(blocks[-1][1] if "[keys]" in blocks[-1][1] else blocks[0][1]))
    assert settings.keymap == {"toggle_read": "R", "copy_citation": "c,y"}


def test_the_key_table_lists_every_key() -> None:
    from readq.tui.commands import COMMANDS
    from readq.tui.keys import key_name

    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | what it does |") : text.index("Every key can be changed")]
    display = {"down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End"}
    display |= {"escape": "esc"}
    for command in COMMANDS:
        for key in command.keys.split(","):
            shown = display.get(key) or key_name(key)
            assert f"`{shown}`" in table, f"{command.title}: key {shown!r} is missing from the README's table"


def test_links_and_images_in_the_readme_exist() -> None:
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)\)", text)
    local = [t for t in targets if "://" not in t]
    assert any(t.startswith("screenshots/") for t in local)
    for target in local:
        assert (REPO / target).exists(), f"README links to {target}, which does not exist"
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        headings = {
            re.sub(r"[^\w\- ]", "", h.lower()).strip().replace(" ", "-")
            for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)
        }
        assert anchor in headings, f"README links to #{anchor}, which is no heading"

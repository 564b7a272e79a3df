"""The whole copy chain in the environments that go wrong (tests/test_clipboard.py checks each link on its
own): no display at all, a stale DISPLAY with the real xclip, pyperclip raising, hanging or printing escape
sequences. Never a crash, never a byte on the terminal, never "copied" unless it was, always bounded."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

import readq.system.clipboard
from readq.system.clipboard import CopyResult, copy_text

pytestmark = pytest.mark.timeout(60)

TEXT = "@misc{key,\n  title = {A [b]title[/b] with \x1b]52;c;ZXZpbA==\x07 inside}\n}"
SLACK = 4.0

# A stand-in pyperclip for the child (found through PYTHONPATH); FAKE_MODE picks what goes wrong.
FAKE = r"""
import os, sys, time
MODE = os.environ["FAKE_MODE"]
def copy(text):
    if MODE == "raise":
        raise RuntimeError("no clipboard \x1b]52;c;ZXZpbA==\x07 here\nsecond line of a traceback")
    if MODE == "hang":
        time.sleep(60)
    if MODE == "escapes":  # a tool that complains with escape sequences, then does nothing
        sys.stderr.write("\x1b[31mError:\x1b[0m \x1b]0;PWNED\x07Can't open display \x9b2J\n")
def paste():
    return ""
def determine_clipboard():
    return copy, paste
"""


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = tmp_path / "fakelib"
    lib.mkdir()
    (lib / "pyperclip.py").write_text(FAKE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(lib))


def _terminal() -> tuple[list[str], object]:
    written: list[str] = []
    return written, written.append


def _assert_plain(message: str) -> None:
    assert "\n" not in message and not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in message)


def test_no_display_and_no_terminal(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Nothing can take the text: no child process is even started, and the text goes to the dialog."""

    def no_child(*args: object, **kwargs: object) -> None:
        raise AssertionError("no clipboard tool should be run without a display")

    monkeypatch.setattr(subprocess, "Popen", no_child)
    result = copy_text(TEXT, {"TERM": "dumb"}, write=None, platform="linux")
    assert result == CopyResult(
        False,
        "none",
        "not copied (no clipboard is reachable from here): the text is shown to copy by hand",
        TEXT,
    )
    assert capfd.readouterr() == ("", "")


@pytest.mark.skipif(not shutil.which("xclip"), reason="needs xclip")
def test_a_stale_display_with_the_real_xclip_falls_back_to_osc52(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    if Path("/tmp/.X11-unix/X97").exists():
        pytest.skip("an X server is running on :97")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    written, write = _terminal()
    start = time.monotonic()
    result = copy_text(TEXT, {"DISPLAY": ":97", "TERM": "xterm-256color"}, write=write, platform="linux")  # type: ignore[arg-type]
    assert time.monotonic() - start < 2.0 + SLACK
    assert result.ok and result.route == "terminal (OSC 52)"
    assert result.message == "sent to the terminal's clipboard (OSC 52) — works if your terminal allows it"
    assert written == [readq.system.clipboard.osc52_sequence(TEXT, tmux=False)]  # the text itself is base64
    assert capfd.readouterr() == ("", "")  # xclip's "Can't open display" stayed in the child


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("raise", "the system clipboard did not take the text (RuntimeError: no clipboard  here)"),
        ("hang", "the clipboard tool did not answer within 1 s"),
        (
            "escapes",
            "the system clipboard did not take the text (copy: the clipboard does not hold the text "
            "afterwards (Error: Can't open display))",
        ),
    ],
)
def test_pyperclip_going_wrong_is_reported_plainly(
    fake: None, capfd: pytest.CaptureFixture[str], mode: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MODE", mode)
    start = time.monotonic()
    result = copy_text(TEXT, {"DISPLAY": ":0", "TERM": "dumb"}, write=None, timeout=1.0, platform="linux")
    assert time.monotonic() - start < 1.0 + SLACK
    assert result == CopyResult(
        False, "none", f"not copied ({reason}): the text is shown to copy by hand", TEXT
    )
    _assert_plain(result.message)
    assert capfd.readouterr() == ("", "")


def test_a_failing_pyperclip_then_osc52_inside_tmux(fake: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MODE", "raise")
    written, write = _terminal()
    env = {"DISPLAY": ":0", "TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0"}
    result = copy_text(TEXT, env, write=write, timeout=1.0, platform="linux")  # type: ignore[arg-type]
    assert result.ok and result.route == "terminal via tmux (OSC 52)"
    # Both forms in one write: the plain one (tmux takes it with set-clipboard on) and the passthrough one.
    plain, wrapped = (readq.system.clipboard.osc52_sequence(TEXT, tmux=tmux) for tmux in (False, True))
    assert plain is not None and wrapped is not None and written == [plain + wrapped]


def test_a_terminal_that_cannot_be_written(fake: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MODE", "raise")

    def broken(_: str) -> None:
        raise BrokenPipeError("the terminal went away \x1b]0;PWNED\x07")

    result = copy_text(TEXT, {"DISPLAY": ":0", "TERM": "xterm"}, write=broken, timeout=1.0, platform="linux")
    assert not result.ok and result.route == "none"
    assert result.message == (
        "not copied (the system clipboard did not take the text (RuntimeError: no clipboard  here); "
        "could not write to the terminal: the terminal went away): the text is shown to copy by hand"
    )

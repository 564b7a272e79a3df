"""Reading the clipboard: pyperclip in a child (faked through PYTHONPATH), bounded, quiet, honest."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.system.paste import PasteResult, clipboard_unreachable, read_clipboard

FAKE = r"""
import os, sys, time
MODE = os.environ.get("FAKE_CLIP_MODE", "ok")
STORE = os.environ["FAKE_CLIP_STORE"]

def copy_fake(text):
    raise RuntimeError("not used")

def paste_fake():
    if MODE == "raise":
        raise RuntimeError("Pyperclip could not find a copy/paste mechanism for your system.")
    if MODE == "hang":
        time.sleep(60)
    if MODE == "stale":
        sys.stderr.write("Error: Can't open display: :99\n")
        return ""
    with open(STORE, encoding="utf-8") as handle:
        return handle.read()

def determine_clipboard():
    return copy_fake, paste_fake
"""

TEXT = "\\\\\narXiv:2601.04321\nTitle: Zolt\\'an and ünïcödé\n"


@pytest.fixture
def fake_clipboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    lib = tmp_path / "fakelib"
    lib.mkdir()
    (lib / "pyperclip.py").write_text(FAKE, encoding="utf-8")
    store = tmp_path / "clipboard.txt"
    store.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(lib))
    monkeypatch.setenv("FAKE_CLIP_STORE", str(store))
    monkeypatch.setenv("FAKE_CLIP_MODE", "ok")
    return store


def test_reads_the_text(fake_clipboard: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert read_clipboard() == PasteResult(
        True, TEXT, f"read {len(TEXT)} characters from the clipboard (fake)"
    )
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        (
            "raise",
            "the clipboard could not be read (RuntimeError: Pyperclip could not find a copy/paste "
            "mechanism for your system.)",
        ),
        ("stale", "the clipboard is empty (fake: Error: Can't open display: :99)"),
        ("hang", "the clipboard tool did not answer within 0.5 s"),
    ],
)
def test_failures_say_why_and_stay_quiet(
    fake_clipboard: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    mode: str,
    message: str,
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", mode)
    assert read_clipboard(timeout=0.5) == PasteResult(False, "", message)
    assert capfd.readouterr() == ("", "")


def test_empty_clipboard(fake_clipboard: Path) -> None:
    fake_clipboard.write_text("  \n", encoding="utf-8")
    assert read_clipboard() == PasteResult(False, "", "the clipboard is empty")


@pytest.mark.parametrize(
    ("env", "platform", "reachable"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"WSL_DISTRO_NAME": "Ubuntu"}, "linux", True),
        ({"SSH_CONNECTION": "1 2 3 4", "DISPLAY": "localhost:10"}, "linux", True),  # X forwarding
        ({"SSH_CONNECTION": "1 2 3 4"}, "linux", False),
        ({}, "linux", False),
        ({}, "darwin", True),
        ({"SSH_TTY": "/dev/pts/1"}, "darwin", False),
        ({}, "win32", True),
    ],
)
def test_clipboard_unreachable(env: dict[str, str], platform: str, reachable: bool) -> None:
    reason = clipboard_unreachable(env, platform=platform)
    assert (reason is None) == reachable

"""The copy chain link by link: pyperclip (in a child, faked through PYTHONPATH by the ``fake_pyperclip``
fixture of tests/conftest.py), OSC 52, the plan."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from readq.system.clipboard import (
    BROWSER_LIMIT,
    ENV_BROWSER_CLIPBOARD,
    OSC52_LIMIT,
    ROUTE_BROWSER,
    ROUTE_DIALOG,
    ROUTE_OSC52,
    ROUTE_OSC52_TMUX,
    ROUTE_PYPERCLIP,
    CopyResult,
    copy_text,
    copy_with_pyperclip,
    osc52_sequence,
    plan_copy,
    send_osc52,
)

SLACK = 3.0  # seconds allowed beyond a timeout for starting and killing the child

TEXT = '@misc{liu2022sample,\n  title = {Sch{\\"o}lkopf and ünïcödé}\n}'


# ------------------------------------------------------------------------------------------ pyperclip


def test_pyperclip_succeeds(fake_pyperclip: Path, capfd: pytest.CaptureFixture[str]) -> None:
    result = copy_with_pyperclip(TEXT)
    assert result == CopyResult(
        True, "system clipboard (pyperclip: fake)", "copied to the system clipboard (fake)", TEXT
    )
    assert fake_pyperclip.read_text(encoding="utf-8") == TEXT
    assert capfd.readouterr() == ("", "")


def test_pyperclip_raises(
    fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "raise")
    result = copy_with_pyperclip(TEXT)
    assert not result.ok
    assert result.route == "none"
    assert "copied" not in result.message.replace("not copied", "")
    assert "could not find a copy/paste mechanism" in result.message
    assert "\n" not in result.message and "readthedocs" not in result.message
    assert capfd.readouterr() == ("", "")


def test_pyperclip_hangs(fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "hang")
    start = time.monotonic()
    result = copy_with_pyperclip(TEXT, timeout=1.0)
    assert time.monotonic() - start < 1.0 + SLACK
    assert result == CopyResult(False, "none", "the clipboard tool did not answer within 1 s", TEXT)


def test_default_timeout_message_names_two_seconds(
    fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "hang")
    start = time.monotonic()
    result = copy_with_pyperclip(TEXT)
    assert time.monotonic() - start < 2.0 + SLACK
    assert result.message == "the clipboard tool did not answer within 2 s"


def test_a_hanging_tool_is_killed_with_the_child(
    fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "hang-tool")
    result = copy_with_pyperclip(TEXT, timeout=1.0)
    assert not result.ok
    pid = int(Path(str(fake_pyperclip) + ".pid").read_text())
    deadline = time.monotonic() + SLACK
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        # A killed process that is not reaped yet is a zombie: gone for our purpose.
        status = Path(f"/proc/{pid}/stat")
        if status.exists() and status.read_text().split(")")[-1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        pytest.fail("the clipboard tool outlived the timeout")


def test_pyperclip_output_never_reaches_the_terminal(
    fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "noisy")
    result = copy_with_pyperclip(TEXT)
    assert result.ok
    out, err = capfd.readouterr()
    assert "NOISE" not in out + err


def test_a_crashing_child_is_reported(
    fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "crash")
    result = copy_with_pyperclip(TEXT)
    assert not result.ok
    assert result.message == "pyperclip failed: Segmentation fault in the clipboard tool"
    assert capfd.readouterr() == ("", "")


def test_a_tool_that_fails_silently_is_not_called_a_copy(
    fake_pyperclip: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAKE_CLIP_MODE", "lie")
    result = copy_with_pyperclip(TEXT)
    assert not result.ok
    assert result.message == (
        "the system clipboard did not take the text "
        "(fake: the clipboard does not hold the text afterwards (Error: Can't open display: :99))"
    )
    assert capfd.readouterr() == ("", "")


def test_nothing_to_copy() -> None:
    assert copy_with_pyperclip("") == CopyResult(False, "none", "nothing to copy", "")


def test_stale_display_with_the_real_pyperclip(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """DISPLAY points at an X server that is not there: whatever pyperclip finds (xclip, xsel, nothing),
    the result is honest and nothing is printed."""
    if Path("/tmp/.X11-unix/X99").exists():
        pytest.skip("an X server is running on :99")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    start = time.monotonic()
    result = copy_with_pyperclip(TEXT, timeout=2.0)
    assert time.monotonic() - start < 2.0 + SLACK
    assert not result.ok
    assert result.route == "none"
    assert not result.message.startswith("copied")
    assert capfd.readouterr() == ("", "")
    if shutil.which("xclip"):
        assert "display" in result.message.lower()


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xclip")), reason="needs Xvfb and xclip")
def test_real_xclip_on_a_real_x_server(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The real pyperclip and xclip: xclip forks to keep serving the selection, which must not hang us."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as handle:
            display = handle.readline().strip()
        if not display:
            pytest.skip("Xvfb did not start")
        monkeypatch.setenv("DISPLAY", f":{display}")
        monkeypatch.delenv("PYTHONPATH", raising=False)
        start = time.monotonic()
        result = copy_with_pyperclip(TEXT)
        assert time.monotonic() - start < 2.0 + SLACK
        assert result.ok, result.message
        assert result.route == "system clipboard (pyperclip: xclip)"
        back = subprocess.run(
            ["xclip", "-selection", "clipboard", "-o"], capture_output=True, timeout=5, check=True
        )
        assert back.stdout.decode("utf-8") == TEXT
        assert capfd.readouterr() == ("", "")
    finally:
        server.terminate()
        server.wait(timeout=5)


# ------------------------------------------------------------------------------------------- OSC 52


def test_osc52_plain_bytes() -> None:
    assert osc52_sequence("hello", tmux=False) == "\x1b]52;c;aGVsbG8=\x07"


def test_osc52_tmux_wrapped_bytes() -> None:
    assert osc52_sequence("hello", tmux=True) == "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"


def test_osc52_encodes_utf8() -> None:
    assert osc52_sequence("ü", tmux=False) == "\x1b]52;c;w7w=\x07"


def test_osc52_size_cap() -> None:
    assert osc52_sequence("hello!", tmux=False, limit=8) == "\x1b]52;c;aGVsbG8h\x07"  # exactly at the cap
    assert osc52_sequence("hello!!", tmux=False, limit=8) is None
    assert osc52_sequence("x" * 75_000, tmux=False) is not None  # 100,000 base64 characters
    assert osc52_sequence("x" * 75_003, tmux=True) is None
    assert OSC52_LIMIT == 100_000


def test_send_osc52_reports_honestly() -> None:
    written: list[str] = []
    result = send_osc52("hello", written.append, tmux=False)
    assert written == ["\x1b]52;c;aGVsbG8=\x07"]
    assert result == CopyResult(
        True,
        "terminal (OSC 52)",
        "sent to the terminal's clipboard (OSC 52) — works if your terminal allows it",
        "hello",
    )
    tmux = send_osc52("hello", written.append, tmux=True)
    assert tmux.route == "terminal via tmux (OSC 52)"
    # plain for tmux's own set-clipboard, then wrapped for allow-passthrough
    assert written[-1] == "\x1b]52;c;aGVsbG8=\x07\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
    assert "(set-clipboard on or allow-passthrough on)" in tmux.message


def test_send_osc52_too_big_or_broken() -> None:
    written: list[str] = []
    big = send_osc52("x" * 100, written.append, tmux=False, limit=10)
    assert not big.ok and written == [] and "too long" in big.message

    def broken(_: str) -> None:
        raise BrokenPipeError("the terminal went away")

    result = send_osc52("hello", broken, tmux=False)
    assert not result.ok
    assert result.message == "could not write to the terminal: the terminal went away"


# ------------------------------------------------------------------------------------------ the plan

LOCAL_X = {"DISPLAY": ":0", "TERM": "xterm-256color"}
SSH = {"SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22", "TERM": "xterm-256color"}


@pytest.mark.parametrize(
    ("env", "platform", "routes"),
    [
        ({}, "linux", [ROUTE_DIALOG]),  # no clipboard at all
        ({"TERM": "dumb"}, "linux", [ROUTE_DIALOG]),
        ({"TERM": "linux"}, "linux", [ROUTE_DIALOG]),  # the Linux console has no OSC 52
        (LOCAL_X, "linux", [ROUTE_PYPERCLIP, ROUTE_OSC52, ROUTE_DIALOG]),
        (
            {"WAYLAND_DISPLAY": "wayland-0", "TERM": "foot"},
            "linux",
            [ROUTE_PYPERCLIP, ROUTE_OSC52, ROUTE_DIALOG],
        ),
        (
            {**LOCAL_X, "TMUX": "/tmp/tmux-1000/default,1,0"},
            "linux",
            [ROUTE_PYPERCLIP, ROUTE_OSC52_TMUX, ROUTE_DIALOG],
        ),
        (SSH, "linux", [ROUTE_OSC52, ROUTE_DIALOG]),  # pyperclip would copy on the server, or nowhere
        ({**SSH, "TMUX": "/tmp/tmux-1000/default,1,0"}, "linux", [ROUTE_OSC52_TMUX, ROUTE_DIALOG]),
        (
            {**SSH, "DISPLAY": "localhost:10.0"},
            "linux",
            [ROUTE_PYPERCLIP, ROUTE_OSC52, ROUTE_DIALOG],
        ),  # ssh -X
        ({"TERM": "xterm-256color"}, "darwin", [ROUTE_PYPERCLIP, ROUTE_OSC52, ROUTE_DIALOG]),
        ({**SSH, "TERM": "xterm-256color"}, "darwin", [ROUTE_OSC52, ROUTE_DIALOG]),
        ({"WT_SESSION": "abc"}, "win32", [ROUTE_PYPERCLIP, ROUTE_OSC52, ROUTE_DIALOG]),
        (
            {"WSL_DISTRO_NAME": "Ubuntu", "TERM": "xterm"},
            "linux",
            [ROUTE_PYPERCLIP, ROUTE_OSC52, ROUTE_DIALOG],
        ),
    ],
)
def test_plan_copy(env: dict[str, str], platform: str, routes: list[str]) -> None:
    assert plan_copy("hello", env, platform=platform) == routes


def test_plan_copy_skips_osc52_over_the_cap() -> None:
    assert plan_copy("x" * 80_000, SSH, platform="linux") == [ROUTE_DIALOG]


def test_plan_copy_is_pure() -> None:
    env = dict(LOCAL_X)
    plan_copy("hello", env, platform="linux")
    assert env == LOCAL_X


# ------------------------------------------------------------------------------------------ the chain


def _failing(text: str) -> CopyResult:
    return CopyResult(False, "none", "the clipboard tool did not answer within 2 s", text)


def _working(text: str) -> CopyResult:
    return CopyResult(
        True, "system clipboard (pyperclip: xclip)", "copied to the system clipboard (xclip)", text
    )


def test_chain_stops_at_the_first_route_that_works() -> None:
    written: list[str] = []
    result = copy_text("hello", LOCAL_X, write=written.append, platform="linux", pyperclip=_working)
    assert result.ok and result.route.startswith("system clipboard")
    assert written == []


def test_chain_falls_back_to_osc52_inside_tmux() -> None:
    written: list[str] = []
    env = {**LOCAL_X, "TMUX": "/tmp/tmux-1000/default,1,0"}
    result = copy_text("hello", env, write=written.append, platform="linux", pyperclip=_failing)
    assert result.ok and result.route == "terminal via tmux (OSC 52)"
    assert written == ["\x1b]52;c;aGVsbG8=\x07\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"]


def test_chain_with_no_clipboard_at_all_ends_in_the_dialog() -> None:
    result = copy_text("hello", {}, write=None, platform="linux", pyperclip=_working)
    assert result == CopyResult(
        False,
        "none",
        "not copied (no clipboard is reachable from here): the text is shown to copy by hand",
        "hello",
    )


def test_chain_reports_every_failure() -> None:
    result = copy_text("hello", LOCAL_X, write=None, platform="linux", pyperclip=_failing)
    assert not result.ok
    assert result.message == (
        "not copied (the clipboard tool did not answer within 2 s): the text is shown to copy by hand"
    )


# ------------------------------------------------------------------------------------------ a browser tab

BROWSER = {ENV_BROWSER_CLIPBOARD: "1", **LOCAL_X, "TERM": "xterm-256color"}


def test_plan_in_a_browser_tab_is_the_page_or_the_dialog_never_the_servers_clipboard() -> None:
    assert plan_copy("hello", BROWSER, platform="linux") == [ROUTE_BROWSER, ROUTE_DIALOG]
    insecure = {**BROWSER, ENV_BROWSER_CLIPBOARD: "0"}
    assert plan_copy("hello", insecure, platform="darwin") == [ROUTE_DIALOG]
    assert plan_copy("x" * (BROWSER_LIMIT), BROWSER, platform="linux") == [ROUTE_DIALOG]


def test_chain_in_a_browser_tab_hands_the_text_to_the_page_and_says_only_that() -> None:
    given: list[str] = []
    result = copy_text(
        "hello", BROWSER, write=None, platform="linux", pyperclip=_working, browser=given.append
    )
    assert given == ["hello"]
    assert result == CopyResult(
        True,
        "browser (page clipboard)",
        "sent to your browser's clipboard — works if the browser lets this page write it",
        "hello",
    )


def test_chain_in_an_insecure_browser_tab_says_why_and_ends_in_the_dialog() -> None:
    given: list[str] = []
    insecure = {**BROWSER, ENV_BROWSER_CLIPBOARD: "0"}
    result = copy_text(
        "hello", insecure, write=None, platform="linux", pyperclip=_working, browser=given.append
    )
    assert given == []
    assert result == CopyResult(
        False,
        "none",
        "not copied (browsers let a page write the clipboard only over https or on localhost): the text is "
        "shown to copy by hand",
        "hello",
    )


def test_a_closed_page_is_reported_not_raised() -> None:
    def closed(text: str) -> None:
        raise RuntimeError("the app has no driver")

    result = copy_text("hello", BROWSER, write=None, platform="linux", browser=closed)
    assert not result.ok
    assert result.message.startswith("not copied (could not reach the page: the app has no driver)")

"""The copy chain: system clipboard (pyperclip) -> terminal (OSC 52) -> a dialog showing the text.

Every step reports what really happened in a :class:`CopyResult`; nothing here says "copied" unless the text
reached a clipboard, and no clipboard tool ever writes to the terminal or hangs the caller:

* pyperclip runs in a short-lived child Python whose output goes to a file and whose time is bounded, so
  xclip complaining about a stale ``DISPLAY`` (or hanging on it) stays out of the TUI. pyperclip ignores
  xclip's exit status, so the child reads the clipboard back to check that the text arrived.
* OSC 52 is a terminal escape the caller writes through the app's driver; whether the terminal honours it
  cannot be known, and the message says so.
* In a browser tab of ``readq serve`` the system clipboard and the terminal are the server's, not the
  user's: the only route is the page itself (OSC 52 through the web driver, which the page hands to the
  browser's clipboard API), and only where the browser allows a page to write the clipboard (https or
  localhost, which ``readq serve`` tells each tab in ``ENV_BROWSER_CLIPBOARD``). Whether it did cannot be
  known either, and the message says so.
* :func:`plan_copy` decides from the environment which routes are worth trying; it is pure.

:func:`copy_with_pyperclip` blocks for up to ``timeout`` seconds: call it (or :func:`copy_text`) from a
worker thread, not from the event loop.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from readq.text.terminal import visible

ROUTE_PYPERCLIP = "pyperclip"
ROUTE_OSC52 = "osc52"
ROUTE_OSC52_TMUX = "osc52-tmux"
ROUTE_DIALOG = "dialog"

# Set by `readq serve` for each browser tab's app: "1" when its page is a secure context (https, localhost),
# where the browser lets the page write the clipboard; "0" when it is not.
ENV_BROWSER_CLIPBOARD = "READQ_BROWSER_CLIPBOARD"
ROUTE_BROWSER = "browser"

OSC52_LIMIT = 100_000  # bytes of base64; many terminals refuse more (xterm's default is far less)
BROWSER_LIMIT = 10_000_000  # bytes of base64; the page's terminal (xterm.js) drops longer escape sequences
_MESSAGE_LIMIT = 160

# pyperclip's copy functions are named after their mechanism.
_MECHANISMS = {
    "copy_xclip": "xclip",
    "copy_xsel": "xsel",
    "copy_wl": "wl-copy",
    "copy_klipper": "klipper",
    "copy_osx_pbcopy": "pbcopy",
    "copy_osx_pyobjc": "pyobjc",
    "copy_windows": "Windows",
    "copy_wsl": "clip.exe",
    "copy_dev_clipboard": "/dev/clipboard",
    "copy_qt": "Qt",
    "copy_gtk": "GTK",
}

# Runs in the child: copy stdin's text with pyperclip, read it back, write the outcome as JSON to argv[1].
_CHILD = r"""
import json, sys
def report(**outcome):
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(outcome, handle)
text = sys.stdin.buffer.read().decode("utf-8")
try:
    import pyperclip
    copy, paste = pyperclip.determine_clipboard()
    mechanism = getattr(copy, "__name__", type(copy).__name__)
    copy(text)
except Exception as exc:
    report(ok=False, error=f"{type(exc).__name__}: {exc}")
    raise SystemExit(0)
try:
    back = paste()
except Exception as exc:
    report(ok=False, mechanism=mechanism, error=f"reading the clipboard back failed: {exc}")
    raise SystemExit(0)
def norm(s):
    return str(s).replace("\r\n", "\n").rstrip("\n")
if norm(back) == norm(text):
    report(ok=True, mechanism=mechanism)
else:
    report(ok=False, mechanism=mechanism, error="the clipboard does not hold the text afterwards")
"""


@dataclass(frozen=True)
class CopyResult:
    """What one attempt (or the whole chain) did.

    ``route`` is "system clipboard (pyperclip: <mechanism>)", "terminal (OSC 52)", "terminal via tmux
    (OSC 52)" or "none"; ``message`` is what to tell the user; ``text`` is the text that was to be copied."""

    ok: bool
    route: str
    message: str
    text: str


def _one_line(text: str, limit: int = _MESSAGE_LIMIT) -> str:
    """The first meaningful line of an error, shortened and without control characters: for a notification,
    never a traceback nor an escape sequence a tool printed."""
    lines = [line.strip() for line in visible(text).strip().splitlines() if line.strip()]
    line = lines[0] if lines else "unknown error"
    for prefix in ("PyperclipException: ", "PyperclipTimeoutException: "):
        line = line.removeprefix(prefix)
    if " For more information" in line:  # pyperclip's pointer to its docs
        line = line.split(" For more information", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """End the child and whatever it started (a hanging xclip): they share a new session."""
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=1)


def copy_with_pyperclip(text: str, *, timeout: float = 2.0) -> CopyResult:
    """Copy ``text`` to the system clipboard with pyperclip, in a child process whose output is captured
    and whose time is bounded by ``timeout`` seconds."""
    if not text:
        return CopyResult(False, "none", "nothing to copy", text)
    with tempfile.TemporaryDirectory(prefix="readq-clip-") as tmp:
        folder = Path(tmp)
        (folder / "text").write_bytes(text.encode("utf-8"))
        result_path = folder / "result.json"
        with (folder / "text").open("rb") as stdin, (folder / "output").open("wb") as output:
            try:
                proc = subprocess.Popen(
                    [sys.executable, "-c", _CHILD, str(result_path)],
                    stdin=stdin,
                    stdout=output,
                    stderr=output,
                    cwd=folder,
                    start_new_session=True,
                )
            except OSError as exc:
                return CopyResult(False, "none", f"could not run pyperclip: {_one_line(str(exc))}", text)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(proc)
                return CopyResult(
                    False, "none", f"the clipboard tool did not answer within {timeout:g} s", text
                )
        try:
            outcome = json.loads(result_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            said = (folder / "output").read_text(encoding="utf-8", errors="replace")
            reason = _one_line(said) if said.strip() else f"exit status {proc.returncode}"
            return CopyResult(False, "none", f"pyperclip failed: {reason}", text)
        said = (folder / "output").read_text(encoding="utf-8", errors="replace")
    mechanism = _MECHANISMS.get(str(outcome.get("mechanism")), str(outcome.get("mechanism", "")))
    mechanism = mechanism.removeprefix("copy_")
    if outcome.get("ok"):
        return CopyResult(
            True,
            f"system clipboard (pyperclip: {mechanism})",
            f"copied to the system clipboard ({mechanism})",
            text,
        )
    reason = _one_line(str(outcome.get("error", "")))
    if said.strip():  # what the tool itself said ("Can't open display") is the useful part
        reason = f"{reason} ({_one_line(said, 80)})"
    where = f"{mechanism}: " if mechanism else ""
    return CopyResult(False, "none", f"the system clipboard did not take the text ({where}{reason})", text)


def osc52_sequence(text: str, *, tmux: bool, limit: int = OSC52_LIMIT) -> str | None:
    """The OSC 52 escape that asks the terminal to put ``text`` on its clipboard, wrapped for tmux's
    passthrough when ``tmux``; None when the base64 payload is longer than ``limit``."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    if len(payload) > limit:
        return None
    sequence = f"\x1b]52;c;{payload}\x07"
    if tmux:
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence


def send_osc52(
    text: str, write: Callable[[str], None], *, tmux: bool, limit: int = OSC52_LIMIT
) -> CopyResult:
    """Build the OSC 52 sequence and hand it to ``write`` (the app driver's write); report honestly.

    Inside tmux both forms go out: the plain one, which tmux takes itself with ``set-clipboard on`` (and
    passes on to the terminal), and the wrapped one, which reaches the terminal with ``allow-passthrough on``
    (tmux drops it otherwise). A terminal that gets both sets the same text twice."""
    route = "terminal via tmux (OSC 52)" if tmux else "terminal (OSC 52)"
    sequence = osc52_sequence(text, tmux=tmux, limit=limit)
    if sequence is not None and tmux:
        sequence = str(osc52_sequence(text, tmux=False, limit=limit)) + sequence
    if sequence is None:
        size = len(text.encode("utf-8"))
        return CopyResult(False, "none", f"too long for the terminal's clipboard ({size:,} bytes)", text)
    try:
        write(sequence)
    except Exception as exc:  # a closed driver, a broken pipe: report, never crash
        return CopyResult(False, "none", f"could not write to the terminal: {_one_line(str(exc))}", text)
    allows = (
        "your terminal allows it and tmux passes it on (set-clipboard on or allow-passthrough on)"
        if tmux
        else "your terminal allows it"
    )
    message = (
        f"sent to the terminal's clipboard{' through tmux' if tmux else ''} (OSC 52) — works if {allows}"
    )
    return CopyResult(True, route, message, text)


def send_to_browser(text: str, copy: Callable[[str], None]) -> CopyResult:
    """Hand ``text`` to the page's clipboard through ``copy`` (the app's ``copy_to_clipboard``); report
    honestly: the page cannot say whether the browser took it."""
    try:
        copy(text)
    except Exception as exc:  # the tab closed meanwhile
        return CopyResult(False, "none", f"could not reach the page: {_one_line(str(exc))}", text)
    return CopyResult(
        True,
        "browser (page clipboard)",
        "sent to your browser's clipboard — works if the browser lets this page write it",
        text,
    )


def browser_unreachable(text: str, env: Mapping[str, str]) -> str | None:
    """In a served browser tab, why the page cannot take ``text``; None when it may."""
    if env.get(ENV_BROWSER_CLIPBOARD) != "1":
        return "browsers let a page write the clipboard only over https or on localhost"
    if osc52_sequence(text, tmux=False, limit=BROWSER_LIMIT) is None:
        return f"too long for the page's clipboard ({len(text.encode('utf-8')):,} bytes)"
    return None


def plan_copy(text: str, env: Mapping[str, str], *, platform: str = sys.platform) -> list[str]:
    """The routes worth trying, in order, for ``text`` in environment ``env``; :data:`ROUTE_DIALOG` last.

    * In a browser tab of ``readq serve`` (``ENV_BROWSER_CLIPBOARD`` set): the page, when it may write the
      clipboard, and nothing of the server's.

    * pyperclip only where a system clipboard can be reached: macOS and Windows when not over SSH, WSL, or
      Linux/BSD with ``DISPLAY`` or ``WAYLAND_DISPLAY`` (over SSH that means X forwarding, which works);
      over SSH without a display it would only copy on the remote machine, or nowhere.
    * OSC 52 when there is a terminal that may honour it (not ``TERM=dumb`` nor the Linux console), wrapped
      when inside tmux (``TMUX``), left out when the text is over the size cap.
    """
    if ENV_BROWSER_CLIPBOARD in env:
        return [ROUTE_DIALOG] if browser_unreachable(text, env) else [ROUTE_BROWSER, ROUTE_DIALOG]
    routes: list[str] = []
    ssh = any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))
    display = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if platform == "darwin" or platform.startswith(("win", "cygwin")):
        system = not ssh
    else:
        system = display or bool(env.get("WSL_DISTRO_NAME"))
    if system:
        routes.append(ROUTE_PYPERCLIP)
    term = env.get("TERM", "")
    terminal = (bool(term) and term not in ("dumb", "linux")) or bool(env.get("WT_SESSION"))
    if terminal and osc52_sequence(text, tmux=False) is not None:
        routes.append(ROUTE_OSC52_TMUX if env.get("TMUX") else ROUTE_OSC52)
    routes.append(ROUTE_DIALOG)
    return routes


def copy_text(
    text: str,
    env: Mapping[str, str],
    *,
    write: Callable[[str], None] | None,
    timeout: float = 2.0,
    platform: str = sys.platform,
    pyperclip: Callable[[str], CopyResult] | None = None,
    browser: Callable[[str], None] | None = None,
) -> CopyResult:
    """Walk the plan until a route takes the text. ``write`` sends OSC 52 through the app (None: not
    available); ``browser`` hands the text to a browser tab's page (the app's ``copy_to_clipboard``). When
    nothing took it, the result has ``ok=False`` and route "none" and its message says why; the caller then
    shows the text in a dialog (the last route)."""
    failures: list[str] = []
    if ENV_BROWSER_CLIPBOARD in env and (why := browser_unreachable(text, env)):
        failures.append(why)
    for route in plan_copy(text, env, platform=platform):
        if route == ROUTE_BROWSER and browser is not None:
            result = send_to_browser(text, browser)
        elif route == ROUTE_PYPERCLIP:
            result = pyperclip(text) if pyperclip else copy_with_pyperclip(text, timeout=timeout)
        elif route in (ROUTE_OSC52, ROUTE_OSC52_TMUX) and write is not None:
            result = send_osc52(text, write, tmux=route == ROUTE_OSC52_TMUX)
        else:
            continue
        if result.ok:
            return result
        failures.append(result.message)
    why = "; ".join(failures) if failures else "no clipboard is reachable from here"
    return CopyResult(False, "none", f"not copied ({why}): the text is shown to copy by hand", text)

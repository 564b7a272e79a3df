"""Reading the system clipboard (for "import from the clipboard"), honestly and within a time limit.

Like :func:`readq.system.clipboard.copy_with_pyperclip`, pyperclip runs in a short-lived child Python whose
output goes to files and whose time is bounded, so a clipboard tool that complains (xclip and a stale
``DISPLAY``) or hangs never reaches the terminal or freezes the app. :func:`read_clipboard` blocks for up to
``timeout`` seconds: call it from a worker thread.

:func:`clipboard_unreachable` says beforehand, from the environment alone, when there is no system clipboard
to read (Linux over SSH without X forwarding, a console without a display): then the app says so and offers
the other ways in (paste into the terminal, or a file path).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from readq.system.clipboard import _MECHANISMS, ENV_BROWSER_CLIPBOARD, _kill, _one_line

# Runs in the child: read the clipboard with pyperclip, write the text to argv[2] and the outcome to argv[1].
_CHILD = r"""
import json, sys
def report(**outcome):
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(outcome, handle)
try:
    import pyperclip
    copy, paste = pyperclip.determine_clipboard()
    mechanism = getattr(copy, "__name__", type(copy).__name__)
    text = paste()
except Exception as exc:
    report(ok=False, error=f"{type(exc).__name__}: {exc}")
    raise SystemExit(0)
with open(sys.argv[2], "w", encoding="utf-8", errors="replace") as handle:
    handle.write(str(text or ""))
report(ok=True, mechanism=mechanism)
"""


@dataclass(frozen=True)
class PasteResult:
    """What reading the clipboard gave: ``ok`` with its ``text``, or ``message`` saying why not."""

    ok: bool
    text: str
    message: str


def clipboard_unreachable(env: Mapping[str, str], *, platform: str = sys.platform) -> str | None:
    """Why no system clipboard can be read here, or None when one may be (the rule of
    :func:`readq.system.clipboard.plan_copy`: macOS and Windows unless over SSH; WSL; elsewhere a display)."""
    if ENV_BROWSER_CLIPBOARD in env:
        return "in a browser tab, the clipboard here is the server's, not your browser's"
    ssh = any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))
    if platform == "darwin" or platform.startswith(("win", "cygwin")):
        return "over SSH the clipboard here is not yours" if ssh else None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("WSL_DISTRO_NAME"):
        return None
    if ssh:
        return "over SSH without X forwarding there is no clipboard to read"
    return "no DISPLAY or WAYLAND_DISPLAY is set, so there is no system clipboard"


def read_clipboard(*, timeout: float = 2.0) -> PasteResult:
    """The system clipboard's text, read by pyperclip in a bounded child process."""
    with tempfile.TemporaryDirectory(prefix="readq-paste-") as tmp:
        folder = Path(tmp)
        result_path, text_path = folder / "result.json", folder / "text"
        with (folder / "output").open("wb") as output:
            try:
                proc = subprocess.Popen(
                    [sys.executable, "-c", _CHILD, str(result_path), str(text_path)],
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=output,
                    cwd=folder,
                    start_new_session=True,
                )
            except OSError as exc:
                return PasteResult(False, "", f"could not run pyperclip: {_one_line(str(exc))}")
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(proc)
                return PasteResult(False, "", f"the clipboard tool did not answer within {timeout:g} s")
        said = (folder / "output").read_text(encoding="utf-8", errors="replace")
        try:
            outcome = json.loads(result_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            reason = _one_line(said) if said.strip() else f"exit status {proc.returncode}"
            return PasteResult(False, "", f"pyperclip failed: {reason}")
        if not outcome.get("ok"):
            return PasteResult(
                False, "", f"the clipboard could not be read ({_one_line(str(outcome['error']))})"
            )
        text = text_path.read_text(encoding="utf-8")
    raw = str(outcome.get("mechanism", ""))
    mechanism = _MECHANISMS.get(raw, raw).removeprefix("copy_")
    if not text.strip():
        tool = f" ({mechanism}: {_one_line(said, 80)})" if said.strip() else ""
        return PasteResult(False, "", f"the clipboard is empty{tool}")
    return PasteResult(True, text, f"read {len(text):,} characters from the clipboard ({mechanism})")

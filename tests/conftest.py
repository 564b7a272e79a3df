"""Shared fixtures: every test gets its own data dir and config file, and an environment without the user's
editor, clipboard or lock settings; nothing touches the user's library or settings, opens a browser or reaches
beyond loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readq.cli.main import ENV_LOCK_TIMEOUT
from readq.config import ENV_CONFIG
from readq.store import ENV_DATA_DIR, Store
from readq.system.clipboard import ENV_BROWSER_CLIPBOARD
from tests.sealed import NetworkGuard, close_browser, record_browser, seal_network

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


# Read from the environment by readq and cleared for every test (a test that needs one sets it): the user's
# editor must not open, the lock wait is the default, and no test copies to the machine's clipboard or
# decides how to copy from the terminal it was started in (a display, an SSH session, tmux, a browser tab).
CLEARED_ENV = (
    "VISUAL",
    "EDITOR",
    ENV_LOCK_TIMEOUT,
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "WSL_DISTRO_NAME",
    "WT_SESSION",
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "SSH_TTY",
    "TMUX",
    ENV_BROWSER_CLIPBOARD,
)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path_factory.mktemp("default-data")))
    monkeypatch.setenv("READQ_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))  # never the user's cache
    monkeypatch.setenv("READQ_ZOTERO_URL", "http://127.0.0.1:9")  # never a Zotero running on this machine
    # A config file that does not exist yet: the defaults, and a theme picked in a test is written there.
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path_factory.mktemp("config") / "config.toml"))


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    """No test reaches beyond loopback (see tests/sealed.py; child processes are outside the guard). A
    refusal fails the test even when the code under test swallowed the error."""
    guard = seal_network(monkeypatch)
    yield guard
    assert not guard.refused, f"the test tried to leave the machine: {guard.refused}"


@pytest.fixture(autouse=True)
def _no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a URL or a browser fails loudly, naming the URL, unless the test asks for ``opened_urls``."""
    close_browser(monkeypatch)


@pytest.fixture
def opened_urls(_no_browser: None, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the test opened with :mod:`webbrowser` (as ``App.open_url`` does in a terminal), in order."""
    return record_browser(monkeypatch)


class AppTimers:
    """The app's timers, replaced for one test (see tests/app_helpers.py)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def poll_by_hand(self) -> None:
        """The disk poll never fires on its own: the test calls ``screen.poll()`` when it wants one."""
        for module in ("readq.tui.main.screen", "readq.tui.screens.welcome"):
            self.monkeypatch.setattr(f"{module}.POLL_SECONDS", 24 * 3600.0)

    def note_at_once(self) -> None:
        """The note renders at the next idle moment instead of after the cursor rested 0.15 s."""
        self.monkeypatch.setattr("readq.tui.widgets.detail.NOTE_DELAY", 0.0)


@pytest.fixture
def app_timers(monkeypatch: pytest.MonkeyPatch) -> AppTimers:
    return AppTimers(monkeypatch)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store(data_dir)
    yield s
    s.close()


@pytest.fixture
def lib_store(tmp_path: Path) -> Iterator[Store]:
    """The discovery tests' library (see tests/discovery_data.py): overlapping topics and a near-duplicate."""
    from tests.discovery_data import make_lib_store

    store = make_lib_store(tmp_path / "lib")
    yield store
    store.close()


# A stand-in for pyperclip, found by the child through PYTHONPATH. FAKE_CLIP_MODE picks its behaviour; the
# "clipboard" is a file, so reading back works as with a real tool.
FAKE_PYPERCLIP = r"""
import os, subprocess, sys, time

class PyperclipException(RuntimeError):
    pass

MODE = os.environ.get("FAKE_CLIP_MODE", "ok")
STORE = os.environ["FAKE_CLIP_STORE"]

def copy_fake(text):
    if MODE == "raise":
        raise PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system. For more information, please "
            "visit https://pyperclip.readthedocs.io\nOn Linux, you can run `sudo apt-get install xclip`."
        )
    if MODE == "hang":
        time.sleep(60)
    if MODE == "hang-tool":  # like xclip stuck on a dead X server: a grandchild that never answers
        tool = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        with open(STORE + ".pid", "w") as handle:
            handle.write(str(tool.pid))
        tool.wait()
    if MODE == "noisy":
        print("NOISE-STDOUT")
        print("NOISE-STDERR", file=sys.stderr)
        sys.stdout.flush()
        tool = "import sys; print('NOISE-TOOL'); sys.stderr.write('NOISE-TOOL-ERR')"
        subprocess.run([sys.executable, "-c", tool])
    if MODE == "crash":
        sys.stderr.write("Segmentation fault in the clipboard tool\n")
        sys.stderr.flush()
        os._exit(3)
    if MODE == "lie":  # xclip with a stale DISPLAY: complains, exits, and pyperclip does not notice
        sys.stderr.write("Error: Can't open display: :99\n")
        return
    with open(STORE, "w", encoding="utf-8") as handle:
        handle.write(text)

def paste_fake():
    try:
        with open(STORE, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""

def determine_clipboard():
    return copy_fake, paste_fake
"""


@pytest.fixture
def fake_pyperclip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install the fake pyperclip for the child; returns the file that plays the clipboard."""
    lib = tmp_path / "fakelib"
    lib.mkdir()
    (lib / "pyperclip.py").write_text(FAKE_PYPERCLIP, encoding="utf-8")
    store = tmp_path / "clipboard.txt"
    monkeypatch.setenv("PYTHONPATH", str(lib))
    monkeypatch.setenv("FAKE_CLIP_STORE", str(store))
    monkeypatch.setenv("FAKE_CLIP_MODE", "ok")
    return store

"""Driving readq in a real browser: Debian's Chromium through Playwright (never a downloaded browser).

Used by tests/e2e/test_serve_browser.py and by scripts/screenshots.py for screenshots/serve-browser.png.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = Path(os.environ.get("READQ_CHROMIUM", "/usr/bin/chromium"))
# Headless, and nothing that reaches out to Google's servers (the machine's network may be closed).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
VIEWPORT = {"width": 1280, "height": 800}
FRAME_SECONDS = 30.0


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (uv sync installs the dev dependencies)"
    return None


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(FLAGS), headless=True)


def open_app(page: Page, url: str) -> None:
    """Open readq's link and wait until the app has drawn, with the keyboard on the terminal."""
    page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=FRAME_SECONDS * 1000)
    page.wait_for_timeout(1000)  # the first frame is followed by a resize to the page's size
    page.focus(".xterm-helper-textarea")


def press(page: Page, *keys: str, pause_ms: int = 150) -> None:
    for key in keys:
        page.keyboard.press(key)
        page.wait_for_timeout(pause_ms)

"""``readq serve`` in a real browser: headless Chromium (Debian's package) driven by Playwright.

Triage keys pressed in the page reach the library on disk (checked with ``readq show --json`` in another
process), ``y`` puts the citation on the browser's clipboard, ``e`` downloads the export, and neither the page
nor its websocket opens without the token. Skips when Chromium or the playwright package is absent; CI
installs both (.ci/run).
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from readq.cli.main import main
from readq.samples import sample_paths
from tests.app_helpers import wait_until_sync
from tests.e2e.browser import VIEWPORT, launch, open_app, press, unavailable
from tests.serving import Served, app_processes, served

pytestmark = [
    pytest.mark.skipif(unavailable() is not None, reason=str(unavailable())),
    pytest.mark.timeout(180),
]

SCREENSHOT = "serve-browser.png"


def readq(data: Path, *args: str) -> Any:
    """Run the readq CLI in its own process (as a person at another terminal would) and parse its JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "readq.cli", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def wait_until(check: Any, what: str, seconds: float = 20.0) -> None:
    wait_until_sync(check, what, seconds, every=0.2)  # each look runs readq or asks the browser


def handshake(server: Served, **headers: str) -> int:
    """The status of a websocket handshake on /ws with these headers."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(
            "GET",
            "/ws?width=80&height=24",
            headers={
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
                **headers,
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    data = tmp_path / "library"
    assert main(["--data-dir", str(data), "import", *map(str, sample_paths())]) == 0
    return data


def test_triage_in_the_browser_reaches_the_library(library: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    inbox = [paper["id"] for paper in readq(library, "list", "--json")]
    first, second, third = inbox[:3]
    with served(library) as server, sync_playwright() as playwright:
        # Without the token: 403 for the page, and for the websocket even from the page's own origin.
        assert handshake(server) == 403
        assert handshake(server, Origin=server.base) == 403
        cookie = f"readq-token-{server.port}={server.token}"
        assert handshake(server, Cookie=cookie, Origin="http://evil.example") == 403

        browser = launch(playwright)
        try:
            stranger = browser.new_context()
            response = stranger.new_page().goto(f"{server.base}/")
            assert response is not None and response.status == 403
            stranger.close()

            context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            page = context.new_page()
            open_app(page, server.url)
            assert page.url == f"{server.base}/"  # the token left the address bar for a cookie
            assert len(app_processes(library)) == 1

            press(page, "r", "2")  # the first paper read; the next one (the Inbox moves on) priority 2
            wait_until(lambda: readq(library, "show", first, "--json")["read"], "the read mark on disk")
            wait_until(lambda: readq(library, "show", second, "--json")["priority"] == 2, "the priority")
            shown = readq(library, "show", first, "--json"), readq(library, "show", second, "--json")
            assert (shown[0]["read"], shown[0]["priority"]) == (True, None)  # read, never triaged
            assert (shown[1]["read"], shown[1]["priority"]) == (False, 2)

            press(page, "y")  # the cursor is on the third paper now
            title = readq(library, "show", third, "--json")["title"]
            wait_until(lambda: title in page.evaluate("navigator.clipboard.readText()"), "the clipboard")
            assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{")

            downloads: list[Any] = []
            page.on("download", lambda d: downloads.append(d))  # the page opens a tab that downloads
            press(page, "e", "Enter")  # BibTeX of the Inbox, offered as a download
            deadline = time.monotonic() + 20
            while not downloads:
                assert time.monotonic() < deadline, "no download arrived"
                page.wait_for_timeout(100)  # lets Playwright deliver its events
            (download,) = downloads
            assert download.suggested_filename == "readq-inbox.bib"
            exported = Path(download.path()).read_text(encoding="utf-8")
            assert exported.count("@misc{") + exported.count("@article{") == len(inbox) - 2
            assert title in exported

            page.wait_for_timeout(500)
            shot = tmp_path / SCREENSHOT
            page.screenshot(path=str(shot))
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        finally:
            browser.close()
        assert server.stop() == 0
        assert app_processes(library) == []

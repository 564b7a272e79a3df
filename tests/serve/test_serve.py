"""``readq serve`` without a browser: where it listens, the token on every route, the refusals (exit 2), the
app processes it runs per websocket and stops. The browser is in tests/e2e/test_serve_browser.py."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from readq.cli.main import main
from readq.samples import sample_paths
from readq.serve.access import Guard, is_loopback, public_warning, secure_origin
from readq.serve.server import ReadqServer, app_command, links
from readq.store import Store
from tests.app_helpers import wait_until, wait_until_sync
from tests.serving import app_processes, served

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    data = tmp_path / "lib with space"
    assert main(["--data-dir", str(data), "import", *map(str, sample_paths())]) == 0
    return data


# -- refusals: a clear message and exit status 2 ------------------------------------------------------------


def serve_cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data), "serve", *args])
    return code, capsys.readouterr().err


def test_a_port_in_use_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, err = serve_cli(capsys, tmp_path / "data", "--port", str(port))
    assert code == 2
    assert err == (
        f"readq: port {port} is already in use on 127.0.0.1:{port}: stop what uses it or pick another with "
        "--port\n"
    )


def test_an_unknown_host_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = socket.getaddrinfo
    asked: list[object] = []

    def resolve(host: object, *args: Any, **kwargs: Any) -> Any:  # the resolver's answer, without asking one
        asked.append(host)
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    code, err = serve_cli(capsys, tmp_path / "data", "--host", "no-such-host.invalid")
    assert asked == ["no-such-host.invalid"]
    assert code == 2
    assert err == (
        "readq: cannot listen on 'no-such-host.invalid': the host is unknown (Name or service not known)\n"
    )


def test_a_host_others_can_reach_needs_public(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = serve_cli(capsys, tmp_path / "data", "--host", "0.0.0.0")
    assert code == 2
    assert err == (
        "readq: 0.0.0.0 is reachable from other machines: readq serves only this machine (127.0.0.1) unless "
        "you add --public\n"
    )


def test_a_data_dir_that_cannot_be_opened_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x", encoding="utf-8")
    code, err = serve_cli(capsys, not_a_dir)
    assert code == 2
    assert err.startswith(f"readq: cannot open the library: cannot create the data directory {not_a_dir}")


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path, port: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        serve_cli(capsys, tmp_path / "data", "--port", port)
    assert exit_.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_loopback_and_secure_origins() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.8.0.1") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("localhost")
    assert secure_origin("http://127.0.0.1:8000") and secure_origin("http://localhost:9000")
    assert secure_origin("http://[::1]:8000") and secure_origin("https://lab.example.org")
    assert not secure_origin("http://192.168.1.2:8000") and not secure_origin(None)
    assert not secure_origin("http://lab.example.org:8000")


def test_public_warning_says_who_can_reach_it_and_suggests_a_tunnel() -> None:
    warning = public_warning("0.0.0.0", 8000)
    assert "every network interface" in warning and "anyone who can reach it" in warning
    assert "ssh -L 8000:127.0.0.1:8000" in warning
    assert links("192.168.1.2", 8000, "T") == ["http://192.168.1.2:8000/?token=T"]
    assert links("::1", 8000, "T") == ["http://[::1]:8000/?token=T"]
    assert links("0.0.0.0", 8000, "T")[0] == "http://127.0.0.1:8000/?token=T"


def test_the_app_command_carries_the_library_and_no_secret(tmp_path: Path) -> None:
    command = app_command(tmp_path / "a b")
    assert command == f"exec {sys.executable} -m readq.cli --data-dir '{tmp_path / 'a b'}'"


# -- the token, route by route (in-process server; no app is started) ----------------------------------------


async def client_for(guard: Guard) -> TestClient[aiohttp.web.Request, aiohttp.web.Application]:
    server = ReadqServer(app_command(Path("/nonexistent")), guard=guard, title="readq — test")
    client = TestClient(TestServer(await server.build()), cookie_jar=aiohttp.CookieJar(unsafe=True))
    await client.start_server()
    return client


async def test_every_route_needs_the_token() -> None:
    guard = Guard(port=1)
    client = await client_for(guard)
    try:
        for path in ("/", "/?token=wrong", "/ws", "/static/js/textual.js", "/download/abc"):
            response = await client.get(path, allow_redirects=False)
            assert response.status == 403, path
            assert "needs the link with its access token" in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws")
        assert refused.value.status == 403
    finally:
        await client.close()


async def test_the_token_becomes_a_cookie_and_leaves_the_address_bar() -> None:
    guard = Guard(port=1)
    client = await client_for(guard)
    try:
        response = await client.get(f"/?token={guard.token}&fontsize=18", allow_redirects=False)
        assert response.status == 302
        assert response.headers["Location"] == "/?fontsize=18"
        cookie = response.cookies[guard.cookie]
        assert cookie.value == guard.token
        assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
        page = await client.get("/?fontsize=18")
        assert page.status == 200
        html = await page.text()
        assert f'data-session-websocket-url="ws://{client.host}:{client.port}/ws"' in html
        assert 'href="/static/css/xterm.css"' in html
        assert "googleapis" not in html  # nothing asked of another server
        assert page.headers["Referrer-Policy"] == "no-referrer"
        assert (await client.get("/static/js/textual.js")).status == 200
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", origin="http://evil.example")
        assert refused.value.status == 403
    finally:
        await client.close()


def test_tokens_differ_per_start_and_cookies_per_port() -> None:
    first, second = Guard(port=8000), Guard(port=8001)
    assert first.token != second.token and len(first.token) >= 40
    assert first.cookie != second.cookie


# -- the real thing: a process per websocket, stopped on SIGTERM / ctrl+c ------------------------------------


async def open_tab(session: aiohttp.ClientSession, base: str) -> aiohttp.ClientWebSocketResponse:
    websocket = await session.ws_connect(f"{base}/ws?width=100&height=30", origin=base)
    deadline = time.monotonic() + 30
    seen = b""
    while b"Inbox" not in seen:  # the app's first frame
        assert time.monotonic() < deadline, "the app never drew its first frame"
        message = await websocket.receive(timeout=30)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
    return websocket


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_each_tab_runs_an_app_on_the_library_and_stopping_ends_them_all(
    library: Path, signum: int
) -> None:
    with served(library) as server:
        assert server.output[0] == f"readq is serving {library.resolve()} on port {server.port}. Open:"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            page = await session.get(server.url)
            assert page.status == 200 and str(page.url) == f"{server.base}/"
            first = await open_tab(session, server.base)
            second = await open_tab(session, server.base)
            assert len(app_processes(library)) == 2
            await first.send_str(json.dumps(["stdin", "r"]))  # mark the first paper of the Inbox read
            await wait_until(
                lambda: any(Store(library).state(pid).read for pid in Store(library).papers),
                "the key to reach the library",
                seconds=20,
            )
            assert await asyncio.to_thread(server.stop, signum) == 0
            assert app_processes(library) == []
            ending = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            while (await second.receive(timeout=5)).type not in ending:  # what the app drew before
                pass
        assert "readq: stopped; every change was saved as it was made" in server.output


@linux_only
def test_public_warns_and_prints_a_link_for_this_machine(library: Path) -> None:
    with served(library, "--host", "0.0.0.0", "--public") as server:
        assert server.url.startswith("http://127.0.0.1:")
        wait_until_sync(lambda: any("warning" in line for line in server.output), "the warning", seconds=5)
        warning = next(line for line in server.output if "warning" in line)
        assert "every network interface of this machine" in warning and "ssh -L" in warning

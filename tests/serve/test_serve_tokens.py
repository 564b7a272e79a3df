"""The serve token's edge cases: the right cookie name with a wrong value, another server's cookie, a token
in the query of the websocket and of a download, and download file names that try to break the header."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from readq.serve.access import Guard
from readq.serve.server import ReadqServer, app_command
from readq.tui.web import safe_filename

NEEDS_TOKEN = "needs the link with its access token"


async def client_for(guard: Guard, **cookies: str) -> tuple[ReadqServer, TestClient[Any, Any]]:
    server = ReadqServer(app_command(Path("/nonexistent")), guard=guard, title="readq — test")
    client = TestClient(TestServer(await server.build()), cookie_jar=aiohttp.CookieJar(unsafe=True))
    client.session.cookie_jar.update_cookies(cookies)
    await client.start_server()
    return server, client


async def refused(client: TestClient[Any, Any], path: str) -> str:
    response = await client.get(path, allow_redirects=False)
    assert response.status == 403, path
    return await response.text()


ROUTES = ("/", "/ws", "/static/js/textual.js", "/download/abc")


async def test_the_right_cookie_name_with_a_wrong_value_is_refused() -> None:
    guard = Guard(port=1)
    wrong = "x" + guard.token[1:]  # one character off, same length
    for value in (wrong, "", guard.token[:-1], guard.token + "x", guard.token.upper()):
        _, client = await client_for(guard, **{guard.cookie: value})
        try:
            for path in ROUTES:
                assert NEEDS_TOKEN in await refused(client, path), (value, path)
        finally:
            await client.close()


async def test_another_servers_cookie_is_refused() -> None:
    mine, other = Guard(port=8000), Guard(port=8001)
    # The other server's cookie as browsers share it across ports, and this server's token under its name.
    for cookies in ({other.cookie: other.token}, {other.cookie: mine.token}, {"readq-token": mine.token}):
        _, client = await client_for(mine, **cookies)
        try:
            for path in ROUTES:
                assert NEEDS_TOKEN in await refused(client, path), (cookies, path)
        finally:
            await client.close()


async def test_a_token_in_the_query_of_the_websocket() -> None:
    guard = Guard(port=1)
    _, client = await client_for(guard)
    try:
        for token in ("wrong", "", guard.token[:-1]):
            with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
                await client.ws_connect(f"/ws?token={token}")
            assert caught.value.status == 403
        # The right token in the query does not let another site's page in: the origin is still checked.
        with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
            await client.ws_connect(f"/ws?token={guard.token}", origin="http://evil.example")
        assert caught.value.status == 403
        assert not client.session.cookie_jar.filter_cookies(client.make_url("/"))  # and no cookie was set
    finally:
        await client.close()


async def test_a_token_in_the_query_of_a_download() -> None:
    guard = Guard(port=1)
    _, client = await client_for(guard)
    try:
        assert NEEDS_TOKEN in await refused(client, "/download/abc?token=wrong")
        found = await client.get(f"/download/abc?token={guard.token}", allow_redirects=False)
        assert found.status == 404  # past the guard (no redirect, no cookie), and no such download
        assert "Download with key 'abc' not found" in await found.text()
        assert guard.cookie not in found.cookies
    finally:
        await client.close()


HOSTILE_NAMES = {
    "header injection": ("a.json\r\nSet-Cookie: readq-token-1=evil", "a.json-Set-Cookie-readq-token-1-evil"),
    "parameter injection": ("x.csv\"; filename*=UTF-8''evil.exe", "x.csv-filename-UTF-8-evil.exe"),
    "path traversal": ("../../etc/passwd", "etc-passwd"),
    "absolute path": ("/root/.ssh/id_rsa", "root-.ssh-id_rsa"),
    "controls": ("\x00\x1b[31mred\x07.md", "31mred-.md"),
    "right-to-left override": ("paper\u202etxt.exe", "paper-txt.exe"),
    "accents": ("Schrödinger.bib", "Schr-dinger.bib"),
    "nothing left": ('../\r\n;"', "readq.txt"),
    "dots only": ("...", "readq.txt"),
}


@pytest.mark.parametrize(("name", "safe"), HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_download_names_are_made_safe_for_the_header(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


class StandInService:
    """What the download manager asks of a tab's app: chunks on request (here, one, then the end)."""

    def __init__(self, server: ReadqServer, key: str, body: bytes) -> None:
        self.server, self.key, self.chunks = server, key, [body, b""]

    async def send_meta(self, meta: dict[str, object]) -> bool:
        assert meta["type"] == "deliver_chunk_request"
        asyncio.get_running_loop().call_soon(
            asyncio.ensure_future, self.server.download_manager.chunk_received(self.key, self.chunks.pop(0))
        )
        return True


@pytest.mark.parametrize("name", [n for n, _ in HOSTILE_NAMES.values()], ids=list(HOSTILE_NAMES))
async def test_a_hostile_name_reaches_the_browser_as_one_plain_header(name: str) -> None:
    guard = Guard(port=1)
    server, client = await client_for(guard, **{guard.cookie: guard.token})
    try:
        service = StandInService(server, "k1", b'{"papers": []}\n')
        await server.download_manager.create_download(
            app_service=service,  # type: ignore[arg-type]
            delivery_key="k1",
            file_name=safe_filename(name),
            open_method="download",
            mime_type="application/json",
            encoding="utf-8",
        )
        response = await client.get("/download/k1")
        assert response.status == 200 and await response.read() == b'{"papers": []}\n'
        assert response.headers["Content-Disposition"] == f"attachment; filename={safe_filename(name)}"
        assert "Set-Cookie" not in response.headers and "evil" not in str(response.cookies)
    finally:
        await client.close()

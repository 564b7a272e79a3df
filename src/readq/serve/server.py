"""``readq serve`` put together: textual-serve's server with readq's guard, page and tab processes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shlex
import signal
import socket
import sys
from pathlib import Path
from typing import Any, TextIO

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from readq.serve.access import (
    Guard,
    ServeError,
    addresses,
    bind,
    is_loopback,
    public_warning,
    secure_origin,
    url_host,
)
from readq.serve.tabs import MAX_TABS, STOP_SECONDS, TabService
from readq.store import Store, StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EXIT_OK = 0
EXIT_USAGE = 2
TEMPLATE = "app_index.html"
FONT_LINK = re.compile(r"<link\b[^>]*https://fonts\.googleapis\.com/[^>]*>\s*")

log = logging.getLogger("readq.serve")

# -- textual-serve, adapted --------------------------------------------------------------------------------


def page_template(folder: Path) -> jinja2.BaseLoader:
    """textual-serve's page without the link to a third-party web font (the page falls back to the font
    textual-serve ships): no request leaves for another server, and an offline page does not wait for one."""

    def load(name: str) -> str | None:
        path = folder / name
        if not path.is_file():
            return None
        return FONT_LINK.sub("", path.read_text(encoding="utf-8"))

    return jinja2.FunctionLoader(load)


def too_many_tabs(limit: int) -> web.Response:
    """The page for a tab over the limit: plain words, no app started."""
    text = (
        f"readq serve runs at most {limit} tabs at once and {limit} are open. Close a readq tab (its app "
        "ends with it) and reload this page; or start readq serve with a larger --max-tabs."
    )
    return web.Response(status=503, text=text, content_type="text/plain", headers={"Retry-After": "5"})


class ReadqServer(Server):
    def __init__(self, command: str, *, guard: Guard, title: str, max_tabs: int = MAX_TABS) -> None:
        super().__init__(command, host="127.0.0.1", port=guard.port, title=title)
        self.max_tabs = max_tabs
        self.guard = guard
        self.services: set[TabService] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="readq serve: %(message)s", stream=sys.stderr)

    async def on_startup(self, app: web.Application) -> None:
        """No banner: :func:`serve` prints the link."""

    async def build(self) -> web.Application:
        app = await self._make_app()
        app.middlewares.append(self.guard.middleware)
        aiohttp_jinja2.setup(app, loader=page_template(self.templates_path))
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, unless every tab slot is taken."""
        if len(self.services) >= self.max_tabs:
            return too_many_tabs(self.max_tabs)
        return await self._page(request)

    @aiohttp_jinja2.template(TEMPLATE)
    async def _page(self, request: web.Request) -> dict[str, Any]:
        """The page, with its websocket and static URLs on the address the browser used."""
        scheme = "wss" if request.secure else "ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """textual-serve's handler, keeping track of each tab's app so that shutting down can stop it; over
        the tab limit, 503 and no app."""
        if len(self.services) >= self.max_tabs:
            return too_many_tabs(self.max_tabs)
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: TabService | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            service = TabService(
                self.command,
                clipboard=secure_origin(request.headers.get("Origin")),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken tab must not take the server down
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await service.halt()
                self.services.discard(service)
        return websocket

    async def stop_apps(self) -> None:
        """Stop every tab's app (each quits and is waited for), then close the tabs' websockets."""
        await asyncio.gather(*(service.halt() for service in list(self.services)))
        for websocket in list(self.sockets):
            with contextlib.suppress(Exception):
                await websocket.close(code=1001, message=b"readq serve stopped")


# -- running ------------------------------------------------------------------------------------------------


def app_command(data_dir: Path) -> str:
    """The shell command textual-serve runs per tab: this Python, this library, nothing secret."""
    argv = [sys.executable, "-m", "readq.cli", "--data-dir", str(data_dir)]
    return "exec " + shlex.join(argv)


def links(host: str, port: int, token: str) -> list[str]:
    """The links to print: for every interface, this machine's and the one others would use."""
    hosts = ["127.0.0.1", socket.gethostname()] if host in ("0.0.0.0", "::", "") else [host]
    return [f"http://{url_host(name)}:{port}/?token={token}" for name in hosts]


def check_data_dir(data_dir: Path) -> Path:
    try:
        store = Store(data_dir)
    except StoreError as error:
        raise ServeError(f"cannot open the library: {error}") from None
    store.close()
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise ServeError(f"cannot open the library: the data directory {data_dir} is not writable")
    return data_dir.resolve()


def serve(
    data_dir: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    public: bool = False,
    max_tabs: int = MAX_TABS,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run ``readq serve`` until ctrl+c or SIGTERM; the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        found = addresses(host, port)
        if not public and not all(is_loopback(address) for _, address in found):
            raise ServeError(
                f"{host} is reachable from other machines: readq serves only this machine (127.0.0.1) "
                "unless you add --public"
            )
        data_dir = check_data_dir(data_dir)
        sockets = bind(found, port)
    except ServeError as error:
        print(f"readq: {error}", file=err)
        return EXIT_USAGE
    port = sockets[0].getsockname()[1]
    if public and not all(is_loopback(address) for _, address in found):
        print(public_warning(host, port), file=err)
    guard = Guard(port)
    server = ReadqServer(app_command(data_dir), guard=guard, title=f"readq — {data_dir}", max_tabs=max_tabs)
    server.initialize_logging()
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # request lines would show the token
    opening = [f"readq is serving {data_dir} on port {port}. Open:"]
    opening += [f"    {link}" for link in links(host, port, guard.token)]
    opening.append("Each browser tab runs its own readq; ctrl+c stops them all.")
    try:
        asyncio.run(_run(server, sockets, "\n".join(opening), out))
    finally:
        for sock in sockets:
            sock.close()
    print("readq: stopped; every change was saved as it was made", file=err)
    return EXIT_OK


async def _run(server: ReadqServer, sockets: list[socket.socket], opening: str, out: TextIO) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(await server.build(), handle_signals=False, shutdown_timeout=STOP_SECONDS)
    await runner.setup()
    try:
        for sock in sockets:
            await web.SockSite(runner, sock).start()
        print(opening, file=out, flush=True)
        await stop.wait()
        await server.stop_apps()
    finally:
        await runner.cleanup()

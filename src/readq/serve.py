"""``readq serve``: the app in a web browser through textual-serve, behind an access token.

textual-serve runs one app process per browser tab (``python -m readq.cli --data-dir DIR``, with
Textual's web driver) and relays its screen over a websocket. This module adds what makes that safe to leave
running:

* it listens on 127.0.0.1 unless told otherwise; a host that is not loopback needs ``--public``;
* every start makes a random token; the printed URL carries it, the page turns it into a cookie (and
  redirects to the bare URL, so the token leaves the address bar), and every request without a valid token
  or cookie — the page, its websocket, static files, downloads — gets 403. A websocket whose ``Origin`` is
  another site gets 403 even with the cookie;
* the page's own URLs are made from the address the browser used (an SSH tunnel on another port works),
  and it asks nothing of third-party servers (textual-serve's page links a web font from Google);
* each tab's app learns whether its page may write the browser's clipboard (``ENV_BROWSER_CLIPBOARD``);
* ctrl+c or SIGTERM asks every app process to quit, waits for it (killing one that hangs) and exits.

This module imports no Textual: the app runs in the child processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import logging
import os
import re
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from readq.store import Store, StoreError
from readq.system.clipboard import ENV_BROWSER_CLIPBOARD

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EXIT_OK = 0
EXIT_USAGE = 2
STOP_SECONDS = 5.0  # how long an app process gets to quit before it is killed
TEMPLATE = "app_index.html"
FONT_LINK = re.compile(r"<link\b[^>]*https://fonts\.googleapis\.com/[^>]*>\s*")

log = logging.getLogger("readq.serve")


class ServeError(Exception):
    """A reason not to start (exit status 2): a bad host, a busy port, a data dir that cannot be opened."""


# -- where to listen ----------------------------------------------------------------------------------------


def addresses(host: str, port: int) -> list[tuple[int, str]]:
    """(family, address) for each address ``host`` names, in resolver order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        reason = error.strerror if isinstance(error, socket.gaierror) else str(error)
        raise ServeError(f"cannot listen on {host!r}: the host is unknown ({reason})") from None
    found: list[tuple[int, str]] = []
    for family, _, _, _, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6) and (family, str(sockaddr[0])) not in found:
            found.append((family, str(sockaddr[0])))
    if not found:
        raise ServeError(f"cannot listen on {host!r}: it has no IPv4 or IPv6 address")
    return found


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def bind(found: list[tuple[int, str]], port: int) -> list[socket.socket]:
    """Listening sockets on every address, all on one port (``port`` 0: a free one, chosen once)."""
    sockets: list[socket.socket] = []
    try:
        for family, address in found:
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            if os.name == "posix":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind((address, port))
            sock.listen(128)
            sock.setblocking(False)
            port = sock.getsockname()[1]
    except OSError as error:
        for sock in sockets:
            sock.close()
        where = f"{address}:{port}" if ":" not in address else f"[{address}]:{port}"
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} is already in use on {where}: stop what uses it or pick another with --port"
            ) from None
        if error.errno == errno.EACCES:
            raise ServeError(f"not allowed to listen on {where} (ports below 1024 need privileges)") from None
        raise ServeError(f"cannot listen on {where}: {error.strerror}") from None
    return sockets


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def public_warning(host: str, port: int) -> str:
    where = "every network interface of this machine" if host in ("0.0.0.0", "::", "") else host
    return (
        f"readq: warning: serving on {where}, port {port}: anyone who can reach it and has the link with its "
        "token can read and change your library, and the connection is plain http, so anyone on the network "
        "path can read the token. Safer: serve on 127.0.0.1 (the default) and reach it through an SSH "
        f"tunnel: ssh -L {port}:127.0.0.1:{port} THIS-MACHINE, then open the printed link on your side."
    )


# -- who may come in -----------------------------------------------------------------------------------------


def secure_origin(origin: str | None) -> bool:
    """Whether a page at ``origin`` is a secure context, where browsers let it write the clipboard: https, or
    http on localhost / a loopback address."""
    if not origin:
        return False
    parts = urlsplit(origin)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and (
        host == "localhost" or host.endswith(".localhost") or is_loopback(host)
    )


@dataclass
class Guard:
    """The access token and the middleware that checks it."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie(self) -> str:
        return f"readq-token-{self.port}"  # browsers share cookies across ports: one name per server

    def valid(self, value: str | None) -> bool:
        return bool(value) and secrets.compare_digest(str(value).encode(), self.token.encode())

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if self.valid(request.query.get("token")):
            if request.method == "GET" and request.path == "/":
                query = request.rel_url.query.copy()
                query.pop("token")
                found = web.HTTPFound(str(request.rel_url.with_query(query)))
                found.set_cookie(self.cookie, self.token, path="/", httponly=True, samesite="Strict")
                found.headers["Referrer-Policy"] = "no-referrer"
                raise found
        elif not self.valid(request.cookies.get(self.cookie)):
            return forbidden(
                "This readq needs the link with its access token, as `readq serve` printed it "
                "(each start makes a new one)."
            )
        if request.headers.get("Upgrade", "").lower() == "websocket" and not same_origin(request):
            return forbidden("A page of another site may not open readq's websocket.")
        response = await handler(request)
        if not response.prepared:  # a websocket has sent its headers long ago
            response.headers["Referrer-Policy"] = "no-referrer"
        return response


def forbidden(text: str) -> web.Response:
    return web.Response(
        status=403, text=f"403 Forbidden: {text}\n", headers={"Referrer-Policy": "no-referrer"}
    )


def same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:  # not a browser: the token or cookie was enough
        return True
    parts = urlsplit(origin)
    return parts.netloc.lower() == request.host.lower()


# -- textual-serve, adapted --------------------------------------------------------------------------------


class TabService(AppService):
    """One tab's app process, told whether its page may write the browser's clipboard."""

    def __init__(self, command: str, *, clipboard: bool, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.clipboard = clipboard

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment[ENV_BROWSER_CLIPBOARD] = "1" if self.clipboard else "0"
        return environment

    async def halt(self) -> None:
        """Ask the app to quit, wait for it, kill it when it does not."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.wait(), 1.0)
        if process.returncode is None:
            log.warning("an app process did not quit; killing it")
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


def page_template(folder: Path) -> jinja2.BaseLoader:
    """textual-serve's page without the link to a third-party web font (the page falls back to the font
    textual-serve ships): no request leaves for another server, and an offline page does not wait for one."""

    def load(name: str) -> str | None:
        path = folder / name
        if not path.is_file():
            return None
        return FONT_LINK.sub("", path.read_text(encoding="utf-8"))

    return jinja2.FunctionLoader(load)


class ReadqServer(Server):
    def __init__(self, command: str, *, guard: Guard, title: str) -> None:
        super().__init__(command, host="127.0.0.1", port=guard.port, title=title)
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

    @aiohttp_jinja2.template(TEMPLATE)
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with its websocket and static URLs on the address the browser used."""
        scheme = "wss" if request.secure else "ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, keeping track of each tab's app so that shutting down can stop it."""
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
    server = ReadqServer(app_command(data_dir), guard=guard, title=f"readq — {data_dir}")
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

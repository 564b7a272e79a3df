"""Who may reach ``readq serve``: where it listens, the access token and its cookie, same-origin checks."""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import re
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import web

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

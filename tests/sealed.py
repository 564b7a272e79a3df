"""A sealed network and a closed browser for the tests (installed for every test by ``tests/conftest.py``).

:func:`seal_network` patches the ``socket`` module of this process so that connecting (or sending a datagram)
anywhere but loopback — 127.0.0.0/8, ``::1``, ``localhost`` — raises :class:`NetworkRefused` *before* the
call reaches the operating system, so no packet leaves; Unix sockets are untouched. Resolving a host name
other than ``localhost`` is refused the same way (an IP literal is not a lookup and is allowed: what matters
is where a connection goes). Each refusal is also recorded, so a test whose code swallows the error still
fails at teardown.

:func:`close_browser` makes :mod:`webbrowser` raise an AssertionError naming the URL; the ``opened_urls``
fixture records the URLs instead.

Only this process is sealed: child processes started by a test (the CLI run as a program, ``readq serve``,
the fake editors and clipboards, Chromium) have their own ``socket`` module and are outside the guard.
"""

from __future__ import annotations

import ipaddress
import socket
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class NetworkRefused(RuntimeError):
    """A test tried to reach beyond this machine. Not an OSError, so code that handles a failed connection
    does not mistake it for one and carry on."""


@dataclass
class NetworkGuard:
    refused: list[str] = field(default_factory=list)  # what was refused, in order ("connect to …")

    def refuse(self, what: str) -> NetworkRefused:
        self.refused.append(what)
        return NetworkRefused(f"the tests' network is sealed: refused to {what} (only loopback is allowed)")


def _name(host: object) -> str | None:
    if host is None:
        return None
    if isinstance(host, bytes | bytearray):
        return bytes(host).decode("ascii", "replace")
    return str(host)


def _literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def is_loopback_host(host: str) -> bool:
    """True for a loopback address (an IPv4-mapped one too) or one of the loopback names."""
    if host.rstrip(".").lower() in LOOPBACK_NAMES:
        return True
    address = _literal(host)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address is not None and address.is_loopback


def resolvable_here(host: object) -> bool:
    """True when resolving ``host`` needs no name server: no host (the wildcard), an IP literal or a
    loopback name."""
    name = _name(host)
    return not name or _literal(name) is not None or is_loopback_host(name)


def _check_address(guard: NetworkGuard, sock: socket.socket, address: Any, verb: str) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return  # Unix sockets, netlink…: this machine only
    host = _name(address[0]) if isinstance(address, tuple) and address else _name(address)
    if host is None or not is_loopback_host(host):
        raise guard.refuse(f"{verb} {address!r}")


def seal_network(monkeypatch: pytest.MonkeyPatch) -> NetworkGuard:
    guard = NetworkGuard()
    connect, connect_ex, sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
    getaddrinfo, gethostbyname = socket.getaddrinfo, socket.gethostbyname
    gethostbyname_ex, gethostbyaddr = socket.gethostbyname_ex, socket.gethostbyaddr
    create_connection = socket.create_connection

    def guarded_connect(self: socket.socket, address: Any) -> None:
        _check_address(guard, self, address, "connect to")
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        _check_address(guard, self, address, "connect to")
        return connect_ex(self, address)

    def guarded_sendto(self: socket.socket, data: Any, *args: Any) -> int:
        if args:
            _check_address(guard, self, args[-1], "send a datagram to")
        return sendto(self, data, *args)

    def guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        # Refused before a socket exists: socket.create_connection closes its socket only on an OSError.
        host = _name(address[0]) if isinstance(address, tuple) and address else None
        if host is not None and _literal(host) is not None and not is_loopback_host(host):
            raise guard.refuse(f"connect to {address!r}")
        return create_connection(address, *args, **kwargs)

    def resolver(real: Callable[..., Any], what: str) -> Callable[..., Any]:
        def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not resolvable_here(host):
                raise guard.refuse(f"{what} {_name(host)!r}")
            return real(host, *args, **kwargs)

        return guarded

    def guarded_gethostbyaddr(host: str) -> Any:
        if not is_loopback_host(host):
            raise guard.refuse(f"look up the name of {host!r}")
        return gethostbyaddr(host)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", guarded_sendto)
    # create_connection resolves with the module's getaddrinfo and connects with socket.connect: both guarded.
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", resolver(getaddrinfo, "resolve"))
    monkeypatch.setattr(socket, "gethostbyname", resolver(gethostbyname, "resolve"))
    monkeypatch.setattr(socket, "gethostbyname_ex", resolver(gethostbyname_ex, "resolve"))
    monkeypatch.setattr(socket, "gethostbyaddr", guarded_gethostbyaddr)
    return guard


BROWSER_FUNCTIONS = ("open", "open_new", "open_new_tab")


def close_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(url: str, *args: Any, **kwargs: Any) -> bool:
        raise AssertionError(f"a test tried to open {url!r} in a browser (ask for the opened_urls fixture)")

    def refuse_get(using: str | None = None) -> webbrowser.BaseBrowser:
        raise AssertionError(f"a test asked for a browser ({using!r}); ask for the opened_urls fixture")

    for name in BROWSER_FUNCTIONS:
        monkeypatch.setattr(webbrowser, name, refuse)
    monkeypatch.setattr(webbrowser, "get", refuse_get)


class RecordingBrowser(webbrowser.BaseBrowser):
    """What ``webbrowser.get()`` returns under ``opened_urls``: it records instead of opening."""

    def __init__(self, opened: list[str]) -> None:
        super().__init__("recorder")
        self.opened = opened

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


def record_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    browser = RecordingBrowser(opened)

    def record(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)
        return True

    for name in BROWSER_FUNCTIONS:
        monkeypatch.setattr(webbrowser, name, record)
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    return opened

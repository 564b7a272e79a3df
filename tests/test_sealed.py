"""The tests' sealed network and closed browser (tests/sealed.py, installed for every test by conftest.py)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App

from tests.sealed import NetworkGuard, NetworkRefused, is_loopback_host

TEST_NET = "192.0.2.1"  # TEST-NET-1 (RFC 5737): never routed, and no packet may even try


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    server = socket.create_server(("127.0.0.1", 0))
    yield server
    server.close()


def refused_once(guard: NetworkGuard, needle: str) -> None:
    """The guard recorded exactly one refusal, mentioning ``needle``; the record is then cleared so that the
    teardown check (which fails a test that tried to leave) passes for this deliberate attempt."""
    assert len(guard.refused) == 1 and needle in guard.refused[0], guard.refused
    guard.refused.clear()


def test_a_connection_beyond_loopback_is_refused_before_any_packet(network_guard: NetworkGuard) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)  # a real attempt would return at once with EINPROGRESS, its SYN sent
        with pytest.raises(NetworkRefused, match=re.escape(TEST_NET)):
            sock.connect((TEST_NET, 80))
        # The kernel binds a local port as soon as it starts a connection: none was bound, so none started.
        assert sock.getsockname() == ("0.0.0.0", 0)
    refused_once(network_guard, TEST_NET)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda keep: keep(socket.socket()).connect_ex((TEST_NET, 443)),
        lambda keep: socket.create_connection((TEST_NET, 80), timeout=1),
        lambda keep: keep(socket.socket(socket.AF_INET, socket.SOCK_DGRAM)).sendto(b"x", (TEST_NET, 53)),
        lambda keep: keep(socket.socket(socket.AF_INET6)).connect(("2001:db8::1", 80)),  # documentation net
        lambda keep: keep(socket.socket()).connect(("::ffff:" + TEST_NET, 80)),
        lambda keep: keep(socket.socket()).connect(("0.0.0.0", 80)),
    ],
    ids=["connect_ex", "create_connection", "sendto", "ipv6", "ipv4-mapped", "wildcard"],
)
def test_every_way_out_is_refused(network_guard: NetworkGuard, attempt: object) -> None:
    opened: list[socket.socket] = []

    def keep(sock: socket.socket) -> socket.socket:
        opened.append(sock)  # closed below: an unclosed socket is a warning, and warnings are errors
        return sock

    try:
        with pytest.raises(NetworkRefused):
            attempt(keep)  # type: ignore[operator]
    finally:
        for sock in opened:
            sock.close()
    assert len(network_guard.refused) == 1
    network_guard.refused.clear()


@pytest.mark.parametrize(
    "lookup",
    [
        lambda: socket.getaddrinfo("example.org", 443),
        lambda: socket.gethostbyname("example.org"),
        lambda: socket.gethostbyname_ex("example.org"),
        lambda: socket.create_connection(("example.org", 80)),
        lambda: socket.gethostbyaddr(TEST_NET),
    ],
    ids=["getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection", "gethostbyaddr"],
)
def test_resolving_a_name_is_refused(network_guard: NetworkGuard, lookup: object) -> None:
    with pytest.raises(NetworkRefused):
        lookup()  # type: ignore[operator]
    assert len(network_guard.refused) == 1
    network_guard.refused.clear()


def test_asyncio_connections_are_refused_too(network_guard: NetworkGuard) -> None:
    async def reach_out() -> None:
        await asyncio.open_connection(TEST_NET, 80)

    with pytest.raises(NetworkRefused):
        asyncio.run(reach_out())
    refused_once(network_guard, TEST_NET)


def test_a_swallowed_refusal_is_still_recorded(network_guard: NetworkGuard) -> None:
    with contextlib.suppress(Exception):  # like code that turns every failure into "offline"
        socket.create_connection((TEST_NET, 80))
    refused_once(network_guard, TEST_NET)  # (left in the record, it fails the test at teardown)


def test_loopback_connections_work(listener: socket.socket, network_guard: NetworkGuard) -> None:
    port = listener.getsockname()[1]
    for host in ("127.0.0.1", "localhost"):
        with socket.create_connection((host, port), timeout=5) as client:
            peer, _ = listener.accept()
            with peer:
                client.sendall(b"ping")
                assert peer.recv(4) == b"ping"
    with socket.socket() as other:
        assert other.connect_ex(("127.0.0.2", port)) != 0  # 127/8 is loopback: allowed (nobody listens)
    assert socket.getaddrinfo(None, port) and socket.getaddrinfo(TEST_NET, 80)  # literals are no lookups
    assert network_guard.refused == []


def test_ipv6_loopback_and_unix_sockets_work(tmp_path: Path) -> None:
    if socket.has_ipv6:
        try:
            server = socket.create_server(("::1", 0), family=socket.AF_INET6)
        except OSError:
            server = None  # no IPv6 loopback on this machine
        if server is not None:
            with server, socket.create_connection(("::1", server.getsockname()[1]), timeout=5):
                pass
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX) as unix_server:
        unix_server.bind(path)
        unix_server.listen()
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(path)


def test_what_counts_as_loopback() -> None:
    assert all(map(is_loopback_host, ["127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost", "LOCALHOST."]))
    assert is_loopback_host("::ffff:127.0.0.1")
    assert not any(map(is_loopback_host, ["0.0.0.0", "", TEST_NET, "10.0.0.1", "localhost.example.org"]))


@pytest.mark.parametrize("name", ["open", "open_new", "open_new_tab"])
def test_opening_a_browser_fails_loudly(name: str) -> None:
    with pytest.raises(AssertionError, match=re.escape("https://example.org/paper")):
        getattr(webbrowser, name)("https://example.org/paper")
    with pytest.raises(AssertionError, match="opened_urls"):
        webbrowser.get()


async def test_opened_urls_records_what_the_app_opens(opened_urls: list[str]) -> None:
    app: App[None] = App()
    async with app.run_test():
        app.open_url("https://arxiv.org/abs/2401.01234")
    webbrowser.get("firefox").open_new_tab("https://example.org/b")
    assert opened_urls == ["https://arxiv.org/abs/2401.01234", "https://example.org/b"]

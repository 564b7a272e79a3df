"""The HTTP client: User-Agent, pacing and retries on an injected clock, errors that name the host."""

from __future__ import annotations

import itertools
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from readq import __version__
from readq.online.http import Http, OnlineError, Pacer, retry_after, user_agent
from tests.online.standin import FakeClock, closed_port, local


def client(clock: FakeClock, **kwargs: object) -> Http:
    return Http(monotonic=clock.monotonic, sleep=clock.sleep, **kwargs)  # type: ignore[arg-type]


def test_user_agent_names_readq_its_version_and_the_contact() -> None:
    assert user_agent() == f"readq/{__version__} (a terminal reading queue for research papers)"
    assert user_agent("me@example.org").endswith("; mailto:me@example.org)")


def test_requests_carry_the_user_agent(httpserver: HTTPServer) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return Response("ok")

    httpserver.expect_request("/x").respond_with_handler(handler)
    with Http(contact="me@example.org") as http:
        assert http.get(local(httpserver, "/x")).text == "ok"
    assert seen == [user_agent("me@example.org")]


def test_pacer_keeps_three_seconds_between_requests_without_sleeping() -> None:
    clock = FakeClock()
    pacer = Pacer(3.0, clock.monotonic, clock.sleep)
    pacer.wait()
    clock.now += 1.0  # the first request took a second
    pacer.wait()
    pacer.wait()
    assert [b - a for a, b in itertools.pairwise(pacer.starts)] == [3.0, 3.0]
    assert clock.slept == [2.0, 3.0]


def test_paced_host_on_a_real_server(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/q").respond_with_data("ok")
    clock = FakeClock()
    started = time.monotonic()
    with client(clock, pace={local(httpserver, "/q"): 3.0}) as http:
        for _ in range(4):
            http.get(local(httpserver, "/q"))
        starts = http.pacers[local(httpserver, "/q")].starts
    assert len(starts) == 4
    assert all(b - a >= 3.0 for a, b in itertools.pairwise(starts))
    assert time.monotonic() - started < 2.0  # nothing really slept


def test_503_then_success_is_retried_with_back_off(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/r").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/r").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/r").respond_with_data("fine")
    clock = FakeClock()
    with client(clock, backoff=2.0) as http:
        assert http.get(local(httpserver, "/r")).text == "fine"
        assert http.requests == 3
    assert clock.slept == [2.0, 4.0]


def test_429_honours_retry_after(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/r").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_ordered_request("/r").respond_with_data("fine")
    clock = FakeClock()
    with client(clock) as http:
        assert http.get(local(httpserver, "/r")).text == "fine"
    assert clock.slept == [7.0]


def test_retry_after_as_a_date() -> None:
    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=lambda: 1445412480.0) == 10.0
    assert retry_after("soon") is None


def test_persistent_503_gives_up_naming_the_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/r").respond_with_data("busy", status=503)
    clock = FakeClock()
    with client(clock, retries=2) as http, pytest.raises(OnlineError, match=r"127\.0\.0\.1.*HTTP 503"):
        http.get(local(httpserver, "/r"))
    assert len(clock.slept) == 2


def test_a_404_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/r").respond_with_data("no", status=404)
    clock = FakeClock()
    with client(clock) as http, pytest.raises(OnlineError) as caught:
        http.get(local(httpserver, "/r"))
    assert caught.value.status == 404 and clock.slept == []


def test_timeout_is_retried_then_reported(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.3)  # the server is slow; the client's timeout is 0.05 s
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    clock = FakeClock()
    with (
        client(clock, timeout=0.05, retries=1) as http,
        pytest.raises(OnlineError, match="did not answer in time"),
    ):
        http.get(local(httpserver, "/slow"))
    assert clock.slept == [2.0]


def test_connection_refused_names_the_host() -> None:
    port = closed_port()
    with Http() as http, pytest.raises(OnlineError, match=f"cannot reach 127.0.0.1:{port}") as caught:
        http.get(f"http://127.0.0.1:{port}/api/query")
    assert caught.value.host == f"127.0.0.1:{port}"


def test_a_cancel_stops_a_wait() -> None:
    import threading

    from readq.online.http import Cancelled

    cancel = threading.Event()
    cancel.set()
    with Http(cancel=cancel) as http, pytest.raises(Cancelled):
        http.get("http://127.0.0.1:9/never")

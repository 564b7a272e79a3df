"""The one HTTP client of readq's online sources: a descriptive User-Agent, timeouts, a pace per host,
retries with back-off on 429 and 5xx (honouring ``Retry-After``) and errors that name the host.

No Textual and no store here. Time is injected (``monotonic`` and ``sleep``), so tests check the pacing and
the back-off without waiting; a ``cancel`` event stops a wait or a download between two chunks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from readq import __version__

ABOUT = "a terminal reading queue for research papers"  # no project URL is published yet: say what it is
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 120.0  # seconds: a longer Retry-After is refused rather than waited for


class OnlineError(Exception):
    """A service could not be asked or refused: the message names the host and says why."""

    def __init__(self, host: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.host = host
        self.status = status


class Cancelled(Exception):
    """The user cancelled (ctrl+c in the CLI, a cancel event from the app)."""


def user_agent(contact: str | None = None) -> str:
    """``readq/VERSION (what it is; mailto:CONTACT)``: a client that names itself, as arXiv's terms ask."""
    mailto = f"; mailto:{contact.strip()}" if contact and contact.strip() else ""
    return f"readq/{__version__} ({ABOUT}{mailto})"


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


@dataclass
class Pacer:
    """At least ``interval`` seconds between the starts of two requests (on the injected clock)."""

    interval: float
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last: float | None = None
    starts: list[float] = field(default_factory=list)  # when each request started (for tests and stats)

    def wait(self) -> None:
        now = self.monotonic()
        if self.last is not None and now - self.last < self.interval:
            self.sleep(self.interval - (now - self.last))
            now = self.monotonic()
        self.last = now
        self.starts.append(now)


def retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now())


class Http:
    """A pooled client. ``pace`` maps a URL prefix (a service's endpoint) to the seconds between two of its
    requests (arXiv's API: 3)."""

    def __init__(
        self,
        *,
        contact: str | None = None,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 2.0,
        pace: Mapping[str, float] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        cancel: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.cancel = cancel or threading.Event()
        self.monotonic = monotonic
        self.sleep = sleep if sleep is not None else self._wait
        self.retries = retries
        self.backoff = backoff
        self.requests = 0  # requests sent (retries included)
        self.pacers = {
            prefix: Pacer(seconds, monotonic, self._sleep_checked) for prefix, seconds in (pace or {}).items()
        }
        self.client = httpx.Client(
            headers={"User-Agent": user_agent(contact)},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            transport=transport,
            trust_env=True,  # proxies from the environment, as the user's other tools use them
        )

    def _wait(self, seconds: float) -> None:
        if self.cancel.wait(seconds):
            raise Cancelled

    def _sleep_checked(self, seconds: float) -> None:
        self.check()
        self.sleep(seconds)
        self.check()

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pace(self, prefix: str, seconds: float) -> None:
        self.pacers[prefix] = Pacer(seconds, self.monotonic, self._sleep_checked)

    def _pacer(self, url: str) -> Pacer | None:
        return next((p for prefix, p in self.pacers.items() if url.startswith(prefix)), None)

    def get(self, url: str, params: Mapping[str, str] | None = None) -> httpx.Response:
        """GET ``url`` (read whole), paced and retried; a refusal or failure is an :class:`OnlineError`."""
        with self.stream(url, params) as response:
            response.read()
            return response

    @contextmanager
    def stream(self, url: str, params: Mapping[str, str] | None = None) -> Iterator[httpx.Response]:
        """GET ``url`` with the body left to read (downloads). Same pacing, retries and errors as get."""
        host = host_of(url)
        attempt = 0
        while True:
            self.check()
            pacer = self._pacer(url)
            if pacer is not None:
                pacer.wait()
            self.requests += 1
            try:
                request = self.client.build_request("GET", url, params=params)
                response = self.client.send(request, stream=True)
            except httpx.TimeoutException:
                if attempt < self.retries:
                    attempt += 1
                    self._sleep_checked(self.backoff * 2 ** (attempt - 1))
                    continue
                raise OnlineError(
                    host, f"{host} did not answer in time (tried {attempt + 1} times)"
                ) from None
            except httpx.ProxyError as error:
                raise OnlineError(host, f"cannot reach {host} through the proxy ({error})") from None
            except httpx.HTTPError as error:
                raise OnlineError(host, f"cannot reach {host} ({_reason(error)}); are you offline?") from None
            try:
                if response.status_code in RETRY_STATUS and attempt < self.retries:
                    wait = retry_after(response.headers.get("Retry-After"))
                    wait = self.backoff * 2**attempt if wait is None else wait
                    if wait > MAX_WAIT:
                        raise OnlineError(
                            host,
                            f"{host} asks readq to wait {wait:.0f} s (HTTP {response.status_code}); "
                            "try again later",
                            response.status_code,
                        )
                    attempt += 1
                    response.close()
                    self._sleep_checked(wait)
                    continue
                if response.status_code >= 400:
                    raise OnlineError(
                        host,
                        f"{host} answered HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                        response.status_code,
                    )
                yield response
                return
            except httpx.TimeoutException:
                raise OnlineError(host, f"{host} stopped answering (timed out)") from None
            except httpx.HTTPError as error:
                raise OnlineError(host, f"the connection to {host} broke ({_reason(error)})") from None
            finally:
                response.close()


def _reason(error: httpx.HTTPError) -> str:
    text = str(error).strip()
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "the name does not resolve: no network or no DNS"
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused"
    return text or type(error).__name__

"""Where the services are: each URL from an environment variable (mirrors, proxies, tests) with the public
service as its default."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from readq.online.http import Http

ENV_ARXIV_API = "READQ_ARXIV_API"
ENV_ARXIV_URL = "READQ_ARXIV_URL"
ENV_ARXIV_RSS = "READQ_ARXIV_RSS"
ENV_HF_URL = "READQ_HF_URL"
ARXIV_PACE = 3.0  # seconds between two arXiv API requests (arXiv's terms of use)


@dataclass(frozen=True)
class Services:
    arxiv_api: str = "https://export.arxiv.org/api/query"
    arxiv_url: str = "https://arxiv.org"  # /abs/ID and /pdf/ID
    arxiv_rss: str = "https://rss.arxiv.org/rss"  # /CATEGORY
    hf_url: str = "https://huggingface.co"  # /api/daily_papers

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Services:
        env = os.environ if environ is None else environ
        default = cls()

        def pick(name: str, value: str) -> str:
            return (env.get(name) or "").strip().rstrip("/") or value

        return cls(
            arxiv_api=pick(ENV_ARXIV_API, default.arxiv_api),
            arxiv_url=pick(ENV_ARXIV_URL, default.arxiv_url),
            arxiv_rss=pick(ENV_ARXIV_RSS, default.arxiv_rss),
            hf_url=pick(ENV_HF_URL, default.hf_url),
        )

    def abs_url(self, arxiv_id: str) -> str:
        return f"{self.arxiv_url}/abs/{arxiv_id}"

    def pdf_url(self, arxiv_id: str) -> str:
        return f"{self.arxiv_url}/pdf/{arxiv_id}"

    def rss_url(self, categories: list[str] | tuple[str, ...]) -> str:
        return f"{self.arxiv_rss}/{'+'.join(categories)}"


def connect(
    services: Services,
    *,
    contact: str | None = None,
    cancel: threading.Event | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] | None = None,
    timeout: float = 30.0,
) -> Http:
    """A client for these services: arXiv's API paced at one request every :data:`ARXIV_PACE` seconds."""
    return Http(
        contact=contact,
        timeout=timeout,
        pace={services.arxiv_api: ARXIV_PACE},
        monotonic=monotonic,
        sleep=sleep,
        cancel=cancel,
    )

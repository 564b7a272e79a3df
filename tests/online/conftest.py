"""Every online test talks to 127.0.0.1 only: the services default to a closed local port."""

from __future__ import annotations

import pytest

from readq.online.services import ENV_ARXIV_API, ENV_ARXIV_RSS, ENV_ARXIV_URL, ENV_HF_URL
from tests.online.standin import closed_port


@pytest.fixture(autouse=True)
def _no_real_network(monkeypatch: pytest.MonkeyPatch) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    for name in (ENV_ARXIV_API, ENV_ARXIV_URL, ENV_ARXIV_RSS, ENV_HF_URL):
        monkeypatch.setenv(name, dead)

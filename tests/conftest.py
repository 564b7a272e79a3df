"""Shared fixtures: every test gets its own data dir; nothing touches the user's library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readq.store import ENV_DATA_DIR, Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path_factory.mktemp("default-data")))
    monkeypatch.delenv("TMUX", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store(data_dir)
    yield s
    s.close()

"""``readq serve``'s app processes: they end with the server however it dies, and there are never more of
them than ``--max-tabs``; a tab over the limit gets a page that says so and starts nothing."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from readq.cli.main import main
from readq.samples import sample_paths
from tests.serve.test_serve import open_tab
from tests.serving import app_processes, served

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, PR_SET_PDEATHSIG"),
    pytest.mark.timeout(120),
]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    data = tmp_path / "lib"
    assert main(["--data-dir", str(data), "import", *map(str, sample_paths())]) == 0
    return data


async def _gone(data: Path, seconds: float) -> list[int]:
    """The app processes still running once ``seconds`` have passed (or sooner, once there are none)."""
    deadline = time.monotonic() + seconds
    while (left := app_processes(data)) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return left


async def test_kill_9_of_the_server_ends_every_tab_process(library: Path) -> None:
    with served(library) as server:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            assert (await session.get(server.url)).status == 200
            tabs = [await open_tab(session, server.base), await open_tab(session, server.base)]
            assert len(app_processes(library)) == 2
            server.process.send_signal(signal.SIGKILL)  # no clean-up runs in the server
            server.process.wait(10)
            assert await _gone(library, 5.0) == []
            for tab in tabs:
                await tab.close()


async def test_tabs_over_the_limit_get_a_page_and_no_process(library: Path) -> None:
    with served(library, "--max-tabs", "2") as server:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            assert (await session.get(server.url)).status == 200
            first = await open_tab(session, server.base)
            second = await open_tab(session, server.base)
            page = await session.get(f"{server.base}/")
            text = await page.text()
            assert page.status == 503 and "at most 2 tabs at once" in text and "--max-tabs" in text
            refused = await session.get(
                f"{server.base}/ws?width=80&height=24", headers={"Origin": server.base}
            )
            assert refused.status == 503  # not upgraded: no app process was started for it
            assert len(app_processes(library)) == 2
            await first.close()  # a closed tab's app ends, and its slot is free again
            deadline = time.monotonic() + 20
            while len(app_processes(library)) != 1 or (await session.get(f"{server.base}/")).status != 200:
                assert time.monotonic() < deadline, "the closed tab's app did not end"
                await asyncio.sleep(0.2)
            await second.close()


@pytest.mark.parametrize("value", ["0", "65", "x"])
def test_max_tabs_out_of_range_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(tmp_path), "serve", "--max-tabs", value])
    assert exit_.value.code == 2 and "--max-tabs" in capsys.readouterr().err

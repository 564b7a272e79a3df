"""One app process per browser tab: each ends with the server, however the server ends, and at most
``max_tabs`` run at once.

A server killed with SIGKILL (or by the OOM killer, or a crash) runs no clean-up, and its children would be
reparented to PID 1 and go on holding the library open. So each tab's process asks the kernel, before it
runs the app, for SIGTERM when its parent dies (Linux's ``PR_SET_PDEATHSIG``); it checks that the parent is
still the server right after asking, since the server may have died in between. Where the call does not
exist (not Linux), the app still ends when it finds its pipes closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import logging
import os
import signal
import sys
from asyncio.subprocess import Process
from typing import Any

from textual_serve.app_service import AppService

from readq.system.clipboard import ENV_BROWSER_CLIPBOARD

STOP_SECONDS = 5.0  # how long an app process gets to quit before it is killed
MAX_TABS = 8  # app processes at once (each is a whole readq, ~35 MB); more tabs get a page saying so
PR_SET_PDEATHSIG = 1

log = logging.getLogger("readq.serve")


def end_with_parent(parent: int) -> None:
    """In a child, before it runs the app: SIGTERM when ``parent`` dies; exit at once if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


class TabService(AppService):
    """One tab's app process, told whether its page may write the browser's clipboard; it ends with the
    server, however the server ends (see :func:`end_with_parent`)."""

    def __init__(self, command: str, *, clipboard: bool, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.clipboard = clipboard

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """textual-serve's start of the app process, with the parent-death signal set in the child."""
        environment = self._build_environment(width=width, height=height)
        parent = os.getpid()
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            preexec_fn=lambda: end_with_parent(parent),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

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

"""readq demo's throwaway library goes on every way out, a closed terminal (SIGHUP) included."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from readq.system.scratch import scratch_dir

CHILD = """
import sys, time
from readq.system.scratch import scratch_dir
with scratch_dir("readq-demo-") as path:
    (path / "papers.json").write_text("{}")
    print(path, flush=True)
    time.sleep(60)
"""


def test_the_block_ending_or_failing_removes_it() -> None:
    with scratch_dir("readq-test-") as path:
        (path / "x").write_text("x")
    assert not path.exists()
    with pytest.raises(KeyboardInterrupt), scratch_dir("readq-test-") as path:
        raise KeyboardInterrupt
    assert not path.exists()


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this system")
@pytest.mark.parametrize("signum", [getattr(signal, "SIGHUP", 1), signal.SIGTERM])
def test_a_closed_terminal_or_a_kill_removes_it(signum: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    path = Path(child.stdout.readline().strip())
    assert path.is_dir()
    child.send_signal(signum)
    assert child.wait(timeout=30) == -signum  # it still ends as that signal says
    child.stdout.close()
    assert not path.exists()

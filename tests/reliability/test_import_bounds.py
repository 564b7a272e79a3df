"""Import reads a bounded amount: ``/dev/zero``, an endless pipe and a file over the limit are refused with a
message, without a traceback and without filling the memory; a named pipe that nothing writes to is refused
after a wait instead of blocking forever."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import Store
from readq.system import sources
from readq.system.sources import SourceError, read_path
from tests.reliability.helpers import cli_command, cli_env, hf_digest

MEMORY_CAP = 1_500_000_000  # the child's address space: far below what reading /dev/zero whole takes


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run(
    data: Path, *args: str, config: Path, stdin: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    stdin_source = subprocess.DEVNULL if stdin is None else stdin
    return subprocess.run(
        cli_command(data, "import", *args),
        capture_output=True,
        timeout=120,
        env=cli_env(READQ_CONFIG=str(config)),
        stdin=stdin_source,
        preexec_fn=_capped,
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_with_a_message(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("import_limit_mb = 50\n", encoding="utf-8")
    done = _run(tmp_path / "data", "/dev/zero", config=config)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr and "MemoryError" not in stderr
    assert "/dev/zero: rejected: cannot read it (/dev/zero is larger than the import limit of 50 MB" in stderr


def test_an_endless_pipe_is_refused_with_a_message(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("import_limit_mb = 20\n", encoding="utf-8")
    producer = subprocess.Popen(["yes", "an endless line of a digest"], stdout=subprocess.PIPE)
    try:
        assert producer.stdout is not None
        done = _run(tmp_path / "data", "-", config=config, stdin=producer.stdout.fileno())
    finally:
        producer.kill()
        producer.wait()
        if producer.stdout is not None:
            producer.stdout.close()
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert "standard input is larger than the import limit of 20 MB" in stderr


def test_a_regular_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: 3 MB that take no disk
    config = tmp_path / "config.toml"
    config.write_text("import_limit_mb = 2\n", encoding="utf-8")
    monkeypatch.setenv("READQ_CONFIG", str(config))
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", spy)
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(big)]) == 2
    assert "larger than the import limit of 2 MB" in capsys.readouterr().err
    assert big not in opened  # refused from its size alone
    assert len(Store(tmp_path / "data")) == 0


def test_a_digest_under_the_limit_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(hf_digest(["A paper about bounds", "Another paper"]), encoding="utf-8")
    data, label = read_path(str(path), limit=len(path.read_bytes()))
    assert label == "digest.txt" and data == path.read_bytes()
    with pytest.raises(SourceError, match="larger than the import limit"):
        read_path(str(path), limit=len(path.read_bytes()) - 1)


def test_a_named_pipe_with_no_writer_is_refused_after_the_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "digest.fifo"
    os.mkfifo(fifo)
    monkeypatch.setattr(sources, "FIFO_WAIT", 0.3)
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(main(["--data-dir", str(tmp_path / "data"), "import", str(fifo)]))
    )
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # today's code blocks in open(): give it a writer so the test can end
        with fifo.open("wb"):
            pass
        worker.join()
        pytest.fail("import of a named pipe with no writer blocked")
    assert result == [2]
    assert "is a named pipe and no program is writing to it for 0.3 s" in capsys.readouterr().err


def test_a_named_pipe_with_a_writer_is_read_whole(tmp_path: Path) -> None:
    fifo = tmp_path / "digest.fifo"
    os.mkfifo(fifo)
    text = hf_digest(["A paper through a pipe", "A second one"]).encode()

    def write() -> None:
        with fifo.open("wb") as handle:
            for start in range(0, len(text), 50):
                handle.write(text[start : start + 50])
                handle.flush()

    writer = threading.Thread(target=write)
    writer.start()
    data, _ = read_path(str(fifo), wait=10)
    writer.join()
    assert data == text

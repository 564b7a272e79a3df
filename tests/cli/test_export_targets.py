"""``readq export -o PATH`` onto something that is not a regular file: a FIFO or a character device is
written through (as a shell's ``>`` would), never replaced by a file; a socket is refused."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.samples import sample_paths
from readq.store.jsonfile import NotRegularFileError, atomic_write


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "lib")
    assert main(["--data-dir", folder, "import", str(sample_paths()[0])]) == 0
    capsys.readouterr()
    return folder


def test_export_writes_through_a_fifo(tmp_path: Path, lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    code = main(["--data-dir", lib, "export", "-f", "json", "-o", str(fifo)])
    thread.join(10)
    assert code == 0 and not thread.is_alive()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe, not a file put in its place
    assert (
        received and received[0].startswith(b'{\n  "format": "readq-library"') and b'"title"' in received[0]
    )
    assert f"to {fifo}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib", "pipe"]  # no temporary file left


def test_atomic_write_never_replaces_a_pipe_or_a_socket(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFileError, match="it is not a regular file"):
        atomic_write(fifo, b"data")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    with pytest.raises(NotRegularFileError):
        atomic_write(link, b"data")
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_export_onto_a_socket_is_refused(
    tmp_path: Path, lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        assert main(["--data-dir", lib, "export", "-f", "json", "-o", str(path)]) == 1
    assert stat.S_ISSOCK(os.stat(path).st_mode)
    assert "it is not a regular file (a pipe, a device or a socket)" in capsys.readouterr().err


def test_export_to_a_full_device_fails_and_keeps_the_device(
    tmp_path: Path, lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # First the refusal that protects the device (so a regression cannot replace /dev/full, even as root).
    (tmp_path / "check").mkdir()
    test_atomic_write_never_replaces_a_pipe_or_a_socket(tmp_path / "check")
    if not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full character device here")
    assert main(["--data-dir", lib, "export", "-f", "json", "-o", "/dev/full"]) == 1
    assert "could not write /dev/full: the disk is full" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert main(["--data-dir", lib, "export", "-f", "json", "-o", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)

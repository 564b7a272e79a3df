"""Builders for the reliability suite: digest texts, running the real CLI, children that start together."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import orjson

from readq.store import PAPERS_FILE, STATE_FILE
from readq.store.jsonfile import TMP_SUFFIX

PY = sys.executable
READQ_SCRIPT = Path(sys.executable).with_name("readq")  # the console script uv installs beside python
SRC = str(Path(__file__).resolve().parents[2] / "src")

HF_HEADER = (
    "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n"
)

# Titles whose first-choice ids collide (the first 8 hex digits of their sha256 are equal), found offline.
CLASHING = (
    ("Clash Probe Paper Number 56947", "Clash Probe Paper Number 57860"),
    ("Clash Probe Paper Number 63317", "Clash Probe Paper Number 95771"),
    ("Clash Probe Paper Number 9837", "Clash Probe Paper Number 122398"),
)


def abstract_for(title: str) -> str:
    return (
        f"We study {title.lower()} and show that the method holds up across six benchmarks, "
        "two model families and three languages, with code and data released."
    )


def hf_digest(titles: Iterable[str], date: str = "Nov 23") -> str:
    """A Hugging Face Daily Papers page as people paste it (blank-line layout)."""
    body = "".join(f"{title}\n\n{abstract_for(title)}\n\n" for title in titles)
    return f"{HF_HEADER}{date}\n\n{body}"


def write_digest(path: Path, titles: Iterable[str], date: str = "Nov 23") -> Path:
    path.write_text(hf_digest(titles, date), encoding="utf-8")
    return path


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def cli_command(data_dir: Path, *args: str, script: bool = False) -> list[str]:
    """The real entry point: ``python -m readq.cli`` or, with ``script``, the installed script."""
    head = [str(READQ_SCRIPT)] if script else [PY, "-m", "readq.cli"]
    return [*head, "--data-dir", str(data_dir), *args]


def run_cli(
    data_dir: Path,
    *args: str,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    script: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        cli_command(data_dir, *args, script=script),
        capture_output=True,
        timeout=timeout,
        env=env or cli_env(),
        stdin=subprocess.DEVNULL,
    )


def start_python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """A child Python running ``code`` (argv[1:] = ``args``), output captured."""
    return subprocess.Popen(
        [PY, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env or cli_env(),
    )


def wait_all(procs: Sequence[subprocess.Popen[bytes]], timeout: float = 120) -> list[tuple[int, str, str]]:
    """Wait for every child; (exit code, stdout, stderr) each. A child still running at the deadline is
    killed and reported with exit code -9."""
    deadline = time.monotonic() + timeout
    results = []
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        results.append((proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")))
    return results


# A child that waits until the file GO exists, so that several children start their loops together.
WAIT_FOR_GO = """
import os, sys, time
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.001)
"""


def raw_rows(data_dir: Path, which: str = "papers") -> dict[str, dict[str, object]]:
    """The rows of a data file exactly as on disk (no readq code involved)."""
    name = PAPERS_FILE if which == "papers" else STATE_FILE
    data = orjson.loads((data_dir / name).read_bytes())
    table = data[which]
    assert isinstance(table, dict)
    return table


def journal_entries(data_dir: Path) -> list[dict[str, object]]:
    """The state changes in ``state.journal`` not yet folded into state.json, oldest first, read as any JSON
    reader would (no readq code): one line per change, one paper's state or a list of them."""
    path = data_dir / "state.journal"
    if not path.exists():
        return []
    entries: list[dict[str, object]] = []
    header, *lines = path.read_bytes().split(b"\n")
    assert orjson.loads(header) == {"readq-journal": 1}, header
    for line in lines:
        if not line:
            continue
        value = orjson.loads(line)
        entries += value if isinstance(value, list) else [value]
    return entries


def state_on_disk(data_dir: Path) -> tuple[bytes, bytes]:
    """The user's state as it is on disk: state.json and the journal of changes not yet folded into it."""
    journal = data_dir / "state.journal"
    return (data_dir / STATE_FILE).read_bytes(), journal.read_bytes() if journal.exists() else b""


def raw_states(data_dir: Path) -> dict[str, dict[str, object]]:
    """Every state on disk by paper id: state.json's rows with the journal's newer entries on top."""
    states = {str(row["id"]): row for row in raw_rows(data_dir, "state").values()}
    for entry in journal_entries(data_dir):
        states[str(entry["id"])] = entry
    return states


def store_file_kind(path: object) -> str | None:
    """Which of the store's writes a file being opened for writing belongs to: the name of the data file a
    temp file will replace ("papers.json", "catalog.bin", "state.json"), "journal-reset" for the temp file
    that starts the journal afresh, "journal" for the journal itself (appended to); None for anything else."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        return None
    name = os.path.basename(os.fsdecode(path))
    if name.endswith(TMP_SUFFIX):  # ".papers.json.<pid>.<random>.readq-tmp"
        base = name[1 : -len(TMP_SUFFIX)].rsplit(".", 2)[0]
        return "journal-reset" if base == "state.journal" else base
    return "journal" if name == "state.journal" else None


def leftovers(data_dir: Path) -> list[str]:
    """Temp files a writer left behind (data dir and backups)."""
    found = [p.name for p in data_dir.glob("*.readq-tmp")]
    found += [p.name for p in (data_dir / "backups").glob("*.copying")]
    return sorted(found)

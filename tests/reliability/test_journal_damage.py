"""The state journal under every kind of damage: no acknowledged change is ever lost silently.

Two changes are acknowledged (two ``readq mark`` commands, each in the journal), then the journal is damaged
in one of twelve ways. The next command either reads both changes, or refuses with a message and keeps the
damaged journal byte for byte; the command after that never truncates or rewrites the kept bytes. A torn
last line (what a writer killed mid-append leaves, and what a journal cut short looks like) is cut off by the
next write, but only after its bytes are copied aside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import STATE_FILE, Store
from readq.store.safety import set_aside_copies
from tests.helpers import digest
from tests.reliability.helpers import journal_entries

pytestmark = pytest.mark.timeout(120)

JOURNAL = "state.journal"


def _flip_bit(data: bytes) -> bytes:
    at = data.index(b'"id"', data.index(b"\n")) + 3  # the closing quote of the first change's "id" key
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _stray_cr(data: bytes) -> bytes:
    first_change = data.index(b"\n") + 1
    at = data.index(b'"read"', first_change) + 3  # inside the key: "re\rad"
    return data[:at] + b"\r" + data[at:]


# kind -> (damage, whether every acknowledged change can still be read from it)
DAMAGE: dict[str, tuple[Callable[[bytes], bytes], bool]] = {
    "zero-byte": (lambda data: b"", False),
    "truncated": (lambda data: data[: len(data) - 12], False),  # cut inside the last change
    "stray-cr": (_stray_cr, False),
    "no-final-newline": (lambda data: data[:-1], True),
    "garbage": (lambda data: bytes((i * 37 + 11) % 256 for i in range(len(data))), False),
    "nuls": (lambda data: b"\0" * len(data), False),
    "empty-object": (lambda data: b"{}\n", False),
    "json-array": (lambda data: b"[1,2,3]\n", False),
    "bit-flip": (_flip_bit, False),
    "trailing-garbage": (lambda data: data + b"\x07\x1b[31mnot a change", False),
    "whitespace": (lambda data: b" \n\t \n" * 8, False),
    "future-version": (lambda data: data.replace(b'{"readq-journal":1}', b'{"readq-journal":2}', 1), False),
}


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, list[str]]:
    """Three papers; two changes acknowledged by the CLI and still in the journal (not folded in)."""
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest("Alpha paper", "Beta paper", "Gamma paper"), "001.txt").new
    store.compact()
    store.close()
    assert main(["--data-dir", str(data), "mark", ids[0], "--priority", "3"]) == 0
    assert main(["--data-dir", str(data), "mark", ids[2], "--read"]) == 0
    assert [entry["id"] for entry in journal_entries(data)] == [ids[0], ids[2]]
    return data, ids


def _acknowledged(store: Store, ids: list[str]) -> bool:
    return store.state(ids[0]).priority == 3 and store.state(ids[2]).read


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_journal_damage_never_loses_a_change_silently(
    library: tuple[Path, list[str]], kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = library
    journal = data / JOURNAL
    damage, readable = DAMAGE[kind]
    damaged = damage(journal.read_bytes())
    journal.write_bytes(damaged)
    state_before = (data / STATE_FILE).read_bytes()
    capsys.readouterr()

    code = main(["--data-dir", str(data), "list"])
    err = capsys.readouterr().err
    if kind == "truncated":
        # Indistinguishable from a writer killed mid-append: the whole changes are read, the torn one is
        # not, and its bytes are kept aside by the next write (below), never simply cut off.
        assert code == 0 and Store(data).state(ids[0]).priority == 3
    elif readable:
        assert code == 0, err
        assert _acknowledged(Store(data), ids)
    else:
        assert code == 1
        assert "readq cannot read state.journal: line " in err and "is damaged (" in err
        [aside] = set_aside_copies(journal)
        assert aside.read_bytes() == damaged  # byte for byte
        assert (data / STATE_FILE).read_bytes() == state_before

    # The next change lands, and what was kept is still whole.
    aside_before = {path: path.read_bytes() for path in set_aside_copies(journal)}
    assert main(["--data-dir", str(data), "mark", ids[1], "--priority", "1"]) == 0
    assert {path: path.read_bytes() for path in set_aside_copies(journal)} == aside_before
    store = Store(data)
    assert store.state(ids[1]).priority == 1
    if readable:
        assert _acknowledged(store, ids)
    if kind == "truncated":
        [torn] = sorted(data.glob(f"{JOURNAL}.torn-*"))
        assert damaged.endswith(torn.read_bytes()) and torn.read_bytes().startswith(b'{"id"')
    assert journal_entries(data)[-1]["id"] == ids[1]  # every line of the journal is whole again


def test_a_torn_tail_is_kept_when_the_journal_is_folded_in(library: tuple[Path, list[str]]) -> None:
    """Compaction replaces the journal: a torn last line is copied aside first, not dropped with it."""
    data, ids = library
    journal = data / JOURNAL
    torn = b'{"id":"' + ids[1].encode() + b'","read":tr'
    journal.write_bytes(journal.read_bytes() + torn)
    store = Store(data)
    assert _acknowledged(store, ids)
    store.compact()
    [kept] = sorted(data.glob(f"{JOURNAL}.torn-*"))
    assert kept.read_bytes() == torn
    assert _acknowledged(Store(data), ids)


def test_a_line_split_by_a_carriage_return_is_not_two_lines(library: tuple[Path, list[str]]) -> None:
    """``\\r`` is not a line end: the line holding it is damage, and the next write does not cut it off."""
    data, _ = library
    journal = data / JOURNAL
    damaged = _stray_cr(journal.read_bytes())
    journal.write_bytes(damaged)
    with pytest.raises(Exception, match=r"line 2 is damaged"):
        Store(data)
    [aside] = set_aside_copies(journal)
    assert aside.read_bytes() == damaged

"""Input files as they come: any encoding damage, any line ending, names that are not UTF-8, the same file
imported by two processes at once, symlinked data. The result is deterministic and each import is all or
nothing; links stay links. (tests/parsing checks the parser line by line; this is the whole road.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from readq.cli.main import main
from readq.models import Entry, ParseResult
from readq.store import PAPERS_FILE, STATE_FILE, Store, StoreCorruptError, StoreError
from tests.helpers import digest
from tests.reliability.helpers import cli_command, cli_env, hf_digest, raw_rows, run_cli, wait_all
from tests.reliability.test_locks import hold, kill, lock_path

pytestmark = pytest.mark.timeout(120)

TITLES = [f"Encoding test paper number {n}: résumé, naïve, Ζήτα" for n in range(4)]


def library_of(data: Path) -> list[tuple[str, str, str]]:
    store = Store(data)
    return sorted((p.id, p.title, p.abstract) for p in store.papers.values())


VARIANTS = {
    "lf": lambda t: t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr-only": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: t.encode("utf-16"),  # Python writes a BOM, little-endian here
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "bom-crlf-trailing-spaces": lambda t: b"\xef\xbb\xbf" + t.replace("\n", "  \r\n").encode("utf-8"),
}


def test_every_encoding_and_line_ending_gives_the_same_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = hf_digest(TITLES)
    libraries = {}
    for name, encode in VARIANTS.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(encode(text))
        data = tmp_path / f"data-{name}"
        assert main(["--data-dir", str(data), "import", str(path)]) == 0, name
        assert "imported 4 entries (hf-blank, dated Nov 23): 4 new, 0 already present, 0 updated, 0 warn" in (
            capsys.readouterr().out
        )
        libraries[name] = library_of(data)
    assert all(library == libraries["lf"] for library in libraries.values())
    assert sorted(title for _, title, _ in libraries["lf"]) == sorted(TITLES)


DAMAGED_UTF8 = {
    "invalid byte": b"\xff",
    "truncated sequence": b"\xc3",
    "overlong slash": b"\xc0\xaf",
    "encoded surrogate": b"\xed\xa0\x80",
}


@pytest.mark.parametrize("damage", DAMAGED_UTF8)
def test_invalid_utf8_is_replaced_reported_and_deterministic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    bad = DAMAGED_UTF8[damage]
    text = hf_digest(TITLES).encode("utf-8").replace(b"number 1", b"number " + bad + b"1", 1)  # the title
    path = tmp_path / "damaged.txt"
    path.write_bytes(text)
    data = tmp_path / "data"
    line = text[: text.index(b"number " + bad)].count(b"\n") + 1
    assert main(["--data-dir", str(data), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "4 new, 0 already present, 0 updated, 1 warning" in out
    assert f"warning: {path}: line {line}: invalid UTF-8 replaced by U+FFFD" in out
    titles = [title for _, title, _ in library_of(data)]
    assert sum("\ufffd" in t for t in titles) == 1
    assert main(["--data-dir", str(data), "import", str(path)]) == 0  # the same digest again: nothing new
    assert "already imported as damaged.txt (4 entries); nothing changed" in capsys.readouterr().out
    orjson.loads((data / PAPERS_FILE).read_bytes())  # the file holds valid UTF-8 JSON


def test_a_lone_surrogate_in_utf16(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = hf_digest(TITLES).encode("utf-16-le")
    marker = "number 2".encode("utf-16-le")
    raw = b"\xff\xfe" + raw.replace(marker, marker[:-2] + b"\x00\xd8" + marker[-2:], 1)  # lone high surrogate
    path = tmp_path / "utf16.txt"
    path.write_bytes(raw)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "4 new" in out and "invalid UTF-16 replaced by U+FFFD" in out
    assert sum("\ufffd" in t for _, t, _ in library_of(data)) == 1


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a file system that takes any bytes")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """From a real process (argv as bytes) and from main(argv) (a surrogate-escaped str)."""
    name = os.fsencode(tmp_path) + b"/digest-\xff\xfe.txt"
    with open(name, "wb") as handle:
        handle.write(hf_digest(TITLES).encode("utf-8"))
    data = tmp_path / "data"
    done = subprocess.run(
        [*cli_command(data, "import"), name], capture_output=True, env=cli_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(os.fsencode(tmp_path) + "/digest-\ufffd\ufffd.txt: imported 4".encode())
    assert {s.file for p in Store(data).papers.values() for s in p.sources} == {"digest-\ufffd\ufffd.txt"}
    assert main(["--data-dir", str(tmp_path / "data2"), "import", os.fsdecode(name)]) == 0
    assert library_of(tmp_path / "data2") == library_of(data)
    listed = run_cli(data, "list")
    assert listed.returncode == 0 and "digest-\ufffd\ufffd".encode() in listed.stdout


def test_text_that_no_json_file_can_hold(tmp_path: Path) -> None:
    """A lone surrogate in a note or tag is saved as U+FFFD; in a paper, the import is refused whole and the
    library carries on as if it never happened."""
    data = tmp_path / "data"
    store = Store(data)
    pid = store.import_result(digest("A paper"), "001.txt").new[0]
    store.update_state(pid, note="a \udcff note", tags=("tag\ud800",))
    assert (Store(data).state(pid).note, Store(data).state(pid).tags) == ("a \ufffd note", ("tag\ufffd",))

    before = (data / PAPERS_FILE).read_bytes()
    bad = ParseResult("hf-blank", (Entry("Fine", "fine"), Entry("Bad \ud800 title", "x")))
    with pytest.raises(StoreError, match="some text is not valid Unicode"):
        store.import_result(bad, "002.txt")
    assert (data / PAPERS_FILE).read_bytes() == before  # all or nothing
    assert len(store) == 1
    store.import_result(
        digest("After the refusal"), "003.txt"
    )  # the store still works, from the disk's truth
    assert sorted(p.title for p in Store(data).papers.values()) == ["A paper", "After the refusal"]


def test_one_bad_file_among_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good1 = tmp_path / "good1.txt"
    good1.write_text(hf_digest(["First good paper"]))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.7 not a digest")
    good2 = tmp_path / "good2.txt"
    good2.write_text(hf_digest(["Second good paper"]))
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(good1), str(bad), str(good2)]) == 2
    captured = capsys.readouterr()
    assert f"readq: {bad}: rejected, nothing imported: binary data, not a text digest" in captured.err
    assert (
        "total: 2 entries, 2 new, 0 already present, 0 updated; 2 papers in the library; 1 file(s) rejected"
        in (captured.out)
    )
    assert [t for _, t, _ in library_of(data)] == ["First good paper", "Second good paper"]


def test_the_same_file_imported_by_two_processes_at_once(tmp_path: Path) -> None:
    """Four rounds on fresh libraries: one import adds the papers, the other finds them all present; the
    library equals the one a single import makes, byte for byte but for the import time."""
    path = tmp_path / "shared.txt"
    path.write_text(hf_digest([f"Twice imported paper {n}" for n in range(200)]), encoding="utf-8")
    reference = tmp_path / "reference"
    assert run_cli(reference, "import", str(path)).returncode == 0

    def normalised(data: Path) -> dict[str, object]:
        rows = raw_rows(data)
        for row in rows.values():
            row["added"] = ""
            for source in row["sources"]:  # type: ignore[attr-defined]
                source["imported"] = ""
        return rows

    for round_ in range(4):
        data = tmp_path / f"data-{round_}"
        Store(data).close()
        procs = [
            subprocess.Popen(
                cli_command(data, "import", str(path)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=cli_env(),
            )
            for _ in range(2)
        ]
        results = wait_all(procs)
        assert [code for code, _, _ in results] == [0, 0], results
        reports = sorted(out.split(": ", 1)[1].strip() for _, out, _ in results)
        assert reports[0] == f"already imported as {path.name} (200 entries); nothing changed"
        assert reports[1].endswith("200 new, 0 already present, 0 updated, 0 warnings")
        assert normalised(data) == normalised(reference)


# ------------------------------------------------------------------------------------------- symlinks


def test_a_symlinked_data_dir_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    path = tmp_path / "d.txt"
    path.write_text(hf_digest(["Linked dir paper"]))
    assert run_cli(link, "import", str(path)).returncode == 0
    pid = next(iter(Store(real).papers))
    assert run_cli(link, "mark", pid, "--read").returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert (real / PAPERS_FILE).is_file() and (real / STATE_FILE).is_file()
    assert Store(real).state(pid).read


@pytest.fixture
def linked_files(tmp_path: Path) -> tuple[Path, Path]:
    """Data dir ``linked`` whose two files are symlinks into ``real`` (synced elsewhere, say)."""
    real = tmp_path / "real"
    Store(real).close()
    linked = tmp_path / "linked"
    linked.mkdir()
    for name in (PAPERS_FILE, STATE_FILE):
        (linked / name).symlink_to(real / name)
    Store(linked).import_result(digest("Shared paper one", "Shared paper two"), "001.txt")
    return real, linked


def test_symlinked_data_files_stay_links(linked_files: tuple[Path, Path], tmp_path: Path) -> None:
    real, linked = linked_files
    path = tmp_path / "002.txt"
    path.write_text(hf_digest(["Arrived through the link"]))
    assert run_cli(linked, "import", str(path)).returncode == 0
    pid = next(iter(Store(real).papers))
    assert run_cli(linked, "mark", pid, "--priority", "2").returncode == 0
    for name in (PAPERS_FILE, STATE_FILE):
        assert (linked / name).is_symlink() and os.readlink(linked / name) == str(real / name)
        assert (real / name).is_file() and not (real / name).is_symlink()
    # The journal (part of the state file) and the catalog (made from the papers file) live beside the files
    # the links point to, so every folder linking to them shares them: the mark made through the link is in
    # the journal the real folder reads.
    assert (real / "state.journal").stat().st_size > 0 and (real / "catalog.bin").is_file()
    assert not (linked / "state.journal").exists() and not (linked / "catalog.bin").exists()
    assert len(Store(real)) == 3 and Store(real).state(pid).priority == 2


def test_data_files_linked_under_other_names_keep_their_own_journal_and_catalog(tmp_path: Path) -> None:
    """Two libraries whose files are links into one shared folder, under their own names: each file's journal
    and catalog are named after it there, so the libraries never mix."""
    shared = tmp_path / "shared"
    shared.mkdir()
    libraries = {}
    for name in ("a", "b"):
        data = tmp_path / name
        data.mkdir()
        (data / PAPERS_FILE).symlink_to(shared / f"{name}-papers.json")  # dangling: created through the link
        (data / STATE_FILE).symlink_to(shared / f"{name}-state.json")
        store = Store(data)
        pid = store.import_result(digest(f"Paper of library {name}"), "001.txt").new[0]
        store.update_state(pid, priority=2 if name == "a" else 3)
        libraries[name] = (data, pid)
    assert sorted(p.name for p in shared.iterdir() if not p.name.endswith(".lock")) == [
        "a-papers.json",
        "a-papers.json.catalog.bin",
        "a-state.json",
        "a-state.json.state.journal",
        "b-papers.json",
        "b-papers.json.catalog.bin",
        "b-state.json",
        "b-state.json.state.journal",
    ]
    for name, (data, pid) in libraries.items():
        store = Store(data)
        assert [p.title for p in store.papers.values()] == [f"Paper of library {name}"]
        assert dict(store.states) == {pid: store.state(pid)} and store.state(pid).priority == (
            2 if name == "a" else 3
        )
        assert (data / PAPERS_FILE).is_symlink() and (data / STATE_FILE).is_symlink()


def test_two_dirs_linking_one_file_share_its_lock(linked_files: tuple[Path, Path]) -> None:
    real, linked = linked_files
    assert lock_path(linked, STATE_FILE) == lock_path(real, STATE_FILE)
    pid = next(iter(Store(real).papers))
    holder = hold(lock_path(real, STATE_FILE))
    try:
        done = run_cli(linked, "mark", pid, "--read", env=cli_env(READQ_LOCK_TIMEOUT="0.3"))
        assert done.returncode == 1 and b"state.json is locked by another readq process" in done.stderr
    finally:
        kill(holder)


def test_a_damaged_linked_file_is_set_aside_beside_its_target_and_restored_through_the_link(
    linked_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    real, linked = linked_files
    assert (linked / "backups" / "papers.json.1").exists()  # backups live beside the links
    good = (real / PAPERS_FILE).read_bytes()
    (real / PAPERS_FILE).write_bytes(good[:100])
    with pytest.raises(StoreCorruptError) as caught:
        Store(linked)
    assert caught.value.moved_to is not None and caught.value.moved_to.parent == real
    assert (linked / PAPERS_FILE).is_symlink()  # the link stays (dangling until restored)
    assert main(["--data-dir", str(linked), "list"]) == 1
    assert "it was damaged earlier and set aside" in capsys.readouterr().err
    assert main(["--data-dir", str(linked), "restore", "papers"]) == 0
    assert (linked / PAPERS_FILE).is_symlink() and (real / PAPERS_FILE).read_bytes() == good
    assert len(Store(linked)) == 2

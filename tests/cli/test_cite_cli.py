"""``readq cite``, ``export``, ``edit`` and importing readq's own JSON export, through ``main(argv)``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import bibtexparser
import pytest

from readq.citations.export import CSV_COLUMNS, LIBRARY_FORMAT, LIBRARY_VERSION
from readq.cli.main import main
from readq.samples import sample_paths
from readq.store import PAPERS_FILE, STATE_FILE, Store
from tests.helpers import freeze_clock


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The package's demo digests imported into a temporary library."""
    folder = tmp_path / "sample"
    code, _, _ = run(capsys, "--data-dir", str(folder), "import", *map(str, sample_paths()))
    assert code == 0
    return folder


def ids(capsys: pytest.CaptureFixture[str], folder: Path, *query: str) -> list[str]:
    _, out, _ = run(capsys, "--data-dir", str(folder), "list", "--json", *query)
    return [p["id"] for p in json.loads(out)]


def listing(capsys: pytest.CaptureFixture[str], folder: Path) -> object:
    code, out, _ = run(capsys, "--data-dir", str(folder), "list", "--json")
    assert code == 0
    return json.loads(out)


def table(folder: Path, name: str) -> dict[str, object]:
    data = json.loads((folder / name).read_text(encoding="utf-8"))
    return data[name.removesuffix(".json")]


# -- cite -------------------------------------------------------------------------------------------------


def test_cite_prints_pins_and_reports_what_is_missing(
    capsys: pytest.CaptureFixture[str], sample_dir: Path
) -> None:
    pid = next(p["id"] for p in listing(capsys, sample_dir) if not p["authors"])  # type: ignore[attr-defined]
    code, out, err = run(capsys, "--data-dir", str(sample_dir), "cite", pid)
    assert code == 0
    assert out.startswith("@misc{") and "title = {" in out
    key = out.split("{", 1)[1].split(",", 1)[0]
    assert Store(sample_dir).state(pid).citekey == key
    assert f"no authors known; no year known; no URL known — run readq edit {pid} to add them" in err
    code, out, _ = run(capsys, "--data-dir", str(sample_dir), "cite", pid[:5], "--format", "apa")
    assert code == 0 and "(n.d.)." in out
    code, _, err = run(capsys, "--data-dir", str(sample_dir), "cite", "ffffffff")
    assert code == 2 and "no paper has an id" in err


def test_cite_several_papers(capsys: pytest.CaptureFixture[str], sample_dir: Path) -> None:
    first, second = ids(capsys, sample_dir)[:2]
    code, out, err = run(
        capsys, "--data-dir", str(sample_dir), "cite", first, second, first, "-f", "markdown"
    )
    assert code == 0
    assert len(out.strip().splitlines()) == 2 and out.startswith("- ")
    assert "for 2 of 2 papers — run readq edit ID on those papers" in err


def test_cite_copy_uses_the_system_clipboard(
    capsys: pytest.CaptureFixture[str],
    sample_dir: Path,
    fake_pyperclip: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    pid = ids(capsys, sample_dir)[0]
    code, out, err = run(capsys, "--data-dir", str(sample_dir), "cite", pid, "--copy")
    assert code == 0
    assert fake_pyperclip.read_text(encoding="utf-8") == out.rstrip("\n")
    assert "copied to the system clipboard (fake)" in err


def test_cite_copy_with_no_clipboard_says_so(
    capsys: pytest.CaptureFixture[str],
    sample_dir: Path,
    fake_pyperclip: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WSL_DISTRO_NAME", "SSH_CONNECTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # OSC 52 would do, but stdout is not a terminal here
    pid = ids(capsys, sample_dir)[0]
    code, out, err = run(capsys, "--data-dir", str(sample_dir), "cite", pid, "--copy")
    assert code == 1 and out.startswith("@misc{")  # the citation is printed; nothing was copied
    assert "\x1b]52" not in out
    assert "not copied (no clipboard is reachable from here)" in err
    assert "OSC 52 needs standard output to be the terminal" in err
    assert not fake_pyperclip.exists()


# -- edit -------------------------------------------------------------------------------------------------


def test_edit_sets_checks_resets_and_shows_everywhere(
    capsys: pytest.CaptureFixture[str], sample_dir: Path
) -> None:
    pid = next(p["id"] for p in listing(capsys, sample_dir) if not p["authors"])  # type: ignore[attr-defined]
    base = ["--data-dir", str(sample_dir)]
    code, out, _ = run(
        capsys, *base, "edit", pid, "--authors", "Zoë Müller; Jan van der Berg; et al.", "--year", "2025",
        "--arxiv", "arXiv:2501.00042v2", "--venue", "ICML",
    )  # fmt: skip
    assert code == 0
    assert "authors:  Zoë Müller; Jan van der Berg; et al.  (edited)" in out
    assert "arXiv id: 2501.00042  (edited)" in out and out.rstrip().endswith("changed")
    shown = next(p for p in listing(capsys, sample_dir) if p["id"] == pid)  # type: ignore[attr-defined]
    assert shown["authors"] == ["Zoë Müller", "Jan van der Berg"] and shown["et_al"] is True
    assert shown["year"] == 2025 and shown["edited"] == ["arxiv_id", "authors", "et_al", "venue", "year"]
    assert ids(capsys, sample_dir, "author:muller") == [pid]  # search sees the edit
    _, out, _ = run(capsys, *base, "list")
    assert next(line for line in out.splitlines() if line.startswith(pid)).endswith("Zoë Müller et al.  002")
    _, out, _ = run(capsys, *base, "show", pid)
    assert "Edited:   authors, year, arXiv id, venue" in out
    _, out, _ = run(capsys, *base, "cite", pid)
    assert 'author = {M{\\"u}ller, Zo{\\"e} and van der Berg, Jan and others}' in out
    assert "eprint = {2501.00042}" in out and "@article{" in out

    code, _, err = run(capsys, *base, "edit", pid, "--year", "25")
    assert code == 2 and "year: '25' is not a year" in err
    code, _, err = run(capsys, *base, "edit", pid)
    assert code == 2 and "say what to change" in err

    papers_before = (sample_dir / PAPERS_FILE).read_bytes()
    run(capsys, *base, "import", *map(str, sample_paths()))  # a re-import never touches edits
    assert (sample_dir / PAPERS_FILE).read_bytes() == papers_before
    code, out, _ = run(capsys, *base, "edit", pid, "--reset", "authors", "--reset", "arxiv")
    assert code == 0 and "authors:  —" in out and "year:     2025  (edited)" in out
    code, out, _ = run(capsys, *base, "edit", pid, "--reset", "all")
    assert code == 0 and "(edited)" not in out


# -- export -----------------------------------------------------------------------------------------------


def test_bibtex_export_of_the_sample_library_parses_with_unique_keys(
    capsys: pytest.CaptureFixture[str], sample_dir: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", str(sample_dir), "export", "--format", "bibtex")
    assert code == 0
    parsed = bibtexparser.parse_string(out)
    assert parsed.failed_blocks == []
    store = Store(sample_dir)
    assert len(parsed.entries) == len(store) == 36
    keys = [e.key for e in parsed.entries]
    assert len({k.casefold() for k in keys}) == len(keys)
    assert {s.citekey for s in store.states.values()} == set(keys)  # every exported key is pinned
    assert "no authors known for" in err
    # exporting again (or a part of it) gives the same keys
    _, again, _ = run(capsys, "--data-dir", str(sample_dir), "export", "-f", "bibtex", "cat:CL")
    assert {e.key for e in bibtexparser.parse_string(again).entries} <= set(keys)


def test_csl_json_export_of_the_sample_library_is_valid(
    capsys: pytest.CaptureFixture[str], sample_dir: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(sample_dir), "export", "-f", "csl-json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 36 and len({i["id"] for i in items}) == 36
    for item in items:
        assert item["type"] in ("article", "article-journal")
        assert isinstance(item["title"], str) and item["title"]
        for name in item.get("author", []):
            assert ("literal" in name) != ("family" in name)
        if "issued" in item:
            assert all(isinstance(n, int) for n in item["issued"]["date-parts"][0])


def test_ris_markdown_and_csv_exports(capsys: pytest.CaptureFixture[str], sample_dir: Path) -> None:
    base = ["--data-dir", str(sample_dir)]
    first, second = ids(capsys, sample_dir)[:2]
    store = Store(sample_dir)
    store.update_states({first: {"note": "# My take\n\nUse **this** for the *baseline*.", "priority": 2}})
    store.update_states({second: {"read": True, "tags": ["to-cite"]}})
    _, out, _ = run(capsys, *base, "export", "-f", "ris")
    assert out.count("TY  - ") == 36 and out.count("ER  - ") == 36
    _, out, _ = run(capsys, *base, "export", "-f", "markdown", "has:note")
    assert out.startswith("# readq export — 1 paper\n")
    assert "Use **this** for the *baseline*." in out and "priority 2" in out and f"id `{first}`" in out
    _, out, _ = run(capsys, *base, "export", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == 36
    by_id = {r["id"]: r for r in rows}
    assert by_id[first]["note"].startswith("# My take\n") and by_id[first]["priority"] == "2"
    assert by_id[second]["read"] == "yes" and by_id[second]["tags"] == "to-cite"
    code, out, err = run(capsys, *base, "export", "-f", "bibtex", "title:nothing-like-this")
    assert code == 0 and out == "" and "no papers matched" in err
    code, _, err = run(capsys, *base, "export", "-f", "bibtex", "(unclosed")
    assert code == 2 and "bad query" in err


def test_export_to_a_file_is_atomic(
    capsys: pytest.CaptureFixture[str], sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "library.bib"
    target.parent.mkdir()
    target.write_text("old contents", encoding="utf-8")
    code, out, err = run(
        capsys, "--data-dir", str(sample_dir), "export", "-f", "bibtex", "-o", str(target), "--force"
    )
    assert code == 0 and out == "" and f"exported 36 papers as bibtex to {target}" in err
    assert target.read_text(encoding="utf-8").startswith("@misc{")
    assert [p.name for p in target.parent.iterdir()] == ["library.bib"]  # no temp file left behind
    code, _, err = run(
        capsys, "--data-dir", str(sample_dir), "export", "-f", "json", "-o", str(tmp_path / "no" / "x")
    )
    assert code == 1 and "readq:" in err


# -- JSON export and import -------------------------------------------------------------------------------


def test_json_export_round_trips_into_an_empty_library(
    capsys: pytest.CaptureFixture[str], sample_dir: Path, tmp_path: Path
) -> None:
    base = ["--data-dir", str(sample_dir)]
    first, second, third = ids(capsys, sample_dir)[:3]
    run(capsys, *base, "mark", first, "--read", "-p", "3")
    run(capsys, *base, "edit", second, "--authors", "Ada Lovelace; Alan Turing", "--year", "2024")
    run(capsys, *base, "cite", second, third)
    Store(sample_dir).update_states({third: {"note": "a note", "tags": ["x", "y"]}})
    backup = tmp_path / "backup.json"
    assert run(capsys, *base, "export", "-f", "json", "-o", str(backup))[0] == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == LIBRARY_FORMAT and data["version"] == LIBRARY_VERSION
    assert len(data["papers"]) == 36 and sum("state" in p for p in data["papers"]) == 3

    empty = tmp_path / "empty"
    code, out, _ = run(capsys, "--data-dir", str(empty), "import", str(backup))
    assert code == 0
    assert "imported a readq export of 36 papers: 36 new, 0 already present, 0 updated" in out
    assert listing(capsys, empty) == listing(capsys, sample_dir)
    assert table(empty, STATE_FILE) == table(sample_dir, STATE_FILE)  # stamps, edits and keys included
    assert table(empty, PAPERS_FILE) == table(sample_dir, PAPERS_FILE)

    before = (empty / STATE_FILE).read_bytes(), (empty / PAPERS_FILE).read_bytes()
    code, out, _ = run(capsys, "--data-dir", str(empty), "import", str(backup))
    assert code == 0 and "0 new, 36 already present, 0 updated; state merged for 0 papers" in out
    assert ((empty / STATE_FILE).read_bytes(), (empty / PAPERS_FILE).read_bytes()) == before


def _export(capsys: pytest.CaptureFixture[str], folder: Path, path: Path) -> Path:
    assert run(capsys, "--data-dir", str(folder), "export", "-f", "json", "-o", str(path))[0] == 0
    return path


def _set_state(folder: Path, pid: str, monkeypatch: pytest.MonkeyPatch, when: str, **fields: object) -> None:
    freeze_clock(monkeypatch, when)
    Store(folder).update_states({pid: dict(fields)})
    monkeypatch.undo()


def test_merging_two_libraries_takes_the_newer_of_each_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = [str(p) for p in sample_paths()]
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    run(capsys, "--data-dir", str(laptop), "import", samples[0], samples[1])
    run(capsys, "--data-dir", str(desktop), "import", samples[1], samples[2])
    shared = sorted(set(ids(capsys, laptop)) & set(ids(capsys, desktop)))
    pid = shared[0]
    early, late = "2026-11-20T08:00:00+00:00", "2026-11-22T08:00:00+00:00"
    _set_state(laptop, pid, monkeypatch, early, read=True, note="laptop note (older)")
    _set_state(laptop, pid, monkeypatch, late, priority=3, edits={"year": 2024})
    _set_state(desktop, pid, monkeypatch, late, note="desktop note (newer)", tags=["desk"])
    _set_state(desktop, pid, monkeypatch, early, priority=1, edits={"venue": "ICML"})
    only_desktop = sorted(set(ids(capsys, desktop)) - set(ids(capsys, laptop)))
    _set_state(desktop, only_desktop[0], monkeypatch, early, read=True)

    code, out, _ = run(
        capsys, "--data-dir", str(laptop), "import", str(_export(capsys, desktop, tmp_path / "d.json"))
    )
    assert code == 0
    found = re.search(r"(\d+) new, (\d+) already present, (\d+) updated", out)
    assert found is not None
    new, present, updated = map(int, found.groups())
    assert new == len(only_desktop) and present + updated == len(shared)
    assert updated > 0  # papers seen in a digest only the desktop had gain that source
    assert "1 note(s) replaced by newer ones from the file" in out
    merged = Store(laptop).state(pid)
    assert merged.read is True  # only the laptop set it: kept
    assert merged.note.startswith("desktop note (newer)\n\n## Note kept from a merge (the older version")
    assert merged.note.endswith("\n\nlaptop note (older)\n")  # both noted it: the older is kept too
    assert "noted differently in both libraries" in out and f"    {pid}\n" in out
    assert merged.priority == 3  # the laptop's is newer
    assert merged.tags == ("desk",)
    assert merged.edits == {"year": 2024, "venue": "ICML"}  # edits merge per field: both kept
    assert Store(laptop).state(only_desktop[0]).read is True
    assert len(Store(laptop)) == len(set(ids(capsys, laptop)))

    # and the other way round: both machines end with the same state for the shared paper
    run(capsys, "--data-dir", str(desktop), "import", str(_export(capsys, laptop, tmp_path / "l.json")))
    assert Store(desktop).state(pid) == merged

    def same_papers(folder: Path) -> list[dict[str, object]]:  # arrival order and sources' order differ
        papers = listing(capsys, folder)
        assert isinstance(papers, list)
        for paper in papers:
            paper["sources"] = sorted(s["file"] for s in paper["sources"])
            del paper["added"]
        return sorted(papers, key=lambda paper: paper["id"])

    assert same_papers(desktop) == same_papers(laptop)


def test_merge_keeps_pinned_keys_unique(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = str(sample_paths()[0])
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for folder in (mine, theirs):
        run(capsys, "--data-dir", str(folder), "import", sample)
    first, second = ids(capsys, mine)[:2]
    _set_state(mine, first, monkeypatch, "2026-11-20T08:00:00+00:00", citekey="shared2026")
    _set_state(theirs, first, monkeypatch, "2026-11-21T08:00:00+00:00", citekey="theirs2026")
    _set_state(theirs, second, monkeypatch, "2026-11-21T08:00:00+00:00", citekey="Shared2026")
    code, out, _ = run(
        capsys, "--data-dir", str(mine), "import", str(_export(capsys, theirs, tmp_path / "t.json"))
    )
    assert code == 0
    store = Store(mine)
    assert store.state(first).citekey == "shared2026"  # a key once given out never changes
    assert store.state(second).citekey is None  # theirs collides with ours: a fresh one when next cited
    assert "kept this library's key 'shared2026', not 'theirs2026'" in out
    assert "the file's key 'Shared2026' is already" in out


def test_a_damaged_or_newer_export_is_rejected_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], sample_dir: Path, tmp_path: Path
) -> None:
    backup = _export(capsys, sample_dir, tmp_path / "b.json")
    data = json.loads(backup.read_text(encoding="utf-8"))
    empty = tmp_path / "empty"
    cases = {
        "newer.json": ({**data, "version": 99}, "written by a newer readq"),
        "broken.json": (
            {**data, "papers": [*data["papers"][:3], {"paper": {"id": "zz"}}]},
            "paper 4 of the export",
        ),
        "dupe.json": ({**data, "papers": [data["papers"][0], data["papers"][0]]}, "repeats the id"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_text(json.dumps(content), encoding="utf-8")
        code, _, err = run(capsys, "--data-dir", str(empty), "import", str(path))
        assert code == 2 and "rejected, nothing imported" in err and message in err, err
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(backup.read_bytes()[:5000])
    code, _, err = run(capsys, "--data-dir", str(empty), "import", str(truncated))
    assert code == 2 and "a readq export, but damaged" in err
    assert len(Store(empty)) == 0 and Store(empty).states == {}


def test_json_import_dry_run_and_all_or_nothing(
    capsys: pytest.CaptureFixture[str], sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = ids(capsys, sample_dir)[0]
    run(capsys, "--data-dir", str(sample_dir), "mark", pid, "--read")
    backup = _export(capsys, sample_dir, tmp_path / "b.json")
    empty = tmp_path / "empty"
    code, out, _ = run(capsys, "--data-dir", str(empty), "import", "--dry-run", str(backup))
    assert code == 0 and "would import a readq export of 36 papers: 36 new" in out
    assert len(Store(empty)) == 0

    from readq.store import StoreError
    from readq.store.core import Store as StoreClass

    def fail(self: StoreClass, states: object) -> None:
        raise StoreError("disk full (simulated)")

    monkeypatch.setattr(StoreClass, "_write_states", fail)
    code, _, err = run(capsys, "--data-dir", str(empty), "import", str(backup))
    assert code == 2 and "disk full (simulated)" in err
    monkeypatch.undo()
    assert len(Store(empty)) == 0  # the papers written before the failure were taken back

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from readq.models import Entry, ParseResult
from readq.store import (
    PAPERS_FILE,
    STATE_FILE,
    AmbiguousIdError,
    Store,
    StoreCorruptError,
    StoreVersionError,
    UnknownIdError,
)
from tests.helpers import digest


def test_new_store_creates_both_files(data_dir: Path) -> None:
    store = Store(data_dir)
    assert len(store) == 0
    papers = json.loads((data_dir / PAPERS_FILE).read_text())
    state = json.loads((data_dir / STATE_FILE).read_text())
    assert papers["_meta"]["1"]["kind"] == "papers" and papers["papers"] == {}
    assert state["_meta"]["1"]["schema"] == 1 and state["state"] == {}


def test_import_then_reimport_changes_nothing(store: Store, data_dir: Path) -> None:
    first = store.import_result(digest("Alpha", "Beta"), "001.txt")
    assert (len(first.new), len(first.present), len(first.updated)) == (2, 0, 0)
    before = (data_dir / PAPERS_FILE).read_bytes()
    stat = os.stat(data_dir / PAPERS_FILE)
    again = store.import_result(digest("Alpha", "Beta"), "001.txt")
    assert (len(again.new), len(again.present), len(again.updated)) == (0, 2, 0)
    assert not again.written
    assert (data_dir / PAPERS_FILE).read_bytes() == before
    assert os.stat(data_dir / PAPERS_FILE).st_ino == stat.st_ino


def test_same_paper_in_two_digests_gains_a_source_and_missing_fields(store: Store) -> None:
    store.import_result(digest("Gamma Rays: A Study"), "001.txt")
    alpha = ParseResult(
        "alphaxiv",
        (Entry("Gamma rays — a study", "", authors=("Ann Lee", "Bo Li"), score=3.5, category="CL"),),
    )
    report = store.import_result(alpha, "002.txt")
    assert len(report.updated) == 1 and not report.new
    paper = store.papers[report.updated[0]]
    assert [s.file for s in paper.sources] == ["001.txt", "002.txt"]
    assert paper.authors == ("Ann Lee", "Bo Li")
    assert paper.abstract == "Abstract of Gamma Rays: A Study."  # kept, not replaced by the empty one
    assert paper.title == "Gamma Rays: A Study"
    assert paper.score == 3.5


def test_reimport_never_touches_state(store: Store) -> None:
    report = store.import_result(digest("Delta"), "001.txt")
    pid = report.new[0]
    store.update_state(pid, read=True, priority=3, note="keep me")
    store.import_result(digest("Delta", "Epsilon"), "002.txt")
    state = store.state(pid)
    assert (state.read, state.priority, state.note) == (True, 3, "keep me")


def test_repeated_entry_within_one_digest_is_one_paper(store: Store) -> None:
    report = store.import_result(digest("Zeta", "Eta", "Zeta"), "001.txt")
    assert report.entries == 3 and len(report.new) == 2 and report.repeated == 1
    assert len(store) == 2


def test_dedupe_by_arxiv_id_ignores_version(store: Store) -> None:
    a = ParseResult("x", (Entry("One title", arxiv_id="2401.00001v1"),))
    b = ParseResult("x", (Entry("A reworded title", arxiv_id="arXiv:2401.00001v3"),))
    store.import_result(a, "a.txt")
    report = store.import_result(b, "b.txt")
    assert len(store) == 1 and len(report.updated) == 1


def test_same_title_different_arxiv_ids_stay_apart(store: Store) -> None:
    a = ParseResult("x", (Entry("Introduction", arxiv_id="2401.00001"),))
    b = ParseResult("x", (Entry("Introduction", arxiv_id="2401.00002"),))
    store.import_result(a, "a.txt")
    store.import_result(b, "b.txt")
    assert len(store) == 2


def test_dry_run_writes_nothing(store: Store, data_dir: Path) -> None:
    before = (data_dir / PAPERS_FILE).read_bytes()
    report = store.import_result(digest("Theta"), "001.txt", dry_run=True)
    assert len(report.new) == 1 and not report.written
    assert (data_dir / PAPERS_FILE).read_bytes() == before
    assert len(Store(data_dir)) == 0


def test_state_change_does_not_rewrite_papers_file(store: Store, data_dir: Path) -> None:
    pid = store.import_result(digest("Iota"), "001.txt").new[0]
    before = os.stat(data_dir / PAPERS_FILE)
    store.update_state(pid, read=True)
    store.update_state(pid, priority=2)
    after = os.stat(data_dir / PAPERS_FILE)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert Store(data_dir).state(pid).priority == 2


def test_only_touched_papers_have_state(store: Store, data_dir: Path) -> None:
    ids = store.import_result(digest("A1", "A2", "A3"), "001.txt").new
    store.update_state(ids[1], read=True)
    header, *journal = (data_dir / "state.journal").read_text().splitlines()
    assert json.loads(header) == {"readq-journal": 1}
    assert [json.loads(line)["id"] for line in journal] == [ids[1]]  # one appended line, nothing else
    store.compact()
    rows = json.loads((data_dir / STATE_FILE).read_text())["state"]
    assert [row["id"] for row in rows.values()] == [ids[1]]
    assert (data_dir / "state.journal").read_text() == '{"readq-journal":1}\n'  # a header, no change
    assert Store(data_dir).state(ids[1]).read


def test_a_change_appends_one_line_whatever_the_size_of_the_state(store: Store, data_dir: Path) -> None:
    ids = store.import_result(digest(*[f"Touched {i}" for i in range(300)]), "001.txt").new
    store.update_states({pid: {"priority": 1} for pid in ids})
    store.compact()
    state_file = os.stat(data_dir / STATE_FILE)
    journal = data_dir / "state.journal"
    size = journal.stat().st_size
    store.update_state(ids[0], read=True)
    grew = journal.stat().st_size - size
    assert 0 < grew < 400  # one line for one paper, not the 300 touched ones
    assert os.stat(data_dir / STATE_FILE).st_ino == state_file.st_ino  # the state file was not rewritten


def test_torn_journal_tail_is_ignored_and_cut(store: Store, data_dir: Path) -> None:
    ids = store.import_result(digest("One", "Two"), "001.txt").new
    store.update_state(ids[0], priority=2)
    with open(data_dir / "state.journal", "ab") as handle:
        handle.write(b'{"id": "' + ids[1].encode() + b'", "read": tr')  # a writer killed mid-line
    other = Store(data_dir)
    assert other.state(ids[0]).priority == 2 and not other.state(ids[1]).read
    other.update_state(ids[1], priority=3)
    lines = (data_dir / "state.journal").read_text().splitlines()[1:]
    assert [json.loads(line)["id"] for line in lines] == [ids[0], ids[1]]
    assert Store(data_dir).state(ids[1]).priority == 3


def test_a_change_to_several_papers_is_one_journal_line_whole_or_absent(store: Store, data_dir: Path) -> None:
    ids = store.import_result(digest("B1", "B2", "B3"), "001.txt").new
    store.update_states({pid: {"priority": 2} for pid in ids})
    journal = data_dir / "state.journal"
    header, line = journal.read_bytes().splitlines(keepends=True)
    assert [entry["id"] for entry in json.loads(line)] == ids  # one line: a list of the papers' states
    assert all(Store(data_dir).state(pid).priority == 2 for pid in ids)
    journal.write_bytes(header + line[: len(line) // 2])  # as a writer killed in the middle of it leaves it
    assert all(Store(data_dir).state(pid).priority == 0 for pid in ids)  # none of it, not the first papers


def test_damaged_journal_is_set_aside_with_a_message(store: Store, data_dir: Path) -> None:
    ids = store.import_result(digest("One"), "001.txt").new
    store.update_state(ids[0], priority=2)
    journal = data_dir / "state.journal"
    journal.write_bytes(b"garbage line\n" + journal.read_bytes())
    with pytest.raises(StoreCorruptError, match=r"state\.journal") as caught:
        Store(data_dir)
    assert caught.value.moved_to is not None and caught.value.moved_to.exists()
    assert len(Store(data_dir)) == 1  # the state file itself is intact and used


def test_update_returns_before_and_after_and_noop_is_not_written(store: Store, data_dir: Path) -> None:
    pid = store.import_result(digest("Kappa"), "001.txt").new[0]
    before, after = store.update_state(pid, read=True) or (None, None)
    assert before is not None and after is not None and not before.read and after.read
    assert after.read_at is not None
    files = [os.stat(data_dir / name)[1:] for name in (STATE_FILE, "state.journal")]
    assert store.update_state(pid, read=True) is None
    assert [os.stat(data_dir / name)[1:] for name in (STATE_FILE, "state.journal")] == files


def test_bad_priority_is_refused(store: Store) -> None:
    pid = store.import_result(digest("Lambda"), "001.txt").new[0]
    with pytest.raises(ValueError, match=r"^priority must be 0-3, not 7$"):
        store.update_state(pid, priority=7)


def test_resolve_by_unique_prefix(store: Store) -> None:
    ids = store.import_result(digest(*[f"Paper number {i}" for i in range(300)]), "001.txt").new
    pid = ids[0]
    assert store.resolve(pid) == pid
    assert store.resolve(pid.upper()) == pid
    unique = next(n for n in range(1, 9) if sum(i.startswith(pid[:n]) for i in ids) == 1)
    assert store.resolve(pid[:unique]) == pid
    with pytest.raises(UnknownIdError, match="no paper has an id starting with 'zzzz'"):
        store.resolve("zzzz")
    ambiguous = next(p for p in (i[:1] for i in ids) if sum(i.startswith(p) for i in ids) > 1)
    with pytest.raises(
        AmbiguousIdError, match=f"^'{ambiguous}' matches several papers .*; give more characters$"
    ):
        store.resolve(ambiguous)


def test_ids_are_stable_across_libraries(tmp_path: Path) -> None:
    one = Store(tmp_path / "one").import_result(digest("Stable id"), "a.txt").new
    two = Store(tmp_path / "two").import_result(digest("STABLE  id!"), "b.txt").new
    assert one == two and len(one[0]) == 8


def test_a_second_store_sees_the_first_ones_changes(store: Store, data_dir: Path) -> None:
    other = Store(data_dir)
    pid = store.import_result(digest("Mu"), "001.txt").new[0]
    changes = other.refresh()
    assert changes.papers and pid in other.papers
    store.update_state(pid, priority=1)
    changes = other.refresh()
    assert changes.states == {pid}
    assert other.state(pid).priority == 1
    assert not other.refresh()


def test_writes_apply_to_fresh_state_and_keep_other_fields(store: Store, data_dir: Path) -> None:
    pid = store.import_result(digest("Nu"), "001.txt").new[0]
    other = Store(data_dir)
    store.update_state(pid, read=True)
    other.update_state(pid, priority=2)  # other has not refreshed: must not undo read=True
    final = Store(data_dir).state(pid)
    assert final.read and final.priority == 2


def test_corrupt_file_is_set_aside_with_a_message(data_dir: Path) -> None:
    Store(data_dir).import_result(digest("Xi"), "001.txt")
    (data_dir / PAPERS_FILE).write_bytes(b'{"_meta": {"1": {"schema": 1, "kind": "papers"}}, "pap')
    with pytest.raises(StoreCorruptError) as caught:
        Store(data_dir)
    message = str(caught.value)
    assert "not valid JSON" in message and "set aside" in message and "readq restore papers" in message
    assert caught.value.moved_to is not None and caught.value.moved_to.exists()
    assert not (data_dir / PAPERS_FILE).exists()
    with pytest.raises(StoreCorruptError, match="set aside"):
        Store(data_dir)  # never silently starts empty


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"  \n\t ", "whitespace"),
        (b"[1, 2, 3]", "wrong type"),
        (b'{"_meta": {"1": {"schema": 1, "kind": "state"}}, "papers": {}}', "not a readq papers file"),
        (b'{"_meta": {"1": {"schema": 1, "kind": "papers"}}, "papers": {}}\x00\x00\x00', "not valid JSON"),
    ],
)
def test_kinds_of_damage(data_dir: Path, content: bytes, reason: str) -> None:
    Store(data_dir)
    (data_dir / PAPERS_FILE).write_bytes(content)
    with pytest.raises(StoreCorruptError, match=reason):
        Store(data_dir)


def test_newer_schema_is_refused_and_left_alone(data_dir: Path) -> None:
    Store(data_dir)
    newer = b'{"_meta": {"1": {"schema": 99, "kind": "state"}}, "state": {}}'
    (data_dir / STATE_FILE).write_bytes(newer)
    with pytest.raises(StoreVersionError, match="newer readq"):
        Store(data_dir)
    assert (data_dir / STATE_FILE).read_bytes() == newer


def test_backups_rotate_and_are_bounded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from readq.store import safety

    store = Store(data_dir)
    monkeypatch.setattr(safety, "backup_age", lambda path: 1e9)  # every write is "long after" the last
    for i in range(8):
        store.import_result(digest(f"Paper {i}"), f"{i:03}.txt")
    backups = sorted((data_dir / "backups").glob("papers.json.*"))
    assert len(backups) == 5
    newest = json.loads((data_dir / "backups" / "papers.json.1").read_text())
    assert len(newest["papers"]) == 8  # a copy of the version the last import wrote


def test_backups_are_not_taken_more_often_than_due(data_dir: Path) -> None:
    store = Store(data_dir)
    for i in range(3):
        store.import_result(digest(f"Paper {i}"), f"{i:03}.txt")
    assert len(list((data_dir / "backups").glob("papers.json.*"))) == 1  # the first import's, within the hour
    pid = next(iter(store.papers))
    for priority in (1, 2, 3):
        store.update_state(pid, priority=priority)
    assert len(list((data_dir / "backups").glob("state.json.*"))) == 1  # the one taken at open


def test_backup_survives_the_file_being_damaged_in_place(data_dir: Path) -> None:
    store = Store(data_dir)
    store.import_result(digest("Kept safe"), "001.txt")
    (data_dir / PAPERS_FILE).write_bytes(b"garbage")  # another program writes in place
    backup = json.loads((data_dir / "backups" / "papers.json.1").read_text())
    assert [p["title"] for p in backup["papers"].values()] == ["Kept safe"]


def test_stale_temp_files_are_cleaned(data_dir: Path) -> None:
    Store(data_dir)
    stale = data_dir / ".papers.json.999999999.1.readq-tmp"
    stale.write_text("half a write")
    store = Store(data_dir)
    assert not stale.exists() and stale in store.cleaned_temp_files


def test_symlinked_data_file_keeps_its_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    store = Store(real_dir)
    data_dir = tmp_path / "linked"
    data_dir.mkdir()
    (data_dir / PAPERS_FILE).symlink_to(real_dir / PAPERS_FILE)
    linked = Store(data_dir)
    linked.import_result(digest("Omicron"), "001.txt")
    assert (data_dir / PAPERS_FILE).is_symlink()
    store.refresh()
    assert len(store) == 1


def test_appending_imports_keep_every_paper_readable_by_offset(data_dir: Path) -> None:
    store = Store(data_dir)
    store.import_result(digest(*[f"First batch {i}" for i in range(20)]), "001.txt")
    store.import_result(digest(*[f"Second batch {i}" for i in range(20)]), "002.txt")  # append only
    store.import_result(digest("First batch 3", "Third batch 0"), "003.txt")  # an update: streamed
    whole = json.loads((data_dir / PAPERS_FILE).read_text())["papers"]
    for reopened in (store, Store(data_dir)):
        assert len(reopened) == 41
        for row in whole.values():
            assert reopened.papers[row["id"]].to_dict() == row

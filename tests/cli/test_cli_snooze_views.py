"""``readq snooze``, ``readq list --view``, excluded terms first in a query, ``seen:``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from readq.cli.main import main, query_words_kept
from readq.library.service import Library
from readq.store import Store
from tests.helpers import digest


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library_dir(data_dir: Path) -> Path:
    store = Store(data_dir)
    store.import_result(digest("Alpha paper", "Beta paper", "Gamma paper", "Delta paper"), "one.txt")
    store.import_result(digest("Gamma paper", "Epsilon paper", date="Nov 24"), "two.txt")
    store.close()
    return data_dir


def listed(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "list", "--json", *argv)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def ids_of(rows: list[dict[str, object]]) -> list[str]:
    return [str(r["id"]) for r in rows]


def test_snooze_takes_papers_out_of_the_inbox_and_clear_brings_them_back(
    capsys: pytest.CaptureFixture[str], library_dir: Path
) -> None:
    first, second = ids_of(listed(capsys, library_dir))[:2]
    code, out, _ = run(capsys, "--data-dir", str(library_dir), "snooze", first, second, "+3d")
    back = date.today() + timedelta(days=3)
    assert code == 0 and f"{first}: snoozed until {back:%b} {back.day}" in out
    assert set(ids_of(listed(capsys, library_dir, "is:snoozed"))) == {first, second}
    assert set(ids_of(listed(capsys, library_dir, "--view", "snoozed"))) == {first, second}
    assert first not in ids_of(listed(capsys, library_dir, "--view", "inbox"))
    code, out, _ = run(capsys, "--data-dir", str(library_dir), "snooze", "--clear", first)
    assert code == 0 and f"{first}: not snoozed" in out
    assert first in ids_of(listed(capsys, library_dir, "is:inbox"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [(("+3d",), "give the papers' ids"), (("zzzz", "+3d"), "zzzz"), (("x", "yesterday"), "not a day")],
)
def test_snooze_refuses_bad_arguments(
    capsys: pytest.CaptureFixture[str], library_dir: Path, argv: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, "--data-dir", str(library_dir), "snooze", *argv)
    assert code == 2 and message in err


def test_list_view_inbox_is_what_the_inbox_shows(
    capsys: pytest.CaptureFixture[str], library_dir: Path
) -> None:
    store = Store(library_dir)
    library = Library(store)
    pids = [r.pid for r in library.rows("inbox", "added")]
    library.change("priority", {pids[0]: {"priority": 2}})
    library.change("read", {pids[1]: {"read": True}})
    shown = [r.pid for r in library.rows("inbox", "added")]
    store.close()
    assert ids_of(listed(capsys, library_dir, "--view", "inbox")) == shown
    assert ids_of(listed(capsys, library_dir, "--view", "queue")) == [pids[0]]
    assert ids_of(listed(capsys, library_dir, "--view", "INBOX", "--sort", "title")) == [
        r["id"] for r in sorted(listed(capsys, library_dir, "is:inbox"), key=lambda r: str(r["title"]))
    ]
    assert len(listed(capsys, library_dir, "--view", "two.txt")) == 2  # a digest by its file name
    assert len(listed(capsys, library_dir, "--view", "all")) == 5
    code, _, err = run(capsys, "--data-dir", str(library_dir), "list", "--view", "nowhere")
    assert code == 2 and "no view called 'nowhere'" in err


def test_a_query_may_start_with_an_excluded_term(
    capsys: pytest.CaptureFixture[str], library_dir: Path
) -> None:
    pid = ids_of(listed(capsys, library_dir))[0]
    run(capsys, "--data-dir", str(library_dir), "mark", pid, "--read")
    unread = listed(capsys, library_dir, "-is:read")
    assert len(unread) == 4 and pid not in ids_of(unread)
    assert ids_of(listed(capsys, library_dir, "-is:read", "-gamma", "--limit", "1")) == ids_of(unread)[:1]
    code, out, err = run(capsys, "--data-dir", str(library_dir), "list", "-is:read", "-title:gamma")
    assert code == 0 and "Gamma" not in out and "Beta" in out, err


def test_excluded_terms_are_kept_as_words_only_after_list() -> None:
    assert query_words_kept(["--data-dir", "d", "list", "-is:read", "--json"]) == [
        "--data-dir",
        "d",
        "list",
        " -is:read",
        "--json",
    ]
    assert query_words_kept(["mark", "x", "-p", "2"]) == ["mark", "x", "-p", "2"]
    assert query_words_kept(["list", "--limit=3", "--", "-x"]) == ["list", "--limit=3", "--", "-x"]


def test_seen_finds_the_papers_seen_in_two_digests(
    capsys: pytest.CaptureFixture[str], library_dir: Path
) -> None:
    assert [r["title"] for r in listed(capsys, library_dir, "seen:>=2")] == ["Gamma paper"]
    assert len(listed(capsys, library_dir, "seen:1")) == 4
    code, _, err = run(capsys, "--data-dir", str(library_dir), "list", "seen:many")
    assert code == 2 and "bad seen" in err

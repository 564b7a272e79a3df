"""``readq watch``, ``readq view``, ``readq similar`` and ``readq list --sort suggested``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import Store
from tests.discovery_data import NEAR_DUPLICATE, ORIGINAL, history_store, kept_in_history, pid_of


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(lib_store: Store) -> str:
    return str(lib_store.data_dir)


def test_watch_add_list_rm(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    code, out, _ = run(capsys, "--data-dir", lib, "watch", "add", "author:Percy", "Liang")
    assert code == 0 and out == 'watching author:"Percy Liang" (3 papers match now)\n'
    code, out, _ = run(capsys, "--data-dir", lib, "watch", "add", 'author:"percy liang"')
    assert code == 0 and out == 'already watching author:"percy liang"\n'
    assert run(capsys, "--data-dir", lib, "watch", "add", "tactile")[0] == 0
    code, out, _ = run(capsys, "--data-dir", lib, "watch", "list")
    assert out.splitlines() == [
        'author:"Percy Liang"  3 papers, 3 unread',
        "tactile               1 paper, 1 unread",
    ]
    code, out, _ = run(capsys, "--data-dir", lib, "watch", "list", "--json")
    assert json.loads(out) == [
        {"term": 'author:"Percy Liang"', "label": "author Percy Liang", "papers": 3, "unread": 3},
        {"term": "tactile", "label": '"tactile"', "papers": 1, "unread": 1},
    ]
    code, out, _ = run(capsys, "--data-dir", lib, "list", "is:watched", "--json")
    assert {p["title"]: p["watched"] for p in json.loads(out)}[ORIGINAL] == "author Percy Liang"
    assert len(json.loads(out)) == 4
    code, out, _ = run(capsys, "--data-dir", lib, "watch", "rm", "TACTILE")
    assert code == 0 and out == "stopped watching tactile\n"
    code, _, err = run(capsys, "--data-dir", lib, "watch", "rm", "tactile")
    assert code == 2 and "not watching 'tactile'" in err


def test_watch_refuses_what_is_not_a_term(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    code, _, err = run(capsys, "--data-dir", lib, "watch", "add", "is:read")
    assert code == 2 and "is: is about your own triage" in err
    code, _, err = run(capsys, "--data-dir", lib, "watch", "add", "(liang")
    assert code == 2 and "column 1: unbalanced parenthesis" in err
    assert run(capsys, "--data-dir", lib, "watch", "list", "--json")[1] == "[]\n"


def test_view_add_list_rm(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    code, out, _ = run(capsys, "--data-dir", lib, "view", "add", "Experts", "experts", "-is:read")
    assert code == 0 and out == "saved: Experts = experts -is:read (3 papers)\n"
    code, out, _ = run(
        capsys, "--data-dir", lib, "view", "add", "Liang", "(author:liang OR author:jia) -is:read"
    )
    assert out == "saved: Liang = (author:liang OR author:jia) -is:read (4 papers)\n"
    code, out, _ = run(capsys, "--data-dir", lib, "view", "add", "experts", "experts")
    assert out == "replaced: experts = experts (3 papers)\n"
    code, out, _ = run(capsys, "--data-dir", lib, "view", "list", "--json")
    assert json.loads(out) == [
        {"name": "experts", "query": "experts", "count": 3},
        {"name": "Liang", "query": "(author:liang OR author:jia) -is:read", "count": 4},
    ]
    code, out, _ = run(capsys, "--data-dir", lib, "view", "list")
    assert out.splitlines()[0] == "experts  experts  (3 papers)"
    assert run(capsys, "--data-dir", lib, "view", "rm", "EXPERTS")[0] == 0
    code, _, err = run(capsys, "--data-dir", lib, "view", "rm", "experts")
    assert code == 2 and "no saved search called 'experts'" in err


def test_a_bad_query_names_the_column_and_exits_2(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    code, _, err = run(capsys, "--data-dir", lib, "view", "add", "Broken", "(author:liang", "OR)")
    assert code == 2
    assert err == "readq: bad query: column 15: dangling OR\n  (author:liang OR)\n                ^\n"
    code, _, err = run(capsys, "--data-dir", lib, "list", "is:watch")
    assert code == 2 and "column 4: unknown is:watch" in err
    for argv in (("view", "add", "  ", "x"), ("view", "add", "Empty", " ")):
        assert run(capsys, "--data-dir", lib, *argv)[0] == 2
    assert run(capsys, "--data-dir", lib, "view", "list", "--json")[1] == "[]\n"


def test_similar(capsys: pytest.CaptureFixture[str], lib_store: Store) -> None:
    lib, original = str(lib_store.data_dir), pid_of(lib_store, ORIGINAL)
    code, out, err = run(capsys, "--data-dir", lib, "similar", original[:5], "--json", "-n", "3")
    assert code == 0 and "building the similarity index of 8 papers" in err
    found = json.loads(out)
    assert found[0]["title"] == NEAR_DUPLICATE and len(found) == 3
    assert found[0]["similarity"] > 0.6 and found[0]["id"] == pid_of(lib_store, NEAR_DUPLICATE)
    code, out, err = run(capsys, "--data-dir", lib, "similar", original)
    assert err == ""  # the cached index
    lines = out.splitlines()  # papers that share no word are left out
    assert len(lines) >= 3 and lines[0].startswith(f"{found[0]['similarity']:.2f} {found[0]['id']} ")
    assert run(capsys, "--data-dir", lib, "similar", "zzzz")[0] == 2
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", lib, "similar", original, "-n", "0"])
    assert exit_.value.code == 2 and "-n must be at least 1, not 0" in capsys.readouterr().err


def test_list_sort_suggested_needs_decisions(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    code, out, err = run(capsys, "--data-dir", lib, "list", "--sort", "suggested")
    _, plain, _ = run(capsys, "--data-dir", lib, "list")
    assert code == 0 and out == plain
    assert "needs more triage: 0 of 20 kept" in err and "showing the plain order" in err


def test_list_sort_suggested_learns_the_users_taste(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = history_store(tmp_path / "h")
    code, out, err = run(
        capsys,
        "--data-dir",
        str(store.data_dir),
        "list",
        "is:unread",
        "--sort",
        "suggested",
        "--json",
        "--limit",
        "5",
    )
    assert code == 0 and "building the similarity index" in err
    found = json.loads(out)
    assert [p["suggested"] for p in found] == sorted((p["suggested"] for p in found), reverse=True)
    assert all(kept_in_history(p["title"]) for p in found)


def test_export_has_no_suggested_sort(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", lib, "export", "--format", "json", "--sort", "suggested"])
    assert exit_.value.code == 2 and "invalid choice: 'suggested'" in capsys.readouterr().err

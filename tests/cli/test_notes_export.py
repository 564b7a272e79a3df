"""``readq export --format notes --dir DIR``: one Markdown file per paper, and re-exports that never
overwrite a file the user edited, through ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readq.cli.main import main

BIB = r"""@article{leguin1969left,
  title = {The Left Hand of "Darkness": a: b},
  author = {Le Guin, Ursula K. and de la Vall{\'e}e Poussin, Charles},
  journal = {Ace},
  doi = {10.1000/ace.1969},
  year = {1969}
}

@misc{Abramsky:2005b,
  title = {Abstract Scalars},
  author = {Samson Abramsky},
  eprint = {2401.01234},
  archivePrefix = {arXiv},
  year = {2005}
}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def front_matter(text: str) -> dict[str, object]:
    head = text.split("---\n")[1]
    return {k: json.loads(v) for k, v in (line.split(": ", 1) for line in head.splitlines())}


def test_notes_export_writes_front_matter_and_keeps_edited_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, vault = str(tmp_path / "data"), tmp_path / "vault"
    (tmp_path / "in.bib").write_text(BIB, encoding="utf-8")
    run(capsys, "--data-dir", data, "import", str(tmp_path / "in.bib"))
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    ids = {p["title"][:8]: p["id"] for p in json.loads(out)}
    run(capsys, "--data-dir", data, "note", ids["The Left"], "--set", "Read §3.\n\n- [[ursula]]")
    run(capsys, "--data-dir", data, "tag", ids["The Left"], "+sf", "+classic")
    run(capsys, "--data-dir", data, "mark", ids["The Left"], "--read", "-p", "2")
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "notes", "--dir", str(vault))
    assert code == 0 and "2 written, 0 unchanged, 0 skipped" in err
    left = (vault / "leguin1969left.md").read_text(encoding="utf-8")
    assert front_matter(left) == {
        "citekey": "leguin1969left",
        "title": 'The Left Hand of "Darkness": a: b',
        "arxiv": None,
        "doi": "10.1000/ace.1969",
        "authors": ["Ursula K. Le Guin", "Charles de la Vallée Poussin"],
        "year": 1969,
        "tags": ["sf", "classic"],
        "status": "read",
        "priority": 2,
        "readq_id": ids["The Left"],
    }
    assert left.endswith('---\n\n# The Left Hand of "Darkness": a: b\n\nRead §3.\n\n- [[ursula]]\n')
    other = front_matter((vault / "Abramsky_2005b.md").read_text(encoding="utf-8"))  # ":" is no file name
    assert (other["arxiv"], other["priority"], other["status"]) == ("2401.01234", None, "unread")

    # again: nothing changed; then the user edits one file and readq's note of both changes
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "notes", "--dir", str(vault))
    assert "0 written, 2 unchanged, 0 skipped" in err
    (vault / "leguin1969left.md").write_text(left + "\nMy own line.\n", encoding="utf-8")
    run(capsys, "--data-dir", data, "note", ids["The Left"], "--set", "changed in readq")
    run(capsys, "--data-dir", data, "note", ids["Abstract"], "--set", "a new note")
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "notes", "--dir", str(vault))
    assert "1 written, 0 unchanged, 1 skipped" in err
    assert "kept leguin1969left.md: edited since readq wrote it" in err
    assert (vault / "leguin1969left.md").read_text(encoding="utf-8").endswith("My own line.\n")
    assert (vault / "Abramsky_2005b.md").read_text(encoding="utf-8").endswith("a new note\n")


def test_a_file_readq_did_not_write_is_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data, vault = str(tmp_path / "data"), tmp_path / "vault"
    (tmp_path / "in.bib").write_text(BIB, encoding="utf-8")
    run(capsys, "--data-dir", data, "import", str(tmp_path / "in.bib"))
    vault.mkdir()
    (vault / "leguin1969left.md").write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "notes", "--dir", str(vault))
    assert code == 0 and "1 written, 0 unchanged, 1 skipped" in err
    assert (vault / "leguin1969left.md").read_text(encoding="utf-8") == "mine\n"


def test_notes_need_a_folder_and_dir_is_only_for_notes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "notes")
    assert code == 2 and "give the folder with --dir DIR" in err
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "bibtex", "--dir", str(tmp_path))
    assert code == 2 and "--dir is for --format notes" in err

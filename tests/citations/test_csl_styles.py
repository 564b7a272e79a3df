"""``readq cite --style``: the bundled CSL styles through citeproc-py, a .csl file, and the hint without the
``csl`` extra."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from readq.citations.cslstyle import INSTALL_HINT, STYLE_DIR, STYLES, StyleUnavailable, render
from readq.cli.main import main

pytest.importorskip("citeproc", reason="citeproc-py (readq's csl extra) is not installed")

BIB = r"""@article{leguin1969left,
  title = {The Left Hand of Darkness},
  author = {Le Guin, Ursula K. and de la Vall{\'e}e Poussin, Charles},
  journal = {Ace},
  doi = {10.1000/ace.1969},
  year = {1969}
}
@misc{lovelace2024,
  title = {Tokenizer Drift},
  author = {Ada Lovelace},
  eprint = {2401.01234},
  archivePrefix = {arXiv},
  year = {2024}
}
"""
EXPECTED = {
    "ieee": (
        "[1] U. K. Le Guin and C. de la Vallée Poussin, “The Left Hand of Darkness”, Ace, 1969, "
        "doi: 10.1000/ace.1969.",
        "[2] A. Lovelace, “Tokenizer Drift”, arXiv arXiv:2401.01234, 2024.",
    ),
    "chicago-author-date": (
        # (citeproc-py leaves the full stop outside the quotation marks)
        "Le Guin, Ursula K., and Charles de la Vallée Poussin. 1969. “The Left Hand of Darkness”. Ace. "
        "https://doi.org/10.1000/ace.1969.",
        "Lovelace, Ada. 2024. “Tokenizer Drift”. arXiv arXiv:2401.01234. https://arxiv.org/abs/2401.01234.",
    ),
    "nature": (
        "1. Le Guin, U. K. & de la Vallée Poussin, C. The Left Hand of Darkness. Ace (1969).",
        "2. Lovelace, A. Tokenizer Drift. arXiv arXiv:2401.01234 (2024).",
    ),
    "acl": (
        "Ursula K. Le Guin and Charles de la Vallée Poussin. 1969. The Left Hand of Darkness. In Ace.",
        "Ada Lovelace. 2024. Tokenizer Drift. arXiv, arXiv:2401.01234.",
    ),
}


def test_every_bundled_style_is_shipped_and_tested() -> None:
    assert sorted(STYLES) == sorted(EXPECTED)
    assert all((STYLE_DIR / f"{name}.csl").is_file() for name in STYLES)


@pytest.mark.parametrize("style", STYLES)
def test_cite_in_each_bundled_style(style: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "in.bib").write_text(BIB, encoding="utf-8")
    data = str(tmp_path / "data")
    main(["--data-dir", data, "import", str(tmp_path / "in.bib")])
    ids = _ids(capsys, data)
    assert main(["--data-dir", data, "cite", *ids, "--style", style]) == 0
    assert tuple(capsys.readouterr().out.splitlines()) == EXPECTED[style]


def _ids(capsys: pytest.CaptureFixture[str], data: str) -> list[str]:
    import json

    capsys.readouterr()
    main(["--data-dir", data, "list", "--json"])
    papers = json.loads(capsys.readouterr().out)
    order = {"The Left Hand of Darkness": 0, "Tokenizer Drift": 1}
    return [p["id"] for p in sorted(papers, key=lambda p: order[p["title"]])]


def test_a_csl_file_and_unknown_styles() -> None:
    items = [{"id": "k", "type": "article", "title": "T", "author": [{"family": "Liu", "given": "N."}]}]
    assert render(items, str(STYLE_DIR / "acl.csl")) == "N. Liu. T."
    with pytest.raises(StyleUnavailable, match="unknown style 'mla'"):
        render(items, "mla")


def test_without_the_extra_the_cli_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real_import = builtins.__import__

    def no_citeproc(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "citeproc" or name.startswith("citeproc."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    (tmp_path / "in.bib").write_text(BIB, encoding="utf-8")
    data = str(tmp_path / "data")
    main(["--data-dir", data, "import", str(tmp_path / "in.bib")])
    ids = _ids(capsys, data)
    monkeypatch.setattr(builtins, "__import__", no_citeproc)
    assert main(["--data-dir", data, "cite", ids[0], "--style", "ieee"]) == 2
    assert INSTALL_HINT in capsys.readouterr().err

"""``pandoc --citeproc`` renders readq's BibTeX and CSL-JSON exports (skipped without pandoc; CI has it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from readq.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

BIB = r"""@article{leguin1969left,
  title = {The Left Hand of {BERT}},
  author = {Le Guin, Ursula K. and de la Vall{\'e}e Poussin, Charles},
  journal = {Journal of Made-Up Results},
  year = {1969},
  doi = {10.1000/jmr.1969.1}
}

@misc{x,
  title = {Tokenizer Drift},
  author = {Ada Lovelace},
  eprint = {2401.01234},
  archivePrefix = {arXiv},
  year = {2024}
}
"""


@pytest.mark.parametrize(("fmt", "suffix"), [("bibtex", ".bib"), ("csl-json", ".json")])
def test_pandoc_citeproc_renders_the_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, suffix: str
) -> None:
    source = tmp_path / "in.bib"
    source.write_text(BIB, encoding="utf-8")
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "import", str(source)]) == 0
    exported = tmp_path / f"refs{suffix}"
    assert main(["--data-dir", data, "export", "-f", fmt, "-o", str(exported)]) == 0
    capsys.readouterr()
    document = tmp_path / "paper.md"
    document.write_text("As shown [@leguin1969left; @x].\n", encoding="utf-8")
    done = subprocess.run(
        ["pandoc", "--citeproc", f"--bibliography={exported}", "-t", "plain", str(document)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[WARNING] Citeproc: citation" not in done.stderr  # every key was found
    text = " ".join(done.stdout.split())
    # (BibTeX's "von" part is a dropping particle for citeproc: "Vallée Poussin" in the citation)
    assert "(Le Guin and " in text and "Vallée Poussin 1969; Lovelace 2024)" in text
    assert "Le Guin, Ursula K., and Charles de la Vallée Poussin. 1969." in text
    assert "Journal of Made-Up Results" in text and "10.1000/jmr.1969.1" in text

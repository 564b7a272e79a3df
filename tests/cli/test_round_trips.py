"""Export -> import -> export gives the same file, for BibTeX, CSL-JSON and RIS, through ``main(argv)``.

The library is the package's demo digests, the project's BibTeX fixture, an arXiv feed and a mailing (the
shapes readq meets: no authors, et al., particles, accents, DOIs, venues, old-style ids)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.cli.main import main
from readq.parsing import detect
from readq.samples import sample_paths

FIXTURES = Path(__file__).resolve().parents[1] / "parsing" / "fixtures"
SOURCES = [*sample_paths(), *(FIXTURES / n for n in ("library.bib", "feed_rss.xml", "arxiv_mailing.txt"))]
LAYOUTS = {"bibtex": "bibtex", "csl-json": "csl-json", "ris": "ris"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", list(LAYOUTS))
def test_export_import_export_is_byte_stable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run(capsys, "--data-dir", str(first), "import", *map(str, SOURCES))
    exported = run(capsys, "--data-dir", str(first), "export", "-f", fmt)
    assert exported.count("\n") > 100
    assert detect(exported) == LAYOUTS[fmt]  # recognised without --format
    file = tmp_path / f"export.{fmt}"
    file.write_text(exported, encoding="utf-8")
    run(capsys, "--data-dir", str(second), "import", str(file))
    again = run(capsys, "--data-dir", str(second), "export", "-f", fmt)
    assert again == exported

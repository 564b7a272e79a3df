"""``readq import`` with arXiv mailings, feeds and BibTeX: detection, --format, progress, ctrl+c."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from readq.cli.main import main
from readq.cli.progress import ImportProgress, interrupts_deferred
from readq.library import imports as pipeline
from readq.store import PAPERS_FILE, Store

FIXTURES = Path(__file__).resolve().parents[1] / "parsing" / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_each_source_is_detected_and_reported(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    files = [str(FIXTURES / n) for n in ("arxiv_mailing.txt", "feed_rss.xml", "library.bib")]
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", *files)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"{files[0]}: imported 6 entries (arxiv-mailing, dated 2026-01-12): 5 new, 0 already present, "
        "0 updated, 1 repeated within the file, 1 warning"
    )
    assert lines[1] == f"  {files[0]}: 2 new, 1 cross-list, 2 replacements, 1 replacement cross-list"
    assert lines[2].startswith(f"  warning: {files[0]}: line 76: arXiv:2501.07777 has been withdrawn")
    assert (
        f"{files[1]}: imported 3 entries (feed, dated 2026-01-13): 1 new, 0 already present, 2 updated" in out
    )
    assert f"{files[2]}: imported 10 entries (bibtex): 9 new, 0 already present, 1 updated" in out
    assert "warning: " + files[2] + ": line 81: an entry that could not be read" in out
    store = Store(data_dir)
    drift = next(p for p in store.papers.values() if p.arxiv_id == "2601.04321")
    assert [s.layout for s in drift.sources] == ["arxiv-mailing", "feed", "bibtex"]


def test_format_forces_and_refuses(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    bib = str(FIXTURES / "library.bib")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "--format", "bibtex", "--dry-run", bib)
    assert code == 0 and "would import 10 entries (bibtex)" in out
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", "--format", "feed", bib)
    assert code == 2 and "rejected, nothing imported: not a readable feed" in err
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "import", str(FIXTURES / "feed_billion_laughs.xml")
    )
    assert code == 2 and "refused: the XML declares entities" in err
    assert len(Store(data_dir)) == 0


def test_stdin_takes_a_feed(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO((FIXTURES / "feed_atom_classic.xml").read_bytes()))
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-")
    assert code == 0 and "-: imported 2 entries (feed, dated 2016-10-09): 2 new" in out


def test_missing_file_says_where_it_looked(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", "~/surely-not-here-readq.txt")
    assert code == 2
    assert "rejected: cannot read it (no such file: ~/surely-not-here-readq.txt (" in err


def test_ctrl_c_while_reading_writes_nothing_of_that_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_parse = pipeline.parse_bytes

    def parse_then_interrupt(data: bytes, layout: str | None = None, **kwargs: Any) -> Any:
        if b"arXiv:2601.04321" in data and b"Announce" not in data:  # the mailing, second on the line
            raise KeyboardInterrupt
        return real_parse(data, layout, **kwargs)

    monkeypatch.setattr(pipeline, "parse_bytes", parse_then_interrupt)
    first, second = str(FIXTURES / "feed_atom_2025.xml"), str(FIXTURES / "arxiv_mailing.txt")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", first, second)
    assert code == 130
    assert f"{second}: interrupted; nothing from it was written" in err
    assert f"{first}: imported 1 entries" in out
    assert [p.title for p in Store(data_dir).papers.values()] == ["Schrödinger Bridges for Text Diffusion"]


def test_ctrl_c_during_the_write_lets_the_write_finish(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = Store.import_result

    def interrupted_write(self: Store, *args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGINT)  # ctrl+c arrives in the middle of the write
        return real_import(self, *args, **kwargs)

    monkeypatch.setattr(Store, "import_result", interrupted_write)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(FIXTURES / "feed_rss.xml"))
    assert code == 130
    assert "interrupted after it was imported (the write had started); stopping here" in err
    monkeypatch.undo()
    assert len(Store(data_dir)) == 3  # whole, not half
    assert (data_dir / PAPERS_FILE).read_bytes().count(b'"arxiv_id"') == 3


def test_interrupts_are_only_deferred_in_the_block() -> None:
    with pytest.raises(KeyboardInterrupt), interrupts_deferred() as came:
        os.kill(os.getpid(), signal.SIGINT)
        assert came()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_big_imports() -> None:
    quiet = io.StringIO()
    small = ImportProgress("x.txt", 10, quiet)
    small.update(1, 2)
    small.saving(5000)
    small.close()
    assert quiet.getvalue() == ""  # not a terminal: nothing drawn
    tty = FakeTty()
    big = ImportProgress("big.txt", 2_000_000, tty)
    big.update(50, 100)
    big.saving(1141)
    big.close()
    assert "reading big.txt" in tty.getvalue() or "saving 1,141 entries" in tty.getvalue()
    many = FakeTty()
    entries = ImportProgress("many.txt", 10, many)
    entries.saving(10)
    assert many.getvalue() == ""  # small and few: no bar
    entries.saving(5000)
    entries.close()
    assert "saving 5,000 entries from many" in many.getvalue()

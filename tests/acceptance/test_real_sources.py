"""Acceptance: the real arXiv mailings, feeds and BibTeX files in ``../shared/real`` import exactly.

Skipped when that folder is absent (a fresh clone has no ``../shared``). Only counts, ids and a few short
titles and names are written here, never the files' text.

How entries count: every block of a mailing is an entry (new papers, cross-lists, replacements and
replacement cross-lists), every item of a feed, every BibTeX entry that has a title (the entry with a
repeated field is read, with a warning). The same paper twice in one file (a BibTeX library that lists it
twice, once with its arXiv id) is one paper in the library.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from readq.cli.main import main
from readq.models import ParseResult
from readq.parsing import parse_bytes
from readq.parsing.arxiv import exact_arxiv_id
from readq.store import PAPERS_FILE, Store
from tests.conftest import SHARED

REAL = SHARED / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is not here (a fresh clone)")

# file prefix -> (layout, entries, arXiv ids among them, digest date, summary, papers after de-duplication)
EXPECTED = {
    "mailing_cs_AI-LG-SE": (
        "arxiv-mailing",
        1141,
        1141,
        "2026-01-20",
        "345 new, 362 cross-lists, 385 replacements, 49 replacement cross-lists",
        1141,
    ),
    "mailing_astro-ph.CO": (
        "arxiv-mailing",
        23,
        23,
        "2023-03-03",
        "5 new, 2 cross-lists, 8 replacements, 8 replacement cross-lists",
        23,
    ),
    "mailing_q-fin": ("arxiv-mailing", 16, 16, "2023-03-17", "13 new, 3 replacements", 16),
    "rss_all-archives": (
        "feed",
        1504,
        1504,
        "2024-11-28",
        "RSS: 926 new, 9 cross-lists, 569 replacements",
        1504,
    ),
    "rss_cs.LG": ("feed", 4, 4, "2026-09-24", "RSS: 2 new, 1 cross-list, 1 replacement", 4),
    "atom_api-classic": ("feed", 10, 10, "2016-10-09", "Atom: 10 items", 10),
    "atom_api-2025": ("feed", 10, 10, "2026-04-12", "Atom: 10 items", 10),
    "bib_applied-category-theory": ("bibtex", 264, 33, None, "264 entries, 33 with arXiv ids", 262),
    "bib_inspire": ("bibtex", 275, 206, None, "275 entries, 206 with arXiv ids", 275),
    "bib_mendeley": ("bibtex", 114, 12, None, "114 entries, 12 with arXiv ids", 104),
}


def _path(prefix: str) -> Path:
    (path,) = REAL.glob(prefix + "*")
    return path


def _load(prefix: str) -> ParseResult:
    return parse_bytes(_path(prefix).read_bytes())


@pytest.mark.parametrize("prefix", list(EXPECTED))
def test_each_real_file(prefix: str) -> None:
    layout, count, with_ids, date, summary, _ = EXPECTED[prefix]
    result = _load(prefix)
    assert (result.layout, len(result.entries), result.digest_date, result.summary) == (
        layout,
        count,
        date,
        summary,
    )
    ids = [e.arxiv_id for e in result.entries if e.arxiv_id]
    assert len(ids) == with_ids
    if layout != "bibtex":
        assert len(set(ids)) == count  # no paper twice in a mailing or a feed
    for entry in result.entries:
        assert entry.title and entry.title == entry.title.strip() and "  " not in entry.title
        assert "\\" not in entry.title or "$" in entry.title  # TeX left only inside math
        assert entry.arxiv_id is None or exact_arxiv_id(entry.arxiv_id) == entry.arxiv_id
        for name in entry.authors:
            assert name and not re.search(r"[\\{}$]|^and |\band$|[(,]\s*$", name), (prefix, name)
            assert "(" not in name or re.fullmatch(r"[\w.-]+ \(\w+\) [\w.-]+", name), (prefix, name)
        if layout != "bibtex":
            assert entry.authors, (prefix, entry.line)


def test_mailing_quirks() -> None:
    result = _load("mailing_cs_AI-LG-SE")
    by_id = {e.arxiv_id: e for e in result.entries}
    first = by_id["2601.11559"]
    assert (
        first.title
        == "MIMIC-RD: Can LLMs differentially diagnose rare diseases in real-world clinical settings?"
    )
    assert (len(first.authors), first.authors[0], first.authors[-1]) == (8, "Zilal Eiz AlDin", "Jimeng Sun")
    assert by_id["2601.13969"].authors[:3] == ("Joaquín Polonuer", "Lucas Vittor", "Iñaki Arango")
    assert len(by_id["2601.13969"].authors) == 7  # the closing ((1) …, (2) …) affiliation list is dropped
    assert by_id["2601.13698"].authors[2] == "Chun-Fu (Richard) Chen"
    assert by_id["2601.11775"].authors == (
        "Felix Adams",
        "Daiwei Zhu",
        "David W. Steuerman",
        "A. Gilad Kusne",
        "Ichiro Takeuchi",
    )
    assert by_id["2601.12630"].authors == ("Rohit Goswami", "Miha Gunde", "Hannes Jónsson")
    # an abstract line starting "arXiv:2601.00638]," does not start a block (1,142 lines start "arXiv:")
    assert "2601.00638" not in by_id
    withdrawn = [w for w in result.warnings if "has been withdrawn" in w.message]
    assert len(withdrawn) == len(result.warnings) == 6
    assert sum(1 for e in result.entries if e.abstract) == 345 + 362  # replacements carry none
    astro = {e.arxiv_id: e for e in _load("mailing_astro-ph.CO").entries}
    assert astro["2301.01354"].authors == ("Tianhuan Lu", "Zoltán Haiman", "Xiangchong Li")  # Oxford comma
    assert _load("mailing_q-fin").warnings == ()


def test_feed_quirks() -> None:
    rss = {e.arxiv_id: e for e in _load("rss_all-archives").entries}
    assert rss["2411.18316"].authors[0] == "Ángel Luis Muñoz Castañeda"
    assert all(not e.abstract.startswith(("arXiv:", "Abstract:")) for e in rss.values())
    classic = {e.arxiv_id: e for e in _load("atom_api-classic").entries}
    assert classic["cond-mat/0412498"].title == "Thermal melting of density waves on the square lattice"
    assert classic["cond-mat/0412498"].authors == ("Adrian Del Maestro", "Subir Sachdev")
    assert classic["1201.4869"].date == "2012-01-23"
    modern = {e.arxiv_id: e for e in _load("atom_api-2025").entries}
    assert modern["2403.16981"].authors == ("Ankit Pensia", "Varun Jog", "Po-Ling Loh")
    for prefix in ("rss_all-archives", "rss_cs.LG", "atom_api-classic", "atom_api-2025"):
        assert _load(prefix).warnings == ()


def test_bibtex_quirks() -> None:
    act = _load("bib_applied-category-theory")
    assert [w.message for w in act.warnings] == [
        "@article{Wood:1985a} gives the field 'Date' twice; the first is kept"
    ]
    by_id = {e.arxiv_id: e for e in act.entries if e.arxiv_id}
    assert by_id["math/9802029"].title == "Categorification"
    assert act.entries[0].authors == ("Karl J Åström", "Björn Wittenmark")
    inspire = _load("bib_inspire")
    assert inspire.warnings == ()  # "doi = {10.1103/A, 10.1103/B}": the first DOI, no bad link
    assert sum(1 for e in inspire.entries if e.doi) >= 250
    aamodt = next(e for e in inspire.entries if e.arxiv_id == "1012.4035")
    assert (aamodt.authors, aamodt.et_al, aamodt.venue) == (("K. Aamodt",), True, "Phys. Lett. B")
    mendeley = _load("bib_mendeley")
    [typo] = mendeley.warnings  # "url = {www.cambridge.org/…}" becomes https; "hhtp://…" is no link
    assert "'hhtp://" in typo.message and "dropped: only http(s) links are kept" in typo.message
    grover = next(e for e in mendeley.entries if e.arxiv_id == "quant-ph/9605043")  # eprint = {9605043}
    assert grover.authors == ("Lov K. Grover",)


@pytest.mark.slow
def test_import_everything_then_again(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    files = [str(_path(prefix)) for prefix in EXPECTED]
    entries = sum(v[1] for v in EXPECTED.values())
    papers = sum(v[5] for v in EXPECTED.values())
    assert main(["--data-dir", str(data_dir), "import", *files]) == 0
    out = capsys.readouterr().out
    assert f"total: {entries} entries, {papers} new, 0 already present, 0 updated; {papers} papers" in out
    store = Store(data_dir)
    assert len(store) == papers
    assert len({p.arxiv_id for p in store.papers.values() if p.arxiv_id}) == sum(
        1 for p in store.papers.values() if p.arxiv_id
    )
    before = hashlib.sha256((data_dir / PAPERS_FILE).read_bytes()).hexdigest()
    assert main(["--data-dir", str(data_dir), "import", *files]) == 0
    assert f"total: {entries} entries, 0 new" in capsys.readouterr().out
    assert hashlib.sha256((data_dir / PAPERS_FILE).read_bytes()).hexdigest() == before


# file prefix -> (entry keys, keys kept: one per paper, the same paper twice keeps its first key; DOIs)
ROUND_TRIP = {
    "bib_applied-category-theory": (264, 262, 0),
    "bib_inspire": (275, 275, 250),
    "bib_mendeley": (114, 104, 80),
}


@pytest.mark.parametrize("prefix", list(ROUND_TRIP))
def test_bibtex_round_trip_keeps_keys_dois_and_family_names(
    capsys: pytest.CaptureFixture[str], data_dir: Path, prefix: str
) -> None:
    from readq.parsing import parse
    from readq.text.person import parse_name

    keys, kept, dois = ROUND_TRIP[prefix]
    source = _load(prefix)
    assert main(["--data-dir", str(data_dir), "import", str(_path(prefix))]) == 0
    imported = capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "export", "-f", "bibtex"]) == 0
    again = parse(capsys.readouterr().out, "bibtex")
    before = {e.citekey: e for e in reversed(source.entries)}  # the first entry of a key
    after = {e.citekey: e for e in again.entries}
    assert (len(before), len(set(before) & set(after))) == (keys, kept)
    # a key lost is the second entry of a paper the file lists twice, and the import says so
    for key in set(before) - set(after):
        assert f"the key {key!r} names a paper already cited as" in imported.out
    assert {e.doi.lower() for e in source.entries if e.doi} == {e.doi.lower() for e in again.entries if e.doi}
    assert len({e.doi.lower() for e in again.entries if e.doi}) == dois

    def families(authors: tuple[str, ...]) -> list[str]:
        return [parse_name(a).family or parse_name(a).literal for a in authors]

    for key in set(before) & set(after):
        assert families(after[key].authors) == families(before[key].authors), key

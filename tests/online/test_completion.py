"""Completing a digest from the (stand-in) arXiv API, and the issue's acceptance test: a 98-paper
Hugging Face digest, an arXiv that knows most titles (some also under longer decoy titles) and only decoys
for the rest."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from readq.citations.styles import cite
from readq.library.completion import complete
from readq.library.service import Library
from readq.online.matching import query_phrase
from readq.online.services import ARXIV_PACE, Services, connect
from readq.parsing import parse
from readq.store import Store
from tests.online.standin import ArxivPaper, FakeArxiv, FakeClock, local

DIGEST = Path(__file__).parent / "fixtures" / "hf_digest_98.txt"
KNOWN = 80  # the first 80 titles are on arXiv; the other 18 only as longer decoys


def arxiv_title(i: int, title: str) -> str:
    """How arXiv spells paper ``i``'s title: the same apart from case, punctuation, spacing or TeX."""
    if i % 4 == 1:
        return title.lower().replace(" for ", " for: ") + "."
    if i % 4 == 2:
        return "{" + title[0] + "}" + title[1:]
    return title


def make_arxiv(titles: list[str]) -> FakeArxiv:
    decoys, papers = [], []
    for i, title in enumerate(titles):
        if i < KNOWN:
            papers.append(
                ArxivPaper(
                    f"2411.{10000 + i:05d}",
                    arxiv_title(i, title),
                    (f"Ana Lima{i}", "Bo Chen"),
                    abstract=f"arXiv's abstract of paper {i}.",
                    doi=f"10.5555/test.{i}" if i % 3 == 0 else None,
                    categories=("cs.CL", "cs.LG"),
                    wrap=i % 4 == 3,
                )
            )
            if i % 5 == 0:
                decoys.append(
                    ArxivPaper(f"2412.{20000 + i:05d}", f"Revisiting {title} at Scale", ("Zed Zhou",))
                )
        else:
            decoys.append(ArxivPaper(f"2412.{30000 + i:05d}", f"{title} Revisited", ("Yan Wu",)))
            decoys.append(ArxivPaper(f"2412.{40000 + i:05d}", f"Towards {title} in the Wild", ("Xi Li",)))
    return FakeArxiv(decoys + papers)  # decoys first: the API's order is not the answer


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    store = Store(tmp_path / "data")
    lib = Library(store)
    lib.import_result(parse(DIGEST.read_text(encoding="utf-8")), "hf-digest.txt")
    yield lib
    store.close()


def titles_of(library: Library) -> dict[str, str]:
    return {r.title: r.pid for r in library.records.values()}


def test_acceptance_98_paper_digest(httpserver: HTTPServer, library: Library) -> None:
    by_title = titles_of(library)
    titles = [e.title for e in parse(DIGEST.read_text(encoding="utf-8")).entries]
    assert len(titles) == 98 == len(by_title)
    arxiv = make_arxiv(titles)
    httpserver.expect_request("/api/query").respond_with_handler(arxiv.handler)
    services = Services(arxiv_api=local(httpserver, "/api/query"))
    edited = by_title[titles[3]]
    library.change("edit year", {edited: {"edits": {"year": 1999}}})
    clock = FakeClock()
    start = clock.now
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        outcome = complete(library, list(library.records), http, services, today="2026-12-04")
        starts = http.pacers[services.arxiv_api].starts
    assert outcome.requests == len(arxiv.queries) == 5  # 98 titles, 20 a request
    assert all(b - a >= ARXIV_PACE for a, b in itertools.pairwise(starts))
    assert clock.now - start < 120
    wrong = []
    for i, title in enumerate(titles):
        paper = library.records[by_title[title]].paper
        if i < KNOWN:
            if paper.arxiv_id != f"2411.{10000 + i:05d}" or paper.authors != (f"Ana Lima{i}", "Bo Chen"):
                wrong.append((i, paper.arxiv_id, paper.authors))
            assert paper.category == "cs.CL cs.LG"
            assert paper.doi == (f"10.5555/test.{i}" if i % 3 == 0 else None)
            assert paper.abstract.startswith("We study")  # the digest's abstract stays
            assert paper.filled["authors"] == "arxiv-api " + paper.filled["authors"].split()[-1]
        else:
            assert paper.arxiv_id is None and paper.authors == ()  # untouched: only decoys on arXiv
    assert wrong == []
    assert len(outcome.filled) == KNOWN and len(outcome.unknown) == 98 - KNOWN
    record = library.records[edited]
    assert record.year == 1999 and record.paper.year == 1999  # the user's edit stays
    assert "year" not in outcome.filled[edited] and record.base.year is None

    # One undoable step: undo takes every filled field back, redo brings them again.
    assert outcome.step is not None and outcome.step.label == "complete from arXiv"
    library.undo()
    assert all(r.paper.arxiv_id is None for r in library.records.values())
    library.redo()
    assert library.records[by_title[titles[0]]].paper.arxiv_id == "2411.10000"

    # Again the same day: nothing is asked (completed papers never again, unknown ones not today).
    arxiv.queries.clear()
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        again = complete(library, list(library.records), http, services, today="2026-12-04")
    assert arxiv.queries == [] and again.requests == 0 and len(again.asked_today) == 98 - KNOWN

    # A later day: only the papers arXiv did not know are asked about.
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        later = complete(library, list(library.records), http, services, today="2026-12-05")
    asked = " ".join(q["search_query"] for q in arxiv.queries)
    assert later.requests == 1 and later.filled == {}
    assert all(f'"{query_phrase(t)}"' not in asked for t in titles[:KNOWN])
    assert all(f'"{query_phrase(t)}"' in asked for t in titles[KNOWN:])


def test_citations_after_completion(httpserver: HTTPServer, library: Library) -> None:
    titles = [e.title for e in parse(DIGEST.read_text(encoding="utf-8")).entries]
    httpserver.expect_request("/api/query").respond_with_handler(make_arxiv(titles).handler)
    services = Services(arxiv_api=local(httpserver, "/api/query"))
    clock = FakeClock()
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        complete(library, list(library.records), http, services, today="2026-12-04")
    paper = library.records[titles_of(library)[titles[0]]].paper
    bibtex = cite(paper, "bibtex").text
    for field in ("author = {Lima0, Ana and Chen, Bo}", "year = {2024}", "eprint = {2411.10000}"):
        assert field in bibtex
    assert "archivePrefix = {arXiv}" in bibtex and "doi = {10.5555/test.0}" in bibtex
    assert bibtex.startswith("@misc{") or bibtex.startswith("@article{")
    apa = cite(paper, "apa").text
    assert apa.startswith("Lima0, A., & Chen, B. (2024).") and "https://doi.org/10.5555/test.0" in apa


def test_dry_run_writes_nothing(httpserver: HTTPServer, library: Library) -> None:
    titles = [e.title for e in parse(DIGEST.read_text(encoding="utf-8")).entries]
    httpserver.expect_request("/api/query").respond_with_handler(make_arxiv(titles).handler)
    services = Services(arxiv_api=local(httpserver, "/api/query"))
    clock = FakeClock()
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        outcome = complete(
            library, list(library.records)[:10], http, services, dry_run=True, today="2026-12-04"
        )
    assert outcome.filled and all("arxiv_id" in f for f in outcome.filled.values())
    assert all(r.paper.arxiv_id is None for r in library.records.values())
    assert outcome.step is None and not library.history.undo_stack[1:]
    assert not (library.store.data_dir / "lookups.json").exists()


def test_first_author_must_agree_when_the_paper_has_authors(httpserver: HTTPServer, tmp_path: Path) -> None:
    from readq.models import Entry, ParseResult

    store = Store(tmp_path / "d")
    library = Library(store)
    entries = (Entry("Quiet Models", authors=("Carla Diaz",)), Entry("Loud Models", authors=("Dan Eck",)))
    library.import_result(ParseResult("alphaxiv", entries, "2026-12-01"), "alpha.txt")
    arxiv = FakeArxiv(
        [
            ArxivPaper("2401.00001", "Quiet Models", ("Someone Else",)),
            ArxivPaper("2401.00002", "Loud Models", ("D. Eck", "F. Gold"), published="2024-01-02T00:00:00Z"),
        ]
    )
    httpserver.expect_request("/api/query").respond_with_handler(arxiv.handler)
    services = Services(arxiv_api=local(httpserver, "/api/query"))
    clock = FakeClock()
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        outcome = complete(library, list(library.records), http, services, today="2026-12-04")
    papers = {r.title: r.paper for r in library.records.values()}
    assert papers["Quiet Models"].arxiv_id is None
    assert papers["Loud Models"].arxiv_id == "2401.00002"
    assert papers["Loud Models"].authors == ("Dan Eck",)  # the paper's own authors stay
    assert papers["Loud Models"].date == "2024-01-02"
    assert len(outcome.unknown) == 1
    store.close()


def test_a_completed_paper_is_not_seen_twice_and_arxiv_is_no_digest(
    httpserver: HTTPServer, library: Library
) -> None:
    """Completion goes through the import pipeline as the source ``arxiv-api``: that is a lookup, not a digest
    the user read, so it has no view in the sidebar and does not count as a second sighting (``seen:``, the
    times-seen sort and the suggested order learn from that count)."""
    titles = [e.title for e in parse(DIGEST.read_text(encoding="utf-8")).entries]
    httpserver.expect_request("/api/query").respond_with_handler(make_arxiv(titles).handler)
    services = Services(arxiv_api=local(httpserver, "/api/query"))
    clock = FakeClock()
    with connect(services, monotonic=clock.monotonic, sleep=clock.sleep) as http:
        outcome = complete(library, list(library.records), http, services, today="2026-12-04")
    assert outcome.filled
    for pid in outcome.filled:
        record = library.records[pid]
        assert any(s.file == "arxiv-api" for s in record.sources)
        assert record.n_sources == 1
    assert [v.key for v in library.views() if v.key.startswith("digest:")] == ["digest:hf-digest.txt"]

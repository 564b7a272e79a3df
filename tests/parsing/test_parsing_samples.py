"""The sample digests shipped in ``readq.samples`` (used by ``readq demo``)."""

from __future__ import annotations

import pytest

from readq.parsing import parse_bytes
from readq.samples import sample_paths

EXPECTED = {
    "001_hf_daily.txt": ("hf-blank", 14, "Nov 23"),
    "002_hf_compact.txt": ("hf-compact", 12, None),
    "003_alphaxiv.txt": ("alphaxiv", 14, None),
}


def test_sample_paths() -> None:
    paths = sample_paths()
    assert [p.name for p in paths] == sorted(EXPECTED)
    assert all(p.is_file() for p in paths)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_parses_cleanly(name: str) -> None:
    (path,) = [p for p in sample_paths() if p.name == name]
    result = parse_bytes(path.read_bytes())
    assert (result.layout, len(result.entries), result.digest_date, result.warnings) == (*EXPECTED[name], ())
    assert all(600 <= len(e.abstract) <= 1200 for e in result.entries)
    assert len({e.identity for e in result.entries}) == len(result.entries)


def test_samples_overlap_and_look_like_a_real_morning() -> None:
    results = {p.name: parse_bytes(p.read_bytes()) for p in sample_paths()}
    titles = {name: {e.title for e in r.entries} for name, r in results.items()}
    hf_daily, hf_compact, alphaxiv = (titles[n] for n in sorted(EXPECTED))
    assert len(hf_daily & hf_compact) == 2
    assert len(alphaxiv & (hf_daily | hf_compact)) == 2
    assert len(hf_daily | hf_compact | alphaxiv) == 36
    every = hf_daily | hf_compact | alphaxiv
    assert not [t for t in every if any(c in t for c in "[]<>@\\$")]  # nothing a newcomer reads as a bug
    papers = results["003_alphaxiv.txt"].entries
    assert all(e.authors for e in papers)
    assert sum(e.score is not None for e in papers) == 12
    assert sum(e.et_al for e in papers) >= 5 and sum(e.code for e in papers) >= 3
    assert sum(e.organisation is not None for e in papers) >= 4

"""Watch terms and saved-search names: what is accepted, how it is written and shown, what it matches."""

from __future__ import annotations

import pytest

from readq.discovery.lists import (
    WatchError,
    candidate_watches,
    clean_search_name,
    load_watches,
    match_watches,
    parse_watch,
)
from readq.library.service import Library
from readq.store import Store
from tests.discovery_data import NEAR_DUPLICATE, ORIGINAL


@pytest.mark.parametrize(
    ("typed", "term", "key", "label"),
    [
        ('author:"Percy Liang"', 'author:"Percy Liang"', "author:percy liang", "author Percy Liang"),
        ("author:Percy Liang", 'author:"Percy Liang"', "author:percy liang", "author Percy Liang"),
        ("  AUTHORS:liang ", "author:liang", "author:liang", "author liang"),
        ("cat:cs.CL", "cat:cs.CL", "cat:cs.cl", "category cs.CL"),
        ("category:CL", "cat:CL", "cat:cl", "category CL"),
        ("title:bench", "title:bench", "title:bench", "title bench"),
        ("diffusion", "diffusion", "text:diffusion", '"diffusion"'),
        (
            "Large Language Models",
            '"Large Language Models"',
            "text:large language models",
            '"Large Language Models"',
        ),
        (
            '"in-context learning"',
            '"in-context learning"',
            "text:in-context learning",
            '"in-context learning"',
        ),
        ("Jürgen", "Jürgen", "text:jurgen", '"Jürgen"'),
    ],
)
def test_parse_watch(typed: str, term: str, key: str, label: str) -> None:
    watch = parse_watch(typed)
    assert (watch.term, watch.key, watch.label) == (term, key, label)
    assert parse_watch(watch.term).key == key  # the stored term reads back as the same watch


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "nothing to watch"),
        ("is:read", "is: is about your own triage"),
        ("p:>=2", "p: is about your own triage"),
        ("tag:ml", "tag: is about your own triage"),
        ("a OR b", "not one term"),
        ("-survey", "not one term"),
        ("(liang", "column 1: unbalanced parenthesis"),
        ('author:"Percy', "column 8: unterminated quote"),
        ("foo:bar", "unknown field 'foo'"),
    ],
)
def test_parse_watch_refuses(typed: str, message: str) -> None:
    with pytest.raises(WatchError) as caught:
        parse_watch(typed)
    assert message in str(caught.value)


def test_load_watches_skips_broken_and_repeated_terms() -> None:
    watches = load_watches(["author:liang", "is:read", "AUTHOR:Liang", "cat:CL"])
    assert [w.term for w in watches] == ["author:liang", "cat:CL"]


def test_match_watches_like_the_query_language(lib_store: Store) -> None:
    library = Library(lib_store)
    library.build_search_index()
    records = list(library.records.values())
    watches = load_watches(['author:"Percy Liang"', "cat:CV", "tactile", '"million tokens"'])
    found = match_watches(watches, records)
    by_title = {library.records[pid].title: index for pid, index in found.items()}
    assert by_title == {
        ORIGINAL: 0,  # Percy Liang first, though the phrase matches too
        NEAR_DUPLICATE: 0,
        "Learning to Refuse: Safety Fine-Tuning Without Capability Loss": 0,
        "Scaling Laws for Data Pruning in Vision-Language Models": 1,
        "Robot Grasping from a Few Demonstrations": 2,  # the word is in the abstract only
        "Dense Passage Retrieval at a Million Tokens": 3,
    }
    for record in records:  # the same as the terms as searches
        assert (record.pid in found) == any(w.query.matches(record) for w in watches)


def test_candidate_watches_are_the_authors_and_each_category() -> None:
    found = candidate_watches(("Percy Liang", "Robin Jia", "Percy  Liang"), "cs.CL cs.LG")
    assert [w.term for w in found] == ['author:"Percy Liang"', 'author:"Robin Jia"', "cat:cs.CL", "cat:cs.LG"]
    assert candidate_watches((), None) == []


def test_search_names_are_cleaned() -> None:
    assert clean_search_name("  my \x1b[31m  reading\n") == "my [31m reading"
    for bad in ("", "   ", "\x00"):
        with pytest.raises(ValueError, match=r"^a saved search needs a name$"):
            clean_search_name(bad)
    with pytest.raises(ValueError, match=r"^a saved search's name has at most 60 characters$"):
        clean_search_name("x" * 61)
    assert clean_search_name("x" * 60) == "x" * 60

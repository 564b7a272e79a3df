"""Names as sources write them: an inner capital (JaeHyun) glued to an alphaXiv title, and one person's name
written another way (A. Del Maestro, Del Maestro, Adrian) found by the same author: term and watch."""

from __future__ import annotations

import pytest

from readq.discovery.lists import parse_watch
from readq.library.records import Record
from readq.models import Paper
from readq.parsing.names import split_title_authors
from readq.query.matching import filter_records, parse_query
from readq.user_state import PaperState


@pytest.mark.parametrize(
    ("line", "title", "authors"),
    [
        (
            "Scaling Laws for RetrievalJaeHyun Kim, Ada Lovelace",
            "Scaling Laws for Retrieval",
            ("JaeHyun Kim", "Ada Lovelace"),
        ),
        (
            "Vision Models Are Robust LearnersJaeHyun Park, Seung-Won Lee et al.",
            "Vision Models Are Robust Learners",
            ("JaeHyun Park", "Seung-Won Lee"),
        ),
        ("Learning to SeeMaria Lopez", "Learning to See", ("Maria Lopez",)),  # as before
        (  # a camel-case title word stays whole: no given name is made of "Bench" and "Chloé"
            "Evaluation with NeedleBenchChloé Martin-Dubois, Yusuf Demir",
            "Evaluation with NeedleBench",
            ("Chloé Martin-Dubois", "Yusuf Demir"),
        ),
    ],
)
def test_an_inner_capital_does_not_move_the_split(line: str, title: str, authors: tuple[str, ...]) -> None:
    split = split_title_authors(line)
    assert split is not None and (split.title, split.authors) == (title, authors)


def record(pid: str, *authors: str) -> Record:
    return Record.build(Paper(pid, pid, f"Paper {pid}", authors=authors), PaperState())


RECORDS = [
    record("a", "A. Del Maestro", "Jane Doe"),
    record("b", "Del Maestro, Adrian"),
    record("c", "Adrian Del Maestro"),
    record("d", "Bruno Del Maestro"),
    record("e", "Adrian Maestro-Smith"),
]


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ('author:"Adrian Del Maestro"', {"a", "b", "c"}),
        ('author:"A. Del Maestro"', {"a", "b", "c"}),
        ("author:maestro", {"a", "b", "c", "d", "e"}),  # one word: a substring, as before
        ('author:"Jane Doe"', {"a"}),
        ('author:"Doe Jane"', {"a"}),  # the same words in another order
    ],
)
def test_author_terms_find_the_same_person_written_another_way(term: str, found: set[str]) -> None:
    assert {r.pid for r in filter_records(parse_query(term), RECORDS)} == found
    assert {r.pid for r in RECORDS if parse_watch(term).matches(r)} == found

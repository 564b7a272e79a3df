"""The query language, views and sort orders (readq.query.matching / readq.query.language)."""

from __future__ import annotations

from itertools import permutations
from typing import Any

import pytest

from readq.library.records import Record
from readq.models import Paper, Source
from readq.query.language import And, Field, Not, Or, Text, parse
from readq.query.matching import (
    SORT_KEYS,
    VIEWS,
    QueryError,
    date_sort_key,
    describe_sort,
    filter_records,
    narrows,
    parse_query,
    sort_records,
    view_predicate,
)
from readq.user_state import PaperState


def paper(pid: str, title: str = "Untitled", **fields: Any) -> Paper:
    return Paper(id=pid, identity=f"title:{pid}", title=title, **fields)


def record(pid: str, title: str = "Untitled", state: PaperState | None = None, **fields: Any) -> Record:
    return Record.build(paper(pid, title, **fields), state or PaperState())


def src(file: str, imported: str = "2024-06-03T09:00:00+00:00", date: str | None = None) -> Source:
    return Source(file=file, date=date, imported=imported, layout="hf-blank")


CORPUS = [
    record(
        "a1",
        "Are Sample-Efficient NLP Models More Robust?",
        authors=("Nelson F. Liu", "Ananya Kumar", "Percy Liang"),
        abstract="A large empirical study of robustness across three tasks.",
        category="cs.CL",
        date="Oct 12, 2022",
        score=21.6,
        code=True,
        sources=(src("000_alpha.txt"),),
        added="2024-06-03T09:00:00+00:00",
    ),
    record(
        "b2",
        "Adversarial Examples for Reading Comprehension",
        state=PaperState(read=True, priority=2, note="Great baseline; re-read §3", tags=("ML", "qa")),
        authors=("Robin Jia", "Percy Liang"),
        abstract="We propose an adversarial evaluation scheme for SQuAD.",
        category="CL",
        date="2017-07-21",
        doi="10.18653/v1/D17-1215",
        sources=(src("001_hf.txt"), src("002_hf.txt")),
        added="2024-06-04T09:00:00+00:00",
    ),
    record(
        "c3",
        "Jürgen's Long Short-Term Memory",
        state=PaperState(priority=3, triaged=True),
        authors=("Jürgen Schmidhuber",),
        abstract="Recurrent networks that remember: see http://example.org/lstm for code.",
        category="LG",
        date="Jun 2",
        score=13.7,
        sources=(src("001_hf.txt", imported="2023-06-10T00:00:00+00:00"),),
        added="2024-06-02T09:00:00+00:00",
    ),
    record(
        "d4",
        "Straße [bold]Markup[/] Title",
        state=PaperState(priority=1, note="to skim", tags=("Reading-Group",)),
        abstract="",
        sources=(src("003_other.txt"),),
        added="2024-06-05T09:00:00+00:00",
    ),
    record("e5", "Untitled Preprint", added="2024-06-01T09:00:00+00:00", year=2021),
]


def ids(query: str, records: list[Record] | None = None) -> set[str]:
    q = parse_query(query)
    pool = CORPUS if records is None else records
    found = [r.paper.id for r in pool if q.matches(r)]
    assert [r.paper.id for r in filter_records(q, pool)] == found  # the fast path agrees with matches()
    return set(found)


ALL = {"a1", "b2", "c3", "d4", "e5"}


# -- grammar ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a b", And((Text("a"), Text("b")))),
        ("a AND b", And((Text("a"), Text("b")))),
        ("a OR b c", Or((Text("a"), And((Text("b"), Text("c")))))),
        ("a b OR c", Or((And((Text("a"), Text("b"))), Text("c")))),
        ("NOT a b", And((Not(Text("a")), Text("b")))),
        ("-a OR b", Or((Not(Text("a")), Text("b")))),
        ("(a OR b) c", And((Or((Text("a"), Text("b"))), Text("c")))),
        ("-(a OR b)", Not(Or((Text("a"), Text("b"))))),
        ("NOT NOT a", Text("a")),
        ("--a", Text("a")),
        ("a or b", And((Text("a"), Text("or"), Text("b")))),  # lowercase keywords are words
        ("(a (b c))", And((Text("a"), Text("b"), Text("c")))),
        ('"Large  Language" x', And((Text("large language"), Text("x")))),
        ('-"a phrase"', Not(Text("a phrase"))),
        ('author:"Percy Liang"', Field("author", "percy liang")),
        ("-author:Liang", Not(Field("author", "liang"))),
        ("http://x.org/a", Text("http://x.org/a")),
        ('"doi:10.1/x"', Text("doi:10.1/x")),
        ("f(x)", Text("f(x)")),
        ("(f(x))", Text("f(x)")),
        (
            "priority:2 category:cl source:001 tags:ml",
            And((Field("p", 2), Field("cat", "cl"), Field("src", "001"), Field("tag", "ml"))),
        ),
        ("P:>=2 Year:<2020", And((Field("p", 2, ">="), Field("year", 2019 + 1, "<")))),
    ],
)
def test_parse_tree(text: str, tree: object) -> None:
    assert parse(text) == tree


def test_empty_query_matches_everything() -> None:
    for text in ("", "   ", "\t\n"):
        query = parse_query(text)
        assert query.is_empty and query.text == text
        assert ids(text) == ALL


def test_query_keeps_its_text() -> None:
    assert parse_query("author:liang  -is:read").text == "author:liang  -is:read"


# -- matching -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("robust", {"a1"}),
        ("ROBUST study", {"a1"}),
        ("liang", {"a1", "b2"}),  # authors are searched
        ("squad", {"b2"}),  # abstract
        ("baseline", {"b2"}),  # note
        ("baseline adversarial", {"b2"}),  # one word in the note, one in the title
        ("baseline squad adversarial evaluation", {"b2"}),  # four words, the note among them
        ("skim straße", {"d4"}),
        ("jurgen", {"c3"}),  # accents folded
        ("JÜRGEN", {"c3"}),
        ("strasse", {"d4"}),  # ß folds to ss
        ('"reading comprehension"', {"b2"}),
        ('"comprehension reading"', set()),
        ('"percy liang"', {"a1", "b2"}),
        ("-liang", {"c3", "d4", "e5"}),
        ("NOT liang", {"c3", "d4", "e5"}),
        ('-"reading comprehension"', ALL - {"b2"}),
        ("liang -robin", {"a1"}),
        ("liang OR jurgen", {"a1", "b2", "c3"}),
        ("(author:liang OR author:jurgen) -is:read", {"a1", "c3"}),
        ("robust OR adversarial squad", {"a1", "b2"}),
        ("NOT robust OR squad", ALL - {"a1"}),
        ("-(liang OR jurgen)", {"d4", "e5"}),
        ("[bold]markup[/]", {"d4"}),  # brackets are text, never markup
        ("[/]", {"d4"}),
        ("http://example.org/lstm", {"c3"}),
        ("nothing-like-this", set()),
    ],
)
def test_free_text_and_boolean(text: str, expected: set[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("author:liang", {"a1", "b2"}),
        ('author:"Percy Liang"', {"a1", "b2"}),
        ('author:"liang, robin"', set()),  # one author at a time
        ("author:schmidhuber", {"c3"}),
        ("author:robust", set()),
        ("title:robust", {"a1"}),
        ("title:study", set()),  # only in the abstract
        ("abstract:study", {"a1"}),
        ("abstract:robust", {"a1"}),  # "robustness"
        ("abstract:adversarial", {"b2"}),
        ("abstract:reading", set()),  # only in the title
        ("note:baseline", {"b2"}),
        ("note:§3", {"b2"}),
        ("note:adversarial", set()),
        ("-note:baseline", ALL - {"b2"}),
        ("is:read", {"b2"}),
        ("is:unread", ALL - {"b2"}),
        ("IS:READ", {"b2"}),
        ("has:note", {"b2", "d4"}),
        ("has:tags", {"b2", "d4"}),
        ("has:authors", {"a1", "b2", "c3"}),
        ("has:code", {"a1"}),
        ("has:abstract", {"a1", "b2", "c3"}),
        ("-has:abstract", {"d4", "e5"}),
        ("tag:ml", {"b2"}),
        ("tag:ML tag:QA", {"b2"}),
        ("tag:m", set()),  # exact
        ("tag:reading-group", {"d4"}),
        ('tag:"reading-group"', {"d4"}),
        ("cat:cl", {"a1", "b2"}),  # "cs.CL" and "CL"
        ("cat:cs", {"a1", "b2", "c3"}),  # a bare "CL" or "LG" is arXiv's cs.CL, cs.LG
        ("cat:CS.C", {"a1", "b2"}),
        ("cat:cs.CL", {"a1", "b2"}),  # however the source wrote it
        ("cat:cs.lg", {"c3"}),
        ("cat:c", {"a1", "b2", "c3"}),
        ("cat:l", {"c3"}),  # "LG" yes; "cs.CL" has no part starting with l
        ("cat:g", set()),
        ("src:001", {"b2", "c3"}),
        ("src:hf", {"b2", "c3"}),
        ("src:.TXT", {"a1", "b2", "c3", "d4"}),
        ("source:alpha", {"a1"}),
        ("year:2022", {"a1"}),
        ("year:2023", {"c3"}),  # "Jun 2", imported in 2023
        ("year:2021", {"e5"}),  # no date, but a year
        ("year:>=2021", {"a1", "c3", "e5"}),
        ("year:<2020", {"b2"}),
        ("year:>2022", {"c3"}),
        ("-year:>=2000", {"d4"}),  # no year at all
        ("doi:10.18653/v1/d17-1215", {"b2"}),  # DOIs compare without case
        ("doi:10.18653", {"b2"}),
        ("doi:10.1103", set()),
        ("has:doi", {"b2"}),
    ],
)
def test_fields(text: str, expected: set[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p:0", {"z0"}),  # triaged at 0; a1 and e5 were never given a priority
        ("p:=0", {"z0"}),
        ("p:2", {"b2"}),
        ("p:>=2", {"b2", "c3"}),
        ("p:>1", {"b2", "c3"}),
        ("p:<=1", {"d4", "z0"}),
        ("p:<3", {"b2", "d4", "z0"}),
        ("p:>3", set()),
        ("p:<0", set()),
        ("-p:0", ALL),
        ("priority:3", {"c3"}),
    ],
)
def test_priority_comparisons(text: str, expected: set[str]) -> None:
    triaged_at_zero = record("z0", "Read the Abstract, Skipped", state=PaperState(priority=0, triaged=True))
    assert ids(text, [*CORPUS, triaged_at_zero]) == expected


def test_note_follows_state_changes() -> None:
    rec = record("n1", "Plain title")
    assert not ids("wonderful", [rec])
    rec.state = PaperState(note="A Wonderful read")  # the library replaces state in place
    assert ids("wonderful", [rec]) == {"n1"}
    assert ids("note:wonderful has:note", [rec]) == {"n1"}
    rec.set_state(PaperState(note="dull"))
    assert not ids("wonderful", [rec])
    twin = rec.with_state(PaperState(note="wonderful again", read=True))
    assert ids("wonderful is:read", [twin]) == {"n1"}
    assert rec.state.note == "dull" and twin.haystack is rec.haystack


def test_record_build_haystack() -> None:
    rec = record("h1", "Title Ü", authors=("Ann Lee", "Bo Li"), abstract="The Abstract")
    assert rec.haystack == "title u\nann lee, bo li\nthe abstract"
    assert rec.title_cf == "title u"
    assert rec.authors_cf == ("ann lee", "bo li")


def test_filter_records_over_many_records_agrees_with_matches() -> None:
    # Enough records that the words are ranked on a sample before filtering.
    pool = [
        record(
            f"{i:05d}",
            f"paper {i} about {'graphs' if i % 3 else 'language'} models",
            state=PaperState(note="starred language" if i % 7 == 0 else "", read=i % 2 == 0),
            abstract=f"we study {'robust' if i % 5 == 0 else 'fast'} things number{i}",
        )
        for i in range(3000)
    ]
    for text in (
        "language robust",
        "robust language models",
        "models language robust things paper",
        "starred graphs",
        "language -is:read robust",
        "number12 OR number2999",
        "zzz",
    ):
        query = parse_query(text)
        assert filter_records(query, pool) == [r for r in pool if query.matches(r)], text
    found = filter_records(parse_query("starred graphs robust"), pool)
    assert found and all(int(r.paper.id) % 35 == 0 and int(r.paper.id) % 3 for r in found)


# -- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("a b c (d", 7, "unbalanced parenthesis"),
        ("(a b", 1, "unbalanced parenthesis"),
        ("a b)", 4, "unbalanced parenthesis"),
        (")", 1, "unbalanced parenthesis"),
        ("(a OR (b c)", 1, "unbalanced parenthesis"),
        ("()", 1, "empty parentheses"),
        ("a OR", 3, "dangling OR"),
        ("OR a", 1, "dangling OR"),
        ("a OR OR b", 3, "dangling OR"),
        ("(a OR) b", 4, "dangling OR"),
        ("a AND", 3, "dangling AND"),
        ("a NOT", 3, "dangling NOT"),
        ("NOT", 1, "dangling NOT"),
        ("a NOT OR b", 3, "dangling NOT"),
        ("a -", 3, "dangling '-'"),
        ("a - b", 3, "dangling '-'"),
        ("(a -)", 4, "dangling '-'"),
        ("author:", 1, "author: needs a value"),
        ("x title:", 3, "title: needs a value"),
        ('author:""', 1, "author: needs a value"),
        ('""', 1, "empty phrase"),
        ("p:7", 3, "bad priority '7'"),
        ("p:>=x", 3, "bad priority '>=x'"),
        ("ab p:-1", 6, "bad priority"),
        ("year:soon", 6, "bad year 'soon'"),
        ("is:maybe", 4, "unknown is:maybe"),
        ("has:wings", 5, "unknown has:wings"),
        ('"abc', 1, "unterminated quote"),
        ('a "b c', 3, "unterminated quote"),
        ('author:"Percy', 8, "unterminated quote"),
        ("foo:bar", 1, "unknown field 'foo'"),
        ("x -dio:10.1/x", 4, "unknown field 'dio'"),
        ("a\x00)", 3, "unbalanced parenthesis"),  # control characters keep columns
    ],
)
def test_errors(text: str, column: int, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.column == column
    assert message in error.message
    assert str(error) == f"column {column}: {error.message}"


def test_unknown_field_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("foo:bar")
    assert str(caught.value).startswith("column 1: unknown field 'foo'; known: author, title, abstract, note")


# -- narrows ------------------------------------------------------------------------------------------

NARROWS = [
    ("", "a"),
    ("lang", "langu"),
    ("lang", "language"),
    ("a", "a b"),
    ("a b", "b a"),
    ("a", "a -is:read"),
    ("a", "a -b"),
    ("a b", "ab b"),
    ("is:unread", "is:unread p:2"),
    ("p:>=1", "p:>=2"),
    ("p:>=1", "p:3"),
    ("year:>2000", "year:2020"),
    ("title:tra", "title:transformer"),
    ("author:li", "author:liang"),
    ("trans", "title:transformer"),
    ("lia", 'author:"percy liang"'),
    ("cat:c", "cat:cs"),
    ("a OR b", "a"),
    ("a OR b", "a c"),
    ("-foo", "-fo"),
    ("(a OR b) c", "(a OR b) c d"),
    ('"large language"', '"large language model"'),
    ("same query", "same query"),
]

NOT_NARROWS = [
    ("a", ""),
    ("langu", "lang"),
    ("a", "a OR b"),
    ("a", "-a"),
    ("-fo", "-foo"),
    ("a b", "a"),
    ("a", "a ("),
    ("a", "a OR"),
    ("(", "a"),
    ("p:>=2", "p:>=1"),
    ("tag:m", "tag:ml"),
    ("src:1", "title:1"),
    ("title:x", "x"),
    ("is:read", "is:unread"),
    ("cat:cs", "cat:c"),
    ("note:x", "x"),
]


@pytest.mark.parametrize(("old", "new"), NARROWS)
def test_narrows(old: str, new: str) -> None:
    assert narrows(old, new)


@pytest.mark.parametrize(("old", "new"), NOT_NARROWS)
def test_does_not_narrow(old: str, new: str) -> None:
    assert not narrows(old, new)


def test_narrows_is_sound_on_the_corpus() -> None:
    queries = [
        "",
        "liang",
        "lian",
        "liang -robin",
        "author:liang",
        "author:lia",
        "is:unread",
        "p:>=1",
        "p:>=2",
        "liang OR jurgen",
        "-liang",
        "-lian",
        "title:robust",
        "robust",
        "cat:c",
        "cat:cl",
        "year:>=2021",
        "year:2022",
        "has:note",
        "note:baseline",
        "baseline",
    ]
    for old, new in permutations(queries, 2):
        if narrows(old, new):
            assert ids(new) <= ids(old), (old, new)


def test_narrows_gives_up_on_huge_queries() -> None:
    old = " ".join(f"w{i}" for i in range(3000))
    assert narrows(old, old + " x")  # identical conjuncts are matched by hash
    assert not narrows(
        " OR ".join(f"(a{i} b{i})" for i in range(300)), " OR ".join(f"(b{i} a{i} c)" for i in range(300))
    )


# -- hostile input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a " * 5000,
        "x" * 10_000,
        "a OR " * 2000 + "a",
        "NOT " * 2500 + "a",
        "-" * 9_999 + "a",
        "(a " * 50 + ")" * 50,
        "\x00\x1b[31m red \x07\x7f\u200b[/]" * 500,
        "[bold red]" * 1000,
        "author:x " * 1000,
        '"' + "a b " * 2500 + '"',
        "(is:unread p:<3 -has:note -tag:a cat:c -src:zz year:>1 " * 100 + "x" + ")" * 100,
        "(is:unread OR p:<3 OR -has:note OR cat:c " * 100 + "x" + ")" * 100,
    ],
)
def test_hostile_queries_complete(text: str) -> None:
    query = parse_query(text)
    found = filter_records(query, CORPUS)
    assert found == [r for r in CORPUS if query.matches(r)]  # a subset, in order, agreeing record by record
    wider = narrows(text, text + " b")
    assert isinstance(wider, bool)
    if wider:  # a narrowing claim must hold: the longer query matches no record the shorter one missed
        longer = parse_query(text + " b")
        assert all(r in found for r in CORPUS if longer.matches(r))


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("(" * 10_000, 101),
        ('"' * 10_001, 1),
        ('a "' + "b " * 5000, 3),
        ("a " * 4000 + ")", 8001),
        ("x:" * 5000, 1),
    ],
)
def test_hostile_queries_fail_cleanly(text: str, column: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.column == column


def test_control_characters_are_spaces() -> None:
    assert ids("liang\x00robin") == {"b2"}
    assert ids("\x1b[31mliang") == ids("[31mliang") == set()


# -- views --------------------------------------------------------------------------------------------


def test_views() -> None:
    def members(view: str) -> set[str]:
        keep = view_predicate(view)
        return {r.paper.id for r in CORPUS if keep(r)}

    assert VIEWS == ("inbox", "queue", "read", "all", "snoozed")
    assert members("inbox") == {"a1", "e5"}
    assert members("queue") == {"c3", "d4"}
    assert members("read") == {"b2"}
    assert members("all") == ALL
    assert members("snoozed") == set()  # the library sets the flag from its clock
    with pytest.raises(ValueError, match="unknown view"):
        view_predicate("later")


# -- dates and sorting --------------------------------------------------------------------------------


def dated(pid: str, when: str | None, imported: str = "2024-06-03T09:00:00+00:00", **fields: Any) -> Paper:
    return paper(pid, date=when, sources=(src("x.txt", imported=imported),), **fields)


@pytest.mark.parametrize(
    ("when", "imported", "key"),
    [
        ("Oct 12, 2022", "2024-06-03T00:00:00+00:00", (1, 2022, 10, 12)),
        ("October 12 2022", "", (1, 2022, 10, 12)),
        ("Jun 2", "2024-06-03T00:00:00+00:00", (1, 2024, 6, 2)),
        ("Sept 9", "2024-09-03T00:00:00+00:00", (1, 2024, 9, 9)),  # a few days ahead: same year
        ("Dec 30", "2025-01-02T08:00:00+00:00", (1, 2024, 12, 30)),  # imported just after new year
        ("Jun 2", "", (1, 0, 6, 2)),  # no import time, no year
        ("2024-05-01", "", (1, 2024, 5, 1)),
        ("2024-05-01T10:00:00Z", "", (1, 2024, 5, 1)),
        ("2024-05", "", (1, 2024, 5, 0)),
        ("12 Oct 2022", "", (1, 2022, 10, 12)),
        (None, "2024-06-03T00:00:00+00:00", (0, 0, 0, 0)),
        ("soon", "2024-06-03T00:00:00+00:00", (0, 0, 0, 0)),
        ("Foo 12", "", (0, 0, 0, 0)),
        ("2024-13-01", "", (0, 0, 0, 0)),
        ("Feb 29", "2023-03-01T00:00:00+00:00", (1, 2023, 2, 29)),  # kept as written
    ],
)
def test_date_sort_key(when: str | None, imported: str, key: tuple[int, ...]) -> None:
    assert date_sort_key(dated("x", when, imported)) == key


def test_date_sort_key_without_sources_or_date() -> None:
    assert date_sort_key(paper("x", date="Jun 2", year=2020)) == (1, 2020, 6, 2)
    assert date_sort_key(paper("x", date="Jun 2")) == (1, 0, 6, 2)
    assert date_sort_key(paper("x", year=2019)) == (1, 2019, 0, 0)


def order(key: str, reverse: bool | None = None, pool: list[Record] | None = None) -> list[str]:
    return [r.paper.id for r in sort_records(CORPUS if pool is None else pool, key, reverse)]


def test_sort_added() -> None:
    assert order("added") == ["d4", "b2", "a1", "c3", "e5"]
    assert order("added", reverse=False) == ["e5", "c3", "a1", "b2", "d4"]
    assert order("added", reverse=True) == order("added")


def test_sort_priority_then_added() -> None:
    pool = [*CORPUS, record("f6", state=PaperState(priority=2), added="2024-06-09T00:00:00+00:00")]
    assert order("priority", pool=pool) == ["c3", "f6", "b2", "d4", "a1", "e5"]
    assert order("priority", reverse=False, pool=pool) == ["e5", "a1", "d4", "b2", "f6", "c3"]


def test_sort_date_newest_first_missing_last() -> None:
    # a1 2022-10-12, b2 2017-07-21, c3 Jun 2 (imported 2023) -> 2023-06-02, e5 year 2021, d4 none.
    assert order("date") == ["c3", "a1", "e5", "b2", "d4"]
    assert order("date", reverse=False) == ["b2", "e5", "a1", "c3", "d4"]


def test_sort_score_missing_last_either_way() -> None:
    assert order("score") == ["a1", "c3", "b2", "d4", "e5"]
    assert order("score", reverse=False) == ["c3", "a1", "b2", "d4", "e5"]


def test_sort_title_casefolded() -> None:
    pool = [
        record("z", "beta"),
        record("y", "Alpha"),
        record("x", "Ärger"),
        record("w", "alpha"),
        record("v", "   "),
    ]
    assert order("title", pool=pool) == ["w", "y", "x", "z", "v"]  # ties by id; blank titles last
    assert order("title", reverse=True, pool=pool) == ["z", "x", "y", "w", "v"]


def test_sort_seen_most_sources_first() -> None:
    assert order("seen") == ["b2", "d4", "a1", "c3", "e5"]  # then newest added
    assert order("seen", reverse=False)[:1] == ["e5"]


def test_sort_ties_are_deterministic() -> None:
    pool = [record(pid, "same", added="2024-01-01T00:00:00+00:00", score=1.0) for pid in "dbca"]
    for key in SORT_KEYS:
        first = order(key, pool=pool)
        assert first == order(key, pool=list(reversed(pool)))
        assert sorted(first) in (first, first[::-1])
    assert order("title", pool=pool) == ["a", "b", "c", "d"]


def test_sort_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="unknown sort key"):
        sort_records(CORPUS, "colour")
    with pytest.raises(ValueError, match=r"^unknown sort key 'colour'; known: added, priority, "):
        describe_sort("colour")


def test_describe_sort() -> None:
    assert describe_sort("added") == "added (newest first)"
    assert describe_sort("added", reverse=False) == "added (oldest first)"
    assert describe_sort("priority") == "priority (highest first)"
    assert describe_sort("date") == "date (newest first)"
    assert describe_sort("score") == "score (highest first)"
    assert describe_sort("title") == "title (A–Z)"
    assert describe_sort("title", reverse=True) == "title (Z–A)"
    assert describe_sort("seen") == "seen (most sources first)"


# -- discovery: is:watched, the issue's example, the suggested order ---------------------------------------


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("is:watched", Field("is", "watched")),
        (
            "(author:liang OR author:jia) -is:read",
            And((Or((Field("author", "liang"), Field("author", "jia"))), Not(Field("is", "read")))),
        ),
        ("NOT is:watched OR p:3", Or((Not(Field("is", "watched")), Field("p", 3)))),
        ('is:watched "tiny experts"', And((Field("is", "watched"), Text("tiny experts")))),
    ],
)
def test_discovery_grammar(text: str, tree: object) -> None:
    assert parse(text) == tree


def test_is_watched_matches_the_flag_the_library_sets() -> None:
    pool = [record(pid) for pid in ("a", "b", "c")]
    pool[1].watched_by = "author Percy Liang"
    assert [r.pid for r in filter_records(parse_query("is:watched"), pool)] == ["b"]
    assert [r.pid for r in filter_records(parse_query("-is:watched"), pool)] == ["a", "c"]
    assert pool[1].with_state(PaperState(read=True)).watched_by == "author Percy Liang"


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("is:watch", 4, "unknown is:watch; known: read, unread, watched"),
        ("(author:liang OR author:jia -is:read", 1, "unbalanced parenthesis"),
        ("(author:liang OR) -is:read", 15, "dangling OR"),
        ('author:"Percy Liang -is:read', 8, "unterminated quote"),
    ],
)
def test_discovery_errors_name_the_column(text: str, column: int, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert (caught.value.column, caught.value.message.startswith(message)) == (column, True)


def test_sort_suggested_by_score_or_the_plain_order() -> None:
    scores = {"a1": 0.2, "b2": 0.9, "c3": 0.5, "d4": 0.9}
    assert [r.pid for r in sort_records(CORPUS, "suggested", scores=scores)] == ["d4", "b2", "c3", "a1", "e5"]
    assert [r.pid for r in sort_records(CORPUS, "suggested", False, scores=scores)] == [
        "a1",
        "c3",
        "b2",
        "d4",
        "e5",
    ]
    assert order("suggested") == order("added")  # no model: the plain order
    assert [r.pid for r in sort_records(CORPUS, "suggested", scores={})] == order("added")
    assert describe_sort("suggested") == "suggested (most likely first)"


def test_view_words_and_seen_in_queries() -> None:
    from readq.query.matching import parse_query as parsed

    fresh = Record.build(Paper(id="f", identity="title:f", title="F"), PaperState())
    away = Record.build(Paper(id="s", identity="title:s", title="S"), PaperState(snoozed="2026-12-10"))
    away.snoozed = True  # the library sets it from its clock
    queued = Record.build(Paper(id="q", identity="title:q", title="Q"), PaperState(priority=2))
    rows = [fresh, away, queued]
    assert [r.pid for r in filter_records(parsed("is:inbox"), rows)] == ["f"]
    assert [r.pid for r in filter_records(parsed("is:snoozed"), rows)] == ["s"]
    assert [r.pid for r in filter_records(parsed("is:queued"), rows)] == ["q"]
    assert [r.pid for r in filter_records(parsed("seen:0"), rows)] == ["f", "s", "q"]
    with pytest.raises(QueryError, match="bad seen"):
        parsed("seen:often")
    with pytest.raises(QueryError, match="unknown is:later"):
        parsed("is:later")
    assert narrows("seen:>=2", "seen:>=3") and not narrows("seen:>=3", "seen:>=2")

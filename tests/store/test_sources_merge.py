"""One paper, many sources: a Hugging Face digest, an arXiv mailing, a feed and a BibTeX file that mention the
same paper make one paper that remembers each of them; undoing and redoing an import."""

from __future__ import annotations

import pytest

from readq.parsing import parse
from readq.store import Store

TITLE = "Tokenizer Drift: Measuring How Vocabulary Choices Shape Multilingual Reasoning"

HF = f"""Get trending papers in your email inbox!

Subscribe

Jan 13

{TITLE}

Vocabulary choices made before pre-training quietly decide how many tokens a sentence costs in each \
language, and we show that this drift predicts reasoning accuracy better than model size on twelve languages.

Sparse Probes for Calibrated Refusals

A refusal should be confident when it is right and hesitant when it is not: we train sparse probes on the \
residual stream and show that they separate the two cases on five benchmarks of refusal behaviour.
"""

MAILING = r"""------------------------------------------------------------------------------
 received from  Fri  9 Jan 26 19:00:00 GMT  to  Mon 12 Jan 26 19:00:00 GMT
------------------------------------------------------------------------------
\\
arXiv:2601.04321
Date: Thu, 8 Jan 2026 11:02:17 GMT   (812kb)

Title: Tokenizer Drift: Measuring How Vocabulary Choices Shape Multilingual
  Reasoning
Authors: Zolt\'an Kov\'acs, Mar\'ia Jos\'e Pe\~na, and Wei Zhang
Categories: cs.CL cs.LG
\\
  Vocabulary choices made before pre-training quietly decide how many tokens a
sentence costs in each language.
\\ ( https://arxiv.org/abs/2601.04321 ,  812kb)
"""

BIBTEX = r"""@article{kovacs2026tokenizer,
  title = {{Tokenizer} Drift: Measuring How Vocabulary Choices Shape Multilingual Reasoning},
  author = {Kov{\'a}cs, Zolt{\'a}n and Pe{\~n}a, Mar{\'i}a Jos{\'e} and Zhang, Wei},
  journal = {Transactions on Tokens},
  eprint = {arXiv:2601.04321v2},
  year = {2026},
}
"""

ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><updated>2026-01-20T00:00:00Z</updated>
<entry><id>http://arxiv.org/abs/2601.04321v3</id><title>A Retitled Version of the Same Paper</title>
<summary>Same id, new title.</summary><author><name>Zoltán Kovács</name></author>
<published>2026-01-08T11:02:17Z</published></entry></feed>
"""


def _import(store: Store, text: str, name: str) -> tuple[list[str], list[str], list[str]]:
    report = store.import_result(parse(text), name)
    return report.new, report.updated, report.present


def test_same_paper_from_three_sources_is_one_paper_with_three_sources(store: Store) -> None:
    new, _, _ = _import(store, HF, "hf.txt")  # no id, no authors
    assert len(new) == 2
    _, updated, _ = _import(store, MAILING, "mailing.txt")  # matched by title: gains id, authors, category
    assert len(updated) == 1
    _, updated_again, _ = _import(store, BIBTEX, "library.bib")  # matched by id (v2 ignored): gains a venue
    assert updated_again == updated
    assert len(store) == 2
    paper = store.papers[updated[0]]
    assert [(s.file, s.layout) for s in paper.sources] == [
        ("hf.txt", "hf-blank"),
        ("mailing.txt", "arxiv-mailing"),
        ("library.bib", "bibtex"),
    ]
    assert (paper.arxiv_id, paper.title, paper.venue, paper.category) == (
        "2601.04321",
        TITLE,
        "Transactions on Tokens",
        "cs.CL cs.LG",
    )
    assert paper.authors == ("Zoltán Kovács", "María José Peña", "Wei Zhang")
    assert paper.abstract.endswith("better than model size on twelve languages.")  # the first one is kept
    # a fourth source with the same id and another title is still the same paper
    _import(store, ATOM, "search.xml")
    assert len(store) == 2 and len(store.papers[paper.id].sources) == 4


@pytest.mark.parametrize(
    "order",
    [("mailing", "hf", "bib"), ("bib", "mailing", "hf"), ("hf", "bib", "mailing"), ("bib", "hf", "mailing")],
)
def test_any_arrival_order_makes_one_paper(store: Store, order: tuple[str, ...]) -> None:
    texts = {"hf": HF, "mailing": MAILING, "bib": BIBTEX}
    for name in order:
        _import(store, texts[name], name)
    (paper,) = [p for p in store.papers.values() if p.arxiv_id]
    assert [s.file for s in paper.sources] == list(order)
    assert len(store) == 2 and paper.arxiv_id == "2601.04321"


def test_old_style_ids_in_all_their_spellings_are_one_paper(store: Store) -> None:
    atom = ATOM.replace("2601.04321v3", "cond-mat/0412498v1")
    bib = "@misc{m, title = {Thermal Melting}, eprint = {arXiv:cond-mat/0412498v2}, year = 2004}\n"
    url = "@misc{u, title = {Another Title}, url = {https://arxiv.org/abs/cond-mat/0412498}, year = 2004}\n"
    for text, name in ((atom, "a.xml"), (bib, "b.bib"), (url, "c.bib")):
        _import(store, text, name)
    (paper,) = store.papers.values()
    assert paper.arxiv_id == "cond-mat/0412498" and len(paper.sources) == 3


def test_undo_of_an_import_takes_back_the_id_it_gave(store: Store) -> None:
    _import(store, HF, "hf.txt")
    report = store.import_result(parse(MAILING), "mailing.txt")
    (pid,) = report.updated
    assert store.papers[pid].arxiv_id == "2601.04321"
    store.restore_papers(report.new, report.previous)
    assert store.papers[pid].arxiv_id is None and len(store.papers[pid].sources) == 1
    # The index forgot the id: a different paper with that id is not merged into the HF one by it.
    other = "@misc{x, title = {Something Else Entirely}, eprint = {2601.04321}, year = 2026}\n"
    new, updated, _ = _import(store, other, "x.bib")
    assert len(new) == 1 and not updated


def test_redo_of_an_import_puts_it_back(store: Store) -> None:
    _import(store, HF, "hf.txt")
    second = (
        MAILING.split("\\\\\n", 1)[1].replace("2601.04321", "2601.09999").replace("Tokenizer", "Detokenizer")
    )
    report = store.import_result(parse(MAILING + "\\\\\n" + second), "m.txt")
    added = {pid: store.papers[pid] for pid in report.new}
    after = {pid: store.papers[pid] for pid in report.updated}
    assert (len(added), len(after)) == (1, 1)
    store.restore_papers(report.new, report.previous)
    assert len(store) == 2
    assert store.reapply_import(added, after) == (len(added), len(after))
    assert {pid: store.papers[pid] for pid in [*added, *after]} == {**added, **after}
    assert store.reapply_import(added, after) == (0, 0)  # already there: nothing written
    reopened = Store(store.data_dir)
    assert reopened.papers == store.papers


def test_a_digest_undone_can_be_imported_again_under_another_name(store: Store) -> None:
    from readq.store.digests import digests

    report = _import(store, HF, "hf.txt")
    again = store.import_result(parse(HF), "copy.txt")
    assert again.already == "hf.txt" and not again.written
    store.restore_papers(report[0], {})
    assert len(store) == 0
    third = store.import_result(parse(HF), "copy.txt")
    assert third.written and third.already is None
    assert [d.name for d in digests(store.catalog)] == ["copy.txt"]

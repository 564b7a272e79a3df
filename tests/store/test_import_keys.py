"""A BibTeX file's own entry keys become the papers' pinned citation keys at import."""

from __future__ import annotations

from pathlib import Path

from readq.citations.pinned import cite_library
from readq.parsing import parse
from readq.store import Store

BIB = """@article{leguin1969left,
  title = {The Left Hand of Darkness},
  author = {Le Guin, Ursula K.},
  journal = {arXiv preprint: 1512.00802},
  year = {1969}
}

@misc{LeGuin1969Left,
  title = {A Wizard of Earthsea},
  author = {Le Guin, Ursula K.},
  year = {1968}
}

@misc{other,
  title = {The Left Hand of Darkness},
  author = {Le Guin, Ursula K.},
  year = {1969}
}
"""


def test_entry_keys_are_pinned_and_clashes_get_a_suffix(tmp_path: Path) -> None:
    store = Store(tmp_path)
    report = store.import_result(parse(BIB, "bibtex"), "library.bib")
    by_title = {p.title: p.id for p in store.papers.values()}
    left, wizard = by_title["The Left Hand of Darkness"], by_title["A Wizard of Earthsea"]
    assert store.papers[left].arxiv_id == "1512.00802"  # journal = {arXiv preprint: …}
    assert store.state(left).citekey == "leguin1969left"
    assert store.state(wizard).citekey == "LeGuin1969Lefta"  # keys compare without case
    messages = [str(w) for w in report.warnings]
    assert (
        "line 8: the key 'LeGuin1969Left' is another paper's; this one is cited as 'LeGuin1969Lefta'"
        in messages
    )
    assert "line 14: the key 'other' names a paper already cited as 'leguin1969left'; kept" in messages
    text = cite_library([store.papers[left]], "bibtex", store.states).text
    assert text.startswith("@misc{leguin1969left,")  # the journal only said arXiv


def test_a_pinned_key_never_changes_and_a_dry_run_pins_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path)
    dry = store.import_result(parse(BIB, "bibtex"), "library.bib", dry_run=True)
    assert not dry.written and not store.states
    assert any("is another paper's" in w.message for w in dry.warnings)  # the preview tells the same
    store.import_result(parse(BIB, "bibtex"), "library.bib")
    pid = next(p.id for p in store.papers.values() if p.title.startswith("A Wizard"))
    store.update_state(pid, citekey="wizard")
    renamed = BIB.replace("LeGuin1969Left", "earthsea")
    report = store.import_result(parse(renamed, "bibtex"), "library.bib")
    assert Store(tmp_path).state(pid).citekey == "wizard"
    assert any("'earthsea' names a paper already cited as 'wizard'" in w.message for w in report.warnings)

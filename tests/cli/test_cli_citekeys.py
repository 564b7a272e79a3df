"""``citekey_format`` from the config file, and ``readq cite --rekey QUERY``, through ``main(argv)``."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.cli.main import main
from readq.store import Store

BIB = """@article{leguin1969left,
  title = {The Left Hand of Darkness},
  author = {Le Guin, Ursula K.},
  journal = {Ace},
  year = {1969}
}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_format_keys_new_papers_keeps_pins_and_rekeys_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, config = tmp_path / "data", tmp_path / "config.toml"
    bib = tmp_path / "library.bib"
    bib.write_text(
        BIB + "\n@misc{x, title = {Tokenizer Drift in Practice}, author = {Ada Lovelace}, year = {2024}}\n",
        encoding="utf-8",
    )
    config.write_text('citekey_format = "auth + year"\n', encoding="utf-8")
    base = ("--data-dir", str(data), "--config", str(config))
    assert run(capsys, *base, "import", str(bib))[0] == 0
    store = Store(data)
    assert sorted(s.citekey for s in store.states.values() if s.citekey) == ["leguin1969left", "x"]
    code, out, _ = run(capsys, *base, "export", "-f", "bibtex")
    assert code == 0 and "@article{leguin1969left," in out and "@misc{x," in out  # pinned keys stay
    code, out, err = run(capsys, *base, "cite", "--rekey", "author:lovelace")
    assert code == 0 and out.endswith(": x -> Lovelace2024\n") and "1 of 1 papers re-keyed" in err
    code, out, _ = run(capsys, *base, "export", "-f", "bibtex", "author:lovelace")
    assert out.startswith("@misc{Lovelace2024,")
    code, out, err = run(capsys, *base, "cite", "--rekey", "author:lovelace")
    assert out == "" and "0 of 1 papers re-keyed" in err


def test_a_bad_format_is_reported_and_readq_keys_are_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, config = tmp_path / "data", tmp_path / "config.toml"
    bib = tmp_path / "library.bib"
    bib.write_text(
        "@misc{, title = {Tokenizer Drift}, author = {Ada Lovelace}, year = {2024}}\n", encoding="utf-8"
    )
    config.write_text('citekey_format = "auth + nope"\n', encoding="utf-8")
    base = ("--data-dir", str(data), "--config", str(config))
    run(capsys, *base, "import", str(bib))
    code, out, err = run(capsys, *base, "export", "-f", "bibtex")
    assert code == 0 and "unknown term 'nope'" in err and out.startswith("@misc{lovelace2024tokenizer,")

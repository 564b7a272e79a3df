"""Links from a digest: only http(s) (and ``doi:`` made https) are kept; anything else is dropped, with a
warning that names the line."""

from __future__ import annotations

import pytest

from readq.parsing import parse, parse_bytes
from readq.text.urls import web_url

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>cs.LG updates</title>
<item><title>Safe Paper</title><link>https://arxiv.org/abs/2501.00001</link>
<description>An abstract.</description></item>
<item><title>Scripted Paper</title><link>javascript:alert(1)</link>
<description>Another abstract.</description></item>
<item><title>Local Paper</title><link>file:///etc/passwd</link>
<description>A third abstract.</description></item>
</channel></rss>
"""

BIB = """@article{safe2024,
  title = {A Safe Entry},
  author = {Doe, Jane},
  year = {2024},
  url = {https://example.org/paper}
}

@article{local2024,
  title = {A Local Entry},
  author = {Roe, Richard},
  year = {2024},
  url = {file:///home/user/secret.pdf}
}

@article{named2024,
  title = {A DOI Entry},
  author = {Poe, Edgar},
  year = {2024},
  url = {doi:10.1000/xyz123}
}
"""


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("https://arxiv.org/abs/2501.00001", "https://arxiv.org/abs/2501.00001"),
        ("HTTP://Example.org/x", "HTTP://Example.org/x"),
        ("doi:10.1000/xyz123", "https://doi.org/10.1000/xyz123"),
        ("DOI:10.48550/arXiv.2501.00001", "https://doi.org/10.48550/arXiv.2501.00001"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,<script>", None),
        ("ftp://example.org/paper.pdf", None),
        ("//example.org/paper", None),
        ("example.org/paper", None),
        ("www.cambridge.org/9780521876582", "https://www.cambridge.org/9780521876582"),
        ("hhtp://ils.example.org/ppn/1", None),
        ("https://", None),
        ("https://exa mple.org/", None),
        ("https://example.org/\x1b[31m", None),
        ("doi:not-a-doi", None),
        ("", None),
    ],
)
def test_web_url_keeps_only_http_links(value: str, kept: str | None) -> None:
    assert web_url(value) == kept


def test_a_feed_keeps_http_links_and_drops_the_others_with_their_line() -> None:
    result = parse_bytes(RSS.encode())
    urls = {entry.title: entry.url for entry in result.entries}
    assert urls == {
        "Safe Paper": "https://arxiv.org/abs/2501.00001",
        "Scripted Paper": None,
        "Local Paper": None,
    }
    dropped = [str(w) for w in result.warnings if "dropped" in w.message]
    assert len(dropped) == 2
    assert "'javascript:alert(1)' dropped: only http(s) links are kept" in dropped[0]
    assert "'file:///etc/passwd' dropped" in dropped[1]


def test_bibtex_links_are_checked_and_doi_names_become_https() -> None:
    result = parse(BIB)
    urls = {entry.title: entry.url for entry in result.entries}
    assert urls == {
        "A Safe Entry": "https://example.org/paper",
        "A Local Entry": None,
        "A DOI Entry": "https://doi.org/10.1000/xyz123",
    }
    [warning] = [w for w in result.warnings if "dropped" in w.message]
    local = next(e for e in result.entries if e.title == "A Local Entry")
    assert warning.line == local.line > 0
    assert (
        str(warning)
        == f"line {local.line}: link 'file:///home/user/secret.pdf' dropped: only http(s) links are kept"
    )


def test_a_bibtex_doi_field_listing_several_dois_keeps_the_first() -> None:
    text = """@article{two2010,
  title = {Two Numbers},
  author = {Doe, Jane},
  year = {2010},
  doi = {10.1103/PhysRevC.55.1420, 10.1103/PhysRevC.55.2000}
}
"""
    [entry] = parse(text).entries
    assert entry.doi == "10.1103/PhysRevC.55.1420"
    assert entry.url == "https://doi.org/10.1103/PhysRevC.55.1420"
    assert parse(text).warnings == ()

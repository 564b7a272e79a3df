"""RSS and Atom feeds on the project's own fixtures, including hostile and broken XML."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from readq.models import Warning_
from readq.parsing import DigestError, detect, parse, parse_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def data(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_arxiv_rss_2024() -> None:
    result = parse_bytes(data("feed_rss.xml"))
    assert (result.layout, result.digest_date, result.warnings) == ("feed", "2026-01-13", ())
    assert result.summary == "RSS: 1 new, 1 cross-list, 1 replacement"
    new, cross, replaced = result.entries
    assert (new.line, new.arxiv_id, new.category, new.date, new.year) == (
        9,
        "2601.04321",
        "cs.CL cs.LG",
        "2026-01-13",
        2026,
    )
    assert new.authors == ("Zoltán Kovács", "María José Peña", "Wei Zhang")
    # "arXiv:…v1 Announce Type: new " (trailing space) and "Abstract:" are gone; XML escapes are decoded.
    assert new.abstract.startswith("Vocabulary choices made before pre-training")
    assert new.abstract.endswith("p < 0.01 & more.")
    assert cross.title == "Schrödinger Bridges for Text Diffusion"
    assert cross.authors == ("Ada Quist", "Bea Lindqvist")  # one dc:creator, affiliations with commas/"and"
    assert cross.abstract.endswith(r"train with $\mathcal{O}(n)$ memory.")  # TeX kept in abstracts
    assert (replaced.date, replaced.year, replaced.venue) == (
        None,
        2024,
        "Journal of Examples 12 (2025) 34-56",
    )
    assert replaced.url == "https://arxiv.org/abs/2412.01234"


def test_atom_classic_namespaces_on_every_element_and_wrapped_text() -> None:
    result = parse_bytes(data("feed_atom_classic.xml"))
    assert (result.digest_date, result.summary, result.warnings) == ("2016-10-09", "Atom: 2 items", ())
    stripes, luttinger = result.entries
    assert stripes.arxiv_id == "cond-mat/0412777"  # old-style id, version dropped
    assert stripes.title == "Thermal Melting of Stripes on the Triangular Lattice"
    assert stripes.abstract.split("\n") == [
        "We present a theory of thermal fluctuations of striped order on the triangular lattice (p >= 3, "
        "integer), and of the states next to it.",
        "A second paragraph starts on an indented line.",
    ]
    assert stripes.authors == ("Pat Example", "Quinn Sample")
    assert (stripes.category, stripes.date, stripes.year) == (
        "cond-mat.str-el cond-mat.stat-mech",
        "2004-12-19",
        2004,
    )
    assert stripes.venue == "Phys. Rev. B 71, 000000 (2005)"
    assert (luttinger.arxiv_id, luttinger.category) == ("1201.4869", "cond-mat.mes-hall")


def test_atom_2025_namespaces_on_the_root() -> None:
    (entry,) = parse_bytes(data("feed_atom_2025.xml")).entries
    assert (entry.arxiv_id, entry.title, entry.date) == (
        "2601.05001",
        "Schrödinger Bridges for Text Diffusion",
        "2026-01-12",  # published (the first version), not updated
    )
    assert entry.category == "stat.ML cs.CL"  # the primary category first


def test_old_rss_1_0_with_html() -> None:
    result = parse_bytes(data("feed_rss1_old.xml"))
    (entry,) = result.entries
    assert (result.summary, result.digest_date) == ("RSS 1.0: 1 item", "2023-05-02")
    assert entry.title == "Old-Format Feeds Put the Identifier in the Title"
    assert entry.arxiv_id == "2305.00001"
    assert entry.abstract == "Before 2024 the description was HTML & the creators were links."
    assert entry.authors == ("Pat Example", "Quinn Sample")


def test_truncated_feed_keeps_the_complete_items_and_says_where_it_broke() -> None:
    result = parse_bytes(data("feed_truncated.xml"))
    assert [e.title for e in result.entries] == ["A Complete Item Before the Break"]
    assert result.warnings == (
        Warning_(
            21,
            "the XML breaks here (no element found): the 1 complete items before it were read, "
            "anything after it is lost",
        ),
    )


@pytest.mark.parametrize("name", ["feed_billion_laughs.xml", "feed_external_entity.xml"])
def test_entity_attacks_are_refused_fast_and_small(name: str) -> None:
    tracemalloc.start()
    with pytest.raises(DigestError, match=r"refused: the XML declares entities .*entity-expansion"):
        parse_bytes(data(name))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Nothing was expanded: an expanded billion laughs needs gigabytes (and a hang would hit the timeout).
    assert peak < 50_000_000
    with pytest.raises(DigestError, match="refused"):
        parse(data(name).decode("utf-8"))  # the text route too


def test_broken_and_foreign_xml_is_rejected_with_reasons() -> None:
    with pytest.raises(DigestError, match=r"not a readable feed: the XML breaks at line 2, column \d+"):
        parse_bytes(b"<?xml version='1.0'?>\n<rss version='2.0'><channel><title>x</title><item><title>a</ti")
    with pytest.raises(DigestError, match=r"not an RSS or Atom feed \(the root element is <svg>\)"):
        parse_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><feed/></svg>", "feed")
    with pytest.raises(DigestError, match="an RSS or Atom feed with no items"):
        parse_bytes(b"<rss version='2.0'><channel><title>empty</title></channel></rss>")


def test_encodings_detection_and_forcing() -> None:
    latin = data("feed_atom_2025.xml").decode("utf-8").replace("encoding='UTF-8'", "encoding='ISO-8859-1'")
    result = parse_bytes(latin.encode("latin-1"))  # the declared encoding is honoured
    assert result.entries[0].title == "Schrödinger Bridges for Text Diffusion"
    assert parse(latin).entries[0].title == "Schrödinger Bridges for Text Diffusion"  # text route
    assert detect(data("feed_rss.xml").decode("utf-8")) == "feed"
    assert parse_bytes(b"\xef\xbb\xbf" + data("feed_rss.xml"), "feed").layout == "feed"
    with pytest.raises(DigestError, match=r"^not a readable feed: the XML breaks at line 1, column 0"):
        parse_bytes(b"Just some text\nthat is not XML at all\n", "feed")


def test_a_generic_non_arxiv_feed() -> None:
    feed = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>A journal</title>
<item><title>Ocean Heat Uptake &lt;i&gt;Revisited&lt;/i&gt;</title>
<link>https://journal.example/articles/42</link>
<description>&lt;p&gt;We revisit ocean heat uptake.&lt;/p&gt;</description>
<pubDate>Mon, 05 Jan 2026 10:00:00 GMT</pubDate>
<dc:creator>Ines Moreau</dc:creator><dc:creator>Tom Berg</dc:creator></item>
</channel></rss>"""
    (entry,) = parse_bytes(feed).entries
    assert (entry.title, entry.arxiv_id, entry.url) == (
        "Ocean Heat Uptake Revisited",
        None,
        "https://journal.example/articles/42",
    )
    assert (entry.abstract, entry.authors, entry.date, entry.year) == (
        "We revisit ocean heat uptake.",
        ("Ines Moreau", "Tom Berg"),
        "2026-01-05",
        2026,
    )

"""RSS and Atom feeds (the "feed" layout): arXiv's RSS 2.0 (2024 on) and API Atom responses, and any other
RSS 2.0, RSS 1.0 (RDF, arXiv's feeds before 2024) or Atom 1.0 feed.

Parsing is the standard library's ElementTree behind defusedxml: a document that declares entities (a
"billion laughs" or external-entity attack) is refused before anything is expanded or fetched, with a
``DigestError`` that says so. Elements are matched by local name, so it does not matter whether namespaces
are declared on the root (arXiv's RSS, the 2025 API) or on every element (the 2016 API).

Per item (RSS ``item``, Atom ``entry``):
- ``arxiv_id`` from the ``guid`` (``oai:arXiv.org:2411.17700v1``), the ``id`` or the link; canonical, no
  version. ``url`` is the link (Atom: the ``alternate`` one).
- ``title`` with whitespace joined (the 2016 API wraps titles) and LaTeX accents made Unicode; the old RSS
  suffix ``(arXiv:ID [cat] UPDATED)`` is removed.
- ``abstract``: the ``description`` / ``summary`` (``content`` as a fallback); arXiv's RSS prefix
  ``arXiv:IDvN Announce Type: new Abstract:`` is removed; HTML tags are stripped when the text is HTML.
  Wrapped lines are joined; an indented line starts a new paragraph.
- ``authors``: Atom ``author/name``; RSS ``dc:creator`` — arXiv puts every author, comma separated and
  sometimes with affiliations, in one element (read like a mailing's ``Authors:``), other feeds repeat it.
- ``category``: arXiv's primary category first, then the others (``cs.LG stat.ML``).
- ``date`` (ISO): Atom ``published`` (the first version); RSS ``pubDate`` when the item announces a first
  version (``new``, or a ``v1`` cross-list) — a replacement's announcement is not the paper's date.
- ``venue``: ``arxiv:journal_reference`` / ``arxiv:journal_ref``; ``doi``: ``arxiv:doi`` (Atom). ``year``
  from the id, else the date.
- The digest date is the channel's ``pubDate`` (else ``lastBuildDate``) or the Atom feed's ``updated``.

A feed cut short (truncated download) keeps the items that were complete before the break, with a warning
at the line where the XML breaks; a feed broken before its first item is rejected.
"""

from __future__ import annotations

import html
import io
import re
from bisect import bisect_right
from collections import Counter
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from readq.models import Entry, Warning_
from readq.parsing.arxiv import arxiv_id, categories, count_kind, id_year, iso_date, split_authors
from readq.parsing.latex import latex_to_text
from readq.text.clean import DigestError, Progress, clean_field

_ITEM_TAGS = frozenset({"item", "entry"})
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_ANNOUNCE = re.compile(r"^arXiv:\S+\s+Announce Type:\s*(?P<kind>\S+)\s*(?:Abstract:\s*)?", re.IGNORECASE)
_OLD_TITLE_SUFFIX = re.compile(r"\.?\s*\(arXiv:[^)\s]+(?:\s+\[[^\]]*\])?(?:\s+[A-Z ]+)?\)\s*$")
_HTML_TAG = re.compile(
    r"</?(?:p|a|b|i|em|strong|br|div|span|sup|sub|ul|ol|li|img|h\d|blockquote|code|pre)\b[^>]*>", re.I
)
_ANY_TAG = re.compile(r"<[^>]+>")
_VERSION = re.compile(r"v(\d+)$")
_KIND_WORDS = {
    "new": "new",
    "cross": "cross-list",
    "replace": "replacement",
    "replace-cross": "replacement cross-list",
}


def looks_like_feed(head: bytes | str) -> bool:
    """Whether the start of a document is an RSS/RDF/Atom feed (cheap: for detection)."""
    text = head[:4096].decode("utf-8", "replace") if isinstance(head, bytes) else head[:4096]
    text = text.lstrip("\ufeff \t\r\n")
    return text.startswith("<") and re.search(r"<(?:[\w.-]+:)?(?:rss|RDF|feed)[\s>]", text) is not None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return "".join(child.itertext())
    return ""


def _html_to_text(text: str) -> str:
    if _HTML_TAG.search(text):
        text = _ANY_TAG.sub(" ", re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n", text))
        return html.unescape(text)
    return text


def _paragraphs(text: str) -> str:
    """Wrapped lines joined with spaces; a line that starts indented (after the first) starts a paragraph."""
    paragraphs: list[list[str]] = []
    for line in text.strip("\n").split("\n"):
        if not line.strip():
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if not paragraphs or (line[:1] in " \t" and paragraphs[-1]):
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return clean_field("\n".join(" ".join(p) for p in paragraphs if p))


def _version(value: str) -> int | None:
    found = _VERSION.search(value.strip())
    return int(found.group(1)) if found else None


def _rss_entry(item: Element, line: int) -> tuple[Entry | None, str | None]:
    guid, link = _text(item, "guid").strip(), _text(item, "link").strip()
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "")
    canonical = arxiv_id(guid) or arxiv_id(link) or arxiv_id(about)
    title = clean_field(_OLD_TITLE_SUFFIX.sub("", _html_to_text(_text(item, "title"))))
    description = _html_to_text(_text(item, "description") or _text(item, "encoded"))
    kind = None
    announce = _ANNOUNCE.match(description.strip())
    if announce:
        kind = announce["kind"].lower()
        description = description.strip()[announce.end() :]
    kind = kind or clean_field(_text(item, "announce_type")).lower() or None
    creators = [_html_to_text("".join(c.itertext())) for c in _children(item, "creator")]
    authors: list[str] = []
    et_al = False
    for creator in creators:
        names, more = split_authors(clean_field(creator))
        authors += names
        et_al = et_al or more
    if not creators and _text(item, "author"):
        authors = [clean_field(_text(item, "author"))]
    published = iso_date(_text(item, "pubDate") or _text(item, "date"))
    version = _version(guid) or _version(link)
    first_version = kind == "new" or (kind in (None, "cross") and version in (None, 1))
    date = published if (canonical is None or first_version) else None
    entry = Entry(
        title=latex_to_text(title) if canonical else title,
        abstract=_paragraphs(description),
        authors=tuple(authors),
        et_al=et_al,
        category=categories([clean_field("".join(c.itertext())) for c in _children(item, "category")]),
        date=date,
        arxiv_id=canonical,
        url=clean_field(link or about) or None,
        venue=clean_field(_text(item, "journal_reference")) or None,
        year=id_year(canonical) if canonical else (int(date[:4]) if date else None),
        line=line,
    )
    return entry, kind


def _atom_entry(item: Element, line: int) -> tuple[Entry | None, str | None]:
    ident = _text(item, "id").strip()
    links = _children(item, "link")
    alternate = next((x.get("href", "") for x in links if x.get("rel", "alternate") == "alternate"), "")
    canonical = arxiv_id(ident) or arxiv_id(alternate)
    title = clean_field(_html_to_text(_text(item, "title")))
    summary = _html_to_text(_text(item, "summary") or _text(item, "content"))
    authors = [clean_field(latex_to_text(_text(a, "name"))) for a in _children(item, "author")]
    primary = [x.get("term", "") for x in _children(item, "primary_category")]
    terms = [x.get("term", "") for x in _children(item, "category")]
    date = iso_date(_text(item, "published") or _text(item, "updated"))
    entry = Entry(
        title=latex_to_text(title) if canonical else title,
        abstract=_paragraphs(summary),
        authors=tuple(a for a in authors if a),
        category=categories(primary + terms),
        date=date,
        arxiv_id=canonical,
        url=clean_field(alternate or (ident if ident.startswith("http") else "")) or None,
        venue=clean_field(_text(item, "journal_ref")) or None,
        year=id_year(canonical) if canonical else (int(date[:4]) if date else None),
        doi=clean_field(_text(item, "doi")) or None,
        line=line,
    )
    return entry, None


def _line_starts(data: bytes) -> list[int]:
    return [0, *(m.end() for m in re.finditer(rb"\n", data))]


def parse_feed(
    data: bytes, progress: Progress | None = None
) -> tuple[list[Entry], str | None, list[Warning_], str]:
    """Entries, digest date, warnings and a summary of an RSS or Atom document given as bytes."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    starts = _line_starts(data)
    item_lines = [bisect_right(starts, m.start()) for m in _ITEM_START.finditer(data)]
    total = max(1, len(item_lines))
    entries: list[Entry] = []
    warnings: list[Warning_] = []
    kinds: Counter[str] = Counter()
    root_name: str | None = None
    depth_in_item = 0
    feed_date: dict[str, str] = {}
    items = 0
    events: Any = iterparse(io.BytesIO(data), events=("start", "end"))
    try:
        for event, element in events:
            name = _local(element.tag)
            if event == "start":
                if root_name is None:
                    root_name = name
                    if name not in ("rss", "RDF", "feed"):
                        raise DigestError(f"XML, but not an RSS or Atom feed (the root element is <{name}>)")
                if name in _ITEM_TAGS:
                    depth_in_item += 1
                continue
            if name in _ITEM_TAGS:
                depth_in_item -= 1
                line = item_lines[items] if items < len(item_lines) else 0
                items += 1
                read = _atom_entry if name == "entry" else _rss_entry
                entry, kind = read(element, line)
                element.clear()
                if entry is None or not entry.title:
                    warnings.append(Warning_(line, "an item without a title; skipped"))
                    continue
                entries.append(entry)
                kinds[_KIND_WORDS.get(kind or "", "item")] += 1
                if progress is not None and items % 50 == 0:
                    progress(items, total)
            elif depth_in_item == 0 and name in ("pubDate", "lastBuildDate", "updated", "date"):
                feed_date.setdefault(name, "".join(element.itertext()))
    except DefusedXmlException as error:
        raise DigestError(
            "refused: the XML declares entities "
            f"({type(error).__name__}: {getattr(error, 'name', None) or error}); readq never expands XML "
            "entities, a defence against entity-expansion ('billion laughs') and external-entity attacks"
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":", 1)[0]
        if not entries:
            raise DigestError(
                f"not a readable feed: the XML breaks at line {line}, column {column} ({reason})"
            ) from None
        warnings.append(
            Warning_(
                line,
                f"the XML breaks here ({reason}): the {len(entries)} complete items before it were read, "
                "anything after it is lost",
            )
        )
    if root_name is None or not entries:
        raise DigestError("an RSS or Atom feed with no items")
    if progress is not None:
        progress(total, total)
    raw_date = feed_date.get("pubDate") or feed_date.get("lastBuildDate") or feed_date.get("updated")
    raw_date = raw_date or feed_date.get("date")
    kind_name = "Atom" if root_name == "feed" else ("RSS 1.0" if root_name == "RDF" else "RSS")
    order = ["new", "cross-list", "replacement", "replacement cross-list", "item"]
    counted = ", ".join(count_kind(kinds[k], k) for k in order if kinds[k])
    return entries, iso_date(raw_date), warnings, f"{kind_name}: {counted}"


def feed_bytes(text: str) -> bytes:
    """Text of a feed (pasted, or already decoded) as UTF-8 bytes whose XML declaration says so."""
    text = text.lstrip("\ufeff")
    text = re.sub(
        r"^(\s*<\?xml[^>]*?)\sencoding\s*=\s*([\"'])[^\"']*\2", r"\1 encoding=\2UTF-8\2", text, count=1
    )
    return text.encode("utf-8")

"""A stand-in for arXiv's API, arXiv's PDFs and Hugging Face's daily papers, served by pytest-httpserver on
127.0.0.1. It answers title queries the way the real API does: every known paper whose title contains the
words of a ``ti:"…"`` phrase (so longer decoy titles come back too), in arXiv's Atom layout."""

from __future__ import annotations

import json
import re
import socket
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from werkzeug import Request, Response


@dataclass(frozen=True)
class ArxivPaper:
    arxiv_id: str
    title: str
    authors: tuple[str, ...]
    abstract: str = "An abstract."
    doi: str | None = None
    journal: str | None = None
    categories: tuple[str, ...] = ("cs.CL",)
    published: str = "2024-05-01T17:00:00Z"
    wrap: bool = False  # the 2016 layout: the title wrapped over lines with extra spaces


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", re.sub(r"[{}]", "", text).lower())  # arXiv's search ignores TeX braces


def atom(papers: list[ArxivPaper]) -> bytes:
    entries = []
    for p in papers:
        title = escape(p.title)
        if p.wrap:
            words = title.split(" ")
            title = " ".join(words[:3]) + "\n      " + "  ".join(words[3:])
        authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in p.authors)
        cats = "".join(f'<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>' for c in p.categories)
        extra = f"<arxiv:doi>{escape(p.doi)}</arxiv:doi>" if p.doi else ""
        extra += f"<arxiv:journal_ref>{escape(p.journal)}</arxiv:journal_ref>" if p.journal else ""
        entries.append(
            f"<entry><id>http://arxiv.org/abs/{p.arxiv_id}v1</id><published>{p.published}</published>"
            f"<updated>{p.published}</updated><title>{title}</title><summary>{escape(p.abstract)}</summary>"
            f'{authors}<link href="http://arxiv.org/abs/{p.arxiv_id}v1" rel="alternate" type="text/html"/>'
            f'<arxiv:primary_category term="{p.categories[0]}"/>{cats}{extra}</entry>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
        f"<title>arXiv Query</title><id>http://arxiv.org/api/x</id><updated>2026-12-04T00:00:00-05:00</updated>"
        f"<opensearch:totalResults>{len(papers)}</opensearch:totalResults>{''.join(entries)}</feed>"
    ).encode()


@dataclass
class FakeArxiv:
    """Known papers; every request's query is recorded."""

    papers: list[ArxivPaper] = field(default_factory=list)
    queries: list[dict[str, str]] = field(default_factory=list)

    def search(self, query: str) -> list[ArxivPaper]:
        found: list[ArxivPaper] = []
        for phrase in re.findall(r'ti:"([^"]*)"', query):
            wanted = _words(phrase)
            for p in self.papers:
                words = _words(p.title)
                if any(words[i : i + len(wanted)] == wanted for i in range(len(words))) and p not in found:
                    found.append(p)
        return found

    def handler(self, request: Request) -> Response:
        args = dict(request.args)
        self.queries.append(args)
        if "id_list" in args:
            ids = args["id_list"].split(",")
            found = [p for p in self.papers if p.arxiv_id in ids]
        else:
            found = self.search(args.get("search_query", ""))
        found = found[: int(args.get("max_results", "10"))]
        return Response(atom(found), content_type="application/atom+xml")


def hf_json(items: list[dict[str, object]]) -> str:
    return json.dumps(items)


def hf_item(arxiv_id: str, title: str, authors: list[str], upvotes: int = 3) -> dict[str, object]:
    paper = {
        "id": arxiv_id,
        "title": title,
        "summary": f"What {title} is about.",
        "authors": [{"_id": f"a{i}", "name": a, "hidden": False} for i, a in enumerate(authors)],
        "upvotes": upvotes,
        "publishedAt": "2026-12-03T17:00:00.000Z",
    }
    return {"paper": paper, "title": title, "publishedAt": "2026-12-04T08:00:00.000Z", "numComments": 1}


def closed_port() -> int:
    """A local port nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FakeClock:
    """An injected clock: sleeping advances it at once."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def local(server: object, path: str = "") -> str:
    """The stand-in server's URL on 127.0.0.1 (``url_for`` says "localhost")."""
    return f"http://127.0.0.1:{server.port}{path}"  # type: ignore[attr-defined]

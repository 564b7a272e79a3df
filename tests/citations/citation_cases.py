"""Papers the citation tests cite: named cases for the golden files, and a varied library of about thirty.

All names and titles are made up for the project (the names mirror the shapes real digests carry)."""

from __future__ import annotations

from typing import Any

from readq.identity import identity_key
from readq.models import Paper


def paper(pid: str, title: str, **fields: Any) -> Paper:
    return Paper(id=pid, identity=identity_key(title, fields.get("arxiv_id")), title=title, **fields)


CASES: dict[str, Paper] = {
    # Everything known: three authors, a year, an arXiv id with an alphaXiv-style category.
    "arxiv_full": paper(
        "a0000001",
        "Sample-Efficient Fine-Tuning of BERT with TokenSmith",
        authors=("Nelson F. Liu", "Ananya Kumar", "Percy Liang"),
        year=2022,
        arxiv_id="2201.01234",
        category="CL",
        abstract="We study sample efficiency.\n\nA second paragraph.",
    ),
    # alphaXiv: two authors and "et al.", the year only inside the date, no arXiv id, no URL.
    "alphaxiv_et_al": paper(
        "a0000002",
        "How Much Data Does RLHF Really Need?",
        authors=("Tomasz Wieczorek", "Inès Lefebvre"),
        et_al=True,
        date="Nov 12, 2025",
        category="LG",
        score=25.0,
    ),
    # A journal: @article / article-journal / JOUR; particles in names; a URL with specials in it.
    "journal_particles": paper(
        "a0000003",
        "Visualizing Data using t-SNE",
        authors=("Laurens van der Maaten", "Rafael de la Fuente", "Jonas van der Berg"),
        year=2008,
        venue="Journal of Machine Learning Research",
        url="https://example.org/papers?id=9&part=a_b%20c#section-2",
    ),
    # Every LaTeX special in the title, an apostrophe and a hyphenated given name.
    "latex_specials": paper(
        "a0000004",
        "100% Recall on C# & $x^2$ Tasks: {Braces}, ~Tildes_ and \\Backslashes",
        authors=("Kenji O'Hara", "Wen-Li Zhao"),
        year=2024,
        arxiv_id="2405.00042",
        category="cs.SE",
    ),
    # Accents in names and title, typographic quotes and dashes, a Greek letter, an arXiv-style category.
    "accents": paper(
        "a0000005",
        "Schrödinger’s Tokenizer — “Naïve” α-Smoothing for Łódź and Zürich",
        authors=(
            "Zoë Castellanos",
            "Björn Lindqvist",
            "Łukasz Kaiser",
            "Sofía Ramírez-Ortega",
            "J.-F. Marchand",
        ),
        year=2023,
        arxiv_id="2310.05555",
        category="cs.CL",
    ),
    # Hugging Face daily papers: a title and an abstract, nothing else.
    "hugging_face": paper(
        "a0000006",
        "TokenSmith: Fast Tokenizers for Everyone",
        abstract="Tokenizers are slow. TokenSmith is fast.",
    ),
    # A digest date without a year, and a title whose first words are stop words.
    "no_year": paper(
        "a0000007",
        "On the Stability of Adam at Large Batch Sizes",
        authors=("Wojciech Nowak",),
        date="Nov 23",
        url="https://huggingface.co/papers/2411.00007",
    ),
    # A group as the only author; "ML" maps to stat.ML; a model name with digits.
    "organisation": paper(
        "a0000008",
        "GPT-4 Technical Report",
        authors=("OpenAI",),
        year=2023,
        arxiv_id="2303.08774",
        category="ML",
    ),
    # Twenty-two authors (APA's ellipsis rule), a suffix, an unknown category (no primaryClass).
    "many_authors": paper(
        "a0000009",
        "A Large Collaboration on T5 and 3D Benchmarks",
        authors=(
            "Martin Luther King Jr.",
            *(f"Author{chr(ord('A') + i)} Person" for i in range(20)),
            "Ha-eun Park",
        ),
        year=2021,
        arxiv_id="2101.00021",
        category="XYZ",
    ),
    # Markdown-hostile title and URL; old-style arXiv id.
    "markdown_specials": paper(
        "a0000010",
        "[Re] Reproducing (Attention) Is All *You* Need_2",
        authors=("Ada Lovelace", "Alan Turing"),
        year=1999,
        arxiv_id="hep-th/9901001",
        category="hep-th",
    ),
    # Scripts without LaTeX names: a CJK single-token name (a literal) and CJK in the title.
    "cjk": paper(
        "a0000011",
        "LLM 评测 Benchmark for Korean and Chinese",
        authors=("张伟", "Ji-woo Han"),
        year=2024,
        url="https://example.org/cjk",
    ),
    # An arXiv preprint with its DOI (APA 7's preprint form) and names whose particles are capitalised
    # or lowercase before a two-word family name.
    "preprint_doi": paper(
        "a0000012",
        "The Left Hand of Attention",
        authors=("Ursula K. Le Guin", "de la Vallée Poussin, Charles", "Gerard 't Hooft"),
        year=2025,
        arxiv_id="2501.00012",
        doi="10.48550/arXiv.2501.00012",
        category="cs.LG",
    ),
}


_AUTHORS = [
    ("Nelson F. Liu", "Ananya Kumar"),
    ("Łukasz Kaiser",),
    ("Laurens van der Maaten", "Geoffrey Hinton"),
    ("Zoë Castellanos", "Björn Lindqvist", "Olusegun Adeyemi"),
    ("OpenAI",),
    ("Chloé Martin-Dubois", "Yusuf Demir", "Ha-eun Park"),
    ("Kenji O'Hara",),
    ("Siobhan MacKenzie", "Arjun Mehta"),
    (),
]
_TITLES = [
    "Sample-Efficient Learning with BERT",
    "Sample Efficiency & the 90% Rule",
    "On $k$-NN Retrieval for #Hashtags",
    "Schrödinger’s LoRA: Fine-Tuning — Revisited",
    "The {Curly} Case of C++ ~ Templates",
    "α-Divergence Minimisation in GPT-4 and iPhone Apps",
    "Membership Inference Against Fine-Tuned Diffusion Models",
    "Evaluating Citation Faithfulness in RAG",
    "A_B Testing for LLMs^2",
    "Can Small Models Plan?",
]


def library() -> list[Paper]:
    """Thirty papers varying every field, with deliberate key collisions (same author, year and word)."""
    papers = []
    for i in range(30):
        fields: dict[str, Any] = {"authors": _AUTHORS[i % len(_AUTHORS)], "et_al": i % 4 == 0}
        if i % 5 != 0:
            fields["year"] = 2020 + i % 3
        if i % 2 == 0:
            fields["arxiv_id"] = f"2{i % 3}0{i % 9 + 1}.{10000 + i}"
            fields["category"] = ["CL", "LG", "cs.CV", "stat.ML", "Q"][i % 5]
        if i % 3 == 0:
            fields["venue"] = ["Nature", "Transactions of the ACL", "Journal of Mühlheim & Co."][i % 9 // 3]
        if i % 7 == 0:
            fields["url"] = f"https://example.org/p/{i}?a=1&b=2"
        if i % 6 == 5:
            fields["date"] = "Jun 2"
        papers.append(paper(f"b{i:07d}", _TITLES[i % len(_TITLES)], **fields))
    return papers

"""The alphaXiv title/author boundary: a table of invented lines, each split exactly or reported."""

from __future__ import annotations

import pytest

from readq.parsing import parse
from readq.parsing.names import is_name, split_title_authors, token_kind

# (line, expected title, expected authors). Every line is invented; each group covers one kind of boundary.
BOUNDARY_CASES: list[tuple[str, str, tuple[str, ...]]] = [
    # titles ending in acronyms
    (
        "Dialogue State Tracking in NLPDorota Kwiatek, Samuel Ebi",
        "Dialogue State Tracking in NLP",
        ("Dorota Kwiatek", "Samuel Ebi"),
    ),
    (
        "Efficient Serving for LLMsAnton Berger, Lea Fischer",
        "Efficient Serving for LLMs",
        ("Anton Berger", "Lea Fischer"),
    ),
    (
        "A Benchmark for VQAIvana Horvat, Mark Ellison",
        "A Benchmark for VQA",
        ("Ivana Horvat", "Mark Ellison"),
    ),
    (
        "Grounded Agents with RLHFOlivia Grant, Hamid Rezaei",
        "Grounded Agents with RLHF",
        ("Olivia Grant", "Hamid Rezaei"),
    ),
    (
        "Visualizing Embeddings with t-SNEAdaeze Obi, Paul Merritt",
        "Visualizing Embeddings with t-SNE",
        ("Adaeze Obi", "Paul Merritt"),
    ),
    (
        "Long Context Evaluation with BIG-benchCarla Nunes, Viktor Hale",
        "Long Context Evaluation with BIG-bench",
        ("Carla Nunes", "Viktor Hale"),
    ),
    # titles ending in digits and version numbers
    ("Llama 2Hugo Tessier, Louise Marten", "Llama 2", ("Hugo Tessier", "Louise Marten")),
    (
        "Open Weights for Vision Models v3Camila Rocha, Eitan Levi",
        "Open Weights for Vision Models v3",
        ("Camila Rocha", "Eitan Levi"),
    ),
    (
        "Scaling Sparse Models to 1.5BSonia Marsh, Idris Bello",
        "Scaling Sparse Models to 1.5B",
        ("Sonia Marsh", "Idris Bello"),
    ),
    ("Lessons from WMT 2024Greta Lund, Omar Haddad", "Lessons from WMT 2024", ("Greta Lund", "Omar Haddad")),
    # question marks, parentheses, quotes, colons inside the title
    (
        "Do Language Models Dream?Nelson F. Lowe, Amit Kumar",
        "Do Language Models Dream?",
        ("Nelson F. Lowe", "Amit Kumar"),
    ),
    (
        "Is Attention Interpretable? A Second LookRosa Linde, Tim Baker",
        "Is Attention Interpretable? A Second Look",
        ("Rosa Linde", "Tim Baker"),
    ),
    (
        "Sparse Autoencoders (Revisited)Mina Park, Jonah Weiss",
        "Sparse Autoencoders (Revisited)",
        ("Mina Park", "Jonah Weiss"),
    ),
    (
        'What Counts as "Reasoning"Ella Jansen, Bruno Costa',
        'What Counts as "Reasoning"',
        ("Ella Jansen", "Bruno Costa"),
    ),
    (
        "Retrieval: Still Useful After AllYuki Tanabe, Ronan Walsh",
        "Retrieval: Still Useful After All",
        ("Yuki Tanabe", "Ronan Walsh"),
    ),
    # lowercase and plain word endings
    (
        "Interrogating model design under a fair doctrineMaggie Lorne, Ivo Petrov",
        "Interrogating model design under a fair doctrine",
        ("Maggie Lorne", "Ivo Petrov"),
    ),
    (
        "Pre-training for LittleKoen Smits, Ruth Adler",
        "Pre-training for Little",
        ("Koen Smits", "Ruth Adler"),
    ),
    ("When Data Is ScarceAmara Eze", "When Data Is Scarce", ("Amara Eze",)),
    # non-ASCII titles
    (
        "Une étude de la langue françaiseÉmile Garnier, Zoë Dupré",
        "Une étude de la langue française",
        ("Émile Garnier", "Zoë Dupré"),
    ),
    (
        "Sprachmodelle für die Übersetzung ins DeutscheJürgen Maaß, Özlem Aydın",
        "Sprachmodelle für die Übersetzung ins Deutsche",
        ("Jürgen Maaß", "Özlem Aydın"),
    ),
    (
        "Modelos de lenguaje en españolÁlvaro Ibáñez, Núria Puig",
        "Modelos de lenguaje en español",
        ("Álvaro Ibáñez", "Núria Puig"),
    ),
    # camel-case words at the end of the title
    (
        "Curating Corpora with TokenSmithMohammad Aflah Kaur, Ameya Godwin",
        "Curating Corpora with TokenSmith",
        ("Mohammad Aflah Kaur", "Ameya Godwin"),
    ),
    ("Agents on GitHubLena Sorensen, Tariq Aziz", "Agents on GitHub", ("Lena Sorensen", "Tariq Aziz")),
    (
        "Fine-Tuning with DeepSpeedPriya Nair, Colm Byrne",
        "Fine-Tuning with DeepSpeed",
        ("Priya Nair", "Colm Byrne"),
    ),
    (
        "IsoBench: Benchmarking Isomorphic InputsDeqi Fang, Ruo Guo",
        "IsoBench: Benchmarking Isomorphic Inputs",
        ("Deqi Fang", "Ruo Guo"),
    ),
    # names with initials
    (
        "Robust Parsing at ScaleNelson F. Lowe, Ala N. Tarek",
        "Robust Parsing at Scale",
        ("Nelson F. Lowe", "Ala N. Tarek"),
    ),
    ("Topology for LearnersJ.-P. Sorel, Ana Lim", "Topology for Learners", ("J.-P. Sorel", "Ana Lim")),
    ("Information Geometry NotesDavid J. C. Makin", "Information Geometry Notes", ("David J. C. Makin",)),
    (
        "Fantasy Worlds as BenchmarksJ.R.R. Tolman, C. S. Lyle",
        "Fantasy Worlds as Benchmarks",
        ("J.R.R. Tolman", "C. S. Lyle"),
    ),
    # hyphenated names
    (
        "Hubble Models for MemorizationJohnny Tian-Zheng Wu, Ameya Godwin",
        "Hubble Models for Memorization",
        ("Johnny Tian-Zheng Wu", "Ameya Godwin"),
    ),
    (
        "In-Context Linear RegressionDeqi Fang, Tian-Qi Chen, Robin Jiang",
        "In-Context Linear Regression",
        ("Deqi Fang", "Tian-Qi Chen", "Robin Jiang"),
    ),
    (
        "Speech Models for Korean DialectsHa-eun Park, Ji-woo Han",
        "Speech Models for Korean Dialects",
        ("Ha-eun Park", "Ji-woo Han"),
    ),
    (
        "Medieval Arabic ManuscriptsYusuf al-Rashid, Leila Khoury-Haddad",
        "Medieval Arabic Manuscripts",
        ("Yusuf al-Rashid", "Leila Khoury-Haddad"),
    ),
    # accents and letters outside Latin-1
    ("Polish Language ModelsŁukasz Kowal, Zoë Hart", "Polish Language Models", ("Łukasz Kowal", "Zoë Hart")),
    (
        "Nordic Speech CorporaBjörn Ødegård, Søren Ærø",
        "Nordic Speech Corpora",
        ("Björn Ødegård", "Søren Ærø"),
    ),
    ("Turkish MorphologyŞebnem Işık, Çağrı Öztürk", "Turkish Morphology", ("Şebnem Işık", "Çağrı Öztürk")),
    (
        "Decomposed AccentsZoe\u0308 Hart, Rene\u0301 Roy",
        "Decomposed Accents",
        ("Zoe\u0308 Hart", "Rene\u0301 Roy"),
    ),
    # apostrophes
    (
        "Counterfactual InvarianceAlex D'Amato, Mary O'Brien",
        "Counterfactual Invariance",
        ("Alex D'Amato", "Mary O'Brien"),
    ),
    (
        "Irish Speech RecognitionSiobhán O'Sullivan, Ciarán Ó Briain",
        "Irish Speech Recognition",
        ("Siobhán O'Sullivan", "Ciarán Ó Briain"),
    ),
    (
        "Typographic ApostrophesNiamh O\u2019Kelly, Luc D\u2019Arcy",
        "Typographic Apostrophes",
        ("Niamh O\u2019Kelly", "Luc D\u2019Arcy"),
    ),
    # inner capitals and name prefixes
    ("Parsing with NLPRyan McDowell, Joakim Nyberg", "Parsing with NLP", ("Ryan McDowell", "Joakim Nyberg")),
    (
        "Dropout RevisitedTerrance DeVane, Graham W. Tyler",
        "Dropout Revisited",
        ("Terrance DeVane", "Graham W. Tyler"),
    ),
    (
        "Convolutional NetworksYann LeCour, Léon Bottin",
        "Convolutional Networks",
        ("Yann LeCour", "Léon Bottin"),
    ),
    (
        "Bayesian Model ComparisonDavid MacKinnon, Iain MacLeod",
        "Bayesian Model Comparison",
        ("David MacKinnon", "Iain MacLeod"),
    ),
    (
        "Sports Analytics with Language ModelsDeAndre Jordan, Chris Paulsen",
        "Sports Analytics with Language Models",
        ("DeAndre Jordan", "Chris Paulsen"),
    ),
    ("Ranking Models for NLPRyan McDonald, Kim Lee", "Ranking Models for NLP", ("Ryan McDonald", "Kim Lee")),
    (
        "Neural Rendering in FilmLaura DiNapoli, Marco LaRosa",
        "Neural Rendering in Film",
        ("Laura DiNapoli", "Marco LaRosa"),
    ),
    (
        "Catalogue MatchingErin FitzGerald, Jake VanDyke",
        "Catalogue Matching",
        ("Erin FitzGerald", "Jake VanDyke"),
    ),
    # lowercase particles
    (
        "Visualizing Data Using t-SNELaurens van der Maas, Geoff Hinds",
        "Visualizing Data Using t-SNE",
        ("Laurens van der Maas", "Geoff Hinds"),
    ),
    (
        "Spanish Legal NLPJuan de la Cruz, María José García",
        "Spanish Legal NLP",
        ("Juan de la Cruz", "María José García"),
    ),
    (
        "Portuguese Treebanks RevisitedAna dos Santos, Pedro da Silva, Luís de Sousa",
        "Portuguese Treebanks Revisited",
        ("Ana dos Santos", "Pedro da Silva", "Luís de Sousa"),
    ),
    (
        "German Compound SplittingUrsula von Arnim, Kai zu Lind",
        "German Compound Splitting",
        ("Ursula von Arnim", "Kai zu Lind"),
    ),
    # separators: "and", "&", a single author, many authors
    (
        "Tree Kernels RevisitedAnna Reed, Ben Stone and Cara Wills",
        "Tree Kernels Revisited",
        ("Anna Reed", "Ben Stone", "Cara Wills"),
    ),
    (
        "Lexical Substitution ResourcesMina Lorne, Chris Donal, and Robin Jiang",
        "Lexical Substitution Resources",
        ("Mina Lorne", "Chris Donal", "Robin Jiang"),
    ),
    ("Graph ColouringTom Hale & Rita Moss", "Graph Colouring", ("Tom Hale", "Rita Moss")),
]

# (line, expected title, authors, et_al, organisation)
TAIL_CASES: list[tuple[str, str, tuple[str, ...], bool, str | None]] = [
    (
        "Are Small Models Robust?Nelson F. Lowe, Ana Kumari, Percy Lang et al. · stanford",
        "Are Small Models Robust?",
        ("Nelson F. Lowe", "Ana Kumari", "Percy Lang"),
        True,
        "stanford",
    ),
    (
        "Continual Refinement in Data StreamsBill Yu Lin, Sid Wang et al.",
        "Continual Refinement in Data Streams",
        ("Bill Yu Lin", "Sid Wang"),
        True,
        None,
    ),
    (
        "Document Understanding with DistillationWang Zhou, Alek Agar · uw",
        "Document Understanding with Distillation",
        ("Wang Zhou", "Alek Agar"),
        False,
        "uw",
    ),
    (
        "Teaching Models to Understand (but not Generate) DataRyan Wang, Luca Sold et al. · allen-ai",
        "Teaching Models to Understand (but not Generate) Data",
        ("Ryan Wang", "Luca Sold"),
        True,
        "allen-ai",
    ),
    (
        "Planning at Scale · A Case StudyMara Lind, Tom Ek · Google DeepMind",
        "Planning at Scale · A Case Study",
        ("Mara Lind", "Tom Ek"),
        False,
        "Google DeepMind",
    ),
]

# Lines with no valid split: the parser keeps the whole line as the title and warns (never a silent guess).
NO_SPLIT_CASES = [
    "A Title With No Authors At All",
    "Attention Is All You Need.",
    "Sociotechnical Audits of Recommender Systemsdanah boyd, kate crawford",  # lowercase names
    "Chinese Language Models王小明, 李华",  # caseless scripts
    "Results in Part A.Jane Doe",  # title ends like an initial
    "Results for NLP",
    "Robust Models for NLPDouwe",  # a single-token first author
]

# Several valid splits and nothing to decide between them: a warning, not a silent choice.
AMBIGUOUS_CASES = [
    "Learning ModelsMary Smith, JaeHyun Kim",
    "A Study of GPTs Faster, Better, CheaperJohn Smith",
]


@pytest.mark.parametrize(
    ("line", "title", "authors"), BOUNDARY_CASES, ids=[c[1][:40] for c in BOUNDARY_CASES]
)
def test_boundary(line: str, title: str, authors: tuple[str, ...]) -> None:
    split = split_title_authors(line)
    assert split is not None
    assert (split.title, split.authors, split.ambiguous) == (title, authors, False)
    assert (split.et_al, split.organisation) == (False, None)


def test_boundary_table_is_large_enough() -> None:
    assert len(BOUNDARY_CASES) >= 40


@pytest.mark.parametrize(("line", "title", "authors", "et_al", "org"), TAIL_CASES)
def test_et_al_and_organisation(
    line: str, title: str, authors: tuple[str, ...], et_al: bool, org: str | None
) -> None:
    split = split_title_authors(line)
    assert split is not None
    assert (split.title, split.authors, split.et_al, split.organisation) == (title, authors, et_al, org)


@pytest.mark.parametrize("line", NO_SPLIT_CASES)
def test_no_valid_split(line: str) -> None:
    assert split_title_authors(line) is None


@pytest.mark.parametrize("line", AMBIGUOUS_CASES)
def test_ambiguous_split_is_flagged(line: str) -> None:
    split = split_title_authors(line)
    assert split is not None and split.ambiguous


def test_known_names_settle_an_ambiguous_split() -> None:
    line = "Learning ModelsMary Smith, JaeHyun Kim"
    split = split_title_authors(line, known={"Mary Smith"})
    assert split is not None and not split.ambiguous
    assert (split.title, split.authors) == ("Learning Models", ("Mary Smith", "JaeHyun Kim"))


def _digest(lines: list[str]) -> str:
    abstract = (
        "We study a problem that matters and propose a method that works better than the baselines on "
        "several benchmarks, with analysis that explains why it works and where it fails."
    )
    return "\n".join(part for line in lines for part in (line, abstract))


def test_boundary_cases_in_a_digest_parse_without_warnings() -> None:
    lines = [case[0] for case in BOUNDARY_CASES] + [case[0] for case in TAIL_CASES]
    result = parse(_digest(lines))
    assert result.layout == "alphaxiv"
    assert result.warnings == ()
    expected = [(c[1], c[2]) for c in BOUNDARY_CASES] + [(c[1], c[2]) for c in TAIL_CASES]
    assert [(e.title, e.authors) for e in result.entries] == expected
    assert [e.line for e in result.entries] == list(range(1, 2 * len(lines), 2))


def test_a_camel_case_first_author_known_from_another_entry() -> None:
    # On its own, a camel-case first name is cut ("…Jae" / "Hyun Kim"); as a later author elsewhere in the
    # same digest, "JaeHyun Kim" becomes a known name and settles both lines. "Ha-eun Park" is known from
    # the third line, which settles the first one.
    text = _digest(
        [
            "Speech Models for Korean DialectsHa-eun Park, JaeHyun Kim",
            "Learning ModelsJaeHyun Kim, Bora Seo",
            "Korean Speech CorporaBora Seo, Ha-eun Park",
        ]
    )
    result = parse(text)
    assert result.warnings == ()
    assert [(e.title, e.authors) for e in result.entries] == [
        ("Speech Models for Korean Dialects", ("Ha-eun Park", "JaeHyun Kim")),
        ("Learning Models", ("JaeHyun Kim", "Bora Seo")),
        ("Korean Speech Corpora", ("Bora Seo", "Ha-eun Park")),
    ]


@pytest.mark.parametrize("line", NO_SPLIT_CASES[:3] + AMBIGUOUS_CASES)
def test_unsplittable_or_ambiguous_lines_warn_in_a_digest(line: str) -> None:
    text = _digest(["Robust Parsing at ScaleNelson F. Lowe, Ala N. Tarek", line])
    result = parse(text)
    assert [w.line for w in result.warnings] == [3]
    assert "title" in result.warnings[0].message


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("Liu", "word"),
        ("F.", "initial"),
        ("J.-P.", "initial"),
        ("Tian-Zheng", "word"),
        ("McDonald", "word"),
        ("O'Brien", "word"),
        ("van", "particle"),
        ("JaeHyun", "camel"),
        ("NLP", None),
        ("LPDouwe", None),
        ("2Hugo", None),
        ("Tian-", None),
        ("McD", None),
        ("Łukasz", "word"),
        ("al-Rashid", "word"),
    ],
)
def test_token_kind(token: str, kind: str | None) -> None:
    assert token_kind(token) == kind


def test_is_name() -> None:
    assert is_name("Nelson F. Liu", first=True, strict=True)
    assert is_name("Laurens van der Maaten", first=True, strict=True)
    assert not is_name("Douwe", first=True)
    assert is_name("Douwe")
    assert not is_name("Smith van")
    assert not is_name("One Two Three Four Five Six Seven")
    assert not is_name("JaeHyun Kim", first=True, strict=True)
    assert is_name("JaeHyun Kim", first=True)

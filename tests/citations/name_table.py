"""Thirty hard names: how each is written, and the parts a reference manager must keep.

Each row: the name as a digest or a service writes it, then (family, given, suffix) for a person, or the
literal for a group or a mononym. The BibTeX rows give the name as a ``.bib`` file writes it (with
bibtexparser's own split) and must come back with the same parts."""

from __future__ import annotations

# (written, family, given, suffix, literal)
NAMES: list[tuple[str, str, str, str, str]] = [
    ("Ursula K. Le Guin", "Le Guin", "Ursula K.", "", ""),
    ("Charles de la Vallée Poussin", "de la Vallée Poussin", "Charles", "", ""),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig", "", ""),
    ("Johannes Diderik van der Waals", "van der Waals", "Johannes Diderik", "", ""),
    ("Gerard 't Hooft", "'t Hooft", "Gerard", "", ""),
    ("Martin Luther King Jr.", "King", "Martin Luther", "Jr.", ""),
    ("Leonardo da Vinci", "da Vinci", "Leonardo", "", ""),
    ("Vincent Van Gogh", "Van Gogh", "Vincent", "", ""),
    ("Robert De Niro", "De Niro", "Robert", "", ""),
    ("Ahmad ibn Hanbal", "ibn Hanbal", "Ahmad", "", ""),
    ("Yann LeCun", "LeCun", "Yann", "", ""),
    ("Jean-Pierre Serre", "Serre", "Jean-Pierre", "", ""),
    ("Gemini Team", "", "", "", "Gemini Team"),
    ("OpenAI", "", "", "", "OpenAI"),
    ("LSST Dark Energy Science Collaboration", "", "", "", "LSST Dark Energy Science Collaboration"),
    ("Liu, Nelson F.", "Liu", "Nelson F.", "", ""),
    ("King, Jr., Martin Luther", "King", "Martin Luther", "Jr.", ""),
    ("de la Vallée Poussin, Charles", "de la Vallée Poussin", "Charles", "", ""),
    ("Le Guin, Ursula K.", "Le Guin", "Ursula K.", "", ""),
    ("Pieter Van Der Merwe", "Van Der Merwe", "Pieter", "", ""),
    ("Alessandro Di Matteo", "Di Matteo", "Alessandro", "", ""),
    ("Michael Da Silva", "Da Silva", "Michael", "", ""),
    ("Kai-Fu Lee", "Lee", "Kai-Fu", "", ""),
    ("Dmitri Ivanovich Mendeleev", "Mendeleev", "Dmitri Ivanovich", "", ""),
    ("Ha-eun Kim", "Kim", "Ha-eun", "", ""),
    ("John Smith III", "Smith", "John", "III", ""),
    ("Oscar De La Hoya", "De La Hoya", "Oscar", "", ""),
    ("Alexander von Humboldt", "von Humboldt", "Alexander", "", ""),
    ("J. R. R. Tolkien", "Tolkien", "J. R. R.", "", ""),
    ("Mary Ann O'Brien", "O'Brien", "Mary Ann", "", ""),
]

# (BibTeX author field, (family, given, suffix) of each name, the BibTeX readq writes back)
BIBTEX_NAMES: list[tuple[str, list[tuple[str, str, str]], str]] = [
    ("Le Guin, Ursula K.", [("Le Guin", "Ursula K.", "")], "Le Guin, Ursula K."),
    (
        "de la Vall{\\'e}e Poussin, Charles",
        [("de la Vallée Poussin", "Charles", "")],
        "de la Vall{\\'e}e Poussin, Charles",
    ),
    ("Ludwig van Beethoven", [("van Beethoven", "Ludwig", "")], "van Beethoven, Ludwig"),
    ("King, Jr., Martin Luther", [("King", "Martin Luther", "Jr.")], "King, Jr., Martin Luther"),
    ("{'t Hooft}, Gerard", [("'t Hooft", "Gerard", "")], "'t Hooft, Gerard"),
    (
        "Van Der Merwe, Pieter and Smith, John",
        [("Van Der Merwe", "Pieter", ""), ("Smith", "John", "")],
        "Van Der Merwe, Pieter and Smith, John",
    ),
    (
        "Poussin, Charles de la Vall{\\'e}e",
        [("Poussin", "Charles de la Vallée", "")],
        "Poussin, Charles de la Vall{\\'e}e",
    ),
]

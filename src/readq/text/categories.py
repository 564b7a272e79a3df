"""Subject categories as sources write them: arXiv says ``cs.CL``, alphaXiv and Hugging Face listings often
just ``CL``. A bare code that names one arXiv computer-science (or statistics) subject is read as that
subject, so ``cat:cs.CL`` finds a paper a listing filed under ``CL``, and ``cat:CL`` finds both. Pure."""

from __future__ import annotations

# arXiv's archive for each bare subject code (cs unless the code exists only elsewhere). Codes shared with
# other archives (math.IT is cs.IT, eess.SY is cs.SY) are read as cs, as arXiv cross-lists them.
_CS = "ai ar cc ce cg cl cr cv cy db dc dl dm ds et fl gl gr gt hc ir it lg lo ma mm ms na ne ni oh os pf"
_ARCHIVE = {
    **dict.fromkeys((*_CS.split(" "), "pl", "ro", "sc", "sd", "se", "si", "sy"), "cs"),
    "ml": "stat",
    "as": "eess",
    "iv": "eess",
    "sp": "eess",
}


def category_parts(category: str) -> list[str]:
    """One folded category and the names it is also known by: ``cs.cl`` -> ``cs.cl``, ``cl``; a bare ``cl``
    -> ``cl``, ``cs.cl``."""
    parts = [category, *(p for p in category.split(".")[1:] if p)]
    if "." not in category and category in _ARCHIVE:
        parts.append(f"{_ARCHIVE[category]}.{category}")
    return parts

"""Paper identity: the normalised title, its fingerprint, canonical arXiv ids, and the short paper ids
derived from them. Pure functions (no I/O); :mod:`readq.models` re-exports them."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=8192)
def normalise_title(title: str) -> str:
    """Fold a title to the form used for de-duplication: accents, case, punctuation and spacing ignored."""
    if title.isascii():  # nearly every title: no accents to take off
        return _NON_ALNUM.sub(" ", title.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", title)
    ascii_ish = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", ascii_ish.casefold()).strip()


def title_hash(title: str) -> int:
    """A 64-bit fingerprint of the normalised title: the de-duplication key, compact enough to keep for
    every paper in memory."""
    digest = hashlib.blake2b(normalise_title(title).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


_ARXIV_VERSION = re.compile(r"v\d+$")
_ARXIV_PREFIX = re.compile(
    r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|oai:arxiv\.org:|arxiv:\s*)", re.IGNORECASE
)
_ARXIV_OLD = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)?)(?:\.[A-Za-z]{2})?/(\d{7})")


def normalise_arxiv_id(arxiv_id: str) -> str:
    """An arXiv id in its canonical form, version dropped: ``2401.01234v2`` -> ``2401.01234``;
    ``arXiv: hep-th/9901001`` -> ``hep-th/9901001``; ``https://arxiv.org/abs/cond-mat/0412498v1`` ->
    ``cond-mat/0412498``; ``math.GT/0309136`` -> ``math/0309136``; ``oai:arXiv.org:2411.17700v1`` ->
    ``2411.17700``. Anything else is returned stripped, without a trailing version."""
    value = _ARXIV_PREFIX.sub("", arxiv_id.strip()).strip()
    if value.lower().endswith(".pdf"):
        value = value[:-4]
    value = _ARXIV_VERSION.sub("", value.rstrip("/"))
    old = _ARXIV_OLD.fullmatch(value)
    if old:
        return f"{old.group(1).lower()}/{old.group(2)}"
    return value


def identity_key(title: str, arxiv_id: str | None) -> str:
    """The identity a paper is de-duplicated by: its arXiv id when known, else its normalised title."""
    if arxiv_id:
        return "arxiv:" + normalise_arxiv_id(arxiv_id)
    return "title:" + normalise_title(title)


def paper_id_candidates(identity: str) -> list[str]:
    """Stable short ids for an identity, first choice first (later ones resolve the rare collision)."""
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()
    return [digest[i : i + 8] for i in range(0, 64, 8)]

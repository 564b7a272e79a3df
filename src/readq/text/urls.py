"""Which links readq keeps and opens: absolute ``http(s)`` URLs with a host, and ``doi:`` names made https."""

from __future__ import annotations

from urllib.parse import urlsplit

DOI_RESOLVER = "https://doi.org/"


def web_url(value: str) -> str | None:
    """``value`` as a link readq may keep and open, or None: an absolute http(s) URL with a host and no white
    space or control characters; ``doi:10.…`` (any case) becomes ``https://doi.org/10.…`` and a bare
    ``www.`` host (as BibTeX files often have it) gets ``https://``. Everything else
    (``javascript:``, ``file:``, ``data:``, relative paths, a bare host) is refused."""
    text = value.strip()
    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        return None
    if text[:4].lower() == "doi:":
        name = text[4:].lstrip("/")
        return DOI_RESOLVER + name if name.startswith("10.") and "/" in name else None
    if text[:4].lower() == "www.":
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return text

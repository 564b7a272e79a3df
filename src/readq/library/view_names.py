"""Views by the names a person types (``readq list --view NAME``): a fixed view, a saved search, a digest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readq.library.views import DIGEST, SEARCH, VIEW_TITLES

if TYPE_CHECKING:
    from readq.library.service import Library


def view_key(library: Library, name: str) -> str:
    """The key of the view called ``name``: inbox, queue, read, all, snoozed, watched (any case), else a
    saved search of that name, else a digest by its file name (or its label). Raises LookupError."""
    text = name.strip()
    lowered = text.lower()
    if lowered in VIEW_TITLES:
        return lowered
    if text in library.discovery.saved:
        return SEARCH + text
    digests = [v for v in library.views() if v.is_digest]
    for view in digests:
        if text == view.file:
            return view.key
    labelled = [v for v in digests if text == v.title]
    if len(labelled) == 1:
        return labelled[0].key
    if len(labelled) > 1:
        files = ", ".join(v.file for v in labelled)
        raise LookupError(f"{name!r} names {len(labelled)} digests ({files}): give the file name")
    known = [*VIEW_TITLES, *library.discovery.saved, *(v.key[len(DIGEST) :] for v in digests)]
    raise LookupError(f"no view called {name!r}; known: {', '.join(known)}")

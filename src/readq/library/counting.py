"""The counts a library starts from, read from the catalog's columns in one pass (no paper parsed): one view
per digest (a lookup such as completing from arXiv is none), how many papers each digest holds, and how many
arrived since the app last closed. An untouched paper counts as Inbox, All and left to triage in each of its
digests; the library then adjusts the counts for the papers the user touched."""

from __future__ import annotations

from collections import Counter
from itertools import chain

from readq.library.views import DIGEST, NEW, View
from readq.models import LOOKUP_SOURCES
from readq.store.catalog import Catalog
from readq.text.labels import digest_label


def digest_views(catalog: Catalog, last_closed: str | None) -> tuple[dict[str, View], Counter[str]]:
    """``(digest file -> its view, sorted by file; the starting counts by view key)``."""
    files = [source[0] for source in catalog.sources]
    column = catalog.columns["src"]
    per_source = Counter(chain.from_iterable(column))
    digests: dict[str, View] = {}
    for i, (file, day, _, _) in enumerate(catalog.sources):
        if per_source[i] and file not in LOOKUP_SOURCES:  # no paper has it any more (an undone import)
            digests.setdefault(file, View(DIGEST + file, digest_label(file), day))
    for src in column:  # a paper seen twice in one file (under two dates) counts once for it
        if len(src) > 1 and len({files[i] for i in src}) < len(src):
            seen: set[str] = set()
            for i in src:
                if files[i] in seen:
                    per_source[i] -= 1
                seen.add(files[i])
    totals: Counter[str] = Counter()
    for i, n in per_source.items():
        totals[files[i]] += n
    counts: Counter[str] = Counter()
    counts["inbox"] = counts["all"] = len(catalog.ids)
    if last_closed:  # new since the app last closed: by import time, one pass over a column
        counts[NEW] = sum(1 for added in catalog.columns["added"] if added > last_closed)
    for file, total in totals.items():
        counts[DIGEST + file] = counts["left:" + file] = total
    return dict(sorted(digests.items())), counts

"""Tags: normalising what people type, comma-separated lists, and ``+a -b`` edits. Pure, no Textual.

A tag is one line of plain text: control characters and escape sequences removed (as at import), spaces
collapsed, ends stripped, a leading ``#`` dropped (the sidebar shows it), commas impossible (they separate
tags), at most :data:`MAX_TAG` characters. Tags are unique without regard to case or accents (``ML`` and
``ml`` are one tag); the first spelling is kept. Markup such as ``[b]`` is left as text: the UI shows it
literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from readq.text.clean import clean_field
from readq.text.folding import fold

MAX_TAG = 64


def normalise_tag(tag: str) -> str:
    tag = clean_field(tag.replace(",", " ")).lstrip("#").strip()
    return tag[:MAX_TAG].rstrip()


def tag_key(tag: str) -> str:
    """The form tags are compared by (and ``tag:NAME`` matches): case- and accent-insensitive."""
    return fold(tag)


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Each tag normalised, empty ones dropped, duplicates (by :func:`tag_key`) dropped keeping the first."""
    kept: dict[str, str] = {}
    for tag in tags:
        clean = normalise_tag(tag)
        if clean:
            kept.setdefault(tag_key(clean), clean)
    return tuple(kept.values())


def parse_tag_list(text: str) -> tuple[str, ...]:
    """``"ml, to cite ,ML"`` -> ``("ml", "to cite")``."""
    return normalise_tags(text.split(","))


def format_tag_list(tags: Sequence[str]) -> str:
    return ", ".join(tags)


def apply_tag_edits(current: Sequence[str], edits: Sequence[str]) -> tuple[str, ...]:
    """``current`` after ``edits``: ``+a`` or ``a`` adds, ``-b`` removes (any spelling of it); each edit may
    name several comma-separated tags (``+a,b``). Order is kept; new tags go last."""
    tags = list(normalise_tags(current))
    for edit in edits:
        remove = edit.startswith("-")
        body = edit[1:] if edit.startswith(("+", "-")) else edit
        for name in body.split(","):
            clean = normalise_tag(name)
            if not clean:
                continue
            if remove:
                tags = [t for t in tags if tag_key(t) != tag_key(clean)]
            else:
                tags.append(clean)
    return normalise_tags(tags)


def tag_edit_notes(current: Sequence[str], edits: Sequence[str]) -> list[str]:
    """What ``edits`` do that a person may not expect: an edit that names several tags at once (``"a,b"``
    is two tags) and a removal of a tag the paper does not have (nothing to remove)."""
    notes: list[str] = []
    have = {tag_key(t) for t in normalise_tags(current)}
    for edit in edits:
        remove = edit.startswith("-")
        body = edit[1:] if edit.startswith(("+", "-")) else edit
        names = normalise_tags(body.split(","))
        if len(names) > 1:
            verb = "removes" if remove else "adds"
            notes.append(
                f"{edit!r} {verb} {len(names)} tags ({format_tag_list(names)}): a comma separates tags"
            )
        if remove:
            missing = [name for name in names if tag_key(name) not in have]
            if missing:
                notes.append(f"no tag {format_tag_list(missing)!r} to remove: the paper does not have it")
            have -= {tag_key(name) for name in names}
        else:
            have |= {tag_key(name) for name in names}
    return notes


def tag_completion(value: str, known: Sequence[str]) -> str | None:
    """Complete the last comma-separated item of ``value`` from ``known`` tags (in order of preference),
    skipping tags already in the list: ``"ml, to c"`` -> ``"ml, to cite"``. ``None`` when nothing fits."""
    head, _, last = value.rpartition(",")
    partial = last.lstrip()
    if not partial:
        return None
    prefix = value[: len(value) - len(partial)]
    have = {tag_key(t) for t in head.split(",")} if head else set()
    wanted = tag_key(partial)
    for tag in known:
        key = tag_key(tag)
        # The typed part must line up with the tag's letters (folding can change lengths: "ß" -> "ss").
        fits = key.startswith(wanted) and key != wanted and tag_key(tag[: len(partial)]) == wanted
        if fits and key not in have:
            return prefix + tag  # the ghost text is the tag's rest; accepting it keeps its spelling
    return None

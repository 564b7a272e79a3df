"""Whether one query implies another, so that search as you type can filter the previous results instead
of the library when the new query only narrows the old one (``narrows``). Conservative: when in doubt (or
over a work budget) it answers no, and the search reads the whole library."""

from __future__ import annotations

from readq.query.language import (
    TEXT_FIELDS,
    And,
    Everything,
    Field,
    Node,
    Not,
    Or,
    QueryError,
    Text,
    parse,
)

# -- implication (for narrows) ----------------------------------------------------------------------------


class _Budget(Exception):
    pass


def _interval(field: Field) -> tuple[int, int]:
    """The inclusive range of values a ``p``/``year`` comparison accepts (unbounded: no assumption that
    priorities stay within 0-3)."""
    low, high, value = -(10**12), 10**12, int(field.value)
    return {
        "=": (value, value),
        "<": (low, value - 1),
        "<=": (low, value),
        ">": (value + 1, high),
        ">=": (value, high),
    }[field.op]


def _atom_implies(a: Text | Field, b: Text | Field) -> bool:
    if isinstance(b, Text):
        # Free text looks in title, authors, abstract and note, so any of those containing it will do.
        if isinstance(a, Text) or a.name in ("author", "title", "abstract", "note"):
            return b.value in str(a.value)
        return False
    if not isinstance(a, Field) or a.name != b.name:
        return False
    if b.name in TEXT_FIELDS:
        return str(b.value) in str(a.value)
    if b.name == "cat":
        return str(a.value).startswith(str(b.value))
    if b.name in ("p", "year", "seen"):
        (a_low, a_high), (b_low, b_high) = _interval(a), _interval(b)
        return a_low > a_high or (b_low <= a_low and a_high <= b_high)
    return a == b


def implies(a: Node, b: Node, budget: int = 20_000) -> bool:
    """True when every record matching ``a`` surely matches ``b``. Sound, not complete: False when unsure
    (including when the check would cost more than ``budget`` steps)."""
    steps = [budget]

    def go(a: Node, b: Node) -> bool:
        steps[0] -= 1
        if steps[0] < 0:
            raise _Budget
        if isinstance(b, Everything) or a == b:
            return True
        if isinstance(a, Or):
            return all(go(child, b) for child in a.children)
        if isinstance(b, And):
            mine = set(a.children) if isinstance(a, And) else {a}
            return all(child in mine or go(a, child) for child in b.children)
        if isinstance(a, And) and any(go(child, b) for child in a.children):
            return True
        if isinstance(b, Or):
            return any(go(a, child) for child in b.children)
        if isinstance(a, Not) and isinstance(b, Not):
            return go(b.child, a.child)
        if isinstance(a, Text | Field) and isinstance(b, Text | Field):
            return _atom_implies(a, b)
        return False

    try:
        return go(a, b)
    except _Budget:
        return False


def narrows(old: str, new: str) -> bool:
    """True when the results of ``new`` are surely a subset of those of ``old`` (so a search-as-you-type
    box may filter the previous results): e.g. ``trans`` -> ``transformer``, ``a`` -> ``a -is:read``.
    False when either does not parse, or when unsure."""
    if old == new:
        return True
    try:
        old_node, new_node = parse(old), parse(new)
    except QueryError:
        return False
    return implies(new_node, old_node)

"""The query language: tokens, the parser, the syntax tree, and implication between queries.

Pure and stdlib-only; :mod:`readq.query.matching` compiles the tree into matchers over records.

Queries (case- and accent-insensitive; ``Jurgen`` finds ``Jürgen``):

- ``word`` / ``"a phrase"``: a substring of the title, authors, abstract or note. Adjacent terms all must
  match (implicit AND; ``AND`` may be written too).
- ``author:liang`` / ``author:"Percy Liang"`` (any one author), ``title:``, ``abstract:``, ``note:``,
  ``src:001`` (any source file name), ``doi:10.1103/physrev`` (the DOI): substring of that field only.
- ``tag:NAME``: a tag equal to NAME. ``cat:CL``: the category, or any of its dot-separated parts, starts with
  the value, so ``cat:cs`` and ``cat:cl`` both find ``cs.CL`` and ``cat:cl`` finds ``CL``; a bare arXiv
  code is its subject, so ``cat:cs.CL`` finds ``CL`` too.
- ``is:read``, ``is:unread``, ``is:watched`` (a term of the watch list matches), ``is:inbox``, ``is:queued``,
  ``is:snoozed`` (the views of the same names: untriaged and not snoozed, unread with a priority, snoozed
  until a later day); ``seen:2``, ``seen:>=2`` (in how many digests the paper was seen);
  ``has:note|tags|authors|code|abstract|pdf|doi``.
- ``p:2``, ``p:>=2``, ``p:<3`` (priority 0-3; a paper never given one has none, so ``p:0`` finds the
  papers triaged at 0 and no ``p:`` term matches the Inbox); ``year:2024``, ``year:>=2023`` (the paper's
  year, else the year of its date).
- ``-term`` or ``NOT term`` excludes; ``a OR b``; parentheses group. Precedence: NOT > AND > OR.
- Only ``name:`` with a known field name is a field; other ``name:value`` words are errors (quote them to
  search for the text) except when the value starts with ``/``, so ``http://x`` is a plain word. A colon
  inside quotes is just text. Aliases: ``priority``, ``category``, ``source``, ``authors``, ``tags``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, TypeAlias

from readq.text.folding import fold

# -- errors -----------------------------------------------------------------------------------------------


class QueryError(ValueError):
    """A query that cannot be parsed; ``column`` is 1-based, ``str()`` reads ``column 7: message``."""

    def __init__(self, column: int, message: str) -> None:
        super().__init__(f"column {column}: {message}")
        self.column = column
        self.message = message


# -- syntax tree ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Everything:
    """The empty query: matches every record."""


@dataclass(frozen=True, slots=True)
class Text:
    """A free word or quoted phrase (folded): a substring of title, authors, abstract or note."""

    value: str


@dataclass(frozen=True, slots=True)
class Field:
    """``name:value``. ``op`` is one of ``= < <= > >=`` for ``p``/``year`` (value an int), else ``=``."""

    name: str
    value: str | int
    op: str = "="


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node: TypeAlias = Everything | Text | Field | Not | And | Or
EVERYTHING: Final = Everything()

# -- fields -----------------------------------------------------------------------------------------------

TEXT_FIELDS = ("author", "title", "abstract", "note", "src", "doi")
FIELDS = ("author", "title", "abstract", "note", "is", "p", "has", "tag", "cat", "src", "year", "seen", "doi")
ALIASES = {"authors": "author", "priority": "p", "tags": "tag", "category": "cat", "source": "src"}
IS_VALUES = ("read", "unread", "watched", "inbox", "queued", "snoozed")
HAS_VALUES = ("note", "tags", "authors", "code", "abstract", "pdf", "doi")
MAX_DEPTH = 100  # nested parentheses; deeper queries are refused rather than overflowing the stack

_FIELD_FORM = re.compile(r"([A-Za-z][A-Za-z_]*):(.*)", re.DOTALL)
_COMPARISON = re.compile(r"(>=|<=|>|<|=)?(\d{1,9})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# -- tokens -----------------------------------------------------------------------------------------------

_LPAREN, _RPAREN, _NEG, _NOT, _AND, _OR, _TERM = "(", ")", "-", "NOT", "AND", "OR", "term"
_KEYWORDS = {"NOT": _NOT, "AND": _AND, "OR": _OR}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    column: int
    node: Text | Field | None = None


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The text between the quote at ``start`` and the next quote, and the index after the closing one."""
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError(start + 1, "unterminated quote")
    return text[start + 1 : end], end + 1


def _phrase(raw: str) -> str:
    return " ".join(fold(raw).split())


def _field(name: str, raw: str, column: int, value_column: int) -> Field:
    canonical = ALIASES.get(name.lower(), name.lower())
    if canonical not in FIELDS:
        raise QueryError(
            column,
            f"unknown field '{name}'; known: {', '.join(FIELDS)} (quote it to search for the text itself)",
        )
    value = _phrase(raw)
    if not value:
        raise QueryError(column, f"{canonical}: needs a value")
    if canonical in ("p", "year", "seen"):
        found = _COMPARISON.fullmatch(value)
        number = int(found.group(2)) if found else -1
        if canonical == "p" and not 0 <= number <= 3:
            raise QueryError(value_column, f"bad priority '{raw}': use 0-3, optionally after <, <=, >, >=")
        if canonical == "year" and found is None:
            raise QueryError(value_column, f"bad year '{raw}': use a number, optionally after <, <=, >, >=")
        if canonical == "seen" and found is None:
            raise QueryError(value_column, f"bad seen '{raw}': use a count, optionally after <, <=, >, >=")
        assert found is not None
        return Field(canonical, number, found.group(1) or "=")
    if canonical == "is" and value not in IS_VALUES:
        raise QueryError(value_column, f"unknown is:{raw}; known: {', '.join(IS_VALUES)}")
    if canonical == "has" and value not in HAS_VALUES:
        raise QueryError(value_column, f"unknown has:{raw}; known: {', '.join(HAS_VALUES)}")
    return Field(canonical, value)


def _word_end(text: str, start: int) -> int:
    """Where a bare word starting at ``start`` ends: at whitespace, a quote, or an unmatched ``)``.

    Parentheses opened inside a word stay in it, so ``f(x)`` is one word while ``(a b)`` is a group.
    """
    depth = 0
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == '"':
            break
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    return i


def tokenize(text: str) -> list[_Token]:
    text = _CONTROL.sub(" ", text)  # one for one, so columns still point into the original text
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        column = i + 1
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch, column))
            i += 1
        elif ch == "-":
            if i + 1 == n or text[i + 1].isspace():
                raise QueryError(column, "dangling '-': write it right before what it excludes, as in -word")
            tokens.append(_Token(_NEG, column))
            i += 1
        elif ch == '"':
            raw, i = _read_quoted(text, i)
            value = _phrase(raw)
            if not value:
                raise QueryError(column, "empty phrase")
            tokens.append(_Token(_TERM, column, Text(value)))
        else:
            end = _word_end(text, i)
            word = text[i:end]
            form = _FIELD_FORM.fullmatch(word)
            if word in _KEYWORDS:
                tokens.append(_Token(_KEYWORDS[word], column))
            elif form is None or form.group(2).startswith("/"):  # plain word; "http://x" is one too
                tokens.append(_Token(_TERM, column, Text(fold(word))))
            else:
                name, raw = form.group(1), form.group(2)
                value_column = column + len(name) + 1
                if not raw and end < n and text[end] == '"':
                    raw, end = _read_quoted(text, end)
                tokens.append(_Token(_TERM, column, _field(name, raw, column, value_column)))
            i = end
    return tokens


# -- parser -----------------------------------------------------------------------------------------------


def _and(children: list[Node]) -> Node:
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, And) else (child,))
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _or(children: list[Node]) -> Node:
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, Or) else (child,))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


class _Parser:
    """Recursive descent: ``or := and (OR and)*``, ``and := unary ([AND] unary)*``,
    ``unary := (NOT | -)* primary``, ``primary := ( or ) | term``."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            return EVERYTHING
        node = self.or_expr()
        token = self.peek()
        if token is not None:  # only a stray ")" stops or_expr early
            raise QueryError(token.column, "unbalanced parenthesis")
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == _OR:
            self.pos += 1
            self.expect_operand(token, "OR")
            children.append(self.and_expr())
        return _or(children)

    def and_expr(self) -> Node:
        children = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in (_OR, _RPAREN):
            if token.kind == _AND:
                self.pos += 1
                self.expect_operand(token, "AND")
            children.append(self.unary())
        return _and(children)

    def unary(self) -> Node:
        negations = 0
        while (token := self.peek()) is not None and token.kind in (_NOT, _NEG):
            self.pos += 1
            self.expect_operand(token, "'-'" if token.kind == _NEG else "NOT")
            negations += 1
        node = self.primary()
        return Not(node) if negations % 2 else node

    def primary(self) -> Node:
        token = self.peek()
        assert token is not None  # callers check with expect_operand first
        if token.kind == _TERM:
            self.pos += 1
            assert token.node is not None
            return token.node
        if token.kind == _LPAREN:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(token.column, f"parentheses nested more than {MAX_DEPTH} deep")
            self.pos += 1
            inner = self.peek()
            if inner is None:
                raise QueryError(token.column, "unbalanced parenthesis")
            if inner.kind == _RPAREN:
                raise QueryError(token.column, "empty parentheses")
            node = self.or_expr()
            closing = self.peek()
            if closing is None or closing.kind != _RPAREN:
                raise QueryError(token.column, "unbalanced parenthesis")
            self.pos += 1
            self.depth -= 1
            return node
        if token.kind == _RPAREN:
            raise QueryError(token.column, "unbalanced parenthesis")
        raise QueryError(token.column, f"dangling {token.kind}")  # OR/AND where a term should be

    def expect_operand(self, operator: _Token, label: str) -> None:
        """An operator must be followed by a term, a group, or another NOT."""
        token = self.peek()
        if token is None or token.kind in (_OR, _AND, _RPAREN):
            raise QueryError(operator.column, f"dangling {label}")


def parse(text: str) -> Node:
    """The syntax tree of ``text`` (``EVERYTHING`` when it has no terms); raises :class:`QueryError`."""
    return _Parser(tokenize(text)).parse()

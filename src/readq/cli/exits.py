"""The CLI's exit codes and its error lines on stderr (``readq: …``), shared by every command."""

from __future__ import annotations

import sys

from readq.query.language import QueryError
from readq.text.terminal import visible

EXIT_OK, EXIT_ERROR, EXIT_REJECTED, EXIT_INTERRUPTED = 0, 1, 2, 130


def err(message: str) -> None:
    """``readq: message`` on stderr, with anything that is not plain text made visible."""
    print(f"readq: {visible(message)}", file=sys.stderr)


def report_query_error(text: str, error: QueryError) -> None:
    """``readq: bad query: column 7: …`` and, under the query, a caret at that column."""
    err(f"bad query: {error}")
    if "\n" not in text and len(text) <= 200:
        print(f"  {text}\n  {' ' * (error.column - 1)}^", file=sys.stderr)

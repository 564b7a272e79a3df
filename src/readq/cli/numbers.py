"""Argparse types for the CLI's numeric options: each value is checked against its range, so a bad one
(``-1``, ``0``, ``x``) stops the command with exit status 2 and a message naming the option."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def whole_number(option: str, low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type`` accepting a whole number from ``low`` to ``high`` (no upper bound when None)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} takes a whole number, not {text!r}") from None
        if value < low or (high is not None and value > high):
            bound = f"at least {low:,}" if high is None else f"from {low:,} to {high:,}"
            raise argparse.ArgumentTypeError(f"{option} must be {bound}, not {value}")
        return value

    parse.__name__ = option  # argparse names the type in some messages
    return parse

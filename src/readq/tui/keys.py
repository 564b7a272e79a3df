"""A command of the app (its keys, title, help line, group and the feature that runs it) and how keys are
named for people; the table of every command is :mod:`readq.tui.commands`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.keys import format_key


@dataclass(frozen=True)
class Command:
    keys: str  # Textual key names, comma separated
    action: (
        str  # action on the main screen: ``NAME`` or ``NAME(ARGS)``, run by ``action_NAME`` of the feature
    )
    title: str  # palette title
    help: str  # one line for the help screen and palette
    group: str
    footer: str | None = None  # label in the footer, when shown there
    footer_keys: str | None = None  # how the footer shows the key, when not as in the help
    key_display: str | None = None
    palette: bool = True
    name: str | None = None  # the command's name in the config file's [keys] table (default: from action)
    feature: str = ""  # the main-screen feature that runs the action (see readq.tui.main.screen.FEATURES)

    @property
    def method(self) -> str:
        """The name of the feature's method that runs the action: ``cursor(1)`` -> ``action_cursor``."""
        return "action_" + self.action.split("(", 1)[0]

    @property
    def id(self) -> str:
        """The name users rebind the command by (``[keys]`` in the config); also the Binding id."""
        return self.name or re.sub(r"\W+", "_", self.action).strip("_")

    @property
    def display_keys(self) -> str:
        if self.key_display:
            return self.key_display
        if not self.keys:
            return "—"
        names = {
            "down": "↓",
            "up": "↑",
            "pagedown": "PgDn",
            "pageup": "PgUp",
            "home": "Home",
            "end": "End",
            "left_square_bracket": "[",
            "right_square_bracket": "]",
            "question_mark": "?",
            "slash": "/",
            "escape": "esc",
            "enter": "enter",
            "tab": "tab",
        }
        return " ".join(names.get(k) or key_name(k) for k in self.keys.split(","))


def key_name(key: str) -> str:
    """A Textual key as people write it: ``full_stop`` -> ``.``, ``ctrl+question_mark`` -> ``ctrl+?``;
    named keys stay (``ctrl+t``, ``f5``, ``pagedown``)."""
    if "+" in key:
        *mods, base = key.split("+")
        return "+".join([*mods, key_name(base)])
    shown = format_key(key)
    return shown if len(shown) == 1 and shown.isascii() and shown.isprintable() and shown != " " else key

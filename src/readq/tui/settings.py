"""The config as the app uses it: key overrides applied to the commands, the theme checked against Textual's.

:func:`app_settings` turns a :class:`readq.config.Config` into the effective commands (what the help screen
and the palette show), the keymap handed to :meth:`textual.app.App.set_keymap` (bindings carry the
command's id), and the problems to report. It mirrors Textual's keymap rule: a key given to a command in
``[keys]`` is taken away from whichever command had it by default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from textual.keys import Keys, _character_to_key
from textual.theme import BUILTIN_THEMES

from readq.citations.pinned import FORMAT_TITLES
from readq.config import Config, Problem
from readq.tui.commands import COMMANDS
from readq.tui.keys import Command

MODIFIERS = frozenset({"ctrl", "shift", "alt", "super", "meta", "hyper"})


@dataclass(frozen=True)
class AppSettings:
    config: Config
    commands: tuple[Command, ...]  # with the user's keys, for the help screen and the palette
    keymap: dict[str, str]  # command id -> "key,key" for App.set_keymap
    theme: str | None  # a known theme, or None for Textual's default
    problems: tuple[Problem, ...]
    notices: tuple[Problem, ...] = ()  # keys a [keys] line took from another command, naming that command

    def report(self) -> str:
        return replace(self.config, problems=self.problems).report()

    def notice(self) -> str:
        """The keys taken from other commands, one line each ("" when none were)."""
        return "\n".join(str(n) for n in self.notices)


@cache
def _key_names() -> frozenset[str]:
    names = {key.value.split("+")[-1] for key in Keys}
    names |= {_character_to_key(chr(code)) for code in range(33, 127)}  # slash, minus, question_mark, …
    return frozenset(names | {"enter", "space", "tab", "backspace", "escape"})


def normalise_key(key: str) -> str | None:
    """A key as Textual names it (``?`` -> ``question_mark``, ``Ctrl+T`` -> ``ctrl+t``); None when it is
    not a key Textual can report (a misspelt modifier or name)."""
    if len(key) == 1:
        return _character_to_key(key)
    *mods, base = key.split("+")
    mods = [m.lower() for m in mods]
    if any(m not in MODIFIERS for m in mods) or not base:
        return None
    if len(base) == 1:
        base = _character_to_key(base.lower() if mods else base)
    else:
        base = base.lower()
        if base not in _key_names():
            return None
    return "+".join([*mods, base])


def effective_commands(
    commands: Iterable[Command], overrides: Mapping[str, tuple[str, ...]], citation_format: str
) -> tuple[Command, ...]:
    """``commands`` with ``overrides`` (id -> normalised keys) applied: an overridden command has exactly
    its keys, and other commands lose any of them."""
    taken = {key for keys in overrides.values() for key in keys}
    result = []
    for command in commands:
        if command.id in overrides:
            command = replace(command, keys=",".join(overrides[command.id]), key_display=None)
        else:
            keys = command.keys.split(",")
            kept = [k for k in keys if k not in taken]
            if kept != keys:
                command = replace(command, keys=",".join(kept), key_display=None)
        if "{format}" in command.help:
            title = FORMAT_TITLES.get(citation_format, citation_format)
            command = replace(command, help=command.help.replace("{format}", title))
        result.append(command)
    return tuple(result)


def app_settings(config: Config, commands: Iterable[Command] = COMMANDS) -> AppSettings:
    commands = tuple(commands)
    problems = list(config.problems)
    known = {c.id: c for c in commands}
    overrides: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for name, keys in config.keys.items():
        line = config.line_of(f"keys.{name}")
        if name not in known:
            problems.append(
                Problem(line, f"keys: there is no command {name!r} (readq config lists them); ignored")
            )
            continue
        normalised: list[str] = []
        for key in keys:
            textual_key = normalise_key(key)
            if textual_key is None:
                problems.append(Problem(line, f"keys.{name}: {key!r} is not a key readq knows; ignored"))
            elif textual_key in owner:
                problems.append(
                    Problem(line, f"keys.{name}: {key!r} is already given to {owner[textual_key]}; ignored")
                )
            elif textual_key not in normalised:
                normalised.append(textual_key)
                owner[textual_key] = name
        if normalised:
            overrides[name] = tuple(normalised)
    notices = taken_keys(commands, overrides, config)
    theme = config.theme
    if theme is not None and theme not in BUILTIN_THEMES:
        problems.append(
            Problem(
                config.line_of("theme"),
                f"theme {theme!r} is not one of Textual's themes ({', '.join(sorted(BUILTIN_THEMES))}); "
                "using the default",
            )
        )
        theme = None
    return AppSettings(
        config=config,
        commands=effective_commands(commands, overrides, config.citation_format),
        keymap={name: ",".join(keys) for name, keys in overrides.items()},
        theme=theme,
        problems=tuple(sorted(problems, key=lambda p: p.line or 0)),  # in the file's order
        notices=notices,
    )


def taken_keys(
    commands: Iterable[Command], overrides: Mapping[str, tuple[str, ...]], config: Config
) -> tuple[Problem, ...]:
    """For each key a ``[keys]`` line gives that another command has by default: which command lost it and
    what it keeps, so a remapping never silently takes a key away."""
    notices: list[Problem] = []
    for name, keys in overrides.items():
        for key in keys:
            for command in commands:
                defaults = [k for k in command.keys.split(",") if k]
                if command.id == name or command.id in overrides or key not in defaults:
                    continue
                left = [k for k in defaults if not any(k in ks for ks in overrides.values())]
                keeps = f"keeps {', '.join(left)}" if left else "has no key now (it stays in the palette)"
                notices.append(
                    Problem(
                        config.line_of(f"keys.{name}"),
                        f"keys.{name}: {key!r} was the key of {command.id} ({command.title}), which {keeps}",
                    )
                )
    return tuple(sorted(notices, key=lambda n: n.line or 0))


DEFAULT_SETTINGS = app_settings(Config())


def settings_of(app: Any) -> AppSettings:
    """The settings of a readq app (the defaults for another app, e.g. a test host)."""
    settings = getattr(app, "settings", None)
    return settings if isinstance(settings, AppSettings) else DEFAULT_SETTINGS

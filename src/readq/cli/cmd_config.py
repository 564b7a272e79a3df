"""``readq stats`` and ``readq config``. No Textual at import time (``config`` checks keys and themes against
Textual's lazily)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import orjson

from readq.cli.exits import EXIT_ERROR, EXIT_OK
from readq.cli.numbers import whole_number
from readq.config import Config
from readq.library.service import Library
from readq.library.stats import library_stats, stats_text
from readq.store import Store

MAX_DAYS = 3650


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stats",
        help="reading statistics: papers read per day, streak, backlog per digest, priorities, notes",
        description="The numbers of the app's stats screen (S). Days are local days; a paper counts on the "
        "day it was marked read.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.add_argument(
        "--days",
        type=whole_number("--days", 1, MAX_DAYS),
        default=28,
        metavar="N",
        help="days of history (default 28)",
    )

    p = sub.add_parser(
        "config",
        help="show the settings file, its settings and the command names for [keys]",
        description="Prints where the config file is, the settings in effect and every command with its "
        "keys. Exit status 1 when the file has problems (they are listed on standard error).",
    )
    p.add_argument("--path", action="store_true", help="print only the config file's path")


def cmd_stats(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    stats = library_stats(Library(store), days=args.days)
    if args.json:
        out.write(orjson.dumps(stats.as_json(), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print(stats_text(stats), file=out)
    return EXIT_OK


def _toml_string(value: str) -> str:
    return orjson.dumps(value).decode()  # a JSON string is a valid TOML basic string


def cmd_config(config: Config, args: argparse.Namespace, out: TextIO) -> int:
    from readq.tui.keys import key_name
    from readq.tui.settings import app_settings

    if args.path:
        print(config.path, file=out)
        return EXIT_OK
    settings = app_settings(config)
    path = config.path
    exists = path is not None and path.exists()
    print(f"# config file: {path}" + ("" if exists else " (not there yet: the defaults are used)"), file=out)
    print(f"citation_format = {_toml_string(config.citation_format)}", file=out)
    if config.citekey_format:
        print(f"citekey_format = {_toml_string(config.citekey_format)}", file=out)
    else:
        print("# citekey_format is not set: readq's own keys (liu2022sample)", file=out)
    print(f"default_view = {_toml_string(config.default_view)}", file=out)
    if config.editor:
        print(f"editor = {_toml_string(config.editor)}", file=out)
    else:
        print("# editor is not set: $VISUAL, then $EDITOR, is used", file=out)
    if settings.theme:
        print(f"theme = {_toml_string(settings.theme)}", file=out)
    else:
        print("# theme is not set: textual-dark (pick one with ctrl+p, Theme; readq remembers it)", file=out)
    print("\n[keys]  # every command and its keys; set any of them here to change its keys", file=out)
    width = max(len(c.id) for c in settings.commands)
    for command in settings.commands:
        keys = ", ".join(_toml_string(key_name(k)) for k in command.keys.split(",") if k)
        print(f"{command.id:<{width}} = [{keys}]  # {command.title}", file=out)
    for notice in settings.notices:  # a choice, not a mistake: said, but the exit status stays 0
        print(f"readq: note: {notice}", file=sys.stderr)
    report = settings.report()
    if report:
        print(f"readq: {report}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK

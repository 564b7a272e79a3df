"""The settings file as a command-line command reads it: its problems are said on standard error, once."""

from __future__ import annotations

import argparse
import sys

from readq.config import Config, load_config

_LOADED = "_readq_config"  # where the config read for this command line is kept on its namespace


def cli_config(args: argparse.Namespace) -> Config:
    """The config for a command-line command; its problems go to standard error, in one line, the first time
    it is read for this command line (every command reads it at start, so each reports a bad file)."""
    loaded = getattr(args, _LOADED, None)
    if isinstance(loaded, Config):
        return loaded
    config = load_config(args.config)
    setattr(args, _LOADED, config)
    if config.problems:
        where = str(config.path) if config.path is not None else "the config file"
        problems = "; ".join(str(problem) for problem in config.problems)
        print(
            f"readq: Problems in {where} (readq uses the defaults for these): {problems}",
            file=sys.stderr,
        )
    return config

"""The settings file as a command-line command reads it: its problems are said on standard error, once."""

from __future__ import annotations

import argparse
import sys

from readq.config import Config, load_config


def cli_config(args: argparse.Namespace) -> Config:
    """The config for a command-line command; its problems go to standard error."""
    config = load_config(args.config)
    report = config.report()
    if report:
        print(f"readq: {report}", file=sys.stderr)
    return config

"""``readq snooze ID… DATE|+Nd`` and ``readq snooze ID… --clear``."""

from __future__ import annotations

import argparse
from typing import TextIO

from readq.cli.exits import EXIT_OK, EXIT_REJECTED, err
from readq.library.service import Library
from readq.library.snoozing import marker, snooze, snooze_day
from readq.store import Store


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "snooze",
        help="take papers out of the Inbox until a day: readq snooze ID… DATE|+Nd (or --clear)",
        description="The last argument is the day the papers come back to the Inbox: YYYY-MM-DD, +N (days), "
        "+Nw (weeks), tomorrow, monday, week or month. --clear ends their snooze now.",
    )
    p.add_argument(
        "args",
        nargs="+",
        metavar="ID… DATE",
        help="the papers' ids (or their starts), then the day",
    )
    p.add_argument("--clear", action="store_true", help="end the papers' snooze (every argument is an ID)")


def cmd_snooze(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    library = Library(store)
    ids, when = (args.args, None) if args.clear else (args.args[:-1], args.args[-1])
    if not ids:
        err("give the papers' ids, then the day: readq snooze ID… DATE|+Nd")
        return EXIT_REJECTED
    try:
        day = snooze_day(when, library.today) if when is not None else None
    except ValueError as error:
        err(str(error))
        return EXIT_REJECTED
    try:
        pids = list(dict.fromkeys(store.resolve(i) for i in ids))
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    snooze(library, pids, day)
    for pid in pids:
        state = store.state(pid)
        shown = marker(state, library.today) or "not snoozed"
        print(f"{pid}: {shown}", file=out)
    return EXIT_OK

"""``readq note`` and ``readq tag``: the user's own layer on a paper from the command line. No Textual.

Exit codes: 0 done (also when nothing changed), 1 the editor failed or is missing, 2 unknown id or bad
usage.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from readq.cli.exits import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, err
from readq.store import Store
from readq.system.editor import NO_EDITOR, EditorError, edit_text, editor_command
from readq.text.notes import clean_note, size_label
from readq.text.tags import apply_tag_edits, normalise_tag, tag_edit_notes
from readq.text.terminal import one_line, visible


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "note",
        help="edit a paper's note in $VISUAL/$EDITOR, set it (--set) or print it (--show)",
        description="Without options, opens the note in the config file's editor, else $VISUAL, else "
        "$EDITOR, and saves what the editor wrote. An empty note deletes the note.",
    )
    p.add_argument("id", help="a paper id (a unique prefix is enough)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--set", dest="text", metavar="TEXT", help="set the note to TEXT ('-' reads stdin)")
    group.add_argument("--show", action="store_true", help="print the note")

    p = sub.add_parser(
        "tag",
        help="add or remove a paper's tags: readq tag ID +a -b c",
        description="+NAME or NAME adds a tag, -NAME removes it (any spelling); several may be given, "
        "each possibly comma separated. Prints the paper's tags afterwards.",
    )
    p.add_argument("id", help="a paper id (a unique prefix is enough)")
    p.add_argument(
        "edits", nargs=argparse.REMAINDER, metavar="[+|-]TAG", help="+NAME or NAME adds, -NAME removes"
    )


def cmd_note(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        pid = store.resolve(args.id)
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    current = store.state(pid).note
    if args.show:
        if current:
            print(visible(current), file=out)
        else:
            err(f"{pid} has no note")
        return EXIT_OK
    if args.text is not None:
        text = sys.stdin.buffer.read().decode("utf-8", "replace") if args.text == "-" else args.text
    else:
        try:
            command = editor_command(configured=getattr(args, "editor", None))
            if command is None:
                raise EditorError(NO_EDITOR + ", or use --set TEXT")
            text = edit_text(command, current, name=f"note-{pid}")
        except EditorError as error:
            err(str(error))
            return EXIT_ERROR
    note = clean_note(text)
    done = store.update_states({pid: {"note": note}})
    if pid not in done:
        print(f"{pid}: note unchanged", file=out)
    elif note:
        print(f"{pid}: note saved ({size_label(note)})", file=out)
    else:
        print(f"{pid}: note deleted", file=out)
    return EXIT_OK


def cmd_tag(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        pid = store.resolve(args.id)
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    edits: list[str] = args.edits
    for edit in edits:
        names = edit[1:] if edit.startswith(("+", "-")) else edit
        if not any(normalise_tag(name) for name in names.split(",")):
            err(f"no tag in {edit!r}: write +NAME to add, -NAME to remove")
            return EXIT_REJECTED
    if edits:
        before = store.state(pid).tags
        for note in tag_edit_notes(before, edits):
            print(f"readq: note: {visible(note)}", file=sys.stderr)
        tags = apply_tag_edits(before, edits)
        store.update_states({pid: {"tags": tags}})
    tags = store.state(pid).tags
    print(f"{pid}: " + (one_line(", ".join(tags)) if tags else "no tags"), file=out)
    return EXIT_OK

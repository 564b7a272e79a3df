"""An example for the ``--help`` of every ``readq`` command (shown under "examples:"), and ``readq
completion``: the shell code that completes readq's commands and options (argcomplete)."""

from __future__ import annotations

import argparse
from typing import TextIO

EXAMPLES: dict[str, tuple[str, ...]] = {
    "import": (
        "readq import ~/digests/2026-11-24-hf.txt",
        "readq import --dry-run library.bib zotero.json refs.ris",
        "readq import zotero:",
        "pbpaste | readq import -",
    ),
    "list": ("readq list 'is:unread p:>=2'", "readq list author:liang --sort date --json"),
    "show": ("readq show 1823a137", "readq show 1823 --json"),
    "mark": ("readq mark 1823 05ad --read", "readq mark 1823 -p 3"),
    "cite": (
        "readq cite 1823a137",
        "readq cite 1823 05ad --format apa --copy",
        "readq cite --rekey tag:thesis",
        "readq cite 1823 05ad --style ieee",
    ),
    "export": (
        "readq export --format bibtex -o library.bib",
        "readq export is:read 'p:>=2' --format markdown",
        "readq export --format notes --dir ~/vault/papers has:note",
        "readq export --to zotero tag:thesis",
    ),
    "edit": (
        'readq edit 05ad509c --authors "Ada Lovelace; Alan Turing" --year 2024',
        "readq edit 05ad --reset all",
    ),
    "note": ("readq note 1823", "readq note 1823 --set 'Read §3 again'", "readq note 1823 --show"),
    "tag": ("readq tag 1823 +thesis -todo", "readq tag 1823 ml,qa"),
    "stats": ("readq stats", "readq stats --days 30 --json"),
    "config": ("readq config", "readq config --path"),
    "watch": ('readq watch add author:"Percy Liang"', "readq watch list", "readq watch rm cat:cs.CL"),
    "view": ("readq view add thesis tag:thesis -is:read", "readq view list", "readq view rm thesis"),
    "similar": ("readq similar 1823", "readq similar 1823 -n 5 --json"),
    "open": ("readq open 1823", "readq open 1823 --pdf"),
    "pdf": ("readq pdf 1823 05ad", "readq pdf 1823 --dir ~/papers"),
    "complete": ("readq complete", "readq complete 'is:unread'"),
    "fetch": ("readq fetch", "readq fetch hf"),
    "snooze": ("readq snooze 1823 05ad monday", "readq snooze 1823 +7d", "readq snooze 1823 --clear"),
    "digest": ("readq digest list", "readq digest rename stdin-2026-12-04-0930 hf-2026-12-04"),
    "demo": ("readq demo", "readq demo --print"),
    "serve": ("readq serve", "readq serve --port 0 --max-tabs 2"),
    "restore": ("readq restore state", "readq restore papers --empty"),
    "completion": (
        "readq completion bash >> ~/.bashrc",
        "readq completion zsh > ~/.zfunc/_readq",
        "readq completion fish > ~/.config/fish/completions/readq.fish",
    ),
}
SHELLS = ("bash", "zsh", "fish")


def add_examples(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Give every command's ``--help`` its examples (a command that has an epilog of its own keeps it)."""
    for name, parser in sub.choices.items():
        examples = EXAMPLES.get(name)
        if examples and not parser.epilog:
            parser.epilog = "examples:\n" + "\n".join(f"  {line}" for line in examples)
            parser.formatter_class = argparse.RawDescriptionHelpFormatter


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "completion",
        help="print the shell code that completes readq's commands and options",
        description="Completion for bash, zsh or fish (argcomplete). Add the output to your shell's "
        "start-up files; readq's commands, options and choices then complete with Tab.",
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def cmd_completion(shell: str, out: TextIO) -> int:
    from argcomplete.shell_integration import shellcode

    out.write(shellcode(["readq"], shell=shell))
    return 0

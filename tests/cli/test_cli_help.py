"""Every command's ``--help`` has an example that parses, every option has help, and completion code for
bash, zsh and fish is printed by ``readq completion``."""

from __future__ import annotations

import argparse
import re
import shlex

import pytest

from readq.cli.examples import EXAMPLES, SHELLS
from readq.cli.main import build_parser, main


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _walk(parser: argparse.ArgumentParser, path: str) -> list[str]:
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                missing += _walk(child, f"{path} {name}")
        if not action.help and not isinstance(action, argparse._HelpAction):
            missing.append(f"{path}: {action.dest}")
    return missing


def test_every_option_and_argument_has_help() -> None:
    assert _walk(build_parser(), "readq") == []


@pytest.mark.parametrize("name", list(_commands()))
def test_every_command_has_examples_that_parse(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    command = _commands()[name]
    assert command.epilog and command.epilog.startswith("examples:\n"), name
    examples = [line.strip() for line in command.epilog.splitlines()[1:] if line.strip()]
    assert examples == list(EXAMPLES[name])
    for example in examples:
        words = shlex.split(re.split(r" >>? ", example.split(" | ")[-1])[0])
        assert words[0] == "readq"
        build_parser().parse_args(words[1:])  # an example that does not parse exits here
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0 and "examples:" in capsys.readouterr().out


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_code_for_each_shell(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    code = capsys.readouterr().out
    assert "readq" in code and "_ARGCOMPLETE" in code

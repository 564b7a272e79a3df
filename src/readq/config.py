"""The user's settings: a TOML file in platformdirs' user config dir (``$READQ_CONFIG`` or ``--config``
points elsewhere). No Textual here: the CLI reads it too.

A broken file never stops readq: :func:`load_config` returns the defaults for whatever it could not use and
a list of :class:`Problem` s naming the line. The app writes one setting back (the theme picked in the
command palette) with tomlkit, which keeps the user's comments and layout.

Example::

    citation_format = "apa"     # what y copies: bibtex, apa, markdown, plain, csl-json, ris
    citekey_format = "auth.lower + year + shorttitle(3,3)"   # Better BibTeX-style keys (pinned keys stay)
    default_view = "queue"      # inbox, queue, read or all
    editor = "nvim"             # for N and readq note (else $VISUAL, then $EDITOR)
    theme = "nord"              # written by readq when you pick a theme (ctrl+p, "Theme")

    pdf_dir = "~/papers"        # where readq pdf and D save PDFs (default: papers in the data dir)
    complete_after_import = false   # true: complete new papers from arXiv after each import
    contact = "me@example.org"  # sent to arXiv in the User-Agent (mailto), as its terms suggest
    import_limit_mb = 200       # a file larger than this is refused by import (default 200)

    [keys]                      # command name = key(s); readq config lists the names
    toggle_read = "R"
    copy_citation = ["c", "y"]

    [sources]                   # what readq fetch (no argument) fetches
    hf = true
    arxiv = ["cs.CL", "cs.LG"]
    feeds = ["https://example.org/feed.xml"]
"""

from __future__ import annotations

import os
import re
import shlex
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readq.citations.keyformat import KeyFormatError, compile_key_format
from readq.citations.keys import KeyFunction
from readq.citations.pinned import DEFAULT_FORMAT
from readq.citations.styles import FORMATS
from readq.system.sources import DEFAULT_IMPORT_LIMIT_MB

ENV_CONFIG = "READQ_CONFIG"
CONFIG_NAME = "config.toml"
VIEWS = ("inbox", "queue", "read", "all")
SETTINGS = (
    "citation_format",
    "citekey_format",
    "default_view",
    "editor",
    "theme",
    "pdf_dir",
    "complete_after_import",
    "contact",
    "import_limit_mb",
    "keys",
    "sources",
)
SOURCE_KEYS = ("hf", "arxiv", "feeds")
DEFAULTS: dict[str, str] = {"citation_format": DEFAULT_FORMAT, "default_view": "inbox"}


def default_config_path() -> Path:
    """``$READQ_CONFIG``, else ``config.toml`` in platformdirs' user config dir for readq."""
    override = os.environ.get(ENV_CONFIG)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("readq", appauthor=False)) / CONFIG_NAME


@dataclass(frozen=True)
class Problem:
    """Something wrong in the config file; ``line`` is 1-based (None when it concerns the whole file)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Sources:
    """The ``[sources]`` table: what ``readq fetch`` fetches without an argument."""

    hf: bool = False
    arxiv: tuple[str, ...] = ()  # categories, fetched in one listing
    feeds: tuple[str, ...] = ()  # RSS/Atom URLs

    def __bool__(self) -> bool:
        return self.hf or bool(self.arxiv) or bool(self.feeds)


@dataclass(frozen=True)
class Config:
    citation_format: str = DEFAULTS["citation_format"]
    citekey_format: str | None = None  # a Better BibTeX-style formula; None: readq's own keys
    default_view: str = DEFAULTS["default_view"]
    editor: str | None = None  # a command line, split like a shell would
    theme: str | None = None
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # command name -> keys
    pdf_dir: str | None = None
    complete_after_import: bool = False
    contact: str | None = None  # an e-mail address for the User-Agent sent to online services
    import_limit_mb: int = DEFAULT_IMPORT_LIMIT_MB  # files larger than this are refused by import
    sources: Sources = field(default_factory=lambda: Sources())
    path: Path | None = None  # where it was read from (and where the theme is written); None: nowhere
    problems: tuple[Problem, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)  # "theme", "keys.toggle_read" -> line

    def line_of(self, name: str) -> int | None:
        return self.lines.get(name)

    def key_function(self) -> KeyFunction | None:
        """The ``citekey_format`` compiled (checked when the file was read), or None for readq's own keys."""
        return compile_key_format(self.citekey_format) if self.citekey_format else None

    def editor_command(self) -> list[str] | None:
        """The ``editor`` setting split into words, or None when it is not set."""
        if not self.editor:
            return None
        return shlex.split(self.editor) or None

    def report(self) -> str:
        """The problems as a message for the user ("" when there are none)."""
        if not self.problems:
            return ""
        where = str(self.path) if self.path is not None else "the config file"
        lines = [f"Problems in {where} (readq uses the defaults for these):"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def _key_format_problem(value: str) -> str:
    try:
        compile_key_format(value)
    except KeyFormatError as error:
        return str(error)
    return ""


# -- locating keys -----------------------------------------------------------------------------------------
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)


def _key_parts(text: str) -> list[str]:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""", text)
    return [a or b or c for a, b, c in parts]


def key_lines(text: str) -> dict[str, int]:
    """Dotted key -> the line where it is set (``keys.toggle_read`` for ``toggle_read`` under ``[keys]``).
    tomllib gives no positions for valid documents, so messages about values find their line here."""
    found: dict[str, int] = {}
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE.match(line)
        if header:
            table = _key_parts(header.group(1))
            found.setdefault(".".join(table), number)
            continue
        key = _KEY.match(line)
        if key:
            found.setdefault(".".join([*table, *_key_parts(key.group(1))]), number)
    return found


_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


_AT_END = " (at end of document)"


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str) -> Problem:
    message = str(error)
    invalid = "(not valid TOML; every setting is at its default)"
    match = _POSITION.match(message)
    if match:
        return Problem(int(match["line"]), f"column {match['col']}: {match['msg']} {invalid}")
    if message.endswith(_AT_END):  # the file ends in the middle of something: point at its last line
        last = len(text.rstrip("\n").splitlines()) or 1
        return Problem(last, f"{message.removesuffix(_AT_END)} at the end of the file {invalid}")
    return Problem(None, f"{message} {invalid}")


# -- reading -----------------------------------------------------------------------------------------------
def _type_name(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _keys_value(value: object) -> tuple[str, ...] | None:
    """``"R"``, ``"R, ctrl+t"`` or ``["R", ","]`` as a tuple of key names; None when it is not keys."""
    if isinstance(value, str):
        words = [w.strip() for w in value.split(",")] if value.strip() != "," else [","]
    elif isinstance(value, list) and all(isinstance(w, str) for w in value):
        words = [w.strip() if w.strip() else w for w in value]
    else:
        return None
    keys = tuple("comma" if w == "," else w for w in words)
    if not keys or any(not k or any(ch.isspace() for ch in k) for k in keys):
        return None
    return keys


def parse_config(text: str, path: Path | None = None) -> Config:
    """Settings from the text of a config file; what cannot be used is a :class:`Problem` and its default."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(path=path, problems=(_syntax_problem(error, text),))
    lines = key_lines(text)
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    def bad(name: str, message: str) -> None:
        problems.append(Problem(lines.get(name), message))

    for name, value in data.items():
        if name not in SETTINGS:
            bad(name, f"unknown setting {name!r} (known: {', '.join(SETTINGS)}); ignored")
            continue
        if name in ("keys", "sources"):
            continue
        if name == "complete_after_import":
            if isinstance(value, bool):
                values[name] = value
            else:
                bad(
                    name, f"complete_after_import must be true or false, not {_type_name(value)}; using false"
                )
            continue
        if name == "import_limit_mb":
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                values[name] = value
            else:
                bad(
                    name,
                    f"import_limit_mb must be a whole number of MB above 0, not {value!r}; "
                    f"using {DEFAULT_IMPORT_LIMIT_MB}",
                )
            continue
        if not isinstance(value, str):
            bad(name, f"{name} must be a string, not {_type_name(value)}; {_using(name)}")
            continue
        if name == "citation_format" and value not in FORMATS:
            bad(name, f"citation_format {value!r} is not one of {', '.join(FORMATS)}; {_using(name)}")
        elif name == "citekey_format" and (problem := _key_format_problem(value)):
            bad(name, f"citekey_format {value!r}: {problem}; readq's own keys are used")
        elif name == "default_view" and value not in VIEWS:
            bad(name, f"default_view {value!r} is not one of {', '.join(VIEWS)}; {_using(name)}")
        elif name == "editor" and not _editor_ok(value):
            bad(name, f"editor {value!r} is not a command line (check the quotes); {_using(name)}")
        elif name in ("theme", "pdf_dir", "contact") and not value.strip():
            bad(name, f"{name} is empty; {_using(name)}")
        else:
            values[name] = value
    keys: dict[str, tuple[str, ...]] = {}
    table = data.get("keys", {})
    if not isinstance(table, dict):
        bad(
            "keys",
            f'keys must be a table ([keys] with lines like toggle_read = "R"), not {_type_name(table)}',
        )
        table = {}
    for command, value in table.items():
        parsed = _keys_value(value)
        if parsed is None:
            bad(
                f"keys.{command}",
                f'keys.{command} must be a key or a list of keys, like "R" or ["R", "ctrl+t"], '
                f"not {value!r}; its default keys stay",
            )
            continue
        keys[command] = parsed
    values["sources"] = _sources(data.get("sources", {}), bad)
    problems.sort(key=lambda p: p.line or 0)  # in the file's order (whole-file problems first)
    return Config(**values, keys=keys, path=path, problems=tuple(problems), lines=lines)


def _sources(table: object, bad: Callable[[str, str], None]) -> Sources:
    """The ``[sources]`` table; what cannot be used is reported and left out."""
    if not isinstance(table, dict):
        bad(
            "sources",
            f"sources must be a table ([sources] with hf = true, arxiv = [...]), not {_type_name(table)}",
        )
        return Sources()
    hf = False
    lists: dict[str, tuple[str, ...]] = {"arxiv": (), "feeds": ()}
    for name, value in table.items():
        where = f"sources.{name}"
        if name not in SOURCE_KEYS:
            bad(where, f"unknown source {name!r} (known: {', '.join(SOURCE_KEYS)}); ignored")
        elif name == "hf":
            if isinstance(value, bool):
                hf = value
            else:
                bad(where, f"sources.hf must be true or false, not {_type_name(value)}; not used")
        elif isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            items = tuple(v.strip() for v in value)
            if name == "feeds" and not all(re.match(r"https?://", v) for v in items):
                bad(where, "sources.feeds must be http(s) URLs; not used")
                continue
            lists[name] = items
        else:
            bad(where, f"sources.{name} must be a list of strings, not {value!r}; not used")
    return Sources(hf, lists["arxiv"], lists["feeds"])


def _using(name: str) -> str:
    default = DEFAULTS.get(name)
    return f"using {default}" if default else "not used"


def _editor_ok(value: str) -> bool:
    try:
        return bool(shlex.split(value))
    except ValueError:
        return False


def load_config(path: Path | None = None) -> Config:
    """The config at ``path`` (default: :func:`default_config_path`). A missing file is the defaults; one
    that cannot be read or parsed is the defaults with a problem saying why."""
    path = default_config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as error:
        return Config(path=path, problems=(Problem(None, f"cannot read it: {error.strerror or error}"),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Config(path=path, problems=(Problem(line, "not UTF-8 text; every setting is at its default"),))
    return parse_config(text, path)


# -- writing -----------------------------------------------------------------------------------------------
class ConfigWriteError(Exception):
    """A setting could not be written; the message says why (the file is unchanged)."""


HEADER = "# readq settings (see the README, Settings). readq keeps your comments when it writes here.\n"


def save_setting(path: Path, name: str, value: str) -> None:
    """Set one top-level string setting in the file at ``path``, keeping everything else as it was
    (comments, order, spacing). The file is created if missing and replaced atomically."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from readq.store.jsonfile import atomic_write
    from readq.store.safety import StoreError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = HEADER
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigWriteError(f"cannot read {path}: {error}") from None
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise ConfigWriteError(f"{path} is not valid TOML ({error}); fix it first") from None
    if name in document and not isinstance(document[name], str):
        raise ConfigWriteError(f"{name} in {path} is not a string; fix it first")
    document[name] = value  # tomlkit puts a new key before the first table
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, tomlkit.dumps(document).encode("utf-8"), mode=0o644)
    except (OSError, StoreError) as error:
        raise ConfigWriteError(f"cannot write {path}: {error}") from None

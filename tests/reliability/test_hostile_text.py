"""Hostile text in every field: markup is shown verbatim and never runs, escape sequences never reach the
terminal (checked on the bytes the real app writes to a pseudo-terminal), huge inputs never hang."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import orjson
import pytest
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Markdown, Static

from readq.cli.main import main
from readq.store import Store
from readq.text.terminal import one_line, visible
from tests.app_helpers import note_shown, wait_until
from tests.reliability.helpers import HF_HEADER, abstract_for, cli_command, cli_env, run_cli
from tests.reliability.hostile import (
    ESCAPES,
    ESCAPES_SHOWN,
    MARKERS,
    MARKUP,
    NOTE,
    TITLE,
    hostile_library,
)

pytestmark = pytest.mark.timeout(120)

GENEROUS = 30.0  # seconds for work that takes well under one; it only catches a hang


def test_what_is_shown_of_the_escapes() -> None:
    assert visible(ESCAPES) == ESCAPES_SHOWN
    assert visible(MARKUP) == MARKUP and one_line(MARKUP) == MARKUP
    assert visible("a\nb\tc") == "a\nb\tc" and one_line("a\nb\tc") == "a b c"
    assert visible("lone \udcff surrogate") == "lone \ufffd surrogate"


def find_text(screen: Screen[object], text: str) -> list[tuple[Widget, int, int]]:
    """Where ``text`` is visible on screen: (widget, x, y) relative to each leaf widget showing it."""
    found = []
    for widget, (region, clip) in screen._compositor.visible_widgets.items():
        if widget.children:
            continue
        lines = widget.render_lines(Region(0, 0, region.width, region.height))
        for y, line in enumerate(lines):
            x = line.text.find(text)
            if x >= 0 and clip.contains(region.x + x, region.y + y):
                found.append((widget, x, y))
    return found


def _clean_terminal_bytes(out: bytes) -> None:
    """No byte from the data that would act on a terminal (the CLI writes no escapes of its own)."""
    for marker in MARKERS:
        assert marker not in out, marker
    for byte in (b"\x1b", b"\x00", b"\x07", b"\x08", b"\x7f", b"\r"):
        assert byte not in out, byte
    assert re.search(rb"\xc2[\x80-\x9f]", out) is None  # no C1 control


# ------------------------------------------------------------------------------------------ the CLI


def test_a_hostile_digest_through_the_real_cli(tmp_path: Path) -> None:
    """A digest whose titles and abstracts carry markup and escapes, in a file whose name does too."""
    data = tmp_path / "data"
    escapes = ESCAPES.replace("<CR\rHERE>", "")  # in a text file a CR ends the line
    titles = [f"Paper {n} {MARKUP} {escapes}" for n in range(3)]
    text = HF_HEADER + "Nov 23\n\n" + "".join(f"{t}\n\n{abstract_for(t)} {escapes}\n\n" for t in titles)
    path = tmp_path / "digest\x1b]52;c;ZXZpbA==\x07\x1b]0;PWNED-FILE\x07\u202e.txt"
    path.write_text(text, encoding="utf-8")
    done = run_cli(data, "import", str(path))
    assert done.returncode == 0, done.stderr
    _clean_terminal_bytes(done.stdout + done.stderr)
    assert b"imported 3 entries" in done.stdout

    store = Store(data)
    shown = "Paper 0 " + MARKUP + " " + ESCAPES_SHOWN.replace("<CRHERE>", "")
    assert sorted(p.title for p in store.papers.values())[0] == shown  # cleaned at import, markup kept
    assert {s.file for p in store.papers.values() for s in p.sources} == {"digest.txt"}
    for argv in (["list"], ["show", next(iter(store.papers))], ["list", "author:nobody"]):
        listed = run_cli(data, *argv)
        assert listed.returncode == 0
        _clean_terminal_bytes(listed.stdout + listed.stderr)
    assert MARKUP.encode() in run_cli(data, "show", next(iter(store.papers))).stdout


def test_a_hostile_library_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Raw hostile text already in the library: ``list`` and ``show`` print none of its escapes."""
    data = tmp_path / "data"
    ids = hostile_library(data)
    others = (
        ["cite", ids[0]],
        ["cite", ids[0], "--format", "apa"],
        ["note", ids[0], "--show"],
        ["tag", ids[0]],
        ["edit", ids[0], "--venue", "A venue"],
        ["list", "tag:[b]tag[/b]"],
    )
    for argv in (["list"], *(["show", pid] for pid in ids), *others):
        assert main(["--data-dir", str(data), *argv]) == 0, argv
        out, err = capsys.readouterr()
        _clean_terminal_bytes((out + err).encode("utf-8"))
    assert main(["--data-dir", str(data), "show", ids[0]]) == 0
    out = capsys.readouterr().out
    assert f"Hostile title {MARKUP} {ESCAPES_SHOWN}" in out and "Note:" in out
    assert main(["--data-dir", str(data), "list", "--json"]) == 0  # JSON keeps the data, escaped
    records = orjson.loads(capsys.readouterr().out)
    assert records[0]["title"] == TITLE and records[0]["note"] == NOTE


# ------------------------------------------------------------------------------------------ the app


@pytest.mark.slow
async def test_the_app_shows_everything_verbatim_and_runs_nothing(tmp_path: Path) -> None:
    from readq.tui.app import make_app
    from readq.tui.main.screen import MainScreen
    from readq.tui.widgets.detail import DetailText
    from readq.tui.widgets.sidebar import Sidebar

    data = tmp_path / "data"
    ids = hostile_library(data)
    app = make_app(Store(data))
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert [r.paper.id for r in screen.papers.rows] == ids

        def plain(selector: str) -> str:
            content = app.screen.query_one(selector, Static).render()
            assert isinstance(content, Content)
            return content.plain

        detail = app.screen.query_one("#detail-head", DetailText)  # the header and the abstract
        assert isinstance(detail.content, Content)
        header, abstract = detail.plain.split("\n\n", 1)
        for y in range(detail.size.height):  # what the line API draws: no control character
            assert not any(ch in detail.render_line(y).text for ch in "\x1b\x00\r\x7f\x9b\x9d\u202e")
        head = header.splitlines()
        assert head[0] == f"Hostile title {MARKUP} {ESCAPES_SHOWN}"
        assert head[1] == f"Ann {MARKUP}, Bob {ESCAPES_SHOWN}"
        assert head[2].startswith(f"Org {ESCAPES_SHOWN} · CL{ESCAPES_SHOWN} · Nov 2{ESCAPES_SHOWN}")
        assert f"tags: tag{ESCAPES_SHOWN}, [b]tag[/b]" in head[3]
        assert head[4] == f"seen in 1 digest: 009 (Nov 2{ESCAPES_SHOWN})"
        assert abstract.startswith(f"Abstract {MARKUP}\nsecond line {ESCAPES_SHOWN}\n")
        for y in range(3):
            line = screen.papers.render_line(y).text
            assert not any(ch in line for ch in "\x1b\x00\r\x7f\x9b\x9d\u202e")
        first = screen.papers.render_line(0).text
        assert first.startswith(" ●     Hostile title [/] [/ [b…") and "Ann [/]" in first  # cut after a word
        labels = [app.screen.query_one(Sidebar).get_option_at_index(i).prompt for i in range(6)]
        assert all(isinstance(label, Content) for label in labels)
        assert labels[5].plain == "009 · Nov … 3 left of 3"  # type: ignore[union-attr]

        await wait_until(
            lambda: note_shown(app), "the note", pilot=pilot
        )  # the note renders once the cursor rests
        note = app.screen.query_one("#detail-note", Markdown)
        assert note.source == visible(NOTE)  # the whole note (it is short), without its controls

        # Click on everything that looks like [@click=app.quit]: nothing runs.
        clicked = 0
        for scrolled in (False, True):
            if scrolled:
                screen.detail.scroll_to_widget(note, animate=False, top=True)
                await pilot.pause()
            for widget, x, y in find_text(screen, "[@click=app.quit]"):
                await pilot.click(widget, offset=(x + 1, y))
                await pilot.click(widget, offset=(x + 9, y))
                clicked += 1
        assert clicked >= 3  # the title, the authors and the note's heading at least
        await pilot.pause()
        assert app.is_running and app.return_code is None

        for key in ("j", "j", "k", "k", "G", "g", "right_square_bracket", "left_square_bracket"):
            await pilot.press(key)
        await pilot.press("slash", *"[@click=app.quit]", "enter")
        await pilot.pause()
        status = plain("#status")
        assert "search: [@click=app.quit]" in status
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        problems = [n for n in app._notifications if n.severity == "error"]
        assert problems == []


async def test_notifications_quote_hostile_text_plainly(tmp_path: Path) -> None:
    from readq.tui.app import make_app

    data = tmp_path / "data"
    hostile_library(data)
    app = make_app(Store(data))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        app.notify(f"{MARKUP} {ESCAPES}", title=f"T{ESCAPES}")
        await pilot.pause()
        shown = app._notifications
        assert [(n.message, n.title) for n in shown][-1] == (f"{MARKUP} {ESCAPES_SHOWN}", f"T{ESCAPES_SHOWN}")
        assert app.is_running


# ------------------------------------------------------------------------------- the real terminal

OWN_OSC = (b"22",)  # the app's own OSC sequences: 22 sets the mouse pointer's shape


def _check_terminal_output(out: bytes) -> None:
    for marker in MARKERS:
        assert marker not in out, (marker, out[max(0, out.find(marker) - 80) : out.find(marker) + 80])
    assert b"\x00" not in out
    assert re.search(rb"\xc2[\x80-\x9f]", out) is None  # no C1 control
    for match in re.finditer(rb"\x1b\](\d*)", out):  # every OSC is one of the app's own
        assert match.group(1) in OWN_OSC, out[match.start() : match.start() + 60]
    assert re.search(rb"\x1b[P^_X]", out) is None  # no DCS, PM, APC, SOS at all
    assert b"\x1bc" not in out  # nothing resets the terminal


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_real_app_writes_no_escape_from_the_data(tmp_path: Path) -> None:
    """The real app (``python -m readq.cli``) on a pseudo-terminal of 110x32: browse every hostile paper,
    its note, the views, help and a hostile search; then read every byte it wrote."""
    from tests.reliability.pty_run import run_in_pty

    data = tmp_path / "data"
    hostile_library(data)
    keys = [b"j", b"j", b"k", b"k", b"\r", b"\t", b"\t", b"\t", b"]", b"]", b"[", b"?"]
    keys += [b"\x1b", b"/", *(bytes([c]) for c in b"[@click=app.quit]"), b"\r", b"\x1b", b"q"]
    env = cli_env(TERM="xterm-256color", COLORTERM="truecolor")
    start = time.monotonic()
    result = run_in_pty(
        cli_command(data), env=env, keys=keys, ready=b"Hostile title", size=(110, 32), pause=0.15
    )
    assert time.monotonic() - start < GENEROUS + 30
    assert result.returncode == 0, result.output[-3000:]
    out = result.output
    assert b"readq \xe2\x80\x94 keys" in out  # the help screen was drawn: the keys were handled
    assert b"[@click=app.quit]" in out  # markup drawn as text
    _check_terminal_output(out)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_pty_check_would_see_a_raw_escape(tmp_path: Path) -> None:
    """The check above is not blind: a program that prints a hostile title raw fails it."""
    from tests.reliability.pty_run import run_in_pty

    code = f"import sys; print('ready'); sys.stdout.write({TITLE!r}); sys.stdout.flush(); input()"
    result = run_in_pty([sys.executable, "-c", code], env=cli_env(), keys=[b"\r"], ready=b"ready")
    with pytest.raises(AssertionError):
        _check_terminal_output(result.output)


# ------------------------------------------------------------------------------------- huge inputs


def test_a_10_mb_digest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    titles = [f"Huge digest paper {n} {MARKUP}" for n in range(5000)]
    body = "".join(f"{t}\n\n{abstract_for(t) * 11}\n\n" for t in titles)
    path = tmp_path / "huge.txt"
    path.write_text(HF_HEADER + "Nov 23\n\n" + body, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    start = time.monotonic()
    assert main(["--data-dir", str(data), "import", str(path)]) == 0
    assert time.monotonic() - start < GENEROUS
    assert "imported 5000 entries (hf-blank, dated Nov 23): 5000 new" in capsys.readouterr().out
    assert len(Store(data)) == 5000

    one_line_file = tmp_path / "one-line.txt"
    one_line_file.write_bytes(b"x" * 10_000_000)
    assert main(["--data-dir", str(data), "import", str(one_line_file)]) == 2
    assert "rejected, nothing imported: no paper entries found" in capsys.readouterr().err


async def test_huge_fields_in_the_app_stay_quick(tmp_path: Path) -> None:
    """A 5 MB abstract, a 100,000-character title, a 2,000-line abstract: shown bounded, keys answer."""
    from readq.models import Entry, ParseResult
    from readq.tui.app import make_app
    from readq.tui.widgets.detail import ABSTRACT_LIMIT, DetailText

    data = tmp_path / "data"
    store = Store(data)
    entries = (
        Entry("Five megabytes of abstract", "word " * 1_000_000),
        Entry("y" * 100_000, "short"),
        Entry("Many lines", "line\n" * 2000),
        Entry("Normal", "normal"),
    )
    store.import_result(ParseResult("hf-blank", entries, None), "huge.txt")
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        start = time.monotonic()
        for key in ("j", "j", "j", "k", "k", "k", "enter", "pagedown", "tab"):
            await pilot.press(key)
        await pilot.pause()
        assert time.monotonic() - start < GENEROUS
        detail = app.screen.query_one("#detail-head", DetailText)  # the header, then the abstract
        assert detail.plain.startswith("Five megabytes of abstract\n")
        abstract = detail.plain.split("\n\n", 1)[1]
        assert abstract.endswith("… 4,980,000 more characters not shown here (readq show prints all of it)")
        assert len(abstract) < ABSTRACT_LIMIT + 100
        await pilot.press("j")
        await pilot.pause()
        assert detail.plain.splitlines()[0] == "y" * 2000 + " … (98,000 more characters)"
        assert app.is_running

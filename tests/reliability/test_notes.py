"""Notes are rendered as markdown: a link opens only if it is http(s) and the user confirms it; a huge or
deeply nested note never freezes the app (the pane renders a bounded part, ``readq.text.notes.display_note``).

The notes are set through ``Store.update_state`` directly, so that nothing cleans them on the way in."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Markdown, Static

from readq.store import Store
from readq.text.notes import (
    DISPLAY_MAX_CHARS,
    DISPLAY_MAX_LINES,
    display_note,
    link_refusal,
    shortened_message,
)
from readq.text.terminal import visible
from readq.tui.main.notes import is_web_link
from tests.app_helpers import note_shown, wait_until
from tests.helpers import digest
from tests.reliability.test_hostile_text import find_text

pytestmark = pytest.mark.timeout(120)

GENEROUS = 30.0

WEB = [
    "http://example.org",
    "https://example.org/a/b?q=1#frag",
    "HTTPS://Example.ORG/Path",
    "https://[::1]:8080/",
]
REFUSED = [
    "file:///etc/passwd",
    "FILE:///etc/shadow",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "mailto:someone@example.org",
    "ssh://host.example",
    "vscode://file/etc/passwd",
    "x-man-page://ls",
    "/etc/passwd",
    "~/secret.txt",
    "../secret.txt",
    "secret.txt",
    "C:\\Windows\\system32\\calc.exe",
    "\\\\server\\share\\file",
    "//evil.example/no-scheme",
    "http:/evil.example",
    "http:evil.example",
    "http://",
    "https://",
    "app.quit",
    "#anchor",
    "",
    "https://evil.example/\x1b]52;c;ZXZpbA==\x07",
    "https://evil.example/a b",
    "https://evil.example/\n/next-line",
    "https://evil.example/\u202egnp.exe",
    "https://[broken",
]


@pytest.mark.parametrize("href", WEB)
def test_web_links_are_allowed(href: str) -> None:
    assert is_web_link(href)


@pytest.mark.parametrize("href", REFUSED)
def test_everything_else_is_refused(href: str) -> None:
    assert not is_web_link(href)


def refusal(href: str) -> str:
    """What the app says when it refuses ``href`` (the reason from ``link_refusal``, which refuses every
    link the app refuses except those ``is_web_link`` alone catches)."""
    href = href.strip()
    reason = link_refusal(href) or "only http(s) links with a host open"
    return f"Refused to open {href!r}: {reason}."


def _library(tmp_path: Path, note: str) -> Store:
    store = Store(tmp_path / "data")
    ids = store.import_result(digest("A paper with a note", "Another paper"), "001.txt").new
    store.update_state(ids[0], note=note)
    return store


async def test_each_link_is_refused_or_confirmed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from readq.tui.app import make_app
    from readq.tui.screens.dialogs import ConfirmScreen

    app = make_app(_library(tmp_path, "A note."))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await wait_until(lambda: note_shown(app), "the note", pilot=pilot)
        note = app.screen.query_one("#detail-note", Markdown)
        for href in REFUSED:
            note.post_message(Markdown.LinkClicked(note, href))
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen), href
            last = list(app._notifications)[-1]
            assert (last.message, last.severity) == (visible(refusal(href)), "warning")
        for href in WEB:
            note.post_message(Markdown.LinkClicked(note, href))
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert app.screen.question == f"Open this link in your browser?\n\n{href}"
            await pilot.press("n")
            await pilot.pause()
            assert opened == []
        note.post_message(Markdown.LinkClicked(note, WEB[1]))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert opened == [WEB[1]]


async def test_clicking_the_links_of_a_rendered_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real clicks on a rendered note. The markdown parser does not even make links of file:, javascript:
    and data: URLs (they show as text); every other link reaches the handler, which refuses all but
    http(s) and asks before opening those."""
    from readq.tui.app import make_app
    from readq.tui.screens.dialogs import ConfirmScreen

    note = (
        "Links:\n\n"
        "- [local file](file:///etc/passwd)\n"
        "- [script](javascript:alert(1))\n"
        "- [encoded file](file%3A%2F%2F%2Fetc%2Fpasswd)\n"
        "- [run action](app.quit)\n"
        "- [plain path](/etc/passwd)\n"
        "- [home path](~/.ssh/id_rsa)\n"
        "- [web page](https://example.org/ok)\n"
    )
    app = make_app(_library(tmp_path, note))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await wait_until(lambda: note_shown(app), "the note", pilot=pilot)
        refused = {  # label -> the href the refusal names; None: not a link at all, shown as typed
            "[local file](file:///etc/passwd)": None,
            "[script](javascript:alert(1))": None,
            "encoded file": "file:///etc/passwd",
            "run action": "app.quit",
            "plain path": "/etc/passwd",
            "home path": "~/.ssh/id_rsa",
        }
        for label, href in refused.items():
            app.clear_notifications()  # no toast over the note (they pile up where it is drawn)
            await pilot.pause()
            [(widget, x, y)] = find_text(app.screen, label)
            await pilot.click(widget, offset=(x + 2, y))
            await pilot.pause()
            said = [n.message for n in app._notifications]
            if href is None:
                assert said == [], label
            else:
                assert said == [refusal(href)], label
            assert app.is_running and not isinstance(app.screen, ConfirmScreen)
        app.clear_notifications()
        await pilot.pause()
        [(widget, x, y)] = find_text(app.screen, "web page")
        await pilot.click(widget, offset=(x + 2, y))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Open this link in your browser?\n\nhttps://example.org/ok"
        await pilot.press("n")
        await pilot.pause()
        assert opened == [] and app.is_running


def test_what_the_pane_renders_of_a_huge_note_is_bounded() -> None:
    huge = ("A line of a very long note with *emphasis* and `code`.\n" * 20_000)[:1_000_000]
    shown = display_note(huge)
    assert shown.shortened and shown.text == "\n".join(huge.split("\n")[:DISPLAY_MAX_LINES])
    assert shortened_message(shown) == "note shortened for display: 977 KB — press n to edit in full"
    one_line_note = "x" * 1_000_000
    assert display_note(one_line_note).text == "x" * DISPLAY_MAX_CHARS
    assert not display_note("short *note*").shortened


@pytest.mark.parametrize(
    "kind",
    [
        "1 MB of paragraphs",
        "1 MB on one line",
        "2,000 list items",
        "1,000 nested lists",
        "5,000 nested quotes",
    ],
)
async def test_huge_and_deep_notes_render_without_freezing(tmp_path: Path, kind: str) -> None:
    from readq.tui.app import make_app

    note = {
        "1 MB of paragraphs": ("A paragraph of a long note, with *emphasis* and `code`. " * 20 + "\n\n")
        * 900,
        "1 MB on one line": "word " * 200_000,
        "2,000 list items": "\n".join(f"- item {i}" for i in range(2000)),
        "1,000 nested lists": "\n".join("  " * i + "- level" for i in range(1000)),
        "5,000 nested quotes": ">" * 5000 + " deep",
    }[kind]
    app = make_app(_library(tmp_path, note))
    async with app.run_test(size=(120, 30)) as pilot:
        start = time.monotonic()
        await wait_until(
            lambda: note_shown(app), "the note", pilot=pilot
        )  # the cursor rests on the paper: its note renders
        markdown = app.screen.query_one("#detail-note", Markdown)
        shown = display_note(note)
        assert markdown.source == visible(shown.text) and shown.shortened == (kind != "5,000 nested quotes")
        assert len(markdown.source) <= DISPLAY_MAX_CHARS
        assert sum(1 for line in markdown.source.split("\n") if line.strip()) <= DISPLAY_MAX_LINES
        more = app.screen.query_one("#detail-note-more", Static)
        if shown.shortened:
            assert more.display and str(more.render()) == shortened_message(shown)
        for key in ("j", "k", "j", "k"):  # and the app still answers
            await pilot.press(key)
        await wait_until(lambda: note_shown(app), "the note after the keys", pilot=pilot)
        await pilot.pause()
        assert time.monotonic() - start < GENEROUS
        assert app.is_running

"""Notes in the core: cleaning, bounded display, the link policy and edit times (no Textual)."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest

from readq.text.notes import (
    DISPLAY_MAX_CHARS,
    clean_note,
    display_note,
    edited_label,
    link_refusal,
    shortened_message,
    size_label,
)
from tests.helpers import freeze_clock


def test_clean_note_strips_terminal_controls_but_keeps_markdown_layout() -> None:
    raw = (
        "\n\n  \n# Title\x1b[31m red\x1b[0m\r\n\n    code block\n\t- tabbed\x07 item  \n"
        "\x1b]0;pwned\x07end\n\n  "
    )
    assert clean_note(raw) == "# Title red\n\n    code block\n\t- tabbed item  \nend"


def test_clean_note_is_idempotent_and_empty_for_whitespace() -> None:
    text = "a  b\n\n  - c\n"
    assert clean_note(clean_note(text)) == clean_note(text) == "a  b\n\n  - c"
    assert clean_note(" \n\t\n \x1b[0m \r\n") == ""
    assert clean_note("x\x0by\x0cz\u202e!") == "xyz!"  # vertical tab, form feed, bidi override


def test_clean_note_leaves_markup_like_text_alone() -> None:
    text = "[@click=app.quit]quit[/] and [b]bold[/b] $var"
    assert clean_note(text) == text


def test_short_notes_are_displayed_whole() -> None:
    note = "# Note\n\n" + "\n".join(f"- item {i}" for i in range(50))
    shown = display_note(note)
    assert shown.text == note and not shown.shortened


def test_many_blocks_are_cut_at_a_line_and_say_so() -> None:
    note = "\n".join(f"- item {i}" for i in range(3000))
    shown = display_note(note, max_lines=100)
    assert shown.shortened
    assert shown.text.splitlines() == [f"- item {i}" for i in range(100)]
    assert shown.size == "34 KB"
    assert shortened_message(shown) == "note shortened for display: 34 KB — press n to edit in full"


def test_huge_text_is_cut_at_a_line_end_within_the_limit() -> None:
    line = "word " * 30 + "end"
    note = "\n\n".join(line for _ in range(2000))  # ~300 KB, blank-line separated paragraphs
    shown = display_note(note)
    assert shown.shortened and len(shown.text) <= DISPLAY_MAX_CHARS
    assert all(part in ("", line) for part in shown.text.split("\n"))
    one_line = "x" * 500_000
    assert display_note(one_line).text == "x" * DISPLAY_MAX_CHARS


def test_a_cut_inside_a_code_fence_closes_the_fence() -> None:
    note = "intro\n\n~~~~python\n" + "\n".join(f"x = {i}" for i in range(500))
    shown = display_note(note, max_lines=20)
    assert shown.text.endswith("\nx = 17\n~~~~")
    closed = "```\ncode\n```\n" + "\n".join(f"line {i}" for i in range(500))
    assert display_note(closed, max_lines=20).text.endswith("line 16")


def test_blank_lines_alone_do_not_shorten_a_note() -> None:
    note = "a" + "\n" * 400 + "b"
    assert not display_note(note, max_lines=10).shortened


@pytest.mark.parametrize(
    ("size", "label"), [(10, "10 bytes"), (2048, "2 KB"), (150 * 1024, "150 KB"), (3 * 1024 * 1024, "3.0 MB")]
)
def test_size_label(size: int, label: str) -> None:
    assert size_label("x" * size) == label


@pytest.mark.parametrize(
    "href", ["https://arxiv.org/abs/2401.00001", "http://example.org/a?b=c#d", "HTTPS://Example.org"]
)
def test_http_links_may_open(href: str) -> None:
    assert link_refusal(href) is None


@pytest.mark.parametrize(
    ("href", "why"),
    [
        ("file:///etc/passwd", "file: links never open"),
        ("FILE:///etc/passwd", "file: links never open"),
        ("javascript:alert(1)", "javascript: links never open"),
        ("mailto:someone@example.org", "mailto: links never open"),
        ("data:text/html,<script>", "data: links never open"),
        ("ftp://example.org/x", "ftp: links never open"),
        ("/etc/passwd", "local paths and relative links"),
        ("../notes/other.md", "local paths and relative links"),
        ("#heading", "local paths and relative links"),
        ("//evil.example/x", "local paths and relative links"),
        ("C:\\Windows\\win.ini", "local paths and relative links"),
        ("~/secrets.txt", "local paths and relative links"),
        ("https://", "no host"),
        ("http:///etc/passwd", "no host"),
        ("https://example.org/a b", "spaces or control characters"),
        ("https://example.org/\x1b[31m", "spaces or control characters"),
        ("http://[::1", "not a valid URL"),
        ("", "empty"),
    ],
)
def test_other_links_are_refused_with_a_reason(href: str, why: str) -> None:
    refusal = link_refusal(href)
    assert refusal is not None and why in refusal


@pytest.mark.parametrize(
    ("stamp", "words"),
    [
        ("2026-11-23T08:00:00+00:00", "just now (2026-11-23 08:00 UTC)"),
        ("2026-11-23T07:59:01+00:00", "just now (2026-11-23 07:59 UTC)"),
        ("2026-11-23T07:59:00+00:00", "1 minute ago (2026-11-23 07:59 UTC)"),
        ("2026-11-23T07:15:00+00:00", "45 minutes ago (2026-11-23 07:15 UTC)"),
        ("2026-11-23T05:00:00+00:00", "3 hours ago (2026-11-23 05:00 UTC)"),
        ("2026-11-22T06:00:00+00:00", "yesterday (2026-11-22 06:00 UTC)"),
        ("2026-11-19T08:00:00+00:00", "4 days ago (2026-11-19 08:00 UTC)"),
        ("2026-10-02T10:30:00+00:00", "2026-10-02 10:30 UTC"),
        ("2026-11-23T10:00:00+02:00", "just now (2026-11-23 08:00 UTC)"),
        ("2026-12-01T00:00:00+00:00", "2026-12-01 00:00 UTC"),  # in the future: no "ago"
        ("not a time", "not a time"),
    ],
)
def test_edited_label_in_words(stamp: str, words: str) -> None:
    assert edited_label(stamp, "2026-11-23T08:00:00+00:00", UTC) == words


def test_edited_label_shows_local_time_with_its_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import readq.clock
    import readq.models

    paris = timezone(timedelta(hours=1), "CET")
    assert edited_label("2026-12-04T03:00:00+00:00", "2026-12-04T05:00:00+00:00", paris) == (
        "2 hours ago (2026-12-04 04:00 CET)"
    )
    monkeypatch.setattr(readq.clock, "local_zone", lambda: timezone(timedelta(hours=-5)))
    old = edited_label("2026-10-02T10:30:00+00:00", "2026-11-23T08:00:00+00:00")
    assert old == "2026-10-02 05:30 UTC-05:00"


def test_edited_label_uses_readqs_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    import readq.clock
    import readq.models

    freeze_clock(monkeypatch, "2026-11-23T08:00:00+00:00")
    monkeypatch.setattr(readq.clock, "local_zone", lambda: UTC)
    assert edited_label("2026-11-23T06:00:00+00:00") == "2 hours ago (2026-11-23 06:00 UTC)"
    assert edited_label(None) == ""

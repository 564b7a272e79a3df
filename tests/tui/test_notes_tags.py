"""Pilot tests for notes (n, N), tags (t), the markdown note in the detail pane and its links."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import SuspendNotSupported
from textual.widgets import Input, Markdown, TextArea
from textual.widgets.markdown import MarkdownBlock

from readq.store import STATE_FILE, Store
from readq.system.editor import EditorError
from readq.text.notes import DISPLAY_MAX_LINES
from readq.tui.app import ReadqApp, make_app
from readq.tui.main.notes import run_editor
from readq.tui.main.screen import MainScreen
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.editors import NoteEditorScreen, TagEditorScreen
from readq.tui.widgets.sidebar import Sidebar
from tests.app_helpers import WIDE, main
from tests.helpers import fake_editor, shell_command
from tests.tui.conftest import top_paper


def rendered_note(app: ReadqApp) -> str:
    """The plain text of the note's markdown blocks as the detail pane shows them."""
    markdown = main(app).query_one("#detail-note", Markdown)
    if main(app).query_one("#detail-notebox").has_class("-hidden"):
        return ""
    return "\n".join(str(block.render()) for block in markdown.query(MarkdownBlock) if not block.children)


def notifications(app: ReadqApp) -> list[str]:
    return [n.message for n in app._notifications]


def stored_note(store: Store, pid: str) -> str:
    return Store(store.data_dir).state(pid).note


async def settle(pilot: object) -> None:
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_write_a_note_save_it_see_it_rendered_and_undo(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        pid = screen.papers.rows[0].paper.id
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditorScreen)
        area = app.screen.query_one(TextArea)
        assert area.has_focus and area.language == "markdown"
        await pilot.press(*"# Why", "enter", "enter", *"- one", "enter", "tab", *"- nested")
        area.insert("\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [arXiv](https://arxiv.org/abs/2401.00001)\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        note = stored_note(sample_store, pid)
        assert note.startswith("# Why\n\n- one\n    - nested\n\n| a | b |")  # on disk at once
        assert "Note saved. u undoes it." in notifications(app)
        text = rendered_note(app)
        assert "Why" in text and "one" in text and "nested" in text and "arXiv" in text
        assert screen.query("#detail-note MarkdownH1") and screen.query("#detail-note MarkdownTable")
        title = str(screen.query_one("#detail-note-title").render())
        assert title == "Note · edited just now (2026-11-23 08:00 UTC)"
        assert screen.library.count("all") == 7
        await pilot.press("u")
        await settle(pilot)
        assert stored_note(sample_store, pid) == "" and rendered_note(app) == ""
        await pilot.press("U")
        await settle(pilot)
        assert stored_note(sample_store, pid) == note and "Why" in rendered_note(app)


async def test_cancel_without_changes_closes_at_once(sample_store: Store) -> None:
    state_file = sample_store.data_dir / STATE_FILE
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        before = state_file.read_bytes() if state_file.exists() else b""
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("n", "ctrl+s")  # saving the empty note on a paper without one writes nothing
        await pilot.pause()
        assert app.screen is screen and "Note unchanged." in notifications(app)
        assert (state_file.read_bytes() if state_file.exists() else b"") == before


async def test_cancel_with_changes_asks_first(sample_store: Store) -> None:
    pid = top_paper(sample_store)
    sample_store.update_state(pid, note="original")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.query_one(TextArea).text == "original"
        await pilot.press(*" edited")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard your changes" in str(app.screen.query_one("#question").render())
        await pilot.press("n")  # keep editing: the text is still there
        assert app.screen is editor and editor.query_one(TextArea).text == "original edited"
        assert editor.query_one(TextArea).has_focus
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen
        assert stored_note(sample_store, pid) == "original"


async def test_external_editor_saves_what_it_wrote(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = fake_editor(
        tmp_path, "path.write_text(path.read_text() + '## From my editor\\n\\n- a point\\n')"
    )
    monkeypatch.setenv("EDITOR", shell_command(editor))
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        pid = screen.papers.rows[0].paper.id
        await pilot.press("N")
        await settle(pilot)
        assert stored_note(sample_store, pid) == "## From my editor\n\n- a point"
        assert "From my editor" in rendered_note(app)
        await pilot.press("N")  # the editor appends again: the note now has both
        await settle(pilot)
        assert stored_note(sample_store, pid).count("From my editor") == 2
        await pilot.press("u")
        assert stored_note(sample_store, pid) == "## From my editor\n\n- a point"


async def test_external_editor_missing_or_failing_says_so_and_loses_nothing(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = top_paper(sample_store)
    sample_store.update_state(pid, note="precious")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("N")
        await pilot.pause()
        assert any("no editor set: set $VISUAL or $EDITOR" in m for m in notifications(app))
        monkeypatch.setenv("VISUAL", "no-such-editor-xyz")
        await pilot.press("N")
        await pilot.pause()
        assert any("'no-such-editor-xyz' not found" in m for m in notifications(app))
        failing = fake_editor(tmp_path, "path.write_text('half a thought')\nsys.exit(1)")
        monkeypatch.setenv("VISUAL", shell_command(failing))
        await pilot.press("N")
        await pilot.pause()
        message = next(m for m in notifications(app) if "exited with status 1" in m)
        kept = Path(message.rsplit("kept in ", 1)[1])
        assert kept.read_text(encoding="utf-8") == "half a thought"
        kept.unlink()
        assert stored_note(sample_store, pid) == "precious"
        assert app.is_running and isinstance(app.screen, MainScreen)


HOSTILE_NOTE = (
    "# Careful\n\n"
    "Click [@click=app.quit]here[/] or [b]bold[/b].\n\n"
    "[secrets](file:///etc/passwd) [home](/etc/passwd) [js](javascript:alert(1)) "
    "[mail](mailto:a@b.org) [web](https://example.org/paper)\n"
)


async def test_hostile_note_renders_verbatim_and_links_are_refused(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        pid = screen.papers.rows[0].paper.id
        await pilot.press("n")
        area = app.screen.query_one(TextArea)
        area.insert(HOSTILE_NOTE + "raw \x1b[31mred\x1b[0m and \x1b]0;title\x07 bell\x07\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        note = stored_note(sample_store, pid)
        assert "\x1b" not in note and "\x07" not in note
        assert note.endswith("raw red and  bell")  # stripped as at import: nothing of the sequences left
        text = rendered_note(app)
        assert "Click [@click=app.quit]here[/] or [b]bold[/b]." in text
        assert "[secrets](file:///etc/passwd)" in text  # markdown-it does not even make file: a link
        markdown = screen.query_one("#detail-note", Markdown)
        for href in ("/etc/passwd", "javascript:alert(1)", "mailto:a@b.org", "file:///etc/passwd"):
            markdown.post_message(Markdown.LinkClicked(markdown, href))
            await pilot.pause()
            assert app.screen is screen
            assert any(m.startswith(f"Refused to open {href!r}") for m in notifications(app))
        await pilot.click("#detail-head", offset=(5, 0))
        assert app.is_running


async def test_http_links_open_only_after_confirmation(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    pid = top_paper(sample_store)
    sample_store.update_state(pid, note="See [the paper](https://example.org/paper) now.")
    app = make_app(sample_store)
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        screen.show_current()  # the same paper again: the note renders now
        await settle(pilot)
        paragraph = screen.query_one("#detail-note MarkdownParagraph")
        await pilot.click(paragraph, offset=(6, 0))  # on "the paper"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "https://example.org/paper" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        assert opened == []
        await pilot.click(paragraph, offset=(6, 0))
        await pilot.pause()
        await pilot.press("y")
        assert opened == ["https://example.org/paper"]


async def test_huge_note_renders_a_bounded_part_and_edits_in_full(sample_store: Store) -> None:
    pid = top_paper(sample_store)
    note = "\n".join(f"- item {i}" for i in range(5000))
    sample_store.update_state(pid, note=note)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        screen.show_current()
        await settle(pilot)
        shown = screen.query_one("#detail-note", Markdown).source
        assert shown.count("\n") == DISPLAY_MAX_LINES - 1
        more = str(screen.query_one("#detail-note-more").render())
        assert more == "note shortened for display: 58 KB — press n to edit in full"
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == note
        await pilot.press("escape")
        await pilot.press("j")
        await pilot.pause()
        assert screen.query_one("#detail-note-more").has_class("-hidden")


async def test_tags_added_filtered_removed_and_undone(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        first, second = (r.paper.id for r in screen.papers.rows[:2])
        await pilot.press("t")
        assert isinstance(app.screen, TagEditorScreen)
        await pilot.press(*"ML, to-cite,ml", "enter")
        assert app.screen is screen
        assert Store(sample_store.data_dir).state(first).tags == ("ML", "to-cite")
        assert "tags: ML, to-cite" in screen.detail.text.plain
        sidebar = screen.query_one(Sidebar)
        prompts = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert [" ".join(p.split()) for p in prompts[-3:]] == ["Tags", "#ML 1", "#to-cite 1"]
        assert sidebar.get_option_at_index(sidebar.option_count - 3).disabled
        # completion from the tags in use: "t" + → completes to "to-cite"
        await pilot.press("j", "t")
        field = app.screen.query_one(Input)
        assert field.value == ""
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("right")
        assert field.value == "to-cite"
        await pilot.press("enter")
        assert screen.library.count("tag:to-cite") == 2
        # the tag view lists both; removing the tag there takes the paper out of the view
        while screen.view_key != "tag:to-cite":
            await pilot.press("right_square_bracket")
        assert {r.paper.id for r in screen.papers.rows} == {first, second}
        assert "#to-cite" in str(screen.query_one("#status").render())
        await pilot.press("t")
        field = app.screen.query_one(Input)
        field.value = "ML"
        await pilot.press("enter")
        assert [r.paper.id for r in screen.papers.rows] == [second]
        assert screen.library.count("tag:to-cite") == 1
        await pilot.press("u")
        assert {r.paper.id for r in screen.papers.rows} == {first, second}
        assert Store(sample_store.data_dir).state(first).tags == ("ML", "to-cite")
        await pilot.press("t", "escape")  # cancelling changes nothing
        assert screen.library.count("tag:to-cite") == 2


async def test_hostile_tags_are_harmless(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("t")
        app.screen.query_one(Input).value = "[@click=app.quit]x[/], \x1b[31mred\x07"
        await pilot.press("enter")
        record = screen.papers.current
        assert record is not None and record.state.tags == ("[@click=app.quit]x[/]", "red")
        assert "tags: [@click=app.quit]x[/], red" in screen.detail.text.plain
        sidebar = screen.query_one(Sidebar)
        await pilot.click(Sidebar, offset=(3, sidebar.option_count - 2))
        await pilot.pause()
        assert app.is_running


async def test_search_finds_notes_and_tags(sample_store: Store) -> None:
    ids = list(sample_store.papers)
    sample_store.update_state(ids[0], note="contrast with **zeppelin** routing")
    sample_store.update_state(ids[1], tags=("to-cite",))
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        await pilot.press("slash", *"zeppelin")
        assert [r.paper.id for r in screen.papers.rows] == [ids[0]]
        screen.query_one("#search", Input).value = "tag:to-cite"
        await pilot.pause()
        assert [r.paper.id for r in screen.papers.rows] == [ids[1]]
        screen.query_one("#search", Input).value = "has:note"
        await pilot.pause()
        assert [r.paper.id for r in screen.papers.rows] == [ids[0]]


class SuspendingApp:
    """Stands in for a terminal app: ``suspend`` works like Textual's (it resumes only on a normal exit)."""

    is_headless = False

    def __init__(self, can_suspend: bool = True) -> None:
        self.can_suspend = can_suspend
        self.suspended = self.resumed = 0

    @contextlib.contextmanager
    def suspend(self) -> Iterator[None]:
        if not self.can_suspend:
            raise SuspendNotSupported("no")
        self.suspended += 1
        yield
        self.resumed += 1


def test_the_terminal_is_handed_back_even_when_the_editor_fails(tmp_path: Path) -> None:
    app = SuspendingApp()
    ok = fake_editor(tmp_path, "path.write_text('written')", "ok.py")
    assert run_editor(app, ok, "", "note-x") == "written"  # type: ignore[arg-type]
    with pytest.raises(EditorError, match="status 4"):
        run_editor(app, fake_editor(tmp_path, "sys.exit(4)", "bad.py"), "", "note-x")  # type: ignore[arg-type]
    with pytest.raises(EditorError, match="not found"):
        run_editor(app, ["no-such-editor-xyz"], "", "note-x")  # type: ignore[arg-type]
    assert app.suspended == app.resumed == 3
    with pytest.raises(EditorError, match="cannot hand over"):
        run_editor(SuspendingApp(can_suspend=False), ok, "", "note-x")  # type: ignore[arg-type]

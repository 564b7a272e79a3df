"""The sidebar in a host app of its own: entries in, options out, a choice posted as OptionSelected."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from readq.tui.widgets.sidebar import Sidebar, SidebarEntry, entry_prompt


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.picked: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Sidebar(id="sidebar")

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.picked.append(message.option.id)


ENTRIES = [
    SidebarEntry("inbox", "Inbox", "3"),
    SidebarEntry("heading:tags", "Tags", "", heading=True),
    SidebarEntry("tag:x", "#[b]x[/b]", "1"),
]


async def test_entries_show_as_text_and_the_chosen_view_is_posted() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.show_entries(ENTRIES, "tag:x")
        await pilot.pause()
        assert sidebar.option_count == 3 and sidebar.highlighted == 2
        assert sidebar.get_option_at_index(1).disabled  # a heading: the cursor skips it
        assert "#[b]x[/b]" in str(sidebar.get_option_at_index(2).prompt)
        sidebar.show_entries([*ENTRIES[:2], SidebarEntry("tag:x", "#[b]x[/b]", "2")], "inbox")
        await pilot.pause()
        assert str(sidebar.get_option_at_index(2).prompt).endswith(" 2") and sidebar.highlighted == 0
        sidebar.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.picked == ["inbox"]


def test_a_long_digest_name_is_cut_in_the_middle_only_when_it_is_a_digest() -> None:
    title = "atom_api-2025_a_very_long_feed_name_start10 · Nov 20"
    digest = entry_prompt(SidebarEntry("digest:f", title, "1/2 left", digest=True), 24).plain
    plain = entry_prompt(SidebarEntry("digest:f", title, "1/2 left"), 24).plain
    assert "…" in digest and digest.split(" ")[0].endswith("start10")
    assert plain.split(" ")[0].endswith("…")

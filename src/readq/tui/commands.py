"""Every command of the main screen, defined once: key bindings, the help screen and the command palette
are all built from this table. Each command names the feature that runs it (a class in
:mod:`readq.tui.main`): adding a key is a row here and an ``action_NAME`` method on that feature."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import format_key


@dataclass(frozen=True)
class Command:
    keys: str  # Textual key names, comma separated
    action: (
        str  # action on the main screen: ``NAME`` or ``NAME(ARGS)``, run by ``action_NAME`` of the feature
    )
    title: str  # palette title
    help: str  # one line for the help screen and palette
    group: str
    footer: str | None = None  # label in the footer, when shown there
    footer_keys: str | None = None  # how the footer shows the key, when not as in the help
    key_display: str | None = None
    palette: bool = True
    name: str | None = None  # the command's name in the config file's [keys] table (default: from action)
    feature: str = ""  # the main-screen feature that runs the action (see readq.tui.main.screen.FEATURES)

    @property
    def method(self) -> str:
        """The name of the feature's method that runs the action: ``cursor(1)`` -> ``action_cursor``."""
        return "action_" + self.action.split("(", 1)[0]

    @property
    def id(self) -> str:
        """The name users rebind the command by (``[keys]`` in the config); also the Binding id."""
        return self.name or re.sub(r"\W+", "_", self.action).strip("_")

    @property
    def display_keys(self) -> str:
        if self.key_display:
            return self.key_display
        if not self.keys:
            return "—"
        names = {
            "down": "↓",
            "up": "↑",
            "pagedown": "PgDn",
            "pageup": "PgUp",
            "home": "Home",
            "end": "End",
            "left_square_bracket": "[",
            "right_square_bracket": "]",
            "question_mark": "?",
            "slash": "/",
            "escape": "esc",
            "enter": "enter",
            "tab": "tab",
        }
        return " ".join(names.get(k) or key_name(k) for k in self.keys.split(","))


def key_name(key: str) -> str:
    """A Textual key as people write it: ``full_stop`` -> ``.``, ``ctrl+question_mark`` -> ``ctrl+?``;
    named keys stay (``ctrl+t``, ``f5``, ``pagedown``)."""
    if "+" in key:
        *mods, base = key.split("+")
        return "+".join([*mods, key_name(base)])
    shown = format_key(key)
    return shown if len(shown) == 1 and shown.isascii() and shown.isprintable() and shown != " " else key


COMMANDS: tuple[Command, ...] = (
    Command(
        "j,down",
        "cursor(1)",
        "Next paper",
        "Move to the next paper",
        "Move",
        key_display="j ↓",
        name="next_paper",
        feature="navigation",
    ),
    Command(
        "k,up",
        "cursor(-1)",
        "Previous paper",
        "Move to the previous paper",
        "Move",
        key_display="k ↑",
        name="previous_paper",
        feature="navigation",
    ),
    Command(
        "g,home",
        "first",
        "First paper",
        "Jump to the first paper (in the detail: to its top)",
        "Move",
        key_display="g Home",
        feature="navigation",
    ),
    Command(
        "G,end",
        "last",
        "Last paper",
        "Jump to the last paper (in the detail: to the end of the note)",
        "Move",
        key_display="G End",
        feature="navigation",
    ),
    Command(
        "pagedown",
        "page(1)",
        "Page down",
        "Move down one page",
        "Move",
        key_display="PgDn",
        name="page_down",
        feature="navigation",
    ),
    Command(
        "pageup",
        "page(-1)",
        "Page up",
        "Move up one page",
        "Move",
        key_display="PgUp",
        name="page_up",
        feature="navigation",
    ),
    Command(
        "tab",
        "next_pane",
        "Next pane",
        "Switch focus: list → detail → views",
        "Move",
        palette=False,
        feature="navigation",
    ),
    Command(
        "enter",
        "focus_detail",
        "Read the detail",
        "Focus the detail pane to scroll it",
        "Move",
        feature="navigation",
    ),
    Command(
        "left_square_bracket",
        "switch_view(-1)",
        "Previous view",
        "Show the previous view",
        "Views",
        key_display="[",
        name="previous_view",
        feature="navigation",
    ),
    Command(
        "right_square_bracket",
        "switch_view(1)",
        "Next view",
        "Show the next view",
        "Views",
        key_display="]",
        name="next_view",
        feature="navigation",
    ),
    Command(
        "r",
        "toggle_read",
        "Toggle read",
        "Mark the paper read / unread (leaves the Inbox)",
        "Triage",
        footer="Read",
        feature="triage",
    ),
    Command(
        "0",
        "priority(0)",
        "Priority 0",
        "Set priority 0: triaged, not queued (leaves the Inbox)",
        "Triage",
        feature="triage",
    ),
    Command(
        "1",
        "priority(1)",
        "Priority 1",
        "Set priority 1 and queue it (leaves the Inbox)",
        "Triage",
        feature="triage",
    ),
    Command(
        "2",
        "priority(2)",
        "Priority 2",
        "Set priority 2 and queue it (leaves the Inbox)",
        "Triage",
        feature="triage",
    ),
    Command(
        "3",
        "priority(3)",
        "Priority 3",
        "Set priority 3 and queue it (leaves the Inbox)",
        "Triage",
        footer="Priority",
        footer_keys="0-3",
        feature="triage",
    ),
    Command(
        "x",
        "mark_all_read",
        "Mark view read",
        "Mark every paper in this view read, or the marked ones when some are (asks first)",
        "Triage",
        feature="triage",
    ),
    Command(
        "u",
        "undo",
        "Undo",
        "Undo the last change (bulk changes too)",
        "Triage",
        footer="Undo",
        feature="triage",
    ),
    Command(
        "U,ctrl+r", "redo", "Redo", "Redo what was undone", "Triage", key_display="U ctrl+r", feature="triage"
    ),
    Command(
        "slash",
        "search",
        "Search",
        "Search with the query language; esc clears",
        "Find",
        footer="Search",
        key_display="/",
        feature="search",
    ),
    Command(
        "escape",
        "escape",
        "Clear search",
        "Clear the search and close the bar (without a search: clear the marks)",
        "Find",
        palette=False,
        feature="search",
    ),
    Command(
        "s",
        "cycle_sort",
        "Change sort",
        "Cycle the sort: added, priority, date, score, title, seen, suggested",
        "Find",
        footer="Sort",
        feature="navigation",
    ),
    Command(
        "y",
        "copy_citation",
        "Copy citation",
        "Copy the citation ({format}) of the paper, or of every marked paper",
        "Cite",
        feature="cite",
    ),
    Command(
        "Y",
        "pick_format",
        "Copy citation as…",
        "Pick a format (BibTeX, APA, Markdown, plain, CSL-JSON, RIS) to copy or show",
        "Cite",
        feature="cite",
    ),
    Command(
        "m",
        "toggle_mark",
        "Mark paper",
        "Mark / unmark the paper for y (moves to the next)",
        "Cite",
        feature="marks",
    ),
    Command("M", "clear_marks", "Clear marks", "Unmark every marked paper", "Cite", feature="marks"),
    Command(
        "E",
        "edit_metadata",
        "Edit metadata",
        "Correct authors, year, arXiv id, URL, venue (u undoes it)",
        "Cite",
        feature="edit",
    ),
    Command(
        "e",
        "export",
        "Export papers",
        "Export the papers in view (or the marked ones): BibTeX, CSL-JSON, RIS, Markdown, JSON, CSV",
        "Cite",
        feature="export",
    ),
    Command(
        "i",
        "import",
        "Import papers",
        "Import a file or the clipboard: a preview first, then u undoes it all",
        "Import",
        feature="importing",
    ),
    Command(
        "n",
        "edit_note",
        "Edit note",
        "Write or edit the paper's note (markdown; ctrl+s saves)",
        "Notes",
        feature="notes",
    ),
    Command(
        "N",
        "edit_note_external",
        "Edit note in $EDITOR",
        "Edit the note in $VISUAL / $EDITOR",
        "Notes",
        feature="notes",
    ),
    Command(
        "t",
        "edit_tags",
        "Edit tags",
        "Edit the paper's tags (comma separated, with completion)",
        "Notes",
        feature="notes",
    ),
    Command(
        "w",
        "watch",
        "Watch authors or category",
        "Watch the paper's authors or category: their papers are marked ◆",
        "Discover",
        feature="watching",
    ),
    Command(
        "W",
        "manage_lists",
        "Watches and saved searches",
        "List, open or delete watches and saved searches",
        "Discover",
        feature="watching",
    ),
    Command(
        "ctrl+s",
        "save_search",
        "Save search",
        "Save the current search as a view in the sidebar",
        "Discover",
        feature="watching",
    ),
    Command(
        "R",
        "similar",
        "Similar papers",
        "Show the ten papers most similar to this one",
        "Discover",
        feature="similar",
    ),
    Command(
        "S",
        "stats",
        "Statistics",
        "Papers read per day, streak, backlog per digest, priorities, notes",
        "App",
        feature="stats",
    ),
    Command(
        "question_mark",
        "help",
        "Help",
        "Show every key",
        "App",
        footer="Help",
        key_display="?",
        feature="general",
    ),
    Command(
        "q",
        "quit",
        "Quit",
        "Quit readq (everything is already saved)",
        "App",
        footer="Quit",
        feature="general",
    ),
)


def bindings() -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    return [
        Binding(
            c.keys,
            c.action,
            c.footer or c.title,
            show=c.footer is not None,
            key_display=(c.footer_keys or c.key_display) if c.footer else None,
            id=c.id,
        )
        for c in COMMANDS
    ]

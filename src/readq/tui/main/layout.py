"""Layout: ``b`` hides the sidebar (the list takes its width) and shows it again."""

from __future__ import annotations

from readq.tui.main.feature import Feature


class Layout(Feature):
    name = "layout"

    def action_toggle_sidebar(self) -> None:
        screen = self.screen
        screen.toggle_class("-no-sidebar")
        hidden = screen.has_class("-no-sidebar")
        if hidden and screen.focused is screen.query_one("#sidebar"):
            self.papers.focus()
        self.notify("Sidebar hidden: b shows it." if hidden else "Sidebar shown.", timeout=2)

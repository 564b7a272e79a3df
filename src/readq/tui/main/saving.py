"""Text shown to select or save (``v`` for a citation, ``e`` for an export, a clipboard that failed): the
dialog proposes the folder a file was last saved to in this session, else the home folder — never the
directory readq happened to be started from."""

from __future__ import annotations

from pathlib import Path

from readq.tui.main.feature import Feature
from readq.tui.screens.cite_dialogs import CitationDialog


def show_to_save(
    feature: Feature, text: str, *, title: str, reason: str = "", filename: str, mode_cap: int = 0o600
) -> None:
    screen = feature.screen
    folder = screen.save_folder if screen.save_folder is not None else Path.home()

    def saved(path: Path | None) -> None:
        if path is not None:
            screen.save_folder = path.parent

    feature.app.push_screen(
        CitationDialog(text, title=title, reason=reason, filename=filename, folder=folder, mode_cap=mode_cap),
        saved,
    )

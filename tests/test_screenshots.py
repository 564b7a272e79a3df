"""The screenshot script (scripts/screenshots.py) must not rot: run it into a temporary folder, check every
shot is written and shows what it should, and that running it again gives the same bytes."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "screenshots.py"
SHOTS = REPO / "screenshots"


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600, check=False
    )


def text_of(svg: str) -> str:
    """The visible text of an exported screenshot (Textual writes one <text> per run of characters)."""
    return html.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))).replace("\xa0", " ")


EXPECTED = {
    "main-wide.svg": "Inbox · 36 papers",
    "main-narrow.svg": "Inbox",
    "search.svg": "29 papers · sort: added (newest first) · search:",
    "help.svg": "readq — keys",
    "cite-picker.svg": "BibTeX",
    "copy-dialog.svg": "Wieczorek, T., Lefebvre, I., et al. (2025)",
    "edit-form.svg": "Authors",
    "note-editor.svg": "- decide *when* to retrieve, not just what",
    "note.svg": "Why read this",
    "stats.svg": "Papers read per day",
    "theme-light.svg": "Why read this",
    "theme-dark.svg": "Why read this",
    "similar.svg": "Similar to",
    "watched.svg": "◆ watched:",
}


@pytest.mark.slow
def test_the_script_writes_every_screenshot_and_again_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    result = run_script(str(first))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in first.glob("*.svg"))
    assert written == sorted(EXPECTED)
    # The committed screenshots are exactly the ones the script makes (the README shows them).
    assert written == sorted(p.name for p in SHOTS.glob("*.svg"))
    for name, needle in EXPECTED.items():
        assert needle in text_of((first / name).read_text(encoding="utf-8")), name
    assert "Streak" in text_of((first / "stats.svg").read_text(encoding="utf-8"))
    # Reproducible: running it again gives the same files, byte for byte.
    result = run_script(str(second), "--only", "stats,copy-dialog,theme-light")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in second.glob("*.svg")) == ["copy-dialog.svg", "stats.svg", "theme-light.svg"]
    for name in ("stats.svg", "copy-dialog.svg", "theme-light.svg"):
        assert (second / name).read_bytes() == (first / name).read_bytes(), name


def test_the_theme_shots_show_the_same_screen_in_other_colours() -> None:
    light = (SHOTS / "theme-light.svg").read_text(encoding="utf-8")
    dark = (SHOTS / "theme-dark.svg").read_text(encoding="utf-8")
    assert light != dark and text_of(light) == text_of(dark)


def test_an_unknown_shot_is_refused(tmp_path: Path) -> None:
    result = run_script(str(tmp_path / "out"), "--only", "nope")
    assert result.returncode == 2 and "no such shot: nope" in result.stderr

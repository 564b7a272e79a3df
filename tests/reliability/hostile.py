"""Hostile text for every field, and a library that holds it raw (as another tool or an old readq might
have written it: nothing cleaned on the way in), so that what the app shows is checked on its own."""

from __future__ import annotations

from pathlib import Path

import orjson

from readq.models import Entry, ParseResult
from readq.store import PAPERS_FILE, Store

# Looks like Textual/Rich markup; must be shown exactly like this and never run or style anything.
MARKUP = "[/] [/ [b [b]bold[/b] [link=https://evil.example/markup]x[/link] [@click=app.quit]quit[/] arr[i]"

# Terminal control: each piece would do something to a terminal that received it raw.
ESCAPES = (
    "<\x1b]52;c;ZXZpbA==\x07>"  # OSC 52: put "evil" on the user's clipboard
    "<\x1b]0;PWNED-TITLE\x07>"  # OSC 0: set the window title
    "<\x1b]2;PWNED-TWO\x1b\\>"  # OSC 2, ended by ST
    "<\x1b]8;;https://evil.example/osc8\x1b\\link\x1b]8;;\x1b\\>"  # OSC 8: a hidden hyperlink
    "<\x1bPPWNED-DCS\x1b\\>"  # DCS
    "<\x9d0;PWNED-C1\x9c>"  # OSC as a C1 control
    "<\x9b2J>"  # CSI as a C1 control: clear the screen
    "<\x1b[31;5mRED\x1b[0m>"  # colour and blink
    "<\x1bc>"  # full terminal reset
    "<N\x00U\x00L>"
    "<CR\rHERE>"
    "<\u202eBIDI>"  # right-to-left override
    "<DEL\x7fX><BS\x08X><BEL\x07X>"
)
# What readq shows of ESCAPES: every sequence removed whole, every control character removed.
ESCAPES_SHOWN = "<><><><link><><><><RED><><NUL><CRHERE><BIDI><DELX><BSX><BELX>"
# Bytes that must never reach the terminal from the data.
MARKERS = (
    b"ZXZpbA==",
    b"PWNED",
    b"evil.example/osc8",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xe2\x80\xae",
    b"CR\rHERE",
)

TITLE = f"Hostile title {MARKUP} {ESCAPES}"
AUTHORS = (f"Ann {MARKUP}", f"Bob {ESCAPES}")
ABSTRACT = f"Abstract {MARKUP}\nsecond line {ESCAPES}\n" + "A long line " * 200
NOTE = (
    f"# Note {MARKUP}\n\n{ESCAPES}\n\n"
    "- [a file link](file:///etc/passwd)\n- [an action](app.quit)\n- [a web link](https://example.org/ok)\n"
)
TAGS = (f"tag{ESCAPES}", "[b]tag[/b]")
FILE_NAME = f"009_evil{ESCAPES}.txt"


def hostile_library(data: Path) -> list[str]:
    """A library whose every field carries MARKUP and ESCAPES, unfiltered; returns the paper ids."""
    store = Store(data)
    entries = (
        Entry(
            TITLE,
            ABSTRACT,
            authors=AUTHORS,
            organisation=f"Org {ESCAPES}",
            category=f"CL{ESCAPES}",
            date=f"Nov 2{ESCAPES}",
            score=1.0,
        ),
        Entry(f"Plain neighbour {MARKUP}", "An ordinary abstract.", authors=("Cy Dee",)),
        Entry("x" * 100_000, "A title of 100,000 characters without a single space."),
    )
    ids = store.import_result(ParseResult("hf-blank", entries, f"Nov 2{ESCAPES}"), "placeholder.txt").new
    store.update_state(ids[0], note=NOTE, tags=TAGS)
    store.close()
    # The store tidies file names on import; write the raw one as another program might have.
    path = data / PAPERS_FILE
    document = orjson.loads(path.read_bytes())
    for row in document["papers"].values():
        for source in row["sources"]:
            source["file"] = FILE_NAME
    path.write_bytes(orjson.dumps(document))
    return ids

"""What differs when the app runs in a browser tab (``readq serve``): files are offered as downloads.

In a browser, the app's disk is the server's: "save to a file" would write where the user cannot reach it,
so text is handed to the browser with :meth:`textual.app.App.deliver_text` instead. Textual reports the end
of a delivery with ``DeliveryComplete`` / ``DeliveryFailed`` messages, which the app turns into toasts for
the names made here.
"""

from __future__ import annotations

import io
import re

from textual.app import App

DELIVERY_PREFIX = "readq-download:"
MIME_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".md": "text/markdown",
}


def safe_filename(name: str) -> str:
    """A file name that survives an HTTP header unquoted: letters, digits, ``.``, ``_`` and ``-``."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return cleaned or "readq.txt"


def offer_download(app: App[object], text: str, filename: str) -> str:
    """Hand ``text`` to the browser as the file ``filename``; the name the browser will see."""
    name = safe_filename(filename)
    suffix = name[name.rfind(".") :] if "." in name else ""
    app.deliver_text(
        io.StringIO(text.rstrip("\n") + "\n"),
        save_filename=name,
        open_method="download",
        encoding="utf-8",
        mime_type=MIME_TYPES.get(suffix, "text/plain"),
        name=DELIVERY_PREFIX + name,
    )
    return name

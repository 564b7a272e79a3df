"""Downloading a PDF: into a temporary file beside the target, renamed only when it is whole and a PDF.

Refused, leaving no file: an answer that is not a PDF (arXiv sometimes sends an HTML page: checked by the
content type and the ``%PDF-`` magic), a download shorter than its ``Content-Length``, a cancel (the app's
event, ctrl+c) or any failure midway.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from readq.online.http import Http, OnlineError, host_of

MAGIC = b"%PDF-"
CHUNK = 64 * 1024
_NOT_PDF = ("text/", "application/xhtml", "application/json", "application/xml")

Progress = Callable[[int, int | None], None]  # (bytes so far, total bytes or None)


def download_pdf(http: Http, url: str, target: Path, progress: Progress | None = None) -> int:
    """Save the PDF at ``url`` as ``target``; returns its size in bytes."""
    host = host_of(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, http.stream(url) as response:
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind.startswith(_NOT_PDF):
                raise OnlineError(host, f"{host} answered with a web page ({kind}), not a PDF; nothing saved")
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            head = b""
            for chunk in response.iter_bytes(CHUNK):
                http.check()
                if len(head) < len(MAGIC):
                    head += chunk[: len(MAGIC)]
                    if len(head) >= len(MAGIC) and not head.startswith(MAGIC):
                        raise OnlineError(
                            host, f"{host} answered with something that is not a PDF; nothing saved"
                        )
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            if not head.startswith(MAGIC):
                raise OnlineError(host, f"{host} answered with something that is not a PDF; nothing saved")
            encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
            if total is not None and not encoded and done != total:
                raise OnlineError(
                    host, f"the download from {host} was cut short ({done} of {total} bytes); nothing saved"
                )
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        return done
    except BaseException:  # a refusal, a failure, a cancel or ctrl+c: no partial file stays
        with contextlib.suppress(OSError):
            temp.unlink()
        raise

"""``readq cite --style NAME``: citations in other styles through citeproc-py (the optional ``csl`` extra).

Bundled styles (readq's own compact CSL files in ``csl_styles/``): ``ieee``, ``chicago-author-date``,
``nature``, ``acl``. A path to any ``.csl`` file (the official styles of citationstyles.org) works too.
The papers go in as readq's CSL-JSON (:func:`readq.citations.tagged.csl_item`), so a style sees exactly what
the CSL-JSON export says. Without citeproc-py, :class:`StyleUnavailable` says how to get it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

STYLE_DIR = Path(__file__).resolve().parent / "csl_styles"
STYLES = ("ieee", "chicago-author-date", "nature", "acl")
INSTALL_HINT = (
    "other citation styles need readq's csl extra (citeproc-py): uv tool install 'readq[csl]' "
    "(or pipx install 'readq[csl]'; in a clone: uv sync --extra csl)"
)


class StyleUnavailable(RuntimeError):
    """citeproc-py is not installed, or the style cannot be used; the message says what to do."""


def style_path(name: str) -> Path:
    """The CSL file of a bundled style name, or ``name`` itself when it is a path to a ``.csl`` file."""
    if name in STYLES:
        return STYLE_DIR / f"{name}.csl"
    path = Path(name).expanduser()
    if path.suffix == ".csl" and path.is_file():
        return path
    raise StyleUnavailable(f"unknown style {name!r}: choose one of {', '.join(STYLES)}, or give a .csl file")


def render(items: Sequence[dict[str, Any]], name: str) -> str:
    """The bibliography of ``items`` (CSL-JSON) in the style ``name``, one reference a line, in order."""
    path = style_path(name)
    try:
        from citeproc import (
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON
    except ImportError:
        raise StyleUnavailable(INSTALL_HINT) from None
    try:
        style = CitationStylesStyle(str(path), validate=False)
    except Exception as error:  # lxml's and citeproc's own errors: the file is no usable style
        raise StyleUnavailable(f"{path} is not a CSL style readq can use ({error})") from None
    source = CiteProcJSON([dict(item) for item in items])
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    if style.root.find("{http://purl.org/net/xbiblio/csl}bibliography") is None:
        raise StyleUnavailable(f"{path} has no bibliography layout")
    return "\n".join(str(entry) for entry in bibliography.bibliography())

"""readq: a terminal reading queue for research papers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("readq")  # the one version: pyproject.toml's, as installed
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

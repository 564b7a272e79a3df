"""readq: a terminal reading queue for research papers."""

__version__ = "0.1.0"

"""The readq benchmark (run it with ``python -m readq.bench``)."""

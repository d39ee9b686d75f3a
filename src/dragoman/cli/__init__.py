"""The ``dragoman`` command: one module per command, ``main`` dispatches (see ``main.py``)."""

from dragoman.cli.common import UsageError
from dragoman.cli.main import main

__all__ = ["UsageError", "main"]

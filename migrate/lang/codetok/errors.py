"""The one error code tokenization raises."""

from __future__ import annotations


class TokenizeError(ValueError):
    """The code cannot be split into tokens (e.g. Python with broken indentation)."""

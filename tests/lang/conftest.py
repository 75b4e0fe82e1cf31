"""Shared fixture: extract functions from inline source text."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.lang import get
from migrate.units import Language, ParsedFile, SourceFile


def parse(language: Language, text: str, path: str = "mod.x") -> ParsedFile:
    source = SourceFile(
        path=path,
        absolute=Path("/nonexistent") / path,
        language=language,
        text=text,
        encoding="utf-8",
        size=len(text.encode("utf-8")),
    )
    return get(language).extract(source)


@pytest.fixture
def extract():
    """`extract(language, text, path="mod.x")` -> ParsedFile."""
    return parse

"""Language plugins: one module per language behind `LanguageSupport`."""

from __future__ import annotations

from functools import cache
from pathlib import PurePath

from migrate.lang.base import LanguageSupport
from migrate.units import Language

__all__ = ["LanguageSupport", "get", "language_of"]


@cache
def get(language: Language) -> LanguageSupport:
    """The plugin for a language (imported on first use, so `--help` stays fast)."""
    if language is Language.PYTHON:
        from migrate.lang.python import PythonSupport

        return PythonSupport()
    if language is Language.JAVA:
        from migrate.lang.java import JavaSupport

        return JavaSupport()
    from migrate.lang.cpp import CppSupport

    return CppSupport()


EXTENSIONS: dict[str, Language] = {
    ".py": Language.PYTHON,
    ".java": Language.JAVA,
    ".cpp": Language.CPP,
    ".cc": Language.CPP,
    ".cxx": Language.CPP,
    ".c++": Language.CPP,
    ".hpp": Language.CPP,
    ".hh": Language.CPP,
    ".hxx": Language.CPP,
    ".h": Language.CPP,
}


def language_of(path: str | PurePath) -> Language | None:
    """The language a file is written in, judged by its extension; None if unsupported."""
    return EXTENSIONS.get(PurePath(path).suffix.lower())

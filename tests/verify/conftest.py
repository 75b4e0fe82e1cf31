"""Helpers for verification tests: functions built from inline source by the real extractors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrate import lang
from migrate.units import Candidate, EngineResult, Language, SourceFile, TranslationContext

EXT = {Language.PYTHON: "py", Language.JAVA: "java", Language.CPP: "cpp"}


def extract(language: Language, text: str, name: str = "Demo"):
    """(functions, {file: text}) of one inline source file."""
    path = f"{name}.{EXT[language]}"
    source = SourceFile(path, Path(path), language, text, "utf-8", len(text.encode()))
    parsed = lang.get(language).extract(source)
    return [f for f in parsed.functions if f.name != "main"], {path: text}


def candidates(function, target: Language, codes, engine: str = "rules", imports=()):
    """One EngineResult holding `codes` as ranked candidates for `function`."""
    return EngineResult(function.id, engine, tuple(
        Candidate(function.id, engine, target, code, rank=k, imports=tuple(imports))
        for k, code in enumerate(codes)))


def context(functions, target: Language) -> TranslationContext:
    return TranslationContext(target, tuple(functions))


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")

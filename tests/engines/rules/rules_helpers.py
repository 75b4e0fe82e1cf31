"""Shared helpers: translate inline source through the real extractor and the rules engine."""

from __future__ import annotations

import textwrap
from pathlib import Path

from migrate.engines.rules import RulesEngine
from migrate.lang import get
from migrate.units import EngineResult, Function, Language, SourceFile, TranslationContext

EXT = {Language.PYTHON: "py", Language.JAVA: "java", Language.CPP: "cpp"}


def functions(source: str, language: Language) -> tuple[Function, ...]:
    text = textwrap.dedent(source).lstrip("\n")
    if language is Language.JAVA and "class " not in text:
        text = "class Unit {\n" + text + "\n}\n"
    name = f"unit.{EXT[language]}"
    parsed = get(language).extract(
        SourceFile(name, Path(name), language, text, "utf-8", len(text)))
    return parsed.functions


def translate(source: str, src: Language, tgt: Language, name: str | None = None
              ) -> EngineResult:
    funcs = functions(source, src)
    target = next(f for f in funcs if name is None or f.name == name)
    return RulesEngine().translate([target], TranslationContext(tgt, funcs))[0]


def code(source: str, src: Language, tgt: Language, name: str | None = None) -> str:
    result = translate(source, src, tgt, name)
    assert result.declined is None, result.declined
    return result.candidates[0].code

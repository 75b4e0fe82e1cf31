"""Hand-made values for testing the stages after extraction, without parsing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.units import (
    Candidate,
    ClassInfo,
    Function,
    Kind,
    Language,
    Param,
    ParsedFile,
    Signature,
    SourceFile,
    Span,
    Type,
)


def make_function(
    file: str, name: str, language: Language = Language.PYTHON, *, enclosing: tuple[str, ...] = (),
    is_method: bool = False, params: tuple[Param, ...] = (Param("n", Type(Kind.INT)),),
    returns: Type = Type(Kind.INT), line: int = 1, source: str | None = None,
    modifiers: tuple[str, ...] = (),
) -> Function:
    qualified = ".".join((*enclosing, name))
    return Function(
        id=f"{file}::{qualified}", file=file, language=language, name=name, qualified_name=qualified,
        span=Span(line, line + 2, 0, 10), source=source or f"def {name}(n):\n    return n\n",
        body="return n", signature=Signature(params, returns), enclosing=enclosing,
        is_method=is_method, modifiers=modifiers,
    )


def make_parsed(path: str, functions: tuple[Function, ...], language: Language = Language.PYTHON,
                classes: tuple[str, ...] = ()) -> ParsedFile:
    source = SourceFile(path, Path("/nowhere") / path, language, "", "utf-8", 0)
    infos = tuple(ClassInfo(c, c, 1) for c in classes)
    return ParsedFile(source, functions, classes=infos)


def make_candidate(function: Function, code: str, target: Language, imports: tuple[str, ...] = (),
                   engine: str = "rules") -> Candidate:
    return Candidate(function.id, engine, target, code, imports=imports)


@pytest.fixture
def factories():
    class F:
        function = staticmethod(make_function)
        parsed = staticmethod(make_parsed)
        candidate = staticmethod(make_candidate)

    return F

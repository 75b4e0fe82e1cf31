"""Harness builders: one module per target language, one shared shape.

A *unit* is one callable thing under test in a batch: an original function (loaded
from its whole source file, so file-level macros, fields, imports and helper functions
come along) or a candidate (its code, plus the candidates of the functions it calls: those
of its own file beside it, those of other files in their output files' form).
Each builder writes a program that loads every unit of a batch, reads the test cases
(`cases.jsonl`: `[case_id, unit_id, [args...]]`, plain JSON arguments), calls each
unit and writes one line per case on stdout, in the tagged encoding of
`migrate.verify.values`:

    {"ready": true}                                  all units loaded
    {"u": "u3", "error": "..."}                      unit u3 did not compile or load
    {"c": 7, "r": <tagged>, "a": [<tagged>|null...], "ms": 0.1}   returned
    {"c": 7, "x": "IndexError: list index out of range"}          raised

Candidates' own prints are redirected to stderr, so stdout carries only results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from migrate.units import Kind, Language, Type
from migrate.verify.sandbox import Limits


@dataclass(frozen=True)
class Unit:
    uid: str  # identifier-safe and unique in its batch: "u0", "u1", ...
    language: Language
    code: str  # a whole source file (originals) or definitions (candidates)
    entry: str  # the function or method name to call
    owner: tuple[str, ...] = ()  # enclosing classes / namespaces, outermost first
    is_method: bool = False  # needs an instance of owner[-1]
    params: tuple[Type, ...] = ()  # the original's parameter types
    imports: tuple[str, ...] = ()  # candidates: what their code needs
    whole_file: bool = False  # `code` is an original source file, to load as it is
    file_name: str = ""  # the original file's name (Java: the public class must match)
    # Python originals: the dotted module name to import ("pkg.mod"; "" = exec the file) and
    # the repository's Python files (relative path, text), written under the work dir so
    # that package-absolute and relative imports of the original resolve.
    module: str = ""
    tree: tuple[tuple[str, str], ...] = ()
    # Candidates: the output files (path in the output, text as assembly writes it) of the
    # other files' translations this candidate calls, callee files first. Each builder
    # places them where this unit alone sees them, under the names the output gives them.
    support: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Batch:
    units: tuple[Unit, ...]
    cases: tuple[tuple[int, str, list], ...]  # (case id, unit id, arguments)
    extra: dict = field(default_factory=dict)


class Builder(Protocol):
    language: Language
    compile_limits: Limits
    run_limits: Limits

    def write(self, workdir: Path, units: Sequence[Unit]) -> None:
        """Write the harness and every unit's source under `workdir`."""

    def compile_argv(self, units: Sequence[Unit]) -> list[str] | None:
        """The compiler command (run inside the sandbox, in the work dir); None if none."""

    def blame(self, log: str, units: Sequence[Unit]) -> dict[str, str]:
        """Unit id -> its compiler errors, for the units this log shows to be broken."""

    def run_argv(self) -> list[str]:
        """The command that runs the compiled harness on `cases.jsonl`."""

    def read_only(self) -> tuple[str, ...]:
        """Host paths the sandbox must see read-only (e.g. a precompiled header)."""


def type_json(t: Type) -> dict:
    """A parameter type for a harness manifest: {"k": "array", "e": {"k": "int"}}."""
    out: dict = {"k": t.kind.value}
    if t.elem is not None:
        out["e"] = type_json(t.elem)
    return out


def is_sequence(t: Type) -> bool:
    return t.kind in (Kind.ARRAY, Kind.LIST)


def import_lines(imports: Sequence[str], language: Language) -> list[str]:
    """Candidate imports as source lines; accepts bare names ("math") or whole lines."""
    lines = []
    for item in imports:
        item = item.strip()
        if not item:
            continue
        if language is Language.PYTHON:
            lines.append(item if re.match(r"(import|from)\s", item) else f"import {item}")
        elif language is Language.JAVA:
            line = item if item.startswith("import ") else f"import {item}"
            lines.append(line if line.endswith(";") else line + ";")
        else:
            if item.startswith("#"):
                lines.append(item)
            elif item.startswith("<") or item.startswith('"'):
                lines.append(f"#include {item}")
            else:
                lines.append(f"#include <{item}>")
    return lines


def tail(text: str, limit: int = 2000) -> str:
    text = text.strip()
    return text if len(text) <= limit else "..." + text[-limit:]

"""Which compilers and runtimes exist, and the harness builder for each language."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable

from migrate.units import Function, Language
from migrate.verify.settings import VerifySettings


def check_toolchains(languages: Iterable[Language]) -> dict[Language, str | None]:
    """Language -> None when it can be compiled and run here, else what is missing."""
    out: dict[Language, str | None] = {}
    for language in languages:
        if language is Language.PYTHON:
            from migrate.verify.harness.python import interpreter

            out[language] = None if interpreter()[0] else (
                "python3 not found (a python3 that an unprivileged user can run)")
        elif language is Language.JAVA:
            absent = [tool for tool in ("javac", "java") if shutil.which(tool) is None]
            out[language] = f"{' and '.join(absent)} not found on PATH" if absent else None
        else:
            out[language] = None if shutil.which("g++") else "g++ not found on PATH"
    return out


def builder_for(language: Language, settings: VerifySettings, kind: str = "bwrap",
                role: str = "candidate"):
    """The harness builder of a language, with limits sized for the worker pool.

    `role` "oracle" builds originals: C++ ones then also run under AddressSanitizer.
    """
    from migrate.verify.sandbox import NPROC_PER_JOB

    nproc = NPROC_PER_JOB * settings.workers + 64  # RLIMIT_NPROC counts the whole uid
    cpu = int(settings.batch_timeout) + 10
    if language is Language.PYTHON:
        from migrate.verify.harness.python import PythonBuilder

        return PythonBuilder(memory_mb=settings.memory_mb, cpu_s=cpu, nproc=nproc)
    if language is Language.JAVA:
        from migrate.verify.harness.java import JavaBuilder

        return JavaBuilder(cpu_s=cpu, nproc=nproc)
    from migrate.verify.harness.cpp import CppBuilder

    return CppBuilder(memory_mb=settings.memory_mb, cpu_s=cpu, nproc=nproc, kind=kind,
                      address_sanitizer=role == "oracle", test_timeout=settings.test_timeout)


def fixed_dims(function: Function, file_text: str) -> dict[int, tuple[int | None, int | None]]:
    """C++ 2-D array parameters with compile-time sizes: index -> (rows, cols).

    `int mat[R][C]` or `int mat[][N]` fixes the shape the harness must pass; sizes
    given by `#define NAME value` or `const int NAME = value` in the file are resolved.
    """
    if function.language is not Language.CPP:
        return {}
    constants = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"#\s*define\s+(\w+)\s+\(?(\d+)\)?\s*$", file_text, re.M)}
    constants.update({m.group(1): int(m.group(2)) for m in re.finditer(
        r"\bconst(?:expr)?\s+(?:int|long|size_t|unsigned)\s+(\w+)\s*=\s*(\d+)\s*;", file_text)})

    def size(token: str) -> int | None:
        token = token.strip()
        if token.isdigit():
            return int(token)
        return constants.get(token)

    out = {}
    for i, param in enumerate(function.signature.params):
        declared = param.declared or ""
        dims = re.findall(r"\[([^\]]*)\]", declared)
        if len(dims) >= 2:
            out[i] = (size(dims[0]) if dims[0].strip() else None, size(dims[1]))
    return out

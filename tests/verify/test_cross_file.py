"""Candidates that call functions of other files are tested with those files' translations.

Each target language gets a two-file repository in another language where a function of one
file calls a function of the other (and two functions call each other across the files), run
through the real pipeline: the caller is verified (passed), not reported untestable. When the
callee's translation is wrong, the caller fails too: its harness really runs that translation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from migrate import pipeline
from migrate.config import Settings
from migrate.engines.base import Engine
from migrate.engines.rules import RulesEngine
from migrate.units import (
    VOID,
    Candidate,
    EngineResult,
    ExternalRef,
    Function,
    Language,
    OutputFile,
    Signature,
    Span,
    Status,
)
from migrate.verify.harness.cpp import support_code
from migrate.verify.harness.java import support_classes
from migrate.verify.units_build import CrossFile, cpp_with_companions, java_companions
from tests.verify.conftest import need

# C++: `quad` (main_ops.cpp) calls `twice` (ops.cpp); `isEven` and `isOdd` call each other.
CPP_REPO = {
    "calc/ops.h": "#pragma once\nint twice(int x);\nbool isOdd(int n);\n",
    "calc/ops.cpp": (
        '#include "ops.h"\n#include "main_ops.h"\n\n'
        "int twice(int x) {\n    return 2 * x + 1;\n}\n\n"
        "bool isOdd(int n) {\n    if (n <= 0) return false;\n    return isEven(n - 1);\n}\n"
    ),
    "calc/main_ops.h": "#pragma once\nint quad(int x);\nbool isEven(int n);\n",
    "calc/main_ops.cpp": (
        '#include "main_ops.h"\n#include "ops.h"\n\n'
        "int quad(int x) {\n    return twice(twice(x));\n}\n\n"
        "bool isEven(int n) {\n    if (n <= 0) return true;\n    return isOdd(n - 1);\n}\n"
    ),
}

# Python: `area` (shapes.py) calls `scale` (units.py), which calls its own file's `base`;
# `is_even` and `is_odd` call each other (each module imports the other at its end, so
# either can be imported first).
PY_REPO = {
    "geo/__init__.py": "",
    "geo/shapes.py": (
        "def area(w: int, h: int) -> int:\n    return scale(w) * scale(h)\n\n\n"
        "def is_even(n: int) -> bool:\n    if n <= 0:\n        return True\n"
        "    return is_odd(n - 1)\n\n\n"
        "from geo.units import is_odd, scale  # noqa: E402\n"
    ),
    "geo/units.py": (
        "def base(x: int) -> int:\n    return x + 1\n\n\n"
        "def scale(x: int) -> int:\n    return 3 * base(x)\n\n\n"
        "def is_odd(n: int) -> bool:\n    if n <= 0:\n        return False\n"
        "    return is_even(n - 1)\n\n\n"
        "from geo.shapes import is_even  # noqa: E402\n"
    ),
}

CALLERS = {"calc": ("quad", "twice"), "geo": ("area", "base")}  # caller, callee to sabotage


def write(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


class Sabotaged(Engine):
    """The rules engine, except that one function's translation computes something else."""

    name = "rules"

    def __init__(self, victim: str):
        self.inner = RulesEngine()
        self.victim = victim

    def translate(self, functions, context):
        out = []
        for result in self.inner.translate(functions, context):
            name = next(f.name for f in functions if f.id == result.function_id)
            if name == self.victim:
                broken = tuple(replace(c, code=_off_by_one(c.code)) for c in result.candidates)
                assert broken and all(b.code != c.code for b, c in
                                      zip(broken, result.candidates, strict=True))
                result = EngineResult(result.function_id, result.engine, broken)
            out.append(result)
        return out


def _off_by_one(code: str) -> str:
    return re.sub(r"\+ 1\b", "+ 2", code, count=1)


def translate(src: Path, out: Path, target: Language, monkeypatch, victim: str | None = None):
    if victim is not None:
        monkeypatch.setattr(pipeline, "build_engines", lambda *a, **k: ([Sabotaged(victim)], []))
    settings = Settings(src=src, target=target, sources=frozenset(Language) - {target}, out=out,
                        engine="rules", tests=8, jobs=2, incremental=False)
    report = pipeline.run(settings)
    return {o.function.name: o for o in report.outcomes}


TOOLS = {Language.PYTHON: (), Language.JAVA: ("javac", "java"), Language.CPP: ("g++",)}
CASES = [
    pytest.param(CPP_REPO, Language.PYTHON, id="cpp-to-python"),
    pytest.param(PY_REPO, Language.JAVA, id="python-to-java"),
    pytest.param(PY_REPO, Language.CPP, id="python-to-cpp"),
]


@pytest.mark.toolchain
@pytest.mark.parametrize("repo, target", CASES)
def test_caller_of_another_file_is_verified(repo, target, tmp_path, monkeypatch):
    need("g++", *TOOLS[target])
    src = write(tmp_path / "src", repo)
    outcomes = translate(src, tmp_path / "out", target, monkeypatch)
    caller, _victim = CALLERS[next(iter(repo)).split("/")[0]]
    for name in (caller, "isEven" if "calc/ops.h" in repo else "is_even",
                 "isOdd" if "calc/ops.h" in repo else "is_odd"):
        outcome = outcomes[name]
        assert outcome.status is Status.PASSED, (name, outcome.status, outcome.reason)
        assert outcome.verdict.tests_passed == outcome.verdict.tests_total > 0


@pytest.mark.toolchain
@pytest.mark.parametrize("repo, target", CASES)
def test_caller_fails_when_the_callee_translation_is_wrong(repo, target, tmp_path, monkeypatch):
    need("g++", *TOOLS[target])
    src = write(tmp_path / "src", repo)
    caller, victim = CALLERS[next(iter(repo)).split("/")[0]]
    outcomes = translate(src, tmp_path / "out", target, monkeypatch, victim=victim)
    assert outcomes[victim].status is Status.FAILED, outcomes[victim].reason
    assert outcomes[caller].status is Status.FAILED, (outcomes[caller].status,
                                                      outcomes[caller].reason)
    assert outcomes[caller].verdict.tests_passed < outcomes[caller].verdict.tests_total


# --------------------------------------------------------------------------- pieces


def _function(file: str, name: str, language=Language.PYTHON) -> Function:
    return Function(f"{file}::{name}", file, language, name, name, Span(1, 2, 0, 10),
                    f"def {name}(): pass", "pass", Signature((), VOID))


def test_calls_are_found_by_their_output_names_only():
    scale = _function("geo/units.py", "scale")
    area = _function("geo/shapes.py", "area")
    refs = {scale.id: ExternalRef("geo.Units.scale"), area.id: ExternalRef("geo.Shapes.area")}
    cross = CrossFile([scale, area], refs, lambda placed: ())
    assert cross.called("return geo.Units.scale(w) * 2;") == [scale]
    assert cross.called("return scale(w);") == []  # a bare name is not how the output calls it
    assert cross.called("return xgeo.Units.scale(w);") == []
    assert cross.called("return geo.Units.scaled(w);") == []


def test_gather_follows_callees_and_stops_at_a_missing_translation():
    scale = _function("geo/units.py", "scale")
    area = _function("geo/shapes.py", "area")
    refs = {scale.id: ExternalRef("geo.Units.scale"), area.id: ExternalRef("geo.Shapes.area")}
    cross = CrossFile([scale, area], refs, lambda placed: ())
    code = {area.id: "int area(int w) { return geo.Units.scale(w); }",
            scale.id: "int scale(int x) { return geo.Shapes.area(x) + 1; }"}  # a cycle

    def translation(fid):
        return Candidate(fid, "rules", Language.JAVA, code[fid]) if fid in code else None

    placed, why = cross.gather([(area, code[area.id])], translation, "rules")
    assert why is None
    assert sorted(f.name for f, _c in placed) == ["area", "scale"]
    placed, why = cross.gather([(area, code[area.id])], lambda fid: None, "rules")
    assert placed == [] and "scale (geo/units.py), which engine rules did not translate" in why


def test_java_support_turns_packages_into_classes():
    text = ("// banner\npackage geo.shapes;\n\nimport java.util.List;\n\n"
            "public class Units {\n\n    public static int scale(int x) {\n"
            "        return 3 * x;\n    }\n}\n")
    imports, code = support_classes([("geo/shapes/Units.java", text)])
    assert imports == ["import java.util.List;"]
    assert "package" not in code
    assert re.search(r"class geo \{\s*public static class shapes \{.*public static class Units",
                     code, re.S)


def test_cpp_support_declares_every_free_function_first():
    header = ("// banner\n#pragma once\n\n#include <vector>\n#include \"geo/shapes.hpp\"\n\n"
              "namespace geo {\nnamespace units {\n\n"
              "inline int scale(int x) {\n    return 3 * x;\n}\n\n"
              "inline int twice(int x, int y = 2) {\n    return x * y;\n}\n\n"
              "}  // namespace units\n}  // namespace geo\n")
    code = support_code([("geo/units.hpp", header)])
    assert "#pragma once" not in code and '"geo/shapes.hpp"' not in code
    first = code.index("inline int scale(int x);")
    assert first < code.index("inline int scale(int x) {")
    assert "inline int twice(int x, int y = 2);" not in code  # defaults may not repeat


def test_cpp_original_comes_with_the_files_it_calls_into():
    funcs = [Function(f"{path}::{name}", path, Language.CPP, name, name, Span(1, 2, 0, 1),
                      "", "", Signature((), VOID))
             for path, name in (("calc/ops.cpp", "twice"), ("calc/ops.cpp", "isOdd"),
                                ("calc/main_ops.cpp", "quad"), ("calc/main_ops.cpp", "isEven"))]
    text = cpp_with_companions("calc/main_ops.cpp", CPP_REPO, funcs)
    assert "int quad(int x)" in text and "int twice(int x) {" in text
    assert text.count("int twice(int x);") == 1  # each header once


def test_java_original_comes_with_the_classes_it_names():
    sources = {
        "shop/Cart.java": "package shop;\npublic class Cart { int f() { return Prices.g(); } }",
        "shop/Prices.java": "package shop;\npublic class Prices { static int g() { return 1; } }",
        "shop/Unused.java": "package shop;\npublic class Unused { }",
        "other/Prices.java": "package other;\npublic class Prices { }",
    }
    found = java_companions("shop/Cart.java", sources)
    assert [path for path, _t in found] == ["shop/Prices.java"]


def test_render_output_is_what_the_harness_gets():
    """`files` orders the rendered output: package markers first, then callees first."""
    a = _function("geo/a.py", "f")
    b = _function("geo/b.py", "g")
    refs = {a.id: ExternalRef("geo.a.f"), b.id: ExternalRef("geo.b.g")}

    def render(placed):
        return [OutputFile(f.file, c.code, (f.file,)) for f, c in placed] + [
            OutputFile("geo/__init__.py", "", ())]

    cross = CrossFile([a, b], refs, render)
    placed = [(a, Candidate(a.id, "rules", Language.PYTHON, "def f(): return geo.b.g()")),
              (b, Candidate(b.id, "rules", Language.PYTHON, "def g(): return 1"))]
    assert [f.path for f in cross.files(placed)] == ["geo/__init__.py", "geo/b.py", "geo/a.py"]

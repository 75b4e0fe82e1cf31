"""Originals inside packages, compile checks for untestable candidates, no-parameter functions."""

from pathlib import Path

import pytest

from migrate import lang
from migrate.units import Language, SourceFile, VerdictStatus
from migrate.verify import VerifySettings, select, verify
from migrate.verify.units_build import python_module
from tests.verify.conftest import candidates, context, extract, need

FAST = VerifySettings(tests=6, test_timeout=2.0, jobs=2)

PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/scores.py": "def double(x: int) -> int:\n    return 2 * x\n",
    "pkg/letters.py": (
        "from pkg.scores import double\n"
        "from .scores import double as twice\n\n\n"
        "def quad(x: int) -> int:\n"
        "    return double(twice(x))\n"
    ),
}


def parse(path: str, text: str, language: Language = Language.PYTHON):
    source = SourceFile(path, Path(path), language, text, "utf-8", len(text.encode()))
    return [f for f in lang.get(language).extract(source).functions if f.name != "main"]


def test_module_names_follow_the_repository_layout():
    assert python_module("pkg/letters.py") == "pkg.letters"
    assert python_module("pkg/__init__.py") == "pkg"
    assert python_module("top.py") == "top"
    assert python_module("my-scripts/tool.py") == ""  # not importable: exec'd instead
    assert python_module("../escape.py") == ""


def test_original_in_a_package_imports_its_siblings():
    functions = parse("pkg/letters.py", PACKAGE["pkg/letters.py"])
    f = functions[0]
    good = "def quad(x):\n    return 4 * x\n"
    wrong = "def quad(x):\n    return 3 * x\n"
    out = verify([f], [candidates(f, Language.PYTHON, [good, wrong])],
                 context(functions, Language.PYTHON), FAST, sources=PACKAGE)
    ok, bad = out[f.id]
    assert ok.status is VerdictStatus.PASSED, ok
    assert ok.tests_total >= 6
    assert bad.status is VerdictStatus.FAILED, bad


def test_original_with_a_missing_import_stays_untestable():
    sources = dict(PACKAGE)
    sources["pkg/letters.py"] = "from pkg.nowhere import double\n\n\n" + \
        "def quad(x: int) -> int:\n    return double(x)\n"
    functions = parse("pkg/letters.py", sources["pkg/letters.py"])
    f = functions[0]
    out = verify([f], [candidates(f, Language.PYTHON, ["def quad(x):\n    return x\n"])],
                 context(functions, Language.PYTHON), FAST, sources=sources)
    (v,) = out[f.id]
    assert v.status is VerdictStatus.UNTESTABLE
    assert "ModuleNotFoundError" in v.reason and "pkg.nowhere" in v.reason


RANDOM_SRC = "import random\n\n\ndef noisy(x: int) -> int:\n    return x + random.randint(0, 9)\n"


def test_untestable_python_candidates_are_still_loaded():
    functions, sources = extract(Language.PYTHON, RANDOM_SRC)
    f = functions[0]
    fine = "import random\n\ndef noisy(x):\n    return x + random.randint(0, 9)\n"
    broken = "def noisy(x):\n    return x +\n"
    out = verify([f], [candidates(f, Language.PYTHON, [broken, fine])],
                 context(functions, Language.PYTHON), FAST, sources=sources)
    bad, ok = out[f.id]
    assert bad.status is VerdictStatus.COMPILE_ERROR, bad
    assert "SyntaxError" in bad.compiler_message
    assert ok.status is VerdictStatus.UNTESTABLE and "random" in ok.reason
    assert select(out[f.id]) is ok


@pytest.mark.toolchain
def test_untestable_java_candidates_are_still_compiled():
    need("javac", "java")
    functions, sources = extract(Language.PYTHON, RANDOM_SRC)
    f = functions[0]
    fine = "static int noisy(int x) { return x + new java.util.Random().nextInt(10); }"
    broken = "static int noisy(int x) { return x + ; }"
    out = verify([f], [candidates(f, Language.JAVA, [fine, broken])],
                 context(functions, Language.JAVA), FAST, sources=sources)
    ok, bad = out[f.id]
    assert ok.status is VerdictStatus.UNTESTABLE and "random" in ok.reason
    assert bad.status is VerdictStatus.COMPILE_ERROR, bad
    assert bad.compiler_message and "error" in bad.compiler_message
    assert select(out[f.id]) is ok


NO_PARAMS = '''
def answer():
    return sum(range(7)) * 2


def boom():
    return [1, 2][5]


CALLS = [0]


def counter():
    CALLS[0] += 1
    return CALLS[0]
'''


def test_functions_without_parameters_are_called_once():
    functions, sources = extract(Language.PYTHON, NO_PARAMS)
    answer, boom, counter = (next(f for f in functions if f.name == n)
                             for n in ("answer", "boom", "counter"))
    results = [
        candidates(answer, Language.PYTHON, ["def answer():\n    return 42\n",
                                             "def answer():\n    return 41\n"]),
        candidates(boom, Language.PYTHON, ["def boom():\n    raise IndexError('x')\n",
                                           "def boom():\n    return 0\n"]),
        candidates(counter, Language.PYTHON, ["def counter():\n    return 1\n"]),
    ]
    out = verify([answer, boom, counter], results, context(functions, Language.PYTHON), FAST,
                 sources=sources)
    ok, wrong = out[answer.id]
    assert ok.status is VerdictStatus.PASSED and ok.tests_total == 1, ok
    assert wrong.status is VerdictStatus.FAILED and "expected" in wrong.reason
    raises, returns = out[boom.id]
    assert raises.status is VerdictStatus.PASSED, raises
    assert returns.status is VerdictStatus.FAILED and "raised" in returns.reason
    (v,) = out[counter.id]
    assert v.status is VerdictStatus.UNTESTABLE and "two different results" in v.reason


@pytest.mark.toolchain
def test_java_method_without_parameters():
    need("javac", "java")
    functions, sources = extract(Language.JAVA, "class Demo {\n    static int answer() {"
                                 " return 6 * 7; }\n}\n", "Demo")
    f = functions[0]
    out = verify([f], [candidates(f, Language.PYTHON, ["def answer():\n    return 42\n",
                                                        "def answer():\n    return 7\n"])],
                 context(functions, Language.PYTHON), FAST, sources=sources)
    ok, bad = out[f.id]
    assert ok.status is VerdictStatus.PASSED and ok.tests_total == 1, ok
    assert bad.status is VerdictStatus.FAILED


GROW = {
    "pkg/__init__.py": "",
    "pkg/scores.py": "def grow(x: int) -> int:\n    return x + 1\n",
    "pkg/letters.py": "from pkg.scores import grow\n\n\ndef quad(x: int) -> int:\n"
                      "    return grow(grow(x))\n",
}


def test_foreign_callees_are_named_in_compiler_messages():
    from migrate.verify.units_build import foreign_callees, mentions_foreign

    quad = parse("pkg/letters.py", GROW["pkg/letters.py"])[0]
    grow = parse("pkg/scores.py", GROW["pkg/scores.py"])[0]
    assert foreign_callees(quad, [quad, grow]) == [grow]
    assert foreign_callees(grow, [quad, grow]) == []
    assert mentions_foreign("Unit.java:3: error: package pkg does not exist", [grow])
    assert mentions_foreign("error: cannot find symbol Scores", [grow])
    assert not mentions_foreign("Unit.java:3: error: ';' expected", [grow])


@pytest.mark.toolchain
def test_candidate_calling_another_file_is_untestable_not_broken():
    need("javac", "java")
    quad = parse("pkg/letters.py", GROW["pkg/letters.py"])[0]
    grow = parse("pkg/scores.py", GROW["pkg/scores.py"])[0]
    calls = "static int quad(int x) { return pkg.Scores.grow(pkg.Scores.grow(x)); }"
    broken = "static int quad(int x) { return x +; }"
    out = verify([quad], [candidates(quad, Language.JAVA, [calls, broken])],
                 context([quad, grow], Language.JAVA), FAST, sources=GROW)
    alone, bad = out[quad.id]
    assert alone.status is VerdictStatus.UNTESTABLE, alone
    assert "grow (pkg/scores.py)" in alone.reason
    assert bad.status is VerdictStatus.COMPILE_ERROR, bad
    assert select(out[quad.id]) is alone


@pytest.mark.toolchain
def test_java_array_of_generic_lists_is_converted():
    need("javac", "java")
    functions, sources = extract(Language.PYTHON, (
        "def totals(grid: list[list[int]]) -> list[int]:\n"
        "    return [sum(row) for row in grid]\n"))
    f = functions[0]
    code = ("static java.util.ArrayList<Integer> totals(java.util.ArrayList<Integer>[] grid) {\n"
            "    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();\n"
            "    for (java.util.ArrayList<Integer> row : grid) {\n"
            "        int s = 0; for (int v : row) s += v; out.add(s);\n"
            "    }\n    return out;\n}")
    out = verify([f], [candidates(f, Language.JAVA, [code])], context(functions, Language.JAVA),
                 FAST, sources=sources)
    (v,) = out[f.id]
    assert v.status is VerdictStatus.PASSED, v


def test_repository_headers_are_expanded_into_cpp_originals():
    from migrate.verify.units_build import expand_includes

    sources = {
        "src/a.h": "#pragma once\n#include \"../inc/b.h\"\nint a(int x);\n",
        "inc/b.h": "#define B 3\n",
        "src/a.cpp": "#include <vector>\n#include \"a.h\"\n#include \"a.h\"\n"
                     "#include \"missing.h\"\nint a(int x) { return x + B; }\n",
    }
    text = expand_includes("src/a.cpp", sources["src/a.cpp"], sources)
    assert "#define B 3" in text and "int a(int x);" in text
    assert text.count("int a(int x);") == 1  # each header once
    assert "#include <vector>" in text and '#include "missing.h"' in text
    assert "pragma once" not in text


@pytest.mark.toolchain
def test_cpp_original_with_its_header_and_an_exact_array():
    need("g++")
    header = "#ifndef FIRST_H\n#define FIRST_H\nint first(int arr[], int n);\n#endif\n"
    text = '#include "first.h"\n\nint first(int arr[], int n) { return arr[0] * 2 + n; }\n'
    source = SourceFile("src/first.cpp", Path("src/first.cpp"), Language.CPP, text, "utf-8",
                        len(text))
    functions = list(lang.get(Language.CPP).extract(source).functions)
    f = functions[0]
    code = "def first(arr, n):\n    return arr[0] * 2 + n\n"
    out = verify([f], [candidates(f, Language.PYTHON, [code])],
                 context(functions, Language.PYTHON), FAST,
                 sources={"src/first.cpp": text, "src/first.h": header})
    (v,) = out[f.id]
    # arr[0] of an empty array is undefined behaviour: that input is dropped (it used to
    # read a terminator and "expect" n), so the faithful candidate passes.
    assert v.status is VerdictStatus.PASSED, v


STATELESS_METHOD = """class Solution {
  public int mix(int arr[], int n) {
    int s = 0;
    for (int k = 0; k < n; k++) s = s + arr[k] ^ 18;
    return s;
  }
}
"""


@pytest.mark.toolchain
def test_stateless_method_translated_to_python_is_called_as_a_function():
    """A Java instance method that never uses its object becomes a free Python function
    (every engine writes it so): its harness calls it as one, instead of looking up a
    class the snippet does not define."""
    need("javac", "java")
    functions, sources = extract(Language.JAVA, STATELESS_METHOD, "Solution")
    f = functions[0]
    assert f.is_method
    good = "def mix(arr, n):\n    s = 0\n    for k in range(n):\n        s = s + arr[k] ^ 18\n    return s\n"
    wrong = good.replace("^ 18", "^ 17")
    out = verify([f], [candidates(f, Language.PYTHON, [good, wrong])],
                 context(functions, Language.PYTHON), FAST, sources=sources)
    ok, bad = out[f.id]
    assert ok.status is VerdictStatus.PASSED, ok
    assert bad.status is VerdictStatus.FAILED, bad


FLOAT_SRC = "def third(x: float) -> float:\n    return x / 3.0\n"


@pytest.mark.parametrize(("tolerance", "status"), [(1e-6, VerdictStatus.PASSED), (1e-12, VerdictStatus.FAILED)])
def test_float_results_compare_with_the_relative_tolerance(tolerance, status):
    functions, sources = extract(Language.PYTHON, FLOAT_SRC)
    f = functions[0]
    close = "def third(x):\n    return x / 3.0 * (1 + 1e-9)\n"
    out = verify([f], [candidates(f, Language.PYTHON, [close])], context(functions, Language.PYTHON),
                 VerifySettings(tests=6, test_timeout=2.0, jobs=2, float_rel_tol=tolerance), sources=sources)
    (v,) = out[f.id]
    assert v.status is status, v

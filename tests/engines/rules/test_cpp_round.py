"""C's `round` / `lround` / `llround`: nearest integer, ties away from zero, golden before/after.

Java's Math.round rounds ties up (-2.5 to -2) and `floor(x + 0.5)` misrounds
0.49999999999999994 (the sum rounds up to 1.0), so Java gets `rint` corrected on exact ties,
which `x % 1.0` finds without rounding. Python has no exact one-liner: it declines.
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

SOURCE = """
long long f(double x) {
  return llround(x * 2);
}
"""


def test_round_to_java():
    assert code(SOURCE, CPP, JAVA) == """\
static long f(double x) {
    return (long) (Math.abs(x * 2.0 % 1.0) == 0.5 ? x * 2.0 + Math.copySign(0.5, x * 2.0) : Math.rint(x * 2.0));
}
"""


def test_round_of_a_float_stays_a_float():
    # C++ float / int divides in float: the rounded float is converted back before dividing
    assert code("float g(float y) { return round(y) / 3; }", CPP, JAVA) == (
        "static float g(float y) {\n"
        "    return (float) (Math.abs((double) y % 1.0) == 0.5 ? (double) y + "
        "Math.copySign(0.5, (double) y) : Math.rint((double) y)) / 3.0f;\n"
        "}\n")


def test_round_to_python_declines():
    result = translate(SOURCE, CPP, PY)
    assert result.declined is not None and "ties away from zero" in result.declined


def test_round_of_an_expression_with_effects_declines():
    result = translate("int f(int a[], int i) { return round(a[i++] / 2.0); }", CPP, JAVA)
    assert result.declined is not None


@pytest.mark.toolchain
@pytest.mark.slow
def test_round_agrees_with_cpp(tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    source = """
long long r(double x) {
  return llround(x) * 10 + (long long) round(x / 2);
}
"""
    inputs = ["2.5", "-2.5", "0.49999999999999994", "-0.49999999999999994", "3.7", "-3.5",
              "4503599627370497.0", "-7.25", "1.5", "0.0"]
    calls = [f"r({x})" for x in inputs]
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    expected = run_cpp("#include <cmath>\n" + source, (), calls, tmp_path / "cpp")
    cand = translate(source, CPP, JAVA).candidates[0]
    assert run_java(cand.code, cand.imports, calls, tmp_path / "java") == expected, cand.code

"""Compile and run translations, and compare them with the source language's own results.

These prove semantics end to end: a Python function and its Java / C++ translation give
the same values on inputs chosen to hit the differences (negative division, loop
rebinding, chars, overflow widths); Java sources run against their Python translation.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import textwrap

import pytest
from rules_helpers import functions, translate

from migrate.units import Language

PY, JAVA, CPP = Language.PYTHON, Language.JAVA, Language.CPP

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

PY_CASES = [
    ("""
def floor_ops(a, b):
    return a // b * 100 + a % b
""", [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (-1, 5)]),
    ("""
def floor_by_literal(a):
    return a // 3 * 10 + a % 3
""", [(7,), (-7,), (-9,), (0,), (-1,)]),
    ("""
def countdown(n):
    total = 0
    for i in range(n, -3, -2):
        i = i * 2
        total += i
    return total
""", [(0,), (5,), (8,), (-4,)]),
    ("""
def in_order(a, b, c):
    return a < b <= c
""", [(1, 2, 2), (2, 1, 3), (1, 2, 1)]),
    ("""
def caesar(s, k):
    out = ""
    for c in s:
        out += chr((ord(c) - ord('a') + k) % 26 + ord('a'))
    return out
""", [("abc", 1), ("xyz", 3), ("hello", -30)]),
    ("""
def factorial(n):
    res = 1
    for i in range(2, n + 1):
        res *= i
    return res
""", [(0,), (5,), (20,)]),
    ("""
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
""", [(0,), (1,), (10,), (40,)]),
    ("""
def paths(n, m):
    dp = [[0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            if i == 0 or j == 0:
                dp[i][j] = 1
            else:
                dp[i][j] = dp[i - 1][j] + dp[i][j - 1]
    return dp[n - 1][m - 1]
""", [(1, 1), (3, 3), (5, 4)]),
    ("""
def halvings(n):
    c = 0
    while n:
        n //= 2
        c += 1
    return c
""", [(0,), (1,), (1000,)]),
    ("""
def last_index(n):
    s = 0
    for i in range(n):
        s += i
    i = 100
    return s + i
""", [(0,), (4,)]),
]

JAVA_CASES = [
    ("""
static int truncOps(int a, int b) { return a / b * 100 + a % b; }
""", [(7, 2), (-7, 2), (7, -2), (-7, -2)]),
    ("""
static int logical(int x, int n) { return x >>> n; }
""", [(-8, 28), (-1, 1), (123, 2)]),
    ("""
static int digits(String s) {
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') continue;
        v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
}
""", [("a1b2c3",), ("",), ("907",)]),
    ("""
static int steps(int n) {
    int c = 0;
    do { c++; n /= 3; } while (n != 0);
    return c;
}
""", [(0,), (-10,), (100,)]),
    ("""
static char next(char c) { return (char) (c + 1); }
""", [("a",), ("y",)]),
]


def need(*tools):
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not on PATH")


def py_value(source: str, name: str, args):
    scope: dict = {}
    exec(textwrap.dedent(source), scope)
    return scope[name](*args)


def java_literal(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return "'" + v + "'" if len(v) == 1 else '"' + v + '"'
    if isinstance(v, int) and not -(2**31) <= v < 2**31:
        return f"{v}L"
    return repr(v)


def normal(text: str):
    text = text.strip()
    if text in ("true", "True"):
        return True
    if text in ("false", "False"):
        return False
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-9)
    return a == b


def run_java(code: str, imports, calls: list[str], tmp_path) -> list[str]:
    head = "".join(f"import {i};\n" for i in imports)
    body = textwrap.indent(code, "    ")
    prints = "\n".join(f"        System.out.println({c});" for c in calls)
    src = f"{head}public class Main {{\n{body}\n    public static void main(String[] a) {{\n" \
          f"{prints}\n    }}\n}}\n"
    (tmp_path / "Main.java").write_text(src)
    subprocess.run(["javac", "Main.java"], cwd=tmp_path, check=True, capture_output=True)
    out = subprocess.run(["java", "-cp", str(tmp_path), "Main"], capture_output=True, text=True,
                         check=True, timeout=60)
    return out.stdout.splitlines()


def run_cpp(code: str, imports, calls: list[str], tmp_path) -> list[str]:
    head = "".join(f"#include {i}\n" for i in {*imports, "<iostream>", "<string>"})
    prints = "\n".join(f"    std::cout << ({c}) << \"\\n\";" for c in calls)
    src = f"{head}\n{code}\nint main() {{\n    std::cout << std::boolalpha;\n{prints}\n}}\n"
    (tmp_path / "main.cpp").write_text(src)
    subprocess.run(["g++", "-std=c++17", "-o", "main", "main.cpp"], cwd=tmp_path, check=True,
                   capture_output=True)
    out = subprocess.run([str(tmp_path / "main")], capture_output=True, text=True, check=True,
                         timeout=60)
    return out.stdout.splitlines()


@pytest.mark.parametrize("target", [JAVA, CPP])
@pytest.mark.parametrize(("source", "inputs"), PY_CASES, ids=lambda x: None)
def test_python_translation_agrees_with_python(source, inputs, target, tmp_path):
    need("javac", "java", "g++")
    fn = functions(source, PY)[0]
    result = translate(source, PY, target)
    assert result.declined is None, result.declined
    cand = result.candidates[0]
    calls = [f"{fn.name}({', '.join(java_literal(a) for a in args)})" for args in inputs]
    if target is JAVA:
        lines = run_java(cand.code, cand.imports, calls, tmp_path)
    else:
        calls = [c.replace("'", "'") for c in calls]
        calls = [c if '"' not in c else c.replace('"', 'std::string("', 1).replace(
            '",', '"),', 1) for c in calls]
        lines = run_cpp(cand.code, cand.imports, calls, tmp_path)
    for args, line in zip(inputs, lines, strict=True):
        expected = py_value(source, fn.name, args)
        assert same(normal(line), expected), (cand.code, args, line, expected)


@pytest.mark.parametrize(("source", "inputs"), JAVA_CASES, ids=lambda x: None)
def test_java_translation_to_python_agrees_with_java(source, inputs, tmp_path):
    need("javac", "java")
    fn = functions(source, JAVA)[0]
    result = translate(source, JAVA, PY)
    assert result.declined is None, result.declined
    cand = result.candidates[0]
    calls = [f"{fn.name}({', '.join(java_literal(a) for a in args)})" for args in inputs]
    lines = run_java(textwrap.dedent(source), (), calls, tmp_path)
    head = "".join(f"import {m}\n" for m in cand.imports)
    for args, line in zip(inputs, lines, strict=True):
        got = py_value(head + cand.code, fn.name, args)
        assert same(normal(line), got), (cand.code, args, line, got)

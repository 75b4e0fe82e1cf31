"""The engine declines what it cannot translate faithfully, with a precise reason."""

from __future__ import annotations

import pytest
from rules_helpers import translate

from migrate.units import Language

PY, JAVA, CPP = Language.PYTHON, Language.JAVA, Language.CPP


@pytest.mark.parametrize(
    ("src", "tgt", "source", "reason"),
    [
        pytest.param(PY, JAVA, """
def f(a, b):
    return a or b
""", "`or` on non-booleans returns one of its operands", id="or-returns-operand"),
        pytest.param(PY, CPP, """
def f(arr):
    return sum(x * x for x in arr)
""", "generator expressions are not supported", id="generator"),
        pytest.param(PY, JAVA, """
def f(n):
    for i in range(n):
        if i * i > n:
            break
    return i
""", "loop variable `i` is read after its loop", id="loop-var-after-loop"),
        pytest.param(PY, JAVA, """
def f(arr, n):
    x = arr.pop(0)
    return x
""", "list.pop(0) used as a value is not supported", id="pop-front"),
        pytest.param(PY, JAVA, """
def f(n):
    if n > 0:
        return n
""", "some path ends without returning a value", id="falls-off-the-end"),
        pytest.param(PY, JAVA, """
def f(n, why):
    assert n > 0, why
    return n
""", "an assert message that is not a string literal", id="assert-computed-message"),
        pytest.param(PY, JAVA, """
def f(s: str) -> int:
    return ord(s + "x")
""", "ord() of a string expression (not a variable)", id="ord-of-string-expression"),
        pytest.param(PY, JAVA, """
def f(n, seen=[]):
    seen.append(n)
    return len(seen)
""", "default value `[]` of `seen` is not supported", id="mutable-default"),
        pytest.param(PY, JAVA, """
def f(n: int, m: int = "x") -> int:
    return n + m
""", "default value `'x'` does not fit `m` (int)", id="default-of-another-type"),
        pytest.param(PY, JAVA, """
def f(grid: list[list[int]]) -> int:
    rows = list(grid)
    return len(rows)
""", "list() of a list of lists (a shallow copy)", id="list-copy-nested"),
        pytest.param(PY, JAVA, """
def f(arr, n):
    x = sorted(arr, reverse=True)
    return x[n - 1]
""", "sorted() with a key, reverse or more arguments", id="sorted-reverse"),
        pytest.param(PY, JAVA, """
def f(arr, n):
    return sorted(arr)[n - 1]
""", "sorted() is not supported", id="sorted-as-a-value"),
        pytest.param(PY, JAVA, """
def f(x: float) -> float:
    return round(x, 2)
""", "round() to a number of digits is not supported", id="round-digits"),
        pytest.param(PY, JAVA, """
def f(n):
    d = {}
    return n
""", "dicts and sets are not supported", id="dict"),
        pytest.param(PY, CPP, """
def f(n):
    rows = [[0] * n] * n
    return rows[0][0]
""", "`[row] * n` makes every row the same list", id="aliased-rows"),
        pytest.param(JAVA, PY, """
static int f(int[] a, int i) { return a[i++] + i; }
""", "`++` / `--` inside an expression that reads the variable again",
                     id="increment-in-expression"),
        pytest.param(CPP, JAVA, """
int f(int *p) { return *p; }
""", "pointers are not supported", id="pointer"),
        pytest.param(CPP, PY, """
void f(int &x) { x = 3; }
""", "reference parameter", id="reference-param"),
        pytest.param(JAVA, CPP, """
static int f(HashMap<Integer, Integer> m) { return m.size(); }
""", "parameter is not supported", id="hashmap"),
        pytest.param(CPP, PY, """
int f(int n) { int x = 1; for (int i = 0; i < n; i++) { int x = 2; n -= x; } return x; }
""", "declaration of `x` hides a variable of an outer scope", id="shadowing"),
        pytest.param(CPP, PY, """
int f(int n) { switch (n) { case 1: return 2; } return 0; }
""", "switch statements are not supported", id="switch"),
    ],
)
def test_declines_with_reason(src, tgt, source, reason):
    result = translate(source, src, tgt)
    assert not result.candidates
    assert result.declined is not None and reason in result.declined, result.declined


def test_decline_reason_names_the_source_line():
    result = translate("""
def f(n):
    total = 0
    d = {1: 2}
    return total
""", PY, JAVA)
    assert result.declined.startswith("line 3: ")


def test_methods_using_their_object_are_declined():
    result = translate("""
class Box:
    def size(self):
        return self.n
""", PY, JAVA, name="size")
    assert "uses its object's state (`self.n`)" in result.declined


def test_stateless_methods_become_static_functions():
    source = """
class Solution:
    def twice(self, n):
        return self.add(n, n)

    def add(self, a, b):
        return a + b
"""
    result = translate(source, PY, JAVA, name="twice")
    cand = result.candidates[0]
    assert "static int twice(int n) {\n    return add(n, n);\n}" in cand.code
    assert any("never uses its object" in note for note in cand.notes)


def test_same_language_is_declined():
    assert "already in" in translate("def f():\n    return 1\n", PY, PY).declined

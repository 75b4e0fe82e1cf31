"""C++ arrays from `new T[n]` held by a pointer, golden before/after.

Such a pointer is read as an array; `delete[]` disappears (the targets collect the array).
C++ leaves the elements of `new int[n]` unset, and reading one is undefined, so the targets'
zero-filled arrays keep every defined behaviour. Whatever would use the pointer as a
pointer (`*p`, `p + 1`, `p++`, copying it into another pointer) still declines.
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

SOURCE = """
int f(int arr[], int n) {
  int *jumps = new int[n];
  jumps[n - 1] = 0;
  for (int i = n - 2; i >= 0; i--) jumps[i] = arr[i] == 0 ? INT_MAX : jumps[i + 1] + 1;
  int r = jumps[0];
  delete[] jumps;
  jumps = new int[3]();
  return r + jumps[1];
}
"""


@pytest.mark.parametrize(("tgt", "expected"), [
    pytest.param(JAVA, """\
static int f(int[] arr, int n) {
    int[] jumps = new int[n];
    jumps[n - 1] = 0;
    for (int i = n - 2; i >= 0; i--) {
        jumps[i] = arr[i] == 0 ? Integer.MAX_VALUE : jumps[i + 1] + 1;
    }
    int r = jumps[0];
    jumps = new int[3];
    return r + jumps[1];
}
""", id="java"),
    pytest.param(PY, """\
def f(arr, n):
    jumps = [0] * n
    jumps[n - 1] = 0
    for i in range(n - 2, -1, -1):
        jumps[i] = 2**31 - 1 if arr[i] == 0 else jumps[i + 1] + 1
    r = jumps[0]
    jumps = [0] * 3
    return r + jumps[1]
""", id="python"),
])
def test_new_array_golden(tgt, expected):
    assert code(SOURCE, CPP, tgt) == expected


@pytest.mark.parametrize(("source", "reason"), [
    pytest.param("int f(int n) { int *p = new int[n]; int *q = p; return q[0]; }",
                 "pointers are not supported", id="copied-into-a-pointer"),
    pytest.param("int f(int n) { int *p = new int[n]; return *(p + 1); }",
                 "pointers are not supported", id="dereferenced"),
    pytest.param("int f(int n) { int *p = new int[n]; p++; return p[0]; }",
                 "++/-- on a int[]", id="incremented"),
    pytest.param("int f(int n, int a[]) { int *p = new int[n]; p = a + 1; return p[0]; }",
                 "arithmetic on a int[]", id="pointer-arithmetic"),
    pytest.param("int f(int n) { int *p = new int(5); return 0; }",
                 "pointers are not supported", id="single-object"),
    pytest.param("int f(int n) { string *p = new string[n]; return 0; }",
                 "`new` of an array of string", id="string-elements"),
    pytest.param("int f(int n) { int *p = new int[n]{1, 2}; return 0; }",
                 "with initial values", id="initial-values"),
    pytest.param("int f(int n) { int x = 0; delete &x; return 0; }",
                 "delete of anything but", id="delete-of-something-else"),
])
def test_new_array_declines(source, reason):
    result = translate(source, CPP, JAVA)
    assert result.declined is not None and reason in result.declined, result.declined


@pytest.mark.toolchain
@pytest.mark.slow
def test_new_array_agrees_with_cpp(tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    inputs = [("{2, 3, 1, 1, 4}", 5), ("{0, 1, 1}", 3), ("{7}", 1)]
    cpp_calls = [f"f(std::vector<int>{arr}.data(), {n})" for arr, n in inputs]
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    source = "#include <climits>\n" + SOURCE
    expected = run_cpp(source, ("<vector>",), cpp_calls, tmp_path / "cpp")
    cand = translate(SOURCE, CPP, JAVA).candidates[0]
    java_calls = [f"f(new int[]{arr}, {n})" for arr, n in inputs]
    assert run_java(cand.code, cand.imports, java_calls, tmp_path / "java") == expected, cand.code

"""C++ declarations: constructor calls the grammar reads as function declarations, and
growable lists filled with a value of a wider element type, golden before/after.

`vector<int> v(n);` parses as the declaration of a function `v` taking an `n` (C++'s
"most vexing parse" of the grammar, which cannot know that `n` is no type); when every such
"parameter type" is a variable in scope, it is the constructor call a compiler sees.
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

SOURCE = """
long long f(int n, int m) {
  vector<int> a(n);
  vector<long long> b(n, m);
  int x(m);
  a[0] = x;
  b.push_back(3);
  return a[0] + b[0] + b[n];
}
"""


def test_constructor_read_as_a_declaration_java():
    assert code(SOURCE, CPP, JAVA) == """\
static long f(int n, int m) {
    int[] a = new int[n];
    ArrayList<Long> b = new ArrayList<>(Collections.nCopies(n, 0L));
    Collections.fill(b, (long) m);
    int x = m;
    a[0] = x;
    b.add(3L);
    return a[0] + b.get(0) + b.get(n);
}
"""


def test_constructor_read_as_a_declaration_python():
    assert code(SOURCE, CPP, PY) == """\
def f(n, m):
    a = [0] * n
    b = [m] * n
    x = m
    a[0] = x
    b.append(3)
    return a[0] + b[0] + b[n]
"""


@pytest.mark.parametrize("source", [
    pytest.param("int f(int n) {\n  int g(int);\n  return n;\n}", id="local-function"),
    pytest.param("int f(int n) {\n  vector<int> b(k);\n  return n;\n}", id="unknown-name"),
])
def test_local_function_declarations_decline(source):
    result = translate(source, CPP, JAVA)
    assert result.declined is not None and "local function declaration" in result.declined


@pytest.mark.toolchain
@pytest.mark.slow
def test_declarations_agree_with_cpp(tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    calls = ["f(1, 7)", "f(3, -2)", "f(2, 2000000000)"]
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    expected = run_cpp("using namespace std;\n" + SOURCE, ("<vector>",), calls, tmp_path / "cpp")
    cand = translate(SOURCE, CPP, JAVA).candidates[0]
    assert run_java(cand.code, cand.imports, calls, tmp_path / "java") == expected, cand.code

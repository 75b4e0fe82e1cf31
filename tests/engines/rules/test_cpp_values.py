"""C++ vectors are values: copies where the targets would otherwise share a list.

`vector<int> b = a;` copies `a`, and a by-value vector parameter is the callee's own copy.
Java and Python share references, so the translation copies where the difference shows:
when the copy, its source or the parameter is changed in place. Unchanged ones stay shared
(no one can tell), and a changed copy of a vector of vectors declines (the targets' copies
would share rows).
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

LOCAL_COPY = """
int f(vector<int> a, int n) {
  vector<int> b = a;
  b[0] += 5;
  sort(b.begin(), b.end());
  return a[0] * 1000 + b[0] * 10 + n;
}
"""


@pytest.mark.parametrize(("source", "tgt", "expected"), [
    pytest.param(LOCAL_COPY, JAVA, """\
static int f(int[] a, int n) {
    int[] b = a.clone();
    b[0] += 5;
    Arrays.sort(b);
    return a[0] * 1000 + b[0] * 10 + n;
}
""", id="local-copy-java"),
    pytest.param(LOCAL_COPY, PY, """\
def f(a, n):
    b = list(a)
    b[0] += 5
    b.sort()
    return a[0] * 1000 + b[0] * 10 + n
""", id="local-copy-python"),
    pytest.param("""
int f(vector<int> a, int n) {
  a[0] = n;
  return a[0] + a[1];
}
""", JAVA, """\
static int f(int[] a, int n) {
    a = a.clone();
    a[0] = n;
    return a[0] + a[1];
}
""", id="by-value-parameter"),
    pytest.param("""
int f(vector<int> &a, int b[], int n) {
  a[0] = n;
  b[0] = n;
  return a[0] + b[0];
}
""", JAVA, """\
static int f(int[] a, int[] b, int n) {
    a[0] = n;
    b[0] = n;
    return a[0] + b[0];
}
""", id="references-and-pointers-are-shared"),
    pytest.param("""
int f(vector<int> a) {
  vector<int> b = a;
  return b[0];
}
""", JAVA, """\
static int f(int[] a) {
    int[] b = a;
    return b[0];
}
""", id="unchanged-copy-stays-shared"),
    pytest.param("""
int f(vector<int> a) {
  vector<int> b = a;
  b.push_back(1);
  return b.size();
}
""", JAVA, """\
static int f(int[] a) {
    ArrayList<Integer> b = Arrays.stream(a).boxed().collect(Collectors.toCollection(ArrayList::new));
    b.add(1);
    return b.size();
}
""", id="array-copied-into-a-growing-list"),
    pytest.param("""
int f(vector<vector<int>> m) {
  vector<int> row = m[0];
  row[1] = 3;
  return m[0][1];
}
""", PY, """\
def f(m):
    row = list(m[0])
    row[1] = 3
    return m[0][1]
""", id="row-copy"),
])
def test_value_golden(source, tgt, expected):
    assert code(source, CPP, tgt) == expected


def test_python_list_copy_of_an_array_into_a_growing_list():
    source = """
def f(a):
    b = list(a)
    b.append(3)
    return len(b)
"""
    assert code(source, PY, JAVA) == """\
static int f(int[] a) {
    ArrayList<Integer> b = Arrays.stream(a).boxed().collect(Collectors.toCollection(ArrayList::new));
    b.add(3);
    return b.size();
}
"""


def test_changed_copy_of_nested_vector_declines():
    source = "int f(vector<vector<int>> m) { vector<vector<int>> c = m; c[0][1] = 3; return m[0][1]; }"
    result = translate(source, CPP, JAVA)
    assert result.declined is not None and "nested vector" in result.declined


@pytest.mark.toolchain
@pytest.mark.slow
def test_local_copy_agrees_with_cpp(tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    inputs = [("{3, 1, 2}", 3), ("{0, 9}", 2), ("{-4}", 1)]
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    cpp_calls = [f"f(std::vector<int>{arr}, {n})" for arr, n in inputs]
    expected = run_cpp("using namespace std;\n" + LOCAL_COPY, ("<algorithm>", "<vector>"), cpp_calls,
                       tmp_path / "cpp")
    cand = translate(LOCAL_COPY, CPP, JAVA).candidates[0]
    java_calls = [f"f(new int[]{arr}, {n})" for arr, n in inputs]
    assert run_java(cand.code, cand.imports, java_calls, tmp_path / "java") == expected, cand.code

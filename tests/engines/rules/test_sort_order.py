"""Descending sorts and iterator ranges that start inside a sequence, golden before/after.

C++ `sort(a, a + n, greater<T>())` has no one-call Java form for a primitive array: Java sorts
the range ascending and then reverses it, which leaves the same sequence because equal
scalars cannot be told apart (nor can -0.0 and 0.0 under `greater`, and NaN breaks C++'s
strict weak order, so it is undefined there). Only `greater<T>` / `less<T>` with `T` the
element type are read; any other comparator declines.
"""

from __future__ import annotations

import ast

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

CASES = [
    pytest.param(
        CPP, JAVA,
        """
int f(int a[], int n, int k) {
  sort(a, a + n, greater<int>());
  int s = 0;
  for (int i = 0; i < n; i += k) s += 2 * a[i];
  return s;
}
""",
        """\
static int f(int[] a, int n, int k) {
    Arrays.sort(a, 0, n);
    for (int lo = 0, hi = n - 1; lo < hi; lo++, hi--) {
        int tmp = a[lo];
        a[lo] = a[hi];
        a[hi] = tmp;
    }
    int s = 0;
    for (int i = 0; i < n; i += k) {
        s += 2 * a[i];
    }
    return s;
}
""",
        id="cpp_java_sort_greater_array",
    ),
    pytest.param(
        CPP, JAVA,
        """
long long f(long long a[], int n) {
  std::stable_sort(a + 1, a + n - 1, std::greater<>());
  sort(a, a + 2, less<long long>());
  return a[1];
}
""",
        """\
static long f(long[] a, int n) {
    Arrays.sort(a, 1, n - 1);
    for (int lo = 1, hi = n - 2; lo < hi; lo++, hi--) {
        long tmp = a[lo];
        a[lo] = a[hi];
        a[hi] = tmp;
    }
    Arrays.sort(a, 0, 2);
    return a[1];
}
""",
        id="cpp_java_stable_sort_part_greater_and_less",
    ),
    pytest.param(
        CPP, JAVA,
        """
int f(vector<int> &v) {
  v.push_back(0);
  sort(v.begin(), v.end(), greater<int>());
  sort(v.begin() + 1, v.end(), greater<int>());
  return v[0];
}
""",
        """\
static int f(ArrayList<Integer> v) {
    v.add(0);
    Collections.sort(v, Collections.reverseOrder());
    Collections.sort(v.subList(1, v.size()), Collections.reverseOrder());
    return v.get(0);
}
""",
        id="cpp_java_sort_greater_list",
    ),
    pytest.param(
        CPP, PY,
        """
int f(int a[], int n) {
  sort(a, a + n, greater<int>());
  sort(a + 1, a + n, greater<int>());
  return a[0];
}
""",
        """\
def f(a, n):
    a[:n] = sorted(a[:n], reverse=True)
    a[1:n] = sorted(a[1:n], reverse=True)
    return a[0]
""",
        id="cpp_python_sort_greater",
    ),
    pytest.param(
        JAVA, CPP,
        """
static int f(ArrayList<Integer> v) {
  Collections.sort(v, Collections.reverseOrder());
  return v.get(0);
}
""",
        """\
int f(std::vector<int>& v) {
    std::sort(v.begin(), v.end(), std::greater<>());
    return v[0];
}
""",
        id="java_cpp_reverse_order_list",
    ),
    pytest.param(
        JAVA, PY,
        """
static int f(ArrayList<Integer> v) {
  Collections.sort(v, Collections.reverseOrder());
  return v.get(0);
}
""",
        """\
def f(v):
    v.sort(reverse=True)
    return v[0]
""",
        id="java_python_reverse_order_list",
    ),
    pytest.param(
        CPP, JAVA,
        """
int f(int ar[], int n) {
  int sum[n];
  for (int i = 0; i < 4; i++) sum[i] = ar[i];
  for (int i = 4; i < n; i++) sum[i] = ar[i] + *min_element(sum + i - 4, sum + i);
  return *min_element(sum + n - 4, sum + n);
}
""",
        """\
static int f(int[] ar, int n) {
    int[] sum = new int[n];
    for (int i = 0; i < 4; i++) {
        sum[i] = ar[i];
    }
    for (int i = 4; i < n; i++) {
        sum[i] = ar[i] + Arrays.stream(sum, i - 4, i).min().getAsInt();
    }
    return Arrays.stream(sum, n - 4, n).min().getAsInt();
}
""",
        id="cpp_java_range_starting_inside",
    ),
]


@pytest.mark.parametrize(("src", "tgt", "source", "expected"), CASES)
def test_golden(src, tgt, source, expected):
    assert code(source, src, tgt) == expected


@pytest.mark.parametrize(("source", "reason"), [
    pytest.param("""
bool cmp(int a, int b) { return a > b; }
int f(int a[], int n) {
  sort(a, a + n, cmp);
  return a[0];
}
""", "comparator other than greater<T>() / less<T>()", id="function-comparator"),
    pytest.param("""
int f(int a[], int n) {
  sort(a, a + n, greater<long long>());
  return a[0];
}
""", "greater<long long> over int elements", id="comparator-of-another-type"),
    pytest.param("""
int f(int a[], int n) {
  sort(a, a + a[0], greater<int>());
  return a[0];
}
""", "range depends on array elements", id="bound-read-after-the-sort"),
    pytest.param("""
int f(int a[], int n) {
  return *min_element(a - 1, a + n);
}
""", "iterator arithmetic", id="before-the-start"),
])
def test_declines(source, reason):
    result = translate(source, CPP, JAVA, "f")
    assert result.declined is not None and reason in result.declined, result.declined


RUN_CASES = [
    ("""
int desc(int a[], int n, int k) {
  sort(a, a + n, greater<int>());
  int h = 0;
  for (int i = 0; i < n; i += k) h = h * 10 + a[i];
  return h;
}
""", [("{3, 1, 4, 1, 5, 9, 2, 6}", 8, 1), ("{7, 7, 0, 2}", 4, 2), ("{5}", 1, 1), ("{}", 0, 1)]),
    ("""
int middle(int a[], int n) {
  stable_sort(a + 1, a + n - 1, greater<>());
  int h = 0;
  for (int i = 0; i < n; i++) h = h * 10 + a[i];
  return h;
}
""", [("{1, 2, 3, 4, 5, 0}", 6), ("{9, 0, 0}", 3), ("{4, 3}", 2)]),
    ("""
int windows(int ar[], int n) {
  if (n <= 4) return *min_element(ar, ar + n);
  int sum[n];
  for (int i = 0; i < 4; i++) sum[i] = ar[i];
  for (int i = 4; i < n; i++) sum[i] = ar[i] + *min_element(sum + i - 4, sum + i);
  return *min_element(sum + n - 4, sum + n);
}
""", [("{1, 2, 3, 3, 4, 5, 6, 1}", 8), ("{-3, 8, 2}", 3), ("{2, 9, 9, 9, 9, 9, 2}", 7)]),
]


@pytest.mark.toolchain
@pytest.mark.slow
@pytest.mark.parametrize(("source", "inputs"), RUN_CASES, ids=lambda x: None)
def test_translations_agree_with_cpp(source, inputs, tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    name = source.split("(")[0].split()[-1]
    cpp_calls = [f"{name}(std::vector<int>{arr}.data(), {', '.join(map(str, rest))})"
                 for arr, *rest in inputs]
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    expected = run_cpp("using namespace std;\n" + source, ("<algorithm>", "<vector>", "<functional>"),
                       cpp_calls, tmp_path / "cpp")
    result = translate(source, CPP, JAVA)
    assert result.declined is None, result.declined
    cand = result.candidates[0]
    java_calls = [f"{name}(new int[]{arr}, {', '.join(map(str, rest))})" for arr, *rest in inputs]
    assert run_java(cand.code, cand.imports, java_calls, tmp_path / "java") == expected, cand.code
    py = translate(source, CPP, PY)
    assert py.declined is None, py.declined
    scope: dict = {}
    exec(py.candidates[0].code, scope)
    got = [str(scope[name](ast.literal_eval(arr.replace("{", "[").replace("}", "]")), *rest))
           for arr, *rest in inputs]
    assert got == expected, py.candidates[0].code

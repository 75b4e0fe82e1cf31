"""C++ `auto it = find(first, last, x)` as an index, golden before/after.

The index starts at `first` and a loop moves it past every element that differs from `x`,
stopping at `last` (find's "not found"). While C++ keeps the iterator valid, an index is
exactly what it is, so comparisons with iterators of the same sequence, `it - v.begin()`,
`*it` and `v.erase(it)` carry over; any other use of `it` declines.
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

PAIRS_SOURCE = """
bool f(string str) {
  vector<char> list;
  for (int i = 0; i < str.length(); i++) {
    auto pos = find(list.begin(), list.end(), str[i]);
    if (pos != list.end()) list.erase(pos);
    else list.push_back(str[i]);
  }
  return list.size() <= 1;
}
"""

ARRAY_SOURCE = """
int g(int a[], int n, int x) {
  auto it = std::find(a + 1, a + n, x);
  if (it == a + n) return -1;
  return (it - a) * 100 + *it;
}
"""


@pytest.mark.parametrize(("source", "tgt", "expected"), [
    pytest.param(PAIRS_SOURCE, JAVA, """\
static boolean f(String str) {
    ArrayList<Character> list = new ArrayList<>();
    for (int i = 0; i < str.length(); i++) {
        int pos = 0;
        while (pos < list.size() && list.get(pos) != str.charAt(i)) {
            pos++;
        }
        if (pos != list.size()) {
            list.remove(pos);
        } else {
            list.add(str.charAt(i));
        }
    }
    return list.size() <= 1;
}
""", id="list-java"),
    pytest.param(PAIRS_SOURCE, PY, """\
def f(str_):
    list_ = []
    i = 0
    while i < len(str_):
        pos = 0
        while pos < len(list_) and list_[pos] != str_[i]:
            pos += 1
        if pos != len(list_):
            list_.pop(pos)
        else:
            list_.append(str_[i])
        i += 1
    return len(list_) <= 1
""", id="list-python"),
    pytest.param(ARRAY_SOURCE, JAVA, """\
static int g(int[] a, int n, int x) {
    int it = 1;
    while (it < n && a[it] != x) {
        it++;
    }
    if (it == n) {
        return -1;
    }
    return it * 100 + a[it];
}
""", id="array-range-java"),
])
def test_find_golden(source, tgt, expected):
    assert code(source, CPP, tgt) == expected


def test_erase_at_an_offset_from_begin():
    source = "int f(vector<int> v, int n) { v.push_back(n); v.erase(v.begin() + 1); return v[0]; }"
    assert "v.remove(1);" in code(source, CPP, JAVA)
    assert "v.pop(1)" in code(source, CPP, PY)


@pytest.mark.parametrize(("source", "reason"), [
    pytest.param("int f(int a[], int n) { auto it = find(a, a + n, 3); it++; return 0; }",
                 "used other than compared", id="moved"),
    pytest.param("int f(int a[], int n) { auto it = find(a, a + n, 3); return it == 0; }",
                 "iterator expected", id="compared-with-a-number"),
    pytest.param("int f(int a[], int b[], int n) { auto it = find(a, a + n, 3); return it == b + n; }",
                 "two different sequences", id="other-sequence"),
    pytest.param("int f(int a[], int n) { auto it = find(a, a + n, a[n++]); return 0; }",
                 "has effects", id="value-with-effects"),
    pytest.param("int f(int a[], int n) { auto x = 5; return x; }",
                 "`auto` declarations", id="other-auto"),
])
def test_find_declines(source, reason):
    result = translate(source, CPP, JAVA)
    assert result.declined is not None and reason in result.declined, result.declined


@pytest.mark.toolchain
@pytest.mark.slow
def test_find_agrees_with_cpp(tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    words = ["aabbc", "abcab", "abba", "x", ""]
    calls = [f'f("{w}")' for w in words]
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    cpp_calls = [f'f(std::string("{w}"))' for w in words]
    expected = run_cpp("using namespace std;\n" + PAIRS_SOURCE, ("<algorithm>", "<vector>"), cpp_calls,
                       tmp_path / "cpp")
    cand = translate(PAIRS_SOURCE, CPP, JAVA).candidates[0]
    assert run_java(cand.code, cand.imports, calls, tmp_path / "java") == expected, cand.code
    arrays = [("{5, 1, 7, 1}", 4, 1), ("{5, 1, 7, 1}", 4, 5), ("{5, 1, 7, 1}", 3, 7), ("{2}", 1, 2)]
    cpp_calls = [f"g(std::vector<int>{a}.data(), {n}, {x})" for a, n, x in arrays]
    expected = run_cpp("using namespace std;\n" + ARRAY_SOURCE, ("<algorithm>", "<vector>"),
                       cpp_calls, tmp_path / "cpp")
    cand = translate(ARRAY_SOURCE, CPP, JAVA).candidates[0]
    java_calls = [f"g(new int[]{a}, {n}, {x})" for a, n, x in arrays]
    assert run_java(cand.code, cand.imports, java_calls, tmp_path / "java") == expected, cand.code

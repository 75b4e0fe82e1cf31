"""C++ library calls: bit counts, accumulate, and string find against npos, golden before/after.

- `__builtin_popcount(x)` counts the bits of x converted to unsigned int (a negative int
  has 32 bits' worth of its two's complement), `__builtin_popcountll` of 64.
- `accumulate(first, last, init)` adds in init's type: of the element type, or long over int
  elements. Other inits (narrower ones truncate each step) and floating point decline.
- `s.find(x) != string::npos` is a membership test; other uses of the position decline,
  since npos (the largest size_t) and the targets' -1 agree only under == and !=.
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

POPCOUNT = """
int f(int n, long long m) {
  return __builtin_popcount(n) + __builtin_popcountll(m) + __builtin_popcount(m);
}
"""

ACCUMULATE = """
long long f(int a[], int n, long long b[], long long k) {
  int s = accumulate(a, a + n, 0);
  return s + accumulate(a + 1, a + n, 0LL) * 1000 + accumulate(b, b + 2, k);
}
"""

FIND = """
bool f(string s, char c, string t) {
  return s.find(c) != string::npos && s.find(t) == std::string::npos;
}
"""


@pytest.mark.parametrize(("source", "tgt", "expected"), [
    pytest.param(POPCOUNT, JAVA, """\
static int f(int n, long m) {
    return Integer.bitCount(n) + Long.bitCount(m) + Integer.bitCount((int) m);
}
""", id="popcount-java"),
    pytest.param(POPCOUNT, PY, """\
def f(n, m):
    return bin(n & 0xFFFFFFFF).count('1') + bin(m & 0xFFFFFFFFFFFFFFFF).count('1') + bin(m & 0xFFFFFFFF).count('1')
""", id="popcount-python"),
    pytest.param(ACCUMULATE, JAVA, """\
static long f(int[] a, int n, long[] b, long k) {
    int s = Arrays.stream(a, 0, n).sum();
    return s + Arrays.stream(a, 1, n).asLongStream().sum() * 1000 + (k + Arrays.stream(b, 0, 2).sum());
}
""", id="accumulate-java"),
    pytest.param(ACCUMULATE, PY, """\
def f(a, n, b, k):
    s = sum(a[:n])
    return s + sum(a[1:n]) * 1000 + (k + sum(b[:2]))
""", id="accumulate-python"),
    pytest.param(FIND, JAVA, """\
static boolean f(String s, char c, String t) {
    return s.indexOf(c) >= 0 && !(s.indexOf(t) >= 0);
}
""", id="find-npos-java"),
    pytest.param(FIND, PY, """\
def f(s, c, t):
    return c in s and t not in s
""", id="find-npos-python"),
])
def test_library_golden(source, tgt, expected):
    assert code(source, CPP, tgt) == expected


@pytest.mark.parametrize(("source", "reason"), [
    pytest.param("int f(long long a[], int n) { return accumulate(a, a + n, 0); }",
                 "accumulate of long elements from a int", id="accumulate-narrowing"),
    pytest.param("double f(double a[], int n) { return accumulate(a, a + n, 0.0); }",
                 "accumulate of double elements", id="accumulate-double"),
    pytest.param("int f(string s, char c) { return s.find(c); }",
                 "method find on a string", id="find-position"),
    pytest.param("int f(double x) { return __builtin_popcount(x); }",
                 "__builtin_popcount of a double", id="popcount-double"),
])
def test_library_declines(source, reason):
    result = translate(source, CPP, JAVA)
    assert result.declined is not None and reason in result.declined, result.declined


@pytest.mark.toolchain
@pytest.mark.slow
def test_library_agrees_with_cpp(tmp_path):
    from test_toolchain_runs import need, run_cpp, run_java

    need("javac", "java", "g++")
    (tmp_path / "cpp").mkdir()
    (tmp_path / "java").mkdir()
    source = POPCOUNT + ACCUMULATE.replace("f(", "g(") + FIND.replace("f(", "h(")
    cpp_calls = ["f(-1, -1LL)", "f(7, 1LL << 40)", "f(0, 0)",
                 "g(std::vector<int>{-2000000000, 2000000000, 2000000000}.data(), 3, "
                 "std::vector<long long>{1, -9}.data(), 40)",
                 'h(std::string("hello"), \'l\', std::string("lo"))',
                 'h(std::string("hello"), \'z\', std::string("xy"))']
    expected = run_cpp("#include <numeric>\nusing namespace std;\n" + source, ("<vector>",),
                       cpp_calls, tmp_path / "cpp")
    # the sum of the last two ints needs the long that 0LL asks for; the int sum does not overflow
    funcs = [translate(source, CPP, JAVA, name).candidates[0] for name in ("f", "g", "h")]
    java_calls = ["f(-1, -1L)", "f(7, 1L << 40)", "f(0, 0)",
                  "g(new int[]{-2000000000, 2000000000, 2000000000}, 3, new long[]{1, -9}, 40)",
                  'h("hello", \'l\', "lo")', 'h("hello", \'z\', "xy")']
    java = "\n".join(c.code for c in funcs)
    imports = {i for c in funcs for i in c.imports}
    assert run_java(java, imports, java_calls, tmp_path / "java") == expected, java

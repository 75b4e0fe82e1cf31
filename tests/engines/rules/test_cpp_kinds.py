"""C++ constructs the GfG suite uses, golden before/after (one behaviour per case).

Each expected text was reviewed against SEMANTICS.md: output keeps C++'s text (`cout`
prints a bool as 1 / 0, so it is converted first; floating-point output is declined, since
its text differs between the languages).
"""

from __future__ import annotations

import pytest
from rules_helpers import code, translate

from migrate.units import Language

CPP, JAVA, PY = Language.CPP, Language.JAVA, Language.PYTHON

CASES = [
    pytest.param(
        JAVA,
        """
int f(int a[], int n, bool flag) {
  for (int i = 0; i < n; i++) {
    if (a[i] < 0) {
      cout << "negative at " << i << ": " << a[i] + 1 << ' ' << flag << endl;
      return i;
    }
  }
  cout << n;
  return -1;
}
""",
        """\
static int f(int[] a, int n, boolean flag) {
    for (int i = 0; i < n; i++) {
        if (a[i] < 0) {
            System.out.print("negative at " + i + ": " + (a[i] + 1) + ' ' + (flag ? 1 : 0) + "\\n");
            return i;
        }
    }
    System.out.print("" + n);
    return -1;
}
""",
        id="cout_to_system_out_print",
    ),
    pytest.param(
        PY,
        """
int f(int a[], int n) {
  printf("%d to %d%%\\n", a[0], n - 1);
  printf("done");
  return n;
}
""",
        """\
def f(a, n):
    print(a[0], ' to ', n - 1, '%\\n', sep='', end='')
    print('done', sep='', end='')
    return n
""",
        id="printf_to_print_pieces",
    ),
]


@pytest.mark.parametrize(("tgt", "source", "expected"), CASES)
def test_cpp_golden(tgt, source, expected):
    assert code(source, CPP, tgt) == expected


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        pytest.param("""
double f(double x) {
  cout << x;
  return x;
}
""", "printing a double", id="cout-double"),
        pytest.param("""
int f(int x) {
  printf("%5d", x);
  return x;
}
""", "printf conversion `%5d` is not supported", id="printf-width"),
        pytest.param("""
int f(int x) {
  printf("%d %d", x);
  return x;
}
""", "printf with fewer arguments than conversions", id="printf-arity"),
    ],
)
def test_cpp_declines(source, reason):
    result = translate(source, CPP, JAVA)
    assert result.declined is not None and reason in result.declined, result.declined

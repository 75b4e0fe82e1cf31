"""Input generation: deterministic, related parameters, edge cases, call-site literals."""

from pathlib import Path

from migrate.units import Language, ParsedFile, SourceFile
from migrate.verify.inputs import InputPlan, call_site_literals, generate
from tests.verify.conftest import extract

JAVA = """
class S {
    static int search(int arr[], int l, int r, int x) {
        while (l <= r) { int mid = l + (r - l) / 2; if (arr[mid] == x) return mid;
            if (arr[mid] < x) l = mid + 1; else r = mid - 1; }
        return -1;
    }
    static int total(int[] a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
    static double half(double d) { return d / 2; }
    static boolean flag(boolean b) { return !b; }
}
"""


def plan(name):
    functions, _ = extract(Language.JAVA, JAVA, "S")
    f = next(f for f in functions if f.name == name)
    return InputPlan(f, f.signature)


def test_deterministic_and_distinct():
    p = plan("total")
    first, again = generate(p, 25, seed=7), generate(p, 25, seed=7)
    assert first == again
    assert len({repr(a) for a in first}) == 25
    assert generate(p, 25, seed=8) != first


def test_length_parameter_matches_its_array():
    for arr, n in generate(plan("total"), 40, seed=1):
        assert 0 <= n <= len(arr)
    assert any(arr == [] for arr, _n in generate(plan("total"), 40, seed=1))  # edge: empty


def test_search_gets_sorted_arrays_and_valid_bounds():
    p = plan("search")
    assert p.sorted
    cases = generate(p, 40, seed=3)
    for arr, lo, hi, _x in cases:
        if arr:
            assert 0 <= lo <= len(arr) - 1 and hi <= len(arr) - 1
    assert sum(arr == sorted(arr) for arr, *_ in cases) >= 30
    assert any(x in arr for arr, _lo, _hi, x in cases)  # keys drawn from the array


def test_small_type_space_yields_fewer_inputs():
    assert sorted(a[0] for a in generate(plan("flag"), 20, seed=0)) == [False, True]


def test_doubles_are_floats():
    assert all(isinstance(a[0], float) for a in generate(plan("half"), 10, seed=0))


def test_call_site_literals_found_in_other_files():
    functions, _ = extract(Language.JAVA, JAVA, "S")
    total = next(f for f in functions if f.name == "total")
    text = "class T { void t() { S.total(new int[]{1, 2, 3}, 3); total(x, 2); } }"
    parsed = ParsedFile(SourceFile("T.java", Path("T.java"), Language.JAVA, text, "utf-8", 1), ())
    assert call_site_literals(total, [parsed]) == [[[1, 2, 3], 3]]
    py = "assert total([4, 5], 2) == 9\n"
    parsed_py = ParsedFile(SourceFile("t.py", Path("t.py"), Language.PYTHON, py, "utf-8", 1), ())
    assert call_site_literals(total, [parsed_py]) == [[[4, 5], 2]]

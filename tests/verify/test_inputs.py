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
    static boolean div7(int num) { if (num == 0 || num == 7) return true; if (num < 10) return false;
        return div7(num / 10 - 2 * (num - num / 10 * 10)); }
    static double scale(double d) { return d == 7 ? 0 : d * 3; }
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


def test_body_constants_and_their_multiples_are_drawn():
    # Only multiples of 7 make div7 say yes beyond 7 itself; uniform values rarely are.
    cases = [a[0] for seed in (0, 1) for a in generate(plan("div7"), 20, seed=seed)]  # --tests 20
    assert 7 in cases
    assert sum(1 for x in cases if x >= 14 and x % 7 == 0) >= 2


def test_lengths_are_often_a_shorter_prefix():
    cases = generate(plan("total"), 40, seed=1)
    assert sum(1 for arr, n in cases if n < len(arr)) >= 5
    assert all(0 <= n <= len(arr) for arr, n in cases)


def test_doubles_include_whole_numbers_and_constants():
    values = [a[0] for a in generate(plan("scale"), 40, seed=0)]
    whole = [v for v in values[5:] if v == int(v)]
    assert len(whole) >= 5 and len(whole) < len(values) - 5  # fractions stay the majority
    assert all(isinstance(v, float) for v in values)
    assert 7.0 in values


def test_one_call_site_index_answers_for_every_function():
    from migrate.verify.inputs import CallSites

    functions, _ = extract(Language.PYTHON, "def mix(a, b):\n    return a\n\n\ndef größe(n):\n    return n\n", "m")
    mix, size = functions
    text = ("def größe(n):\n    return n\n\n\n"  # a definition is not a call
            "print(mix(größe(3), 'x'), mix(1, [2, 3]))\nmix(y, 1)\ngröße(4)\n")
    parsed = ParsedFile(SourceFile("t.py", Path("t.py"), Language.PYTHON, text, "utf-8", 1), ())
    sites = CallSites([parsed])
    assert sites.literals(mix) == [[1, [2, 3]]]  # größe(3) is not a literal
    assert sites.literals(size) == [[3], [4]]
    assert sites.literals(size, limit=1) == [[3]]
    assert sites.literals(mix) == call_site_literals(mix, [parsed])

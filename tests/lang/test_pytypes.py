"""Static type inference of Python signatures (`migrate.lang.pytypes`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from migrate.lang import get
from migrate.lang.pytypes import infer_function, infer_signature, join
from migrate.units import Kind, Language, SourceFile, Type

INT, LONG, DOUBLE = Type(Kind.INT), Type(Kind.LONG), Type(Kind.DOUBLE)
BOOL, CHAR, STRING = Type(Kind.BOOL), Type(Kind.CHAR), Type(Kind.STRING)


def funcs(source: str):
    text = textwrap.dedent(source).lstrip("\n")
    sf = SourceFile("m.py", Path("m.py"), Language.PYTHON, text, "utf-8", len(text))
    return get(Language.PYTHON).extract(sf).functions


def sig(source: str, name: str | None = None):
    fs = funcs(source)
    f = next(f for f in fs if name is None or f.name == name)
    return infer_signature(f, fs)


def types(signature):
    return {p.name: p.type for p in signature.params}


def test_annotations_win():
    s = sig("""
    def f(a: float, b: list[int]) -> str:
        return a
    """)
    # a list that never grows is passed as a fixed array
    assert types(s) == {"a": DOUBLE, "b": Type(Kind.ARRAY, INT)}
    assert s.returns == STRING


def test_annotated_list_that_grows_stays_a_list():
    s = sig("""
    def f(b: list[int]) -> list[int]:
        b.append(1)
        return b
    """)
    assert types(s) == {"b": Type(Kind.LIST, INT)}
    assert s.returns == Type(Kind.LIST, INT)


def test_n_compared_with_len_is_int_and_arr_is_an_int_array():
    s = sig("""
    def f(arr, n):
        if n > len(arr):
            return -1
        return arr[n - 1]
    """)
    assert types(s) == {"arr": Type(Kind.ARRAY, INT), "n": INT}
    assert s.returns == INT
    assert any(note.startswith("n: int (compared with len(arr))") for note in s.type_notes)


def test_range_bounds_and_indexing():
    s = sig("""
    def f(a, lo, hi):
        t = 0
        for i in range(lo, hi):
            t += a[i]
        return t
    """)
    assert types(s)["lo"] == INT and types(s)["hi"] == INT
    assert types(s)["a"].kind is Kind.ARRAY


def test_characters_and_strings():
    s = sig("""
    def f(s, c):
        count = 0
        for ch in s:
            if ch == c:
                count += 1
        return count
    """)
    assert types(s)["c"] == CHAR
    assert types(s)["s"] == STRING


def test_ord_makes_a_char_and_true_division_a_double():
    s = sig("""
    def f(c, n):
        return (ord(c) - ord('a')) / n
    """)
    assert types(s)["c"] == CHAR
    assert s.returns == DOUBLE


def test_float_arithmetic_makes_a_double_parameter():
    s = sig("""
    import math
    def volume(side):
        return side * side * side * math.sqrt(2) / 3
    """, "volume")
    assert types(s)["side"] == DOUBLE


def test_accumulating_product_is_long_with_a_reason():
    s = sig("""
    def fact(n):
        res = 1
        for i in range(2, n + 1):
            res *= i
        return res
    """)
    assert s.returns == LONG
    assert any("res: long" in note for note in s.type_notes)


def test_recursive_call_types_the_parameters():
    s = sig("""
    def gcd(a, b):
        if b == 0:
            return a
        return gcd(b, a % b)
    """)
    assert types(s) == {"a": INT, "b": INT}


def test_call_sites_in_other_functions_type_the_parameters():
    s = sig("""
    def scale(x, k):
        return x * k

    def test_scale():
        assert scale(2.5, 3.0) == 7.5
    """, "scale")
    assert types(s)["x"] == DOUBLE


def test_appended_list_is_growable():
    fs = funcs("""
    def f(n):
        out = []
        for i in range(n):
            out.append(i * 2)
        return len(out)
    """)
    t = infer_function(fs[0], fs)
    assert t.locals["out"] == Type(Kind.LIST, INT)


def test_unconstrained_parameter_is_int_with_a_note():
    s = sig("""
    def f(a, b):
        return a == b
    """)
    assert types(s) == {"a": INT, "b": INT}
    assert s.returns == BOOL
    assert any("assumed int" in note for note in s.type_notes)


def test_conflicting_uses_are_reported():
    fs = funcs("""
    def f(n):
        x = 1
        x = "one"
        return n
    """)
    assert infer_function(fs[0], fs).conflicts


def test_join_is_a_lattice():
    assert join(INT, LONG) == LONG
    assert join(LONG, DOUBLE) == DOUBLE
    assert join(CHAR, STRING) == STRING
    assert join(Type(Kind.ARRAY, INT), Type(Kind.LIST, INT)) == Type(Kind.LIST, INT)


def test_a_list_used_only_through_max_is_an_array():
    s = sig("""
    def f(arr, n):
        return max(arr)
    """)
    assert types(s) == {"arr": Type(Kind.ARRAY, INT), "n": INT}
    assert s.returns == INT


def test_a_list_used_only_through_min_and_sum_is_an_array():
    s = sig("""
    def f(degree, n):
        return sum(degree) - min(degree) == n
    """)
    assert types(s)["degree"] == Type(Kind.ARRAY, INT)


def test_a_list_used_only_through_sorted_is_an_array():
    s = sig("""
    def f(arr, n):
        x = sorted(arr)
        return x[0] + n
    """)
    assert types(s)["arr"] == Type(Kind.ARRAY, INT)


def test_sort_in_place_means_a_list_even_with_a_string_like_name():
    # `S` looks like a string by name, but strings have no .sort()
    s = sig("""
    def f(S, n):
        S.sort()
        return S[n - 1]
    """)
    assert types(s)["S"] == Type(Kind.ARRAY, INT)


def test_index_parameters_stay_int_when_a_float_flows_in():
    # Python 3's `/` makes `mid` a float, which cannot index a list: low / high are ints
    # and the float index is reported as a conflict (the function raises TypeError)
    fs = funcs("""
    def f(arr, low, high, x):
        if x <= arr[low]:
            return low
        mid = (low + high) / 2
        if arr[mid] == x:
            return mid
        return f(arr, mid + 1, high, x)
    """)
    s = infer_signature(fs[0], fs)
    assert types(s) == {"arr": Type(Kind.ARRAY, INT), "low": INT, "high": INT, "x": INT}
    types_ = infer_function(fs[0], fs)
    assert any("`mid` is used as an index" in c for c in types_.conflicts)


def test_an_unannotated_parameter_takes_its_default_values_type():
    s = sig("""
    def f(n, mark=60.0, name="x", ok=True):
        return n
    """)
    assert types(s) == {"n": INT, "mark": DOUBLE, "name": STRING, "ok": BOOL}


def test_round_is_an_int_but_round_to_digits_keeps_a_float():
    s = sig("""
    def f(x: float):
        return round(x, 2)
    """)
    assert s.returns == DOUBLE
    assert sig("""
    def f(x: float):
        return round(x)
    """).returns == INT

"""Signature alignment: which C++ parameter carries a raw array's length."""

from __future__ import annotations

from migrate.eval.align import _cpp_length_param, wrap
from migrate.units import Candidate, Function, Kind, Language, Param, Signature, Span, Type

ARRAY = Type(Kind.ARRAY, Type(Kind.INT))
INT = Type(Kind.INT)


def signature(*names: str) -> Signature:
    params = [Param("arr", ARRAY, "int arr [ ]")] + [Param(n, INT, f"int {n}") for n in names]
    return Signature(tuple(params), INT)


def test_length_named_n_or_l():
    assert _cpp_length_param(signature("n"), 0) == "n"
    assert _cpp_length_param(signature("l"), 0) == "l"


def test_lower_bound_l_is_not_a_length():
    # `arr, l, r, x`: copying l elements would cut off the range [l, r] the function reads.
    assert _cpp_length_param(signature("l", "r", "x"), 0) is None
    assert _cpp_length_param(signature("l", "h"), 0) is None
    assert _cpp_length_param(signature("l", "r", "n"), 0) == "n"


def _java_gold(code: str):
    from migrate.eval.align import candidate_signature

    sig = candidate_signature(Candidate("f", "rules", Language.JAVA, code), Language.JAVA)
    return Function("f", "G.java", Language.JAVA, "f_gold", "G.f_gold", Span(1, 1, 0, len(code)), code, "", sig)


def test_java_bool_and_int_results_convert_both_ways():
    # The suite's Java f_gold returns int where the source returned bool, and the reverse.
    ours = Candidate("f", "rules", Language.JAVA, "static boolean f_gold(int a) { return a > 0; }")
    wrapped = wrap(ours, _java_gold("static int f_gold(int a) { return a > 0 ? 1 : 0; }"), Language.JAVA)
    assert "return (int) ((f_filled_impl(a)) ? 1 : 0);" in wrapped
    ours = Candidate("f", "rules", Language.JAVA, "static int f_gold(int a) { return a > 0 ? 1 : 0; }")
    wrapped = wrap(ours, _java_gold("static boolean f_gold(int a) { return a > 0; }"), Language.JAVA)
    assert "return ((f_filled_impl(a)) != 0);" in wrapped


def test_java_arrays_of_other_types_are_not_wrapped():
    ours = Candidate("f", "rules", Language.JAVA, "static int f_gold(String s) { return 0; }")
    assert wrap(ours, _java_gold("static int f_gold(String[] s) { return 0; }"), Language.JAVA) is None


def test_two_arrays_get_two_lengths():
    sig = Signature((Param("arr1", ARRAY, "int arr1 [ ]"), Param("arr2", ARRAY, "int arr2 [ ]"),
                     Param("m", INT, "int m"), Param("n", INT, "int n")), INT)
    assert _cpp_length_param(sig, 0) == "m"
    assert _cpp_length_param(sig, 1, frozenset({"m"})) == "n"
    ours = Candidate("f", "rules", Language.CPP,
                     "int f_gold(std::vector<int>& arr1, std::vector<int>& arr2, int m, int n) { return 0; }")
    gold = Function("f", "G.cpp", Language.CPP, "f_gold", "f_gold", Span(1, 1, 0, 1), "", "", sig)
    wrapped = wrap(ours, gold, Language.CPP)
    assert "v_arr1(arr1, arr1 + m)" in wrapped and "v_arr2(arr2, arr2 + n)" in wrapped

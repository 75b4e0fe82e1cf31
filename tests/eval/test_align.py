"""Signature alignment: which C++ parameter carries a raw array's length."""

from __future__ import annotations

from migrate.eval.align import _cpp_length_param
from migrate.units import Kind, Param, Signature, Type

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

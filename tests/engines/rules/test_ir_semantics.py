"""Each semantic difference of SEMANTICS.md, printed from the IR by every back-end.

Python back-end expressions are evaluated here on negative and positive values and
compared with the C-family meaning, so these tests prove behaviour, not spelling.
"""

from __future__ import annotations

import itertools

import pytest

from migrate.engines.rules import ir
from migrate.engines.rules.back_cpp import CppBack
from migrate.engines.rules.back_java import JavaBack
from migrate.engines.rules.back_python import PythonBack
from migrate.engines.rules.ir import BOOL, CHAR, INT, LONG, STRING

A, B = ir.Name("a", INT), ir.Name("b", INT)
VALUES = [-7, -3, -1, 0, 1, 2, 3, 7, 10**12 + 7]
DIVISORS = [-3, -2, -1, 1, 2, 3, 7]


def fn(expr: ir.Expr, params=(("a", INT), ("b", INT)), returns=None) -> ir.FunctionIR:
    return ir.FunctionIR("f", tuple(ir.Param(n, t) for n, t in params), returns or expr.type,
                         (ir.Return(expr),))


def python_of(f: ir.FunctionIR):
    back = PythonBack(f)
    source = back.function()
    scope: dict = {}
    exec("".join(f"import {m}\n" for m in back.imports) + source, scope)
    return scope["f"], source


def body(back) -> str:
    return back.function().splitlines()[1].strip()


def c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def c_mod(a: int, b: int) -> int:
    return a - b * c_div(a, b)


@pytest.mark.parametrize("op,expected", [("div_trunc", c_div), ("mod_trunc", c_mod)])
def test_truncating_division_into_python_is_exact(op, expected):
    f, source = python_of(fn(ir.Bin(op, A, B, INT)))
    for a, b in itertools.product(VALUES, DIVISORS):
        assert f(a, b) == expected(a, b), (source, a, b)


def test_truncating_division_by_positive_literal_into_python():
    f, source = python_of(fn(ir.Bin("div_trunc", A, ir.Lit(2, INT), INT)))
    assert "if a >= 0" in source
    for a in VALUES:
        assert f(a, 0) == c_div(a, 2)


def test_truncating_division_of_nonnegative_values_is_plain():
    loop = ir.ForRange("i", INT, ir.Lit(0, INT), ir.Name("n", INT), 1,
                       (ir.Assign(ir.Name("s", INT), ir.Bin("div_trunc", ir.Name("i", INT),
                                                             ir.Lit(2, INT), INT), "add"),))
    f = ir.FunctionIR("f", (ir.Param("n", INT),), INT,
                      (ir.Decl("s", INT, ir.Lit(0, INT)), loop, ir.Return(ir.Name("s", INT))))
    assert "s += i // 2" in PythonBack(f).function()


def test_floor_division_into_java_uses_floor_div_and_mod():
    text = JavaBack(fn(ir.Bin("add", ir.Bin("div_floor", A, B, INT),
                              ir.Bin("mod_floor", A, B, INT), INT))).function()
    assert "Math.floorDiv(a, b) + Math.floorMod(a, b)" in text


def test_modulo_compared_with_zero_keeps_the_native_operator():
    test = ir.Bin("eq", ir.Bin("mod_floor", A, ir.Lit(2, INT), INT), ir.Lit(0, INT), BOOL)
    assert body(JavaBack(fn(test))) == "return a % 2 == 0;"
    assert body(CppBack(fn(test))) == "return a % 2 == 0;"
    test = ir.Bin("ne", ir.Bin("mod_trunc", A, ir.Lit(2, INT), INT), ir.Lit(0, INT), BOOL)
    assert body(PythonBack(fn(test))) == "return a % 2 != 0"


def test_logical_shift_into_python_matches_java():
    f, source = python_of(fn(ir.Bin("ushr", A, B, INT)))
    for a, n in itertools.product([-8, -1, 5, 2**31 - 1], [0, 1, 4, 28, 31]):
        assert f(a, n) == ((a % 2**32) >> n if n else a % 2**32), source


def test_logical_shift_into_cpp_goes_through_unsigned():
    assert body(CppBack(fn(ir.Bin("ushr", A, B, INT)))) == \
        "return (int) ((unsigned int) a >> b);"
    assert body(JavaBack(fn(ir.Bin("ushr", A, B, INT)))) == "return a >>> b;"


def test_long_arithmetic_keeps_the_widening_cast_in_java():
    product = ir.Bin("mul", ir.Cast(A, LONG), ir.Cast(B, LONG), LONG)
    # one cast is enough: the other operand is promoted by the operator
    assert body(JavaBack(fn(product))) == "return (long) a * b;"
    assert body(CppBack(fn(product))) == "return (long long) a * b;"
    assert body(JavaBack(fn(ir.Bin("mul", A, B, INT)))) == "return a * b;"


def test_char_arithmetic_into_python_uses_ord_and_chr():
    c = ir.Name("c", CHAR)
    nxt = ir.Cast(ir.Bin("add", ir.Cast(c, INT), ir.Lit(1, INT), INT), CHAR)
    f, source = python_of(fn(nxt, params=(("c", CHAR),)))
    assert "chr(ord(c) + 1)" in source
    assert f("a") == "b"
    assert body(JavaBack(fn(nxt, params=(("c", CHAR),)))) == "return (char) (c + 1);"


def test_substring_end_index_becomes_a_count_in_cpp():
    s = ir.Name("s", STRING)
    sub = ir.Intrinsic("substr", (s, A, B), STRING)
    params = (("s", STRING), ("a", INT), ("b", INT))
    assert body(CppBack(fn(sub, params))) == "return s.substr(a, b - a);"
    assert body(JavaBack(fn(sub, params))) == "return s.substring(a, b);"
    f, _ = python_of(fn(sub, params))
    assert f("abcdef", 1, 4) == "bcd"


def test_string_equality_in_java_uses_equals():
    s, t = ir.Name("s", STRING), ir.Name("t", STRING)
    eq = ir.Bin("eq", s, t, BOOL)
    assert body(JavaBack(fn(eq, (("s", STRING), ("t", STRING))))) == "return s.equals(t);"


def test_char_then_string_concatenation_in_java_stays_textual():
    c, s = ir.Name("c", CHAR), ir.Name("s", STRING)
    both = ir.Bin("add", ir.Bin("add", ir.Intrinsic("char_to_string", (c,), STRING),
                                ir.Intrinsic("char_to_string", (c,), STRING), STRING), s, STRING)
    text = body(JavaBack(fn(both, (("c", CHAR), ("s", STRING)))))
    # 'c' + 'c' would add code points: the first char must become a String
    assert text == "return String.valueOf(c) + c + s;"


def test_range_loop_that_rebinds_its_variable_gets_a_hidden_counter():
    i = ir.Name("i", INT)
    loop = ir.ForRange("i", INT, ir.Lit(0, INT), ir.Name("n", INT), 1,
                       (ir.Assign(i, ir.Lit(5, INT), "add"),), rebinds=True)
    f = ir.FunctionIR("f", (ir.Param("n", INT),), ir.VOID, (loop,))
    text = JavaBack(f).function()
    assert "for (int i_ = 0; i_ < n; i_++) {" in text
    assert "int i = i_;" in text


def test_negative_range_step_counts_down():
    loop = ir.ForRange("i", INT, ir.Name("n", INT), ir.Lit(0, INT), -1, (ir.Break(),))
    f = ir.FunctionIR("f", (ir.Param("n", INT),), ir.VOID, (loop,))
    assert "for (int i = n; i > 0; i--) {" in CppBack(f).function()


def test_std_max_arguments_get_one_type():
    mx = ir.Intrinsic("max", (ir.Name("x", LONG), ir.Cast(A, LONG)), LONG)
    assert body(CppBack(fn(mx, (("x", LONG), ("a", INT))))) == \
        "return std::max(x, (long long) a);"


def test_c_for_loop_with_a_modified_bound_stays_a_while_loop():
    i, n = ir.Name("i", INT), ir.Name("n", INT)
    loop = ir.For((ir.Decl("i", INT, ir.Lit(0, INT)),), ir.Bin("lt", i, n, BOOL),
                  (ir.Assign(i, ir.Lit(1, INT), "add"),),
                  (ir.Assign(n, ir.Lit(1, INT), "sub"),))
    f = ir.FunctionIR("f", (ir.Param("n", INT),), INT, (loop, ir.Return(n)))
    text = PythonBack(f).function()
    assert "while i < n:" in text
    scope: dict = {}
    exec(text, scope)
    assert scope["f"](10) == 5  # i and n meet in the middle, as in C


def test_reserved_words_are_renamed_per_target():
    f = ir.FunctionIR("f", (ir.Param("new", INT), ir.Param("len", INT)), INT,
                      (ir.Return(ir.Bin("add", ir.Name("new", INT), ir.Name("len", INT), INT)),))
    assert "static int f(int new_, int len)" in JavaBack(f).function()
    assert "def f(new, len_):" in PythonBack(f).function()


def test_range_bound_is_evaluated_once_when_the_body_changes_it():
    arr = ir.Name("arr", ir.list_of(INT))
    loop = ir.ForRange("i", INT, ir.Lit(0, INT), ir.Intrinsic("len", (arr,), INT), 1,
                       (ir.ExprStmt(ir.Intrinsic("append", (arr, ir.Name("i", INT)), ir.VOID)),))
    f = ir.FunctionIR("f", (ir.Param("arr", ir.list_of(INT)),), ir.VOID, (loop,))
    assert "for (int i = 0, i_end = (int) arr.size(); i < i_end; i++) {" in \
        CppBack(f).function()
    assert "for (int i = 0, i_end = arr.size(); i < i_end; i++) {" in JavaBack(f).function()


def _c_search(read_after: bool) -> ir.FunctionIR:
    i, n = ir.Name("i", INT), ir.Name("n", INT)
    c = ir.Name("c", INT)
    loop = ir.For((ir.Assign(i, ir.Lit(0, INT)),), ir.Bin("lt", i, n, BOOL),
                  (ir.Assign(i, ir.Lit(1, INT), "add"),),
                  (ir.Assign(c, ir.Lit(1, INT), "add"),))
    body = (ir.Decl("i", INT), ir.Decl("c", INT, ir.Lit(0, INT)), loop,
            ir.Return(i if read_after else c))
    return ir.FunctionIR("f", (ir.Param("n", INT),), INT, body)


def test_c_loop_over_an_outer_variable_is_a_range_only_when_the_end_value_is_dead():
    assert "for i in range(n):" in PythonBack(_c_search(read_after=False)).function()
    text = PythonBack(_c_search(read_after=True)).function()
    assert "while i < n:" in text
    scope: dict = {}
    exec(text, scope)
    assert scope["f"](3) == 3  # C leaves i one past the last iteration

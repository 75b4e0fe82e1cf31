"""Calls within a unit and across files; documentation carried over; candidate metadata."""

from __future__ import annotations

from pathlib import Path

from rules_helpers import code, functions, translate

from migrate.engines.rules import RulesEngine
from migrate.lang import get
from migrate.units import ExternalRef, Kind, Language, SourceFile, TranslationContext

PY, JAVA, CPP = Language.PYTHON, Language.JAVA, Language.CPP


def test_call_to_a_helper_in_the_same_file_is_a_plain_call():
    source = """
def square(x):
    return x * x

def area(a, b):
    return square(a) + square(b)
"""
    text = code(source, PY, JAVA, name="area")
    assert "return square(a) + square(b);" in text


def test_call_that_leaves_out_a_defaulted_argument():
    # the callee's literal default becomes a Java overload / C++ default argument
    source = """
def is_passing(score: int, curve: int = 0) -> bool:
    return score + curve >= 60

def g(x: int) -> bool:
    return is_passing(x) and is_passing(x, 5)
"""
    for target in (JAVA, CPP):
        assert "return is_passing(x) && is_passing(x, 5);" in code(source, PY, target, name="g")


def test_call_to_another_file_uses_the_reference_and_its_import():
    helper_text = "def twice(x):\n    return 2 * x\n"
    user_text = "from helper import twice\n\ndef quad(x):\n    return twice(twice(x))\n"
    parsed = []
    for name, text in (("helper.py", helper_text), ("user.py", user_text)):
        sf = SourceFile(name, Path(name), PY, text, "utf-8", len(text))
        parsed.extend(get(PY).extract(sf).functions)
    helper = next(f for f in parsed if f.name == "twice")
    quad = next(f for f in parsed if f.name == "quad")
    ref = ExternalRef("Helper.twice", "Helper")
    context = TranslationContext(JAVA, tuple(parsed), {helper.id: ref})
    result = RulesEngine().translate([quad], context)[0]
    cand = result.candidates[0]
    assert "return Helper.twice(Helper.twice(x));" in cand.code
    assert "Helper" in cand.imports


def test_recursion_keeps_the_name():
    text = code("""
static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
""", JAVA, CPP)
    assert "return n <= 1 ? 1 : n * fact(n - 1);" in text


def test_javadoc_becomes_a_python_docstring():
    text = code("""
/** Doubles the value. */
static int twice(int x) { return 2 * x; }
""", JAVA, PY)
    assert text.splitlines()[1] == '    """Doubles the value."""'


def test_python_docstring_becomes_cpp_comments():
    text = code('''
def one():
    """Always one.

    Used as a constant."""
    return 1
''', PY, CPP)
    assert text.startswith("// Always one.\n//\n// Used as a constant.\nint one() {")


def test_candidate_carries_signature_imports_and_notes():
    result = translate("""
import math
def hyp(a, b):
    return math.sqrt(a * a + b * b)
""", PY, CPP)
    cand = result.candidates[0]
    assert cand.rank == 0 and cand.engine == "rules" and cand.target is CPP
    assert "<cmath>" in cand.imports
    assert cand.signature.returns.kind is Kind.DOUBLE
    assert cand.notes, "type guesses for a Python source are explained"


def test_one_bad_function_does_not_stop_the_batch():
    funcs = functions("""
def good(n):
    return n + 1

def bad(n):
    return {n: 1}
""", PY)
    results = RulesEngine().translate(funcs, TranslationContext(JAVA, funcs))
    assert results[0].candidates and results[1].declined

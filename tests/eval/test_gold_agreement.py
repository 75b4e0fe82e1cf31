"""Whether a problem's target f_gold behaves like its source f_gold, on our own inputs."""

from __future__ import annotations

import shutil

import pytest

from migrate.eval.gold_agreement import golds_agree
from migrate.eval.suite import gold_function
from migrate.units import Language

pytestmark = pytest.mark.toolchain

JAVA_SOURCE = """import java.util.*;
public class P {
static int f_gold ( int a , int b ) {
  return a / b ;
}
//TOFILL
}
"""
# Python 3's `/` is a float division: 7 / 2 is 3.5 where Java says 3.
PY_DISAGREES = "def f_gold ( a , b ) :\n    return a / b\n#TOFILL\n"
PY_AGREES = ("def f_gold ( a , b ) :\n    q = abs ( a ) // abs ( b )\n"
             "    return q if ( a < 0 ) == ( b < 0 ) else - q\n#TOFILL\n")


@pytest.mark.skipif(shutil.which("javac") is None, reason="javac not installed")
@pytest.mark.parametrize(("target_text", "expected"), [(PY_DISAGREES, False), (PY_AGREES, True)])
def test_target_gold_judged_against_the_source_gold(tmp_path, target_text, expected):
    source = tmp_path / "P.java"
    source.write_text(JAVA_SOURCE)
    target = tmp_path / "P.py"
    target.write_text(target_text)
    function, parsed = gold_function(source, Language.JAVA)
    found = golds_agree([(function, parsed, target)], Language.PYTHON, tests=20, seed=0, sandbox="auto", jobs=1)
    agree, why = found[function.id]
    assert agree is expected
    assert (why is None) is expected  # a disagreement says which input showed it

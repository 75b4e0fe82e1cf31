"""Assembled files: conventions, stubs that compile, notes on unverified code."""

import py_compile
import shutil
import subprocess

import pytest

from migrate.assemble import assemble
from migrate.layout import plan_outputs
from migrate.units import (
    Kind,
    Language,
    Outcome,
    Param,
    Status,
    TestFailure,
    Type,
    Verdict,
    VerdictStatus,
    array_of,
)

INT = Type(Kind.INT)


def _outcomes(factories, target, code_by_name):
    """Two functions in inventory/stock.py: `double_it` translated, `risky` declined."""
    good = factories.function("inventory/stock.py", "double_it", line=1)
    bad = factories.function(
        "inventory/stock.py", "risky", line=5,
        params=(Param("xs", array_of(INT)), Param("n", INT)), returns=Type(Kind.DOUBLE),
        source='def risky(xs, n):\n    """Uses eval."""\n    return eval("*/ */")\n',
    )
    parsed = [factories.parsed("inventory/stock.py", (good, bad))]
    plan = plan_outputs(parsed, target)
    outcomes = [
        Outcome(good, target, Status.TRANSLATED, engine="rules",
                chosen=factories.candidate(good, code_by_name, target)),
        Outcome(bad, target, Status.DECLINED, reason='line 3: call to "eval" is not supported'),
    ]
    return assemble(plan, parsed, outcomes)


JAVA_CODE = "static int double_it(int n) {\n    return 2 * n;\n}"
CPP_CODE = "int double_it(int n) {\n    return 2 * n;\n}"
PY_CODE = "def double_it(n):\n    return 2 * n"


def test_java_file_has_banner_package_public_methods_and_stub(factories):
    (out,) = _outcomes(factories, Language.JAVA, JAVA_CODE)
    assert out.path == "inventory/Stock.java"
    text = out.text
    assert text.startswith("// Migrated by migrate")
    assert "from inventory/stock.py (Python)" in text.splitlines()[0]
    assert "package inventory;" in text
    assert "public static int double_it(int n)" in text
    assert "NOT MIGRATED: line 3: call to \"eval\" is not supported" in text
    assert "public static double risky(int[] xs, int n)" in text
    assert 'throw new UnsupportedOperationException("not migrated: line 3: call to \\"eval\\"' in text
    assert "* /" in text and "*/ */" not in text  # the original cannot close the comment early


@pytest.mark.toolchain
def test_java_output_compiles(factories, tmp_path):
    if not shutil.which("javac"):
        pytest.skip("javac not on PATH")
    (out,) = _outcomes(factories, Language.JAVA, JAVA_CODE)
    path = tmp_path / out.path
    path.parent.mkdir(parents=True)
    path.write_text(out.text)
    done = subprocess.run(["javac", "-d", str(tmp_path / "classes"), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.toolchain
def test_cpp_output_compiles_on_its_own(factories, tmp_path):
    if not shutil.which("g++"):
        pytest.skip("g++ not on PATH")
    (out,) = _outcomes(factories, Language.CPP, CPP_CODE)
    assert out.path == "inventory/stock.hpp"
    assert "inline int double_it(int n)" in out.text
    assert "namespace inventory {" in out.text and "namespace stock {" in out.text
    path = tmp_path / out.path
    path.parent.mkdir(parents=True)
    path.write_text(out.text)
    done = subprocess.run(["g++", "-std=c++17", "-fsyntax-only", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_python_output_compiles_and_stub_raises(factories, tmp_path):
    outputs = _outcomes(factories, Language.PYTHON, PY_CODE)
    assert [o.path for o in outputs] == ["inventory/__init__.py", "inventory/stock.py"]
    module = outputs[1]
    path = tmp_path / "stock.py"
    path.write_text(module.text)
    py_compile.compile(str(path), doraise=True)
    namespace: dict = {}
    exec(compile(module.text, str(path), "exec"), namespace)
    assert namespace["double_it"](21) == 42
    with pytest.raises(NotImplementedError, match="not migrated"):
        namespace["risky"]([1], 1)


def test_unverified_candidate_carries_its_test_result(factories):
    f = factories.function("m.py", "f")
    verdict = Verdict(f.id, "rules", 0, VerdictStatus.FAILED, tests_passed=17, tests_total=20,
                      first_failure=TestFailure("[-3]", "-2", "-1"))
    outcome = Outcome(f, Language.JAVA, Status.FAILED, engine="rules", verdict=verdict,
                      chosen=factories.candidate(f, "static int f(int n) {\n    return n / 2;\n}", Language.JAVA))
    (out,) = assemble(plan_outputs([factories.parsed("m.py", (f,))], Language.JAVA),
                      [factories.parsed("m.py", (f,))], [outcome])
    assert "// UNVERIFIED: passed 17 of 20 tests" in out.text
    assert "// First failing input: [-3]; expected -2, got -1." in out.text


def test_methods_land_in_classes(factories):
    m = factories.function("shop.py", "total", enclosing=("Cart",), is_method=True)
    parsed = [factories.parsed("shop.py", (m,), classes=("Cart",))]
    outcome = Outcome(m, Language.JAVA, Status.TRANSLATED, engine="rules",
                      chosen=factories.candidate(m, "int total(int n) {\n    return n;\n}", Language.JAVA))
    (out,) = assemble(plan_outputs(parsed, Language.JAVA), parsed, [outcome])
    assert "public class Shop {" in out.text
    assert "    public static class Cart {" in out.text
    assert "        public int total(int n) {" in out.text


def test_files_are_sorted_and_cross_file_includes_are_relative(factories):
    f = factories.function("app/main.py", "run")
    parsed = [factories.parsed("app/main.py", (f,))]
    outcome = Outcome(f, Language.CPP, Status.TRANSLATED, engine="rules", chosen=factories.candidate(
        f, "int run(int n) {\n    return lib::util::helper(n);\n}", Language.CPP,
        imports=('"lib/util.hpp"', "<vector>")))
    (out,) = assemble(plan_outputs(parsed, Language.CPP), parsed, [outcome])
    assert '#include "../lib/util.hpp"' in out.text
    assert "#include <vector>" in out.text


def test_stateless_method_becomes_a_static_method_in_python(factories, tmp_path):
    """Engines write a method that never uses its object as a free function; inside its
    class it must be a static method, or an instance call would pass itself as `arr`."""
    m = factories.function("Shop.java", "total", enclosing=("Shop",), is_method=True)
    stub_only = factories.function("Shop.java", "other", enclosing=("Shop",), is_method=True)
    parsed = [factories.parsed("Shop.java", (m, stub_only), classes=("Shop",))]
    outcomes = [
        Outcome(m, Language.PYTHON, Status.PASSED, engine="rules",
                chosen=factories.candidate(m, "def total(arr, n):\n    return sum(arr[:n])", Language.PYTHON)),
        Outcome(stub_only, Language.PYTHON, Status.DECLINED, reason="uses a field"),
    ]
    (out,) = assemble(plan_outputs(parsed, Language.PYTHON), parsed, outcomes)
    assert "    @staticmethod\n    def total(arr, n):" in out.text
    assert "    def other(self" in out.text  # a stub keeps the method's own shape
    scope: dict = {}
    exec(out.text, scope)
    assert scope["Shop"]().total([1, 2, 3], 2) == 3

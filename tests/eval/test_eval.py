"""`migrate eval` on a handful of GfG problems, and the suite-format helpers."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from migrate.eval.suite import add_imports, fill, gold_function, load_suite, parse_results, rename_filled
from migrate.units import Language

GFG = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "gfg"
needs_gfg = pytest.mark.skipif(not GFG.is_dir(), reason=f"{GFG} not found (../shared/benchmarks/gfg)")


def test_results_line_in_each_language():
    assert parse_results("#Results:10, 10\n") == (10, 10)  # Java
    assert parse_results("#Results: 7, 10") == (7, 10)  # C++ and Python
    assert parse_results("no verdict") is None


def test_fill_strips_javafx_and_renames_recursion():
    script = "import java.util. *;\nimport javafx.util.Pair;\nclass X {\n//TOFILL\n}\n"
    code = rename_filled("static int f_gold(int n) { return n < 1 ? 0 : f_gold(n - 1); }")
    filled = fill(script, code, Language.JAVA)
    assert "javafx" not in filled
    assert "f_filled(n - 1)" in filled and "f_gold" not in filled
    with pytest.raises(ValueError):
        fill("no marker", code, Language.JAVA)


def test_imports_go_where_the_language_wants_them():
    java = "import java.util. *;\nclass X {\n//TOFILL\n}\n"
    out = add_imports(java, ("java.util.Arrays", "java.math.BigInteger"), Language.JAVA)
    assert "import java.math.BigInteger;" in out and "import java.util.Arrays;" not in out
    assert out.index("BigInteger") < out.index("class X")
    assert add_imports("#TOFILL\n", ("math",), Language.PYTHON).startswith("import math\n")


@needs_gfg
def test_translator_sees_f_gold_alone():
    problem = next(p for p in load_suite(GFG) if Language.PYTHON in p.scripts)
    function, parsed = gold_function(problem.scripts[Language.PYTHON], Language.PYTHON)
    assert function.name == "f_gold"
    assert [f.name for f in parsed.functions] == ["f_gold"]
    assert "param" not in parsed.source.text and "__main__" not in parsed.source.text


@needs_gfg
@pytest.mark.toolchain
@pytest.mark.skipif(not (shutil.which("javac") and shutil.which("g++")), reason="javac and g++ needed")
def test_eval_command_on_a_handful_of_problems(tmp_path, monkeypatch, capsys):
    from migrate.cli import main

    report = tmp_path / "results.json"
    args = ["migrate", "eval", str(GFG), "--pairs", "cpp:java,java:python", "--limit", "3",
            "--engine", "rules", "--no-verify", "--report", str(report), "--cache-dir", str(tmp_path / "cache")]
    monkeypatch.setattr(sys, "argv", args)
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 0
    data = json.loads(report.read_text())
    assert data["version"] == 1
    for key in ("cpp->java", "java->python"):
        d = data["directions"][key]
        assert d["problems"] == 3
        for field in ("translated", "compiled", "passed", "ca", "ca_aligned", "precision", "recall", "excluded"):
            assert field in d
        assert d["passed"] <= d["compiled"] <= d["translated"] <= 3
        assert len(d["results"]) == 3 - d["excluded"]
    out = capsys.readouterr().out
    assert "cpp->java" in out and "CA %" in out
    # a second run reuses every finished problem (same key) and gives the same figures
    monkeypatch.setattr(sys, "argv", args)
    with pytest.raises(SystemExit):
        main()
    again = json.loads(report.read_text())
    assert {k: v["passed"] for k, v in again["directions"].items()} == {
        k: v["passed"] for k, v in data["directions"].items()}


def test_same_class_never_shares_a_javac_batch():
    from migrate.eval.runner import JAVA_BATCH, Script, _java_batches

    scripts = [Script(f"{i}.{copy}", Language.JAVA, f"public class P{i} {{}}\n")
               for i in range(JAVA_BATCH + 5) for copy in ("a", "b")]
    batches = _java_batches(scripts)
    assert sum(len(b) for b in batches) == len(scripts)
    for batch in batches:
        names = [s.text for s in batch]
        assert len(names) == len(set(names)) and len(batch) <= JAVA_BATCH

"""End to end: originals and candidates in all three languages, through the real sandbox."""

import pytest

from migrate.units import EngineResult, Language, Verdict, VerdictStatus
from migrate.verify import VerifySettings, check_toolchains, sandbox_status, select, verify
from tests.verify.conftest import candidates, context, extract, need

FAST = VerifySettings(tests=8, test_timeout=2.0, jobs=2)

JAVA_SRC = """
class Algo {
    static int sumTo(int arr[], int n) {
        int s = 0;
        for (int i = 0; i < n; i++) s += arr[i];
        return s;
    }
    static void bump(int[] a, int n) { for (int i = 0; i < n; i++) a[i] += 1; }
}
"""


def by_name(functions, name):
    return next(f for f in functions if f.name == name)


@pytest.mark.toolchain
def test_java_original_against_cpp_candidates():
    need("javac", "java", "g++")
    functions, sources = extract(Language.JAVA, JAVA_SRC, "Algo")
    f = by_name(functions, "sumTo")
    good = "int sumTo(int arr[], int n) { int s = 0; for (int i = 0; i < n; i++) s += arr[i]; return s; }"
    wrong = "int sumTo(int arr[], int n) { int s = 0; for (int i = 1; i < n; i++) s += arr[i]; return s; }"
    broken = "int sumTo(int arr[], int n) { return s; }"
    out = verify([f], [candidates(f, Language.CPP, [good, wrong, broken])],
                 context(functions, Language.CPP), FAST, sources=sources)
    ok, bad, err = out[f.id]
    assert ok.status is VerdictStatus.PASSED and ok.tests_passed == ok.tests_total >= 8
    assert bad.status is VerdictStatus.FAILED and bad.first_failure is not None
    assert "expected" in bad.first_failure.message
    assert err.status is VerdictStatus.COMPILE_ERROR and "s" in err.compiler_message
    assert select(out[f.id]) is ok


@pytest.mark.toolchain
def test_in_place_changes_are_compared():
    need("javac", "java")
    functions, sources = extract(Language.JAVA, JAVA_SRC, "Algo")
    f = by_name(functions, "bump")
    good = "def bump(a, n):\n    for i in range(n):\n        a[i] += 1\n"
    lazy = "def bump(a, n):\n    a = [x + 1 for x in a]\n"
    out = verify([f], [candidates(f, Language.PYTHON, [good, lazy])],
                 context(functions, Language.PYTHON), FAST, sources=sources)
    ok, lost = out[f.id]
    assert ok.status is VerdictStatus.PASSED, ok
    assert lost.status is VerdictStatus.FAILED
    assert "argument a ends as" in lost.first_failure.message


PY_SRC = '''
def helper(x: int) -> int:
    return x * 2

def uses_helper(x: int) -> int:
    return helper(x) + 1

def divide(a: int, b: int) -> int:
    return a // b

class Greeter:
    def twice(self, s: str) -> str:
        return s + s
'''


@pytest.mark.toolchain
def test_original_raising_requires_candidate_to_raise():
    need("javac", "java")
    functions, sources = extract(Language.PYTHON, PY_SRC)
    f = by_name(functions, "divide")
    java = "static int divide(int a, int b) { return Math.floorDiv(a, b); }"
    truncating = "static int divide(int a, int b) { return b == 0 ? 0 : a / b; }"
    out = verify([f], [candidates(f, Language.JAVA, [java, truncating])],
                 context(functions, Language.JAVA), FAST, sources=sources)
    ok, bad = out[f.id]
    assert ok.status is VerdictStatus.PASSED, ok
    assert bad.status is VerdictStatus.FAILED


@pytest.mark.toolchain
def test_callees_come_from_the_same_engine():
    need("g++")
    functions, sources = extract(Language.PYTHON, PY_SRC)
    main, helper = by_name(functions, "uses_helper"), by_name(functions, "helper")
    results = [
        candidates(main, Language.CPP, ["int uses_helper(int x) { return helper(x) + 1; }"]),
        candidates(helper, Language.CPP, ["int helper(int x) { return x * 2; }"]),
        candidates(main, Language.CPP, ["int uses_helper(int x) { return helper(x) + 1; }"],
                   engine="transcoder"),
    ]
    out = verify([main, helper], results, context(functions, Language.CPP), FAST,
                 sources=sources)
    rules, transcoder = out[main.id]
    assert rules.status is VerdictStatus.PASSED, rules
    assert transcoder.status is VerdictStatus.UNTESTABLE
    assert "helper" in transcoder.reason and "transcoder" in transcoder.reason
    assert out[helper.id][0].status is VerdictStatus.PASSED


@pytest.mark.toolchain
def test_method_gets_an_instance():
    need("javac", "java")
    functions, sources = extract(Language.PYTHON, PY_SRC)
    f = by_name(functions, "twice")
    java = "String twice(String s) { return s + s; }"
    out = verify([f], [candidates(f, Language.JAVA, [java])], context(functions, Language.JAVA),
                 FAST, sources=sources)
    assert out[f.id][0].status is VerdictStatus.PASSED, out[f.id][0]


@pytest.mark.toolchain
def test_python_identity_without_sources_uses_callees():
    functions, _ = extract(Language.PYTHON, PY_SRC)
    main = by_name(functions, "uses_helper")
    helper = by_name(functions, "helper")
    results = [candidates(g, Language.PYTHON, [g.source]) for g in (main, helper)]
    out = verify([main], results, context(functions, Language.PYTHON), FAST)
    assert out[main.id][0].status is VerdictStatus.PASSED, out[main.id][0]


def test_unknown_types_are_untestable(monkeypatch):
    import migrate.verify.core as core

    functions, _ = extract(Language.PYTHON, "def f(x):\n    return x.frobnicate()\n")
    f = functions[0]
    monkeypatch.setattr(core, "signature_of", lambda fn, same=(): (fn.signature, []))
    out = verify([f], [candidates(f, Language.JAVA, ["static int f(int x) { return x; }"])],
                 context(functions, Language.JAVA), FAST)
    v = out[f.id][0]
    assert v.status is VerdictStatus.UNTESTABLE and "unknown type" in v.reason


def test_select_prefers_passing_then_fewest_failures_then_engine_order():
    def v(engine, status, passed, total=10, rank=0):
        return Verdict("f", engine, rank, status, passed, total)

    p_tc = v("transcoder", VerdictStatus.PASSED, 10)
    p_rules = v("rules", VerdictStatus.PASSED, 10)
    f_rules = v("rules", VerdictStatus.FAILED, 8)
    f_tc = v("transcoder", VerdictStatus.FAILED, 9)
    ce = v("rules", VerdictStatus.COMPILE_ERROR, 0)
    assert select([p_tc, p_rules, f_rules]) is p_rules
    assert select([p_tc, p_rules], engine_order=("transcoder", "rules")) is p_tc
    assert select([f_rules, f_tc, ce]) is f_tc
    assert select([ce]) is ce
    # A candidate that compiled but could not be tested beats one that did not compile.
    untested = v("transcoder", VerdictStatus.UNTESTABLE, 0, 0)
    assert select([ce, untested]) is untested
    assert select([]) is None


def test_settings_are_validated():
    from migrate.errors import ConfigError

    with pytest.raises(ConfigError):
        VerifySettings(sandbox="maybe")
    with pytest.raises(ConfigError):
        VerifySettings(tests=0)


def test_toolchains_and_sandbox_are_reported():
    found = check_toolchains(list(Language))
    assert set(found) == set(Language)
    for problem in found.values():
        assert problem is None or "not found" in problem
    kind, warning = sandbox_status()
    assert kind in ("bwrap", "rlimits")
    assert (warning is None) == (kind == "bwrap")


def test_required_sandbox_raises_when_bwrap_is_missing(monkeypatch):
    from migrate.errors import SandboxError
    from migrate.verify import sandbox

    monkeypatch.setattr(sandbox, "_bwrap_problem", lambda: "not installed")
    with pytest.raises(SandboxError, match="bubblewrap"):
        sandbox.require("required")
    assert sandbox.require("auto") == "rlimits"
    assert "WITHOUT" in sandbox.sandbox_status()[1]


def test_missing_toolchain_makes_candidates_untestable(monkeypatch):
    import migrate.verify.core as core

    functions, sources = extract(Language.PYTHON, PY_SRC)
    f = by_name(functions, "helper")
    monkeypatch.setattr(core, "check_toolchains", lambda langs: {
        lang: ("g++ not found on PATH" if lang is Language.CPP else None) for lang in langs})
    out = verify([f], [candidates(f, Language.CPP, ["int helper(int x) { return 2 * x; }"])],
                 context(functions, Language.CPP), FAST, sources=sources)
    assert out[f.id][0].status is VerdictStatus.UNTESTABLE
    assert "g++ not found" in out[f.id][0].reason


def test_declined_engine_results_give_no_verdicts():
    functions, _ = extract(Language.PYTHON, PY_SRC)
    f = by_name(functions, "helper")
    out = verify([f], [EngineResult(f.id, "rules", (), declined="no")],
                 context(functions, Language.CPP), FAST)
    assert out == {f.id: []}


SHAPES = """
class Shapes {
    static int countA(char[] s, int n) {
        int c = 0; for (int i = 0; i < n; i++) if (s[i] == 'a') c++; return c; }
    static int trace(int[][] m, int n) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }
    static String twice(String s) { return s + s; }
    static double mean(java.util.List<Integer> xs) {
        double s = 0; for (int x : xs) s += x; return xs.isEmpty() ? 0 : s / xs.size(); }
}
"""


@pytest.mark.toolchain
def test_shapes_cross_into_cpp_and_python():
    need("javac", "java", "g++")
    functions, sources = extract(Language.JAVA, SHAPES, "Shapes")
    cpp = {
        "countA": "int countA(char s[], int n) { int c = 0; "
                  "for (int i = 0; i < n; i++) if (s[i] == 'a') c++; return c; }",
        "trace": "int trace(vector<vector<int>>& m, int n) { int t = 0; "
                 "for (int i = 0; i < n; i++) t += m[i][i]; return t; }",
        "twice": "string twice(const string& s) { return s + s; }",
        "mean": "double mean(vector<int> xs) { double s = 0; for (int x : xs) s += x; "
                "return xs.empty() ? 0 : s / xs.size(); }",
    }
    py = {
        "countA": "def countA(s, n):\n    return sum(1 for i in range(n) if s[i] == 'a')\n",
        "trace": "def trace(m, n):\n    return sum(m[i][i] for i in range(n))\n",
        "twice": "def twice(s):\n    return s * 2\n",
        "mean": "def mean(xs):\n    return sum(xs) / len(xs) if xs else 0\n",
    }
    for target, codes in ((Language.CPP, cpp), (Language.PYTHON, py)):
        chosen = [f for f in functions if f.name in codes]
        results = [candidates(f, target, [codes[f.name]]) for f in chosen]
        out = verify(chosen, results, context(functions, target), FAST, sources=sources)
        for f in chosen:
            v = out[f.id][0]
            assert v.status is VerdictStatus.PASSED, (target, f.name, v)

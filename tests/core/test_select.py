"""Choosing among verified candidates: what the report says when none passed."""

from __future__ import annotations

from migrate.pipeline import select_verified
from migrate.units import EngineResult, Language, Status, Verdict, VerdictStatus


def test_a_failing_candidate_keeps_the_other_engines_decline_reason(factories):
    function = factories.function("a.py", "f")
    neural = factories.candidate(function, "int f(int n) { return n; }}", Language.CPP, engine="transcoder")
    results = [EngineResult(function.id, "rules", declined="unsupported: generator (yield)"),
               EngineResult(function.id, "transcoder", candidates=(neural,))]
    verdict = Verdict(function.id, "transcoder", 0, VerdictStatus.COMPILE_ERROR,
                      compiler_message="line 1: unmatched '}' (brackets do not match)")
    outcome = select_verified(function, Language.CPP, results, [verdict], verdict)
    assert outcome.status is Status.COMPILE_ERROR
    assert outcome.reason == ("no candidate compiled: line 1: unmatched '}' (brackets do not match); "
                              "rules: unsupported: generator (yield)")


def test_a_passing_candidate_has_no_decline_reason(factories):
    function = factories.function("a.py", "f")
    neural = factories.candidate(function, "int f(int n) { return n; }", Language.CPP, engine="transcoder")
    results = [EngineResult(function.id, "rules", declined="unsupported: generator (yield)"),
               EngineResult(function.id, "transcoder", candidates=(neural,))]
    verdict = Verdict(function.id, "transcoder", 0, VerdictStatus.PASSED, tests_passed=3, tests_total=3)
    outcome = select_verified(function, Language.CPP, results, [verdict], verdict)
    assert outcome.status is Status.PASSED and outcome.reason is None

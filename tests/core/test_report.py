import json
from xml.etree import ElementTree as ET

from migrate.report.json_report import dumps
from migrate.report.junit import to_junit
from migrate.units import Language, Outcome, RunReport, Status, TestFailure, Verdict, VerdictStatus


def _report(factories):
    a = factories.function("m.py", "a")
    b = factories.function("m.py", "b", line=5)
    c = factories.function("n.py", "c")
    failed = Verdict(b.id, "rules", 0, VerdictStatus.FAILED, 3, 20, first_failure=TestFailure("[1]", "2", "3"))
    outcomes = (
        Outcome(a, Language.JAVA, Status.PASSED, engine="rules", output_file="M.java",
                verdict=Verdict(a.id, "rules", 0, VerdictStatus.PASSED, 20, 20)),
        Outcome(b, Language.JAVA, Status.FAILED, engine="rules", verdict=failed, tried=(failed,),
                reason="differs from the original on 17 of 20 tests"),
        Outcome(c, Language.JAVA, Status.DECLINED, reason="rules: line 2: eval is not supported"),
    )
    return RunReport("/src", "/out", Language.JAVA, outcomes)


def test_json_report_has_the_documented_fields(factories):
    data = json.loads(dumps(_report(factories)))
    assert data["version"] == 1
    assert data["summary"]["functions"] == 3
    assert data["summary"]["passed"] == 1
    assert data["summary"]["verified_share"] == round(1 / 3, 4)
    assert data["summary"]["pairs"]["python->java"]["declined"] == 1
    entry = data["functions"][1]
    for key in ("file", "name", "qualified_name", "line", "language", "target_language", "status",
                "engine", "reason", "output_file", "tests", "first_failure", "candidates"):
        assert key in entry
    assert entry["tests"] == {"passed": 3, "total": 20}
    assert entry["first_failure"]["expected"] == "2"
    assert data["summary"]["top_reasons"][0]["reason"]


def test_junit_has_one_case_per_function_with_failures(factories):
    root = ET.fromstring(to_junit(_report(factories)))
    assert root.get("tests") == "3"
    assert root.get("failures") == "2"
    cases = root.findall("testcase")
    assert [c.get("name") for c in cases] == ["a", "b", "c"]
    assert cases[0].find("failure") is None
    assert "expected 2, got 3" in cases[1].find("failure").text

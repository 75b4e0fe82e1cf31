"""JUnit XML for CI systems: one test case per function."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from migrate.units import RunReport, Status

_FAILURES = (Status.FAILED, Status.COMPILE_ERROR, Status.DECLINED, Status.ERROR, Status.UNTESTABLE)


def to_junit(report: RunReport) -> str:
    suite = ET.Element("testsuite", name=f"migrate to {report.target.value}")
    failures = errors = skipped = 0
    for outcome in report.outcomes:
        f = outcome.function
        case = ET.SubElement(
            suite, "testcase", classname=f.file.replace("/", "."), name=f.qualified_name,
            file=f.file, line=str(f.line),
        )
        if outcome.verdict is not None:
            case.set("time", f"{sum(v.seconds for v in outcome.tried):.3f}")
        message = outcome.reason or outcome.status.value
        if outcome.status is Status.ERROR:
            errors += 1
            ET.SubElement(case, "error", message=message.splitlines()[0], type="error").text = message
        elif outcome.status is Status.SKIPPED:
            skipped += 1
            ET.SubElement(case, "skipped", message=message)
        elif outcome.status in _FAILURES:
            failures += 1
            detail = [message]
            v = outcome.verdict
            if v is not None and v.first_failure is not None:
                ff = v.first_failure
                detail.append(f"input {ff.input}: expected {ff.expected}, got {ff.actual}")
            if v is not None and v.compiler_message:
                detail.append(v.compiler_message)
            failure = ET.SubElement(case, "failure", message=message.splitlines()[0], type=outcome.status.value)
            failure.text = "\n".join(detail)
    suite.set("tests", str(len(report.outcomes)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", f"{report.seconds:.3f}")
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"

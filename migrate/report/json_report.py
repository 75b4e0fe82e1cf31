"""The machine-readable report (documented in the README under "The JSON report")."""

from __future__ import annotations

import json
from dataclasses import asdict

from migrate import __version__
from migrate.report.summary import summarize, top_reasons
from migrate.units import Outcome, RunReport, Status, Verdict

REPORT_VERSION = 1


def _verdict(v: Verdict) -> dict:
    return {
        "engine": v.engine,
        "rank": v.rank,
        "status": v.status.value,
        "tests": {"passed": v.tests_passed, "total": v.tests_total},
        "compiler_message": v.compiler_message,
        "first_failure": asdict(v.first_failure) if v.first_failure else None,
        "reason": v.reason,
        "seconds": round(v.seconds, 3),
    }


def _function(o: Outcome) -> dict:
    f = o.function
    entry = {
        "file": f.file,
        "name": f.name,
        "qualified_name": f.qualified_name,
        "line": f.line,
        "end_line": f.span.end_line,
        "language": f.language.value,
        "target_language": o.target.value,
        "status": o.status.value,
        "engine": o.engine,
        "reason": o.reason,
        "output_file": o.output_file,
        "type_notes": list(o.chosen.notes if o.chosen else f.signature.type_notes),
        "cached": o.cached,
    }
    if o.verdict is not None:
        v = o.verdict
        entry["tests"] = {"passed": v.tests_passed, "total": v.tests_total}
        entry["compiler_message"] = v.compiler_message
        entry["first_failure"] = asdict(v.first_failure) if v.first_failure else None
        entry["seconds"] = round(sum(t.seconds for t in o.tried) or v.seconds, 3)
    entry["candidates"] = [_verdict(v) for v in o.tried]
    return entry


def to_json(report: RunReport, *, dry_run: bool = False) -> dict:
    """The report as plain JSON-ready data."""
    outcomes = report.outcomes
    total = len(outcomes)
    passed = sum(1 for o in outcomes if o.status is Status.PASSED)
    migrated = sum(1 for o in outcomes if o.status.migrated)
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "migrate", "version": __version__},
        "source": report.source_root,
        "output": report.output_root,
        "target": report.target.value,
        "dry_run": dry_run,
        "seconds": round(report.seconds, 3),
        "summary": {
            "functions": total,
            "migrated": migrated,
            "passed": passed,
            "verified_share": round(passed / total, 4) if total else None,
            "by_status": {s.value: sum(1 for o in outcomes if o.status is s) for s in Status},
            "pairs": {p.key: p.as_dict() for p in summarize(report)},
            "top_reasons": [{"reason": r, "count": n} for r, n in top_reasons(outcomes)],
            "skipped_files": len(report.skipped_files),
            "ignored_files": report.ignored_files,
        },
        "functions": [_function(o) for o in outcomes],
        "skipped_files": [
            {"path": s.path, "reason": s.reason.value, "detail": s.detail} for s in report.skipped_files
        ],
        "syntax_issues": {
            path: [{"start_line": i.start_line, "end_line": i.end_line, "message": i.message} for i in issues]
            for path, issues in sorted(report.syntax_issues.items())
        },
        "outputs": [o.path for o in report.outputs],
        "collisions": list(report.collisions),
        "warnings": list(report.warnings),
    }


def dumps(report: RunReport, *, dry_run: bool = False) -> str:
    return json.dumps(to_json(report, dry_run=dry_run), indent=2, ensure_ascii=False) + "\n"

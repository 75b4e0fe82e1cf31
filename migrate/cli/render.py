"""The end-of-run summary table and notices."""

from __future__ import annotations

from rich.table import Table

from migrate.cli.terminal import Terminal
from migrate.config import Settings
from migrate.report.summary import summarize, top_reasons
from migrate.units import RunReport, Status


def print_warnings(term: Terminal, report: RunReport) -> None:
    for warning in report.warnings:
        term.warn(warning)
    for line in report.collisions:
        term.warn(f"output name clash resolved: {line}")
    for path, issues in sorted(report.syntax_issues.items()):
        for issue in issues:
            lines = str(issue.start_line)
            if issue.end_line != issue.start_line:
                lines += f"-{issue.end_line}"
            term.warn(f"{path}:{lines}: {issue.message}")
    for skipped in report.skipped_files:
        if skipped.reason.name not in ("TARGET_LANGUAGE", "NOT_SELECTED"):
            detail = f" ({skipped.detail})" if skipped.detail else ""
            term.warn(f"{skipped.path}: skipped: {skipped.reason.value}{detail}")


def print_summary(term: Terminal, report: RunReport, settings: Settings, verified: bool) -> None:
    table = Table(title=f"migrate: {report.source_root} -> {settings.target.display}", title_justify="left")
    table.add_column("pair")
    table.add_column("found", justify="right")
    table.add_column("translated", justify="right")
    if verified:
        for name in ("passed", "failed", "compile error", "untestable"):
            table.add_column(name, justify="right")
    table.add_column("declined", justify="right")
    table.add_column("error", justify="right")
    for pair in summarize(report):
        counts = pair.by_status
        row = [pair.key, str(pair.found), str(pair.migrated)]
        if verified:
            row += [str(counts.get(s.value, 0)) for s in
                    (Status.PASSED, Status.FAILED, Status.COMPILE_ERROR, Status.UNTESTABLE)]
        row += [str(counts.get("declined", 0)), str(counts.get("error", 0))]
        table.add_row(*row)
    term.table(table)
    skipped = {}
    for s in report.skipped_files:
        skipped[s.reason.value] = skipped.get(s.reason.value, 0) + 1
    if skipped:
        term.out.print("skipped files: " + ", ".join(f"{n} {r}" for r, n in sorted(skipped.items())), markup=False)
    reasons = top_reasons(report.outcomes)
    if reasons:
        term.out.print("top reasons:", markup=False)
        for reason, n in reasons:
            term.out.print(f"  {n:>4}  {reason}", markup=False)
    where = "nothing written (dry run)" if settings.dry_run else f"output: {report.output_root}"
    report_path = settings.report_path
    term.out.print(where + (f"; report: {report_path}" if report_path else ""), markup=False)

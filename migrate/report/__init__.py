"""Reports of a run: pure functions of a `RunReport` (JSON, JUnit XML, summary rows)."""

from migrate.report.json_report import REPORT_VERSION, to_json
from migrate.report.junit import to_junit
from migrate.report.summary import PairSummary, summarize, top_reasons

__all__ = ["REPORT_VERSION", "to_json", "to_junit", "PairSummary", "summarize", "top_reasons"]

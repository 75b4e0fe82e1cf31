"""Counts per language pair, shared by the JSON report and the terminal table."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from migrate.units import Outcome, RunReport, Status


@dataclass
class PairSummary:
    source: str
    target: str
    found: int = 0
    by_status: Counter = field(default_factory=Counter)

    @property
    def key(self) -> str:
        return f"{self.source}->{self.target}"

    @property
    def migrated(self) -> int:
        return sum(n for status, n in self.by_status.items() if Status(status).migrated)

    def as_dict(self) -> dict:
        counts = {s.value: self.by_status.get(s.value, 0) for s in Status}
        return {"found": self.found, "migrated": self.migrated, **counts}


def summarize(report: RunReport) -> list[PairSummary]:
    pairs: dict[str, PairSummary] = {}
    for outcome in report.outcomes:
        source, target = outcome.function.language.value, outcome.target.value
        pair = pairs.setdefault(f"{source}->{target}", PairSummary(source, target))
        pair.found += 1
        pair.by_status[outcome.status.value] += 1
    return [pairs[k] for k in sorted(pairs)]


def _reason_kind(reason: str) -> str:
    """A reason with its specifics (line numbers, names in quotes) blanked, to group alike ones."""
    text = reason.split("\n", 1)[0]
    text = re.sub(r"^[a-z]+: ", "", text)  # engine prefix
    text = re.sub(r"\bline \d+:\s*", "", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "…", text)
    return text.strip()[:120]


def top_reasons(outcomes: tuple[Outcome, ...] | list[Outcome], limit: int = 5) -> list[tuple[str, int]]:
    """The commonest reasons functions were not migrated or not verified."""
    counted = Counter(
        _reason_kind(o.reason) for o in outcomes if o.reason and o.status is not Status.PASSED
    )
    return counted.most_common(limit)

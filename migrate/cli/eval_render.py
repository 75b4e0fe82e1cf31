"""The CA table of `migrate eval`."""

from __future__ import annotations

from rich.table import Table

from migrate.cli.terminal import Terminal

# TransCoder's published CA@1 of its released model 1 (beam 1), measured on its own test
# split of the same suite: a reference point, not a like-for-like comparison.
TRANSCODER_CA1 = {
    "cpp->java": 62.99, "cpp->python": 44.71, "java->cpp": 80.04,
    "java->python": 46.87, "python->cpp": 31.55, "python->java": 33.89,
}


def _pct(value) -> str:
    return "-" if value is None else f"{value:.1f}"


def print_eval(term: Terminal, data: dict) -> None:
    table = Table(title=f"CA on {data['suite']} (engine {data['engine']})", title_justify="left")
    for name in ("direction", "problems", "excluded", "translated", "compiled", "passed", "CA %",
                 "CA aligned %", "precision %", "recall %", "TransCoder CA@1"):
        table.add_column(name, justify="left" if name == "direction" else "right")
    for key, d in data["directions"].items():
        table.add_row(key, str(d["problems"]), str(d["excluded"]), str(d["translated"]), str(d["compiled"]),
                      str(d["passed"]), _pct(d["ca"]), _pct(d["ca_aligned"]), _pct(d["precision"]),
                      _pct(d["recall"]), _pct(TRANSCODER_CA1.get(key)))
    term.table(table)
    for warning in data.get("warnings", []):
        term.warn(warning)

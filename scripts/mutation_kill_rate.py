#!/usr/bin/env python3
"""Do our generated tests have teeth? Kill rate of seeded mutants of every GfG `f_gold`.

For each f_gold (per language): seeded mutants are made by one small change in its body:
an operator swapped (+ -, * /, < <=, > >=, == !=, && ||, and/or), an integer constant
changed by one (off-by-one), 0 <-> 1. A mutant counts only if the suite's own script
rejects it too: the mutant, renamed `f_filled`, is inserted at the script's TOFILL
marker (Java's javafx import stripped) and the script's `main` must report a failure.
Mutants the script accepts may be equivalent and are left out; mutants that do not
compile are left out. The kill rate is the share of the counted mutants that the
verifier (generated inputs only, never the script's) does not pass.

    nice python scripts/mutation_kill_rate.py --lang cpp --limit 60 --per-function 2
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from gfg_oracle import EXT, GFG, load  # noqa: E402

from migrate.eval.runner import Script, ScriptRunner  # noqa: E402
from migrate.eval.suite import fill, rename_filled  # noqa: E402
from migrate.units import (  # noqa: E402
    Candidate,
    EngineResult,
    Language,
    TranslationContext,
    VerdictStatus,  # noqa: E402
)
from migrate.verify import VerifySettings, sandbox, verify  # noqa: E402

SWAPS = {"+": "-", "-": "+", "*": "/", "/": "*", "<": "<=", "<=": "<", ">": ">=", ">=": ">",
         "==": "!=", "!=": "==", "&&": "||", "||": "&&", "and": "or", "or": "and"}
# Operators as the suite writes them: tokens surrounded by spaces.
OPERATOR = re.compile(r"(?<= )(<=|>=|==|!=|&&|\|\||\band\b|\bor\b|[-+*/<>])(?= )")
INTEGER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")


def mutation_sites(code: str, body_start: int) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every single-token mutation inside the body."""
    sites = []
    stripped = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', lambda m: " " * len(m.group()),
                      code)  # no mutations inside string or char literals
    for m in OPERATOR.finditer(stripped, body_start):
        sites.append((m.start(), m.end(), SWAPS[m.group(1)]))
    for m in INTEGER.finditer(stripped, body_start):
        value = int(m.group(1))
        sites.append((m.start(), m.end(), str(value + 1)))
        if value in (1, 2):
            sites.append((m.start(), m.end(), str(value - 1)))
    return sites


def mutants(gold, per_function: int, seed: int) -> list[str]:
    code = gold.source
    start = code.find(gold.body) if gold.body else -1
    sites = mutation_sites(code, max(start, 0))
    rng = random.Random(f"{seed}:{gold.id}")
    rng.shuffle(sites)
    out = []
    for s, e, rep in sites:
        mutant = code[:s] + rep + code[e:]
        if mutant not in out:
            out.append(mutant)
        if len(out) >= per_function:
            break
    return out


def key(gold, which) -> str:
    """A script key the runner can use as a folder name."""
    return f"{Path(gold.file).stem}.{which}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=[x.value for x in Language], action="append")
    parser.add_argument("--limit", type=int, default=None, help="first N problems per language")
    parser.add_argument("--per-function", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tests", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not GFG.is_dir():
        print(f"{GFG} not found", file=sys.stderr)
        return 2
    kind = sandbox.require("auto")
    settings = VerifySettings(tests=args.tests)
    report = {}
    for language in [Language(x) for x in args.lang] if args.lang else list(Language):
        start = time.monotonic()
        functions, golds, sources = load(language, args.limit)
        scripts_text = {g.id: (GFG / language.value / (Path(g.file).stem + EXT[language])
                               ).read_text(encoding="utf-8") for g in golds}
        made = {g.id: mutants(g, args.per_function, args.seed) for g in golds}
        # 1. the suite's own verdict on each mutant (and on the gold, which must pass).
        scripts = []
        for g in golds:
            text = scripts_text[g.id]
            scripts.append(Script(key(g, "gold"), language,
                                  fill(text, rename_filled(g.source), language)))
            for k, m in enumerate(made[g.id]):
                scripts.append(Script(key(g, k), language,
                                      fill(text, rename_filled(m), language)))
        # One runner call per mutant index: a Java batch must not hold two classes of the
        # same name (every mutant of a problem declares the problem's class).
        suite = {}
        rounds: dict[str, list[Script]] = {}
        for script in scripts:
            rounds.setdefault(script.key.rsplit(".", 1)[1], []).append(script)
        for group in rounds.values():
            runner = ScriptRunner(kind=kind, workers=settings.workers)
            try:
                suite.update(runner.run_all(group))
            finally:
                runner.close()
        # 2. the verifier's verdict on each mutant (callees: their own source, same engine).
        results = []
        for f in functions:
            codes = made.get(f.id) if f.name == "f_gold" else None
            cands = [Candidate(f.id, "mutant", language, c, rank=k, imports=f.imports)
                     for k, c in enumerate(codes)] if codes else []
            if not cands:
                cands = [] if f.name == "f_gold" else [Candidate(f.id, "mutant", language,
                                                                  f.source, imports=f.imports)]
            if cands:
                results.append(EngineResult(f.id, "mutant", tuple(cands)))
        verdicts = verify(golds, results, TranslationContext(language, tuple(functions)),
                          settings, sources=sources)
        counts = {"mutants": 0, "gold_fails_script": 0, "not_compiling": 0,
                  "script_accepts": 0, "untestable": 0, "counted": 0, "killed": 0}
        survivors = []
        for g in golds:
            if not suite[key(g, "gold")].passed:
                counts["gold_fails_script"] += 1
                continue
            for k, _m in enumerate(made[g.id]):
                counts["mutants"] += 1
                run = suite[key(g, k)]
                v = verdicts[g.id][k]
                if not run.compiled:
                    counts["not_compiling"] += 1
                elif run.passed:
                    counts["script_accepts"] += 1
                elif v.status is VerdictStatus.UNTESTABLE:
                    counts["untestable"] += 1
                else:
                    counts["counted"] += 1
                    if v.status is not VerdictStatus.PASSED:
                        counts["killed"] += 1
                    else:
                        survivors.append((g.file, k))
        rate = counts["killed"] / max(1, counts["counted"])
        seconds = time.monotonic() - start
        print(f"== {language.display}: kill rate {100 * rate:.1f}% "
              f"({counts['killed']}/{counts['counted']}) {counts} in {seconds:.0f} s")
        for name, k in survivors:
            print(f"   survived: {name} mutant {k}")
        report[language.value] = {"rate": rate, "counts": counts, "survivors": survivors,
                                  "seconds": seconds}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

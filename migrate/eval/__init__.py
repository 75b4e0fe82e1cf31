"""`migrate eval`: computational accuracy on a GfG-format suite, through the product's own pipeline.

For each direction S->T and each problem with both scripts, `f_gold` of S (seen alone, as a
user's function would be) goes through the same engines, verification and selection as
`migrate translate`; the chosen translation, renamed `f_filled`, is inserted at T's marker
and the script is compiled and run in the sandbox. Success: its `#Results:` line reports as
many successes as tests. Problems whose own gold function fails its script are excluded and
counted. Two scores: strict (the translation as produced) and with signature alignment
(see `align`).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from migrate import __version__
from migrate.atomic import write_atomic
from migrate.cache import model_identity, product_fingerprint
from migrate.config import Settings
from migrate.eval import align
from migrate.eval.runner import Script, ScriptRun, ScriptRunner
from migrate.eval.suite import Problem, add_imports, fill, gold_function, load_suite, read, rename_filled
from migrate.units import Function, Language, Outcome, ParsedFile, Status, TranslationContext

EVAL_VERSION = 1
PAIRS_ALL = tuple((s, t) for s in Language for t in Language if s is not t)


def parse_pairs(text: str) -> tuple[tuple[Language, Language], ...]:
    """"all" or "python:java,cpp:java"."""
    if text.strip() == "all":
        return PAIRS_ALL
    pairs = []
    for item in text.split(","):
        source, _, target = item.strip().partition(":")
        pairs.append((Language(source), Language(target)))
    return tuple(pairs)


@dataclass
class _Item:
    """One problem in one direction, as it moves through the evaluation."""

    problem: Problem
    source: Language
    target: Language
    key: str
    function: Function | None = None
    parsed: ParsedFile | None = None
    outcome: Outcome | None = None
    strict: ScriptRun | None = None
    aligned: ScriptRun | None = None
    golds: tuple[bool | None, str | None] = (None, None)  # see gold_agreement
    cached: dict | None = None


def _key(problem: Problem, source: Language, target: Language, settings: Settings, fingerprint: str) -> str:
    parts = [
        problem.id, source.value, target.value, model_identity(settings.engine, settings.model), str(settings.beam),
        str(settings.tests), str(settings.seed), str(settings.verify), fingerprint,
        hashlib.sha256(problem.scripts[source].read_bytes()).hexdigest(),
        hashlib.sha256(problem.scripts[target].read_bytes()).hexdigest(),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "migrate" / "eval"


class Cache:
    """Finished problems by key, one JSON file each (so a killed run keeps what it finished)."""

    def __init__(self, folder: Path, fresh: bool) -> None:
        self.folder = folder
        self.fresh = fresh
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, key: str) -> dict | None:
        if self.fresh:
            return None
        try:
            return json.loads((self.folder / f"{key}.json").read_text())
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict) -> None:
        write_atomic(self.folder / f"{key}.json", json.dumps(value))


def evaluate(
    suite: Path,
    settings: Settings,
    pairs: Sequence[tuple[Language, Language]] = PAIRS_ALL,
    *,
    limit: int | None = None,
    fresh: bool = False,
    cache_dir: Path | None = None,
    stage: Callable[[str, int], None] = lambda name, total: None,
    advance: Callable[[int], None] = lambda n=1: None,
) -> dict:
    """Run the evaluation; returns the report data (see the README's `migrate eval`)."""
    from migrate.engines import build_engines
    from migrate.pipeline import translate_functions
    from migrate.verify.sandbox import sandbox_status

    started = time.monotonic()
    problems = load_suite(suite)
    fingerprint = product_fingerprint()
    cache = Cache(cache_dir or default_cache_dir(), fresh)
    kind, sandbox_warning = sandbox_status()
    runner = ScriptRunner(kind=kind, workers=settings.jobs)
    warnings = [sandbox_warning] if sandbox_warning else []
    try:
        # ---- which problems, per direction
        items: list[_Item] = []
        for source, target in pairs:
            eligible = [p for p in problems if source in p.scripts and target in p.scripts]
            for problem in eligible[:limit] if limit else eligible:
                key = _key(problem, source, target, settings, fingerprint)
                items.append(_Item(problem, source, target, key, cached=cache.get(key)))

        # ---- gold functions in their own scripts: the suite's defects, found and excluded
        gold_runs = _gold_checks(items, runner, cache, stage, advance)

        # ---- translate what is not cached, direction by direction, through the pipeline
        todo = [i for i in items if i.cached is None]
        engines, notices = build_engines(
            settings.engine, model=settings.model, bpe_codes=settings.bpe_codes, beam=settings.beam,
            device=settings.device, batch_tokens=settings.batch_tokens,
        )
        warnings += notices
        for source, target in pairs:
            batch = [i for i in todo if (i.source, i.target) == (source, target)]
            for item in batch:
                found = gold_function(item.problem.scripts[source], source)
                if found is not None:
                    item.function, item.parsed = found
            ready = [i for i in batch if i.function is not None]
            if not ready:
                continue
            functions = [i.function for i in ready]
            context = TranslationContext(target, tuple(functions))
            direction_settings = replace(settings, target=target)
            outcomes, notes = translate_functions(
                direction_settings, engines, functions, [i.parsed for i in ready], context,
                _StageProgress(stage, advance, f"{source.value}->{target.value}"),
            )
            warnings += [n for n in notes if n not in warnings]
            for item, outcome in zip(ready, outcomes, strict=True):
                item.outcome = outcome
            if settings.verify:
                _check_golds([i for i in ready if i.outcome.status is Status.PASSED], settings, target)

        # ---- run the filled scripts, strict first, aligned where strict did not compile
        strict = [s for s in (_strict_script(i) for i in todo) if s is not None]
        stage("Running test scripts", len(strict))
        runs = runner.run_all(strict, advance)
        for item in todo:
            item.strict = runs.get(item.key + ".strict")
        aligned = [s for s in (_aligned_script(i) for i in todo) if s is not None]
        if aligned:
            stage("Running aligned scripts", len(aligned))
            runs = runner.run_all(aligned, advance)
            for item in todo:
                item.aligned = runs.get(item.key + ".aligned")
        for item in todo:
            item.cached = _record(item)
            cache.put(item.key, item.cached)
    finally:
        runner.close()

    return _report(suite, settings, pairs, items, gold_runs, warnings, time.monotonic() - started)


def _check_golds(items: list[_Item], settings: Settings, target: Language) -> None:
    """Whether each item's target f_gold agrees with its source f_gold (only where our verifier
    passed the translation: the precision figure is about those)."""
    from migrate.eval.gold_agreement import golds_agree

    if not items:
        return
    found = golds_agree([(i.function, i.parsed, i.problem.scripts[target]) for i in items], target,
                        settings.tests, settings.seed, settings.sandbox, settings.jobs)
    for item in items:
        item.golds = found.get(item.function.id, (None, None))


class _StageProgress:
    def __init__(self, stage, advance, label):
        self._stage, self._advance, self._label = stage, advance, label

    def stage(self, name: str, total: int) -> None:
        self._stage(f"{self._label} {name.lower()}", total)

    def advance(self, n: int = 1) -> None:
        self._advance(n)


def _gold_checks(items, runner, cache, stage, advance) -> dict[tuple[str, Language], ScriptRun]:
    """Each target script run with its own f_gold as f_filled; failures are suite defects.

    Cached by the script's bytes: the verdict does not depend on the product.
    """
    needed = {(i.problem.id, i.target): i.problem for i in items}
    results: dict[tuple[str, Language], ScriptRun] = {}
    scripts, keys = [], {}
    for (pid, target), problem in sorted(needed.items(), key=lambda kv: (kv[0][0], kv[0][1].value)):
        path = problem.scripts[target]
        key = "gold-" + hashlib.sha256(path.read_bytes()).hexdigest()[:24]
        hit = cache.get(key)
        if hit is not None:
            results[(pid, target)] = ScriptRun(**{k: v for k, v in hit.items() if k != "passed"})
            continue
        found = gold_function(path, target)
        if found is None:
            results[(pid, target)] = ScriptRun(False, "f_gold not found")
            continue
        name = f"gold.{pid}.{target.value}"
        keys[name] = ((pid, target), key)
        scripts.append(Script(name, target, fill(read(path), rename_filled(found[0].source), target)))
    stage("Checking gold scripts", len(scripts))
    for name, run in runner.run_all(scripts, advance).items():
        where, key = keys[name]
        results[where] = run
        cache.put(key, run.as_dict())
    return results


def _strict_script(item: _Item) -> Script | None:
    outcome = item.outcome
    if outcome is None or outcome.chosen is None:
        return None
    code = rename_filled(outcome.chosen.code)
    script = read(item.problem.scripts[item.target])
    text = add_imports(fill(script, code, item.target), outcome.chosen.imports, item.target)
    return Script(item.key + ".strict", item.target, text)


def _aligned_script(item: _Item) -> Script | None:
    """A thin f_filled wrapper when the strict script failed to compile on a signature mismatch."""
    if item.outcome is None or item.outcome.chosen is None or item.strict is None or item.strict.compiled:
        return None
    path = item.problem.scripts[item.target]
    found = gold_function(path, item.target)
    if found is None:
        return None
    wrapped = align.wrap(item.outcome.chosen, found[0], item.target)
    if wrapped is None:
        return None
    script = read(path)
    text = add_imports(fill(script, wrapped, item.target), item.outcome.chosen.imports, item.target)
    return Script(item.key + ".aligned", item.target, text)


def _record(item: _Item) -> dict:
    """What the report keeps of one problem in one direction (also the cache entry)."""
    outcome = item.outcome
    strict = item.strict.as_dict() if item.strict else None
    aligned = item.aligned.as_dict() if item.aligned else strict
    return {
        "problem": item.problem.id,
        "source": item.source.value,
        "target": item.target.value,
        "status": outcome.status.value if outcome else "error",
        "reason": outcome.reason if outcome else "f_gold not found in the source script",
        "engine": outcome.engine if outcome else None,
        "translation": outcome.chosen.code if outcome and outcome.chosen else None,
        "tests": ({"passed": outcome.verdict.tests_passed, "total": outcome.verdict.tests_total}
                  if outcome and outcome.verdict else None),
        "strict": strict,
        "aligned": aligned,
        "golds_agree": item.golds[0],
        "golds_why": item.golds[1],
    }


def _report(suite, settings, pairs, items, gold_runs, warnings, seconds) -> dict:
    directions = {}
    for source, target in pairs:
        rows = [i for i in items if (i.source, i.target) == (source, target)]
        excluded = [i.problem.id for i in rows if not gold_runs[(i.problem.id, target)].passed]
        counted = [i for i in rows if i.problem.id not in excluded]
        records = [i.cached for i in counted]
        translated = sum(1 for r in records if r["translation"] is not None
                         and r["status"] not in (Status.DECLINED.value, Status.ERROR.value))
        compiled = sum(1 for r in records if r["strict"] and r["strict"]["compiled"])
        passed = sum(1 for r in records if r["strict"] and r["strict"]["passed"])
        passed_aligned = sum(1 for r in records if r["aligned"] and r["aligned"]["passed"])
        ours = {r["problem"] for r in records if r["status"] == Status.PASSED.value}
        # Agreement is judged against the suite with signature alignment: our verifier judges
        # behaviour, and a script that fails to compile on a type spelling says nothing about it.
        suite_ok = {r["problem"] for r in records if r["aligned"] and r["aligned"]["passed"]}
        strict_ok = {r["problem"] for r in records if r["strict"] and r["strict"]["passed"]}
        # Problems whose target f_gold fails our tests against the source f_gold: the suite
        # then judges against a reference that behaves differently from what was translated.
        disagree = {r["problem"] for r in records if r.get("golds_agree") is False}
        # Translations the suite could not run at all (no script compiled, aligned either).
        unrun = {r["problem"] for r in records if not (r["aligned"] and r["aligned"]["compiled"])}
        n = len(counted)

        def share(part: set, whole: set):
            return round(100 * len(part) / len(whole), 2) if settings.verify and whole else None

        directions[f"{source.value}->{target.value}"] = {
            "problems": len(rows),
            "excluded": len(excluded),
            "excluded_problems": excluded,
            "translated": translated,
            "compiled": compiled,
            "passed": passed,
            "passed_aligned": passed_aligned,
            "ca": round(100 * passed / n, 2) if n else None,
            "ca_aligned": round(100 * passed_aligned / n, 2) if n else None,
            "verified_passed": len(ours),
            "precision": share(ours & suite_ok, ours),
            "recall": share(ours & suite_ok, suite_ok),
            "precision_strict": share(ours & strict_ok, ours),
            "golds_disagree": sorted(ours & disagree),
            "not_run": sorted(ours & unrun),
            # Precision where the suite judged behaviour against a reference that agrees with
            # the source: our-passed problems minus the two lists above.
            "precision_judged": share((ours & suite_ok) - disagree - unrun, ours - disagree - unrun),
            "recall_strict": share(ours & strict_ok, strict_ok),
            "results": {r["problem"]: r for r in records},
        }
    return {
        "version": EVAL_VERSION,
        "tool": {"name": "migrate", "version": __version__},
        "suite": str(suite),
        "engine": settings.engine,
        "beam": settings.beam,
        "tests": settings.tests,
        "verify": settings.verify,
        "seconds": round(seconds, 1),
        "warnings": warnings,
        "directions": directions,
    }

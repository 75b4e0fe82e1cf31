"""Compile one batch of units (bisecting around broken ones) and run its cases to the end.

Compilation: the whole batch is compiled once. When that fails, the builder's `blame`
reads the compiler's file and line references to name the broken units; when it cannot,
the batch is split in halves recursively (bisection) to isolate them. The survivors are
compiled together again, so one broken candidate costs a few extra compiler runs, not
a batch.

Running: one harness process runs all cases. A case that produces no result within
the per-test timeout (or that crashes the process) is recorded as a timeout (or crash),
and a fresh process continues with the cases after it.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from migrate.units import Language
from migrate.verify import process, sandbox
from migrate.verify.brackets import unbalanced
from migrate.verify.harness import Builder, Unit, tail
from migrate.verify.settings import VerifySettings

BLAME_ROUNDS = 4  # compile rounds guided by the compiler's messages before plain bisection
MAX_STRIKES = 2  # timeouts of one unit before its other cases are given up
MAX_CRASHES = 25  # crashes of one unit before its other cases are given up
STARTUP_RETRIES = 6


@dataclass
class BatchResult:
    errors: dict[str, str] = field(default_factory=dict)  # unit id -> compile/load error
    outcomes: dict[int, dict] = field(default_factory=dict)  # case id -> outcome record
    seconds: float = 0.0
    compile_runs: int = 0
    cases: list = field(default_factory=list)  # (case id, unit id, args), as submitted


class _Compiler:
    def __init__(self, builder: Builder, settings: VerifySettings, kind: str):
        self.builder, self.settings, self.kind = builder, settings, kind
        self.runs = 0

    def timeout(self, n: int) -> float:
        # A budget that grows with the batch, so bisecting around a compiler bomb costs
        # seconds per level rather than the whole batch budget each time.
        return min(self.settings.compile_timeout, 20.0 + 1.0 * n)

    def attempt(self, units: Sequence[Unit]) -> tuple[Path | None, str]:
        """Compile `units` in a fresh work dir: (the dir, "") on success, (None, log)."""
        workdir = sandbox.make_workdir()
        self.builder.write(workdir, units)
        for path in workdir.rglob("*"):
            sandbox.own(path)
        argv = self.builder.compile_argv(units)
        if argv is None:
            return workdir, ""
        self.runs += 1
        proc = sandbox.popen(
            argv, workdir, self.builder.compile_limits, self.kind, self.builder.read_only()
        )
        limit = self.timeout(len(units))
        drained = process.drain(proc, lambda _lines: limit, time.monotonic() + limit)
        log = "\n".join(drained.lines) + "\n" + drained.log
        if drained.timed_out:
            shutil.rmtree(workdir, ignore_errors=True)
            return None, f"compilation timed out after {limit:.0f} s\n{tail(log, 1000)}"
        if drained.returncode != 0:
            shutil.rmtree(workdir, ignore_errors=True)
            return None, log or f"compiler {process.describe_exit(drained.returncode)}"
        return workdir, ""

    def isolate(self, units: Sequence[Unit], log: str, use_blame: bool = True) -> dict[str, str]:
        """The broken units of a batch that failed with `log`."""
        if len(units) == 1:
            return {units[0].uid: tail(log)}
        blamed = self.builder.blame(log, units) if use_blame else {}
        if blamed:
            return blamed
        half = len(units) // 2
        broken: dict[str, str] = {}
        for part in (units[:half], units[half:]):
            workdir, part_log = self.attempt(part)
            if workdir is None:
                broken.update(self.isolate(part, part_log, use_blame))
            else:
                shutil.rmtree(workdir, ignore_errors=True)
        return broken

    def build(self, units: Sequence[Unit]) -> tuple[Path | None, list[Unit], dict[str, str]]:
        """Compile what compiles: (work dir, compiled units, broken unit id -> message).

        The compiler's messages name the broken units in a round or two. When they keep
        missing (errors reported on a neighbour's lines, or a compiler that stops after
        its first errors with many units broken), plain bisection finishes the job: it
        needs no messages, so a good unit is never given up with the broken ones.
        """
        errors = _bracket_errors(units)
        remaining = [u for u in units if u.uid not in errors]
        rounds = 0
        while remaining:
            workdir, log = self.attempt(remaining)
            if workdir is not None:
                return workdir, remaining, errors
            rounds += 1
            broken = self.isolate(remaining, log, use_blame=rounds <= BLAME_ROUNDS)
            if not broken:  # nothing singled out: every unit shares the failure
                broken = {u.uid: tail(log) for u in remaining}
            errors.update(broken)
            remaining = [u for u in remaining if u.uid not in broken]
        return None, [], errors


def _bracket_errors(units: Sequence[Unit]) -> dict[str, str]:
    """Candidates whose brackets do not match (see migrate.verify.brackets)."""
    errors = {}
    for unit in units:
        if unit.whole_file or unit.language not in (Language.CPP, Language.JAVA):
            continue
        problem = unbalanced(unit.code)
        if problem:
            errors[unit.uid] = f"{problem} (brackets do not match)"
    return errors


def run_batch(
    builder: Builder,
    units: Sequence[Unit],
    cases: Sequence[tuple[int, str, list]],
    settings: VerifySettings,
    kind: str,
) -> BatchResult:
    """Compile and run one batch; every case gets an outcome record or its unit an error."""
    start = time.monotonic()
    compiler = _Compiler(builder, settings, kind)
    result = BatchResult(cases=list(cases))
    workdir, compiled, errors = compiler.build(units)
    result.errors.update(errors)
    result.compile_runs = compiler.runs
    if workdir is not None:
        try:
            ok = {u.uid for u in compiled}
            todo = [c for c in cases if c[1] in ok]
            # Without a compiler (Python), loading the units is the compile check: the
            # harness runs once even when no case is left, to report units that fail to load.
            if todo or compiler.runs == 0:
                _run_cases(builder, workdir, todo, settings, kind, result)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    result.seconds = time.monotonic() - start
    return result


def _run_cases(builder, workdir, cases, settings, kind, result: BatchResult) -> None:
    hard_deadline = time.monotonic() + settings.batch_timeout
    remaining = list(cases)
    strikes: dict[str, int] = {}  # unit id -> timeouts and crashes so far
    startup_failures = 0
    started = False
    while remaining or not started:
        started = True
        if time.monotonic() >= hard_deadline:
            for cid, _uid, _args in remaining:
                result.outcomes[cid] = {"c": cid, "timeout": "batch time limit reached"}
            return
        cases_file = workdir / "cases.jsonl"
        cases_file.write_text(
            "".join(json.dumps([cid, uid, args]) + "\n" for cid, uid, args in remaining),
            encoding="utf-8",
        )
        sandbox.own(cases_file)
        env = builder.run_env() if hasattr(builder, "run_env") else {}
        proc = sandbox.popen(
            builder.run_argv(), workdir, builder.run_limits, kind, builder.read_only(), env
        )

        state = {"checked": 0, "ready": False}

        def allowance(lines: list[str], state: dict = state) -> float:
            # Until the harness says its units are loaded, allow for start-up too.
            if not state["ready"]:
                state["ready"] = any(x.startswith('{"ready"') for x in lines[state["checked"]:])
                state["checked"] = len(lines)
            if state["ready"]:
                return settings.test_timeout
            return settings.startup_timeout + settings.test_timeout

        drained = process.drain(proc, allowance, hard_deadline)
        seen: set[int] = set()
        for line in drained.lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
            if "u" in record and "error" in record:
                result.errors.setdefault(str(record["u"]), str(record["error"]))
            elif "c" in record:
                result.outcomes[record["c"]] = record
                seen.add(record["c"])
        if not state["ready"] and not drained.timed_out and startup_failures < STARTUP_RETRIES:
            # The harness died before running anything: the sandbox could not start (e.g.
            # the uid's process limit is still held by a fork bomb being torn down) or the
            # runtime could not (a JVM without threads). Not a case's fault: retry.
            startup_failures += 1
            time.sleep(0.5 * startup_failures)
            continue
        # Cases of units that failed to load get no record; they are not "remaining".
        pending = [c for c in remaining if c[0] not in seen and c[1] not in result.errors]
        if not pending:
            return
        culprit, culprit_unit = pending[0][0], pending[0][1]
        # A timeout costs a whole per-test timeout; a crash only a process start.
        strikes[culprit_unit] = strikes.get(culprit_unit, 0) + (
            MAX_CRASHES if drained.timed_out else 2)
        if drained.timed_out:
            result.outcomes[culprit] = {"c": culprit, "timeout": f"no result within "
                                        f"{settings.test_timeout:g} s"}
        elif drained.overflow:
            result.outcomes[culprit] = {"c": culprit, "crash": "output limit exceeded"}
        else:
            how = process.describe_exit(drained.returncode)
            result.outcomes[culprit] = {"c": culprit, "crash": f"{how}: {tail(drained.log, 600)}"}
        remaining = pending[1:]
        if strikes[culprit_unit] >= MAX_STRIKES * MAX_CRASHES:
            # Each timeout or crash costs a process start; a unit that keeps doing it is
            # judged on what it has shown, and its other cases are not run.
            for cid, uid, _args in remaining:
                if uid == culprit_unit:
                    result.outcomes[cid] = dict(result.outcomes[culprit], c=cid)
            remaining = [c for c in remaining if c[1] != culprit_unit]

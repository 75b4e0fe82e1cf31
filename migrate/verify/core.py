"""Differential verification: the original is the oracle, every candidate is judged against it.

Order of work for one call of `verify`:
1. per function, the signature (declared, or inferred for unannotated Python) and an
   input plan; untestable functions get their reason here;
2. the originals run on the generated inputs (batched per source language); inputs on
   which the original times out or crashes are dropped, at most `max_raising` inputs on
   which it raises are kept (a candidate must raise there too), and a second, differently
   seeded round tops up functions left with fewer than `tests` usable inputs;
3. every candidate runs on its function's usable inputs (batched per target language);
4. return values, in-place changes to array/list arguments and raised-or-not are compared
   in the canonical encoding (`values.equal`), giving one `Verdict` per candidate.
Batches run concurrently on a thread pool (`settings.workers`): the work itself happens
in sandboxed compiler and harness processes, so threads keep every core busy.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from migrate.units import (
    Candidate,
    EngineResult,
    Function,
    Kind,
    Language,
    Signature,
    TestFailure,
    TranslationContext,
    Verdict,
    VerdictStatus,
)
from migrate.verify import sandbox, values
from migrate.verify.batch import BatchResult, run_batch
from migrate.verify.harness import Unit, is_sequence
from migrate.verify.inputs import InputPlan, generate, refine_unsigned
from migrate.verify.settings import VerifySettings
from migrate.verify.toolchains import builder_for, check_toolchains, fixed_dims
from migrate.verify.units_build import (
    CrossFile,
    Render,
    callees,
    candidate_unit,
    foreign_callees,
    mentions_foreign,
    oracle_unit,
)

NONDETERMINISTIC = re.compile(r"\brandom\.|\brand\s*\(|\bnew\s+Random\b|Math\.random|"
                              r"\brandint\b|\bshuffle\s*\(|\btime\s*\(|currentTimeMillis|nanoTime")


@dataclass
class _Subject:
    """One function under test and what the oracle taught us about it."""

    function: Function
    signature: Signature | None = None
    plan: InputPlan | None = None
    untestable: str | None = None
    inputs: list[list] = field(default_factory=list)
    expected: list[tuple[list, dict]] = field(default_factory=list)  # (args, oracle record)
    dropped: int = 0  # inputs on which the original timed out or crashed
    raised: int = 0
    first_drop: str | None = None
    first_raise: str | None = None


def signature_of(function: Function, same_file: Sequence[Function] = ()) -> tuple[Signature, list[str]]:
    """The declared signature, with unknown Python types filled by inference if available."""
    sig = function.signature
    known = all(p.type.is_known for p in sig.params)
    if known or function.language is not Language.PYTHON:
        return sig, []
    try:
        from migrate.lang.pytypes import infer_signature  # lands with the rules engine
    except ImportError:
        return sig, ["type inference for Python is not available"]
    try:
        return infer_signature(function, tuple(same_file)), []
    except Exception as exc:  # inference is best effort; a failure makes the function untestable
        return sig, [f"type inference failed: {exc}"]


def verify(
    functions: Sequence[Function],
    results: Sequence[EngineResult],
    context: TranslationContext,
    settings: VerifySettings,
    progress: Callable[[int, int], None] | None = None,
    sources: Mapping[str, str] | None = None,
    literals: Mapping[str, Sequence[list]] | None = None,
    render: Render | None = None,
) -> dict[str, list[Verdict]]:
    """Function id -> one Verdict per candidate (in the order of `results`, then rank).

    `sources` (file -> text) lets originals run inside their whole file (macros, fields,
    helpers, imports); without it an original runs with its same-file callees only.
    `literals` (function id -> argument lists) are inputs found at call sites in the
    repository (`inputs.call_site_literals`); they are tried before generated ones.
    `render` (the output files that assembly writes for some translations) lets a candidate
    that calls functions of other files (by their `context.references` names) be tested
    with those functions' translations by the same engine (first choice), in their output
    files' form; without it such a candidate is untestable when it does not compile alone.
    """
    kind = sandbox.require(settings.sandbox)
    wanted = {f.id: f for f in functions}
    by_function: dict[str, list[Candidate]] = {fid: [] for fid in wanted}
    rank0: dict[tuple[str, str], Candidate] = {}
    for result in results:
        for cand in result.candidates:
            by_function.setdefault(result.function_id, []).append(cand)
            if (cand.function_id, cand.engine) not in rank0 or cand.rank == 0:
                rank0.setdefault((cand.function_id, cand.engine), cand)
    targets = {c.target for cands in by_function.values() for c in cands}
    missing = check_toolchains({f.language for f in functions} | targets)
    every = {f.id: f for f in context.functions}
    every.update(wanted)

    subjects = {
        fid: _prepare(f, missing, sources, [g for g in every.values() if g.file == f.file])
        for fid, f in wanted.items()
    }
    pool = ThreadPoolExecutor(max_workers=settings.workers)
    try:
        _run_oracle(subjects, every, settings, kind, pool, sources, literals or {})
        cross = CrossFile(list(every.values()), context.references, render) if (
            render is not None and context.references) else None
        return _judge(subjects, by_function, rank0, every, missing, settings, kind, pool,
                      progress, cross)
    finally:
        pool.shutdown(wait=True)


def _prepare(function: Function, missing: Mapping[Language, str | None],
             sources: Mapping[str, str] | None, same_file: Sequence[Function]) -> _Subject:
    subject = _Subject(function)
    problem = missing.get(function.language)
    if problem:
        subject.untestable = f"cannot run the original: {problem}"
        return subject
    sig, notes = signature_of(function, same_file)
    sig, unsigned = refine_unsigned(sig)
    subject.signature = sig
    text = (sources or {}).get(function.file, "")
    dims = fixed_dims(function, text)
    plan = InputPlan(function, sig, dims, unsigned)
    why = plan.testable
    if why:
        subject.untestable = why + (f" ({'; '.join(notes)})" if notes else "")
        return subject
    # No parameters: the function is called once (twice for the original, which must
    # agree with itself) and its return value and raised-or-not are compared as they are,
    # whatever the declared or unknown return type.
    if NONDETERMINISTIC.search(function.body):
        subject.untestable = ("the original uses random numbers or the clock, so its results "
                              "cannot serve as expected values")
        return subject
    subject.plan = plan
    return subject


def _chunks(items: list, settings: VerifySettings) -> list[list]:
    """Batches no bigger than batch_size, and at least one per worker when there is enough."""
    if not items:
        return []
    per = min(settings.batch_size, max(4, math.ceil(len(items) / settings.workers)))
    return [items[i:i + per] for i in range(0, len(items), per)]


def _run_units(
    work: list[tuple[Unit, list[list]]],
    settings: VerifySettings,
    kind: str,
    pool: ThreadPoolExecutor,
    on_batch: Callable[[list[Unit], BatchResult], None],
    role: str = "candidate",
) -> None:
    """Run (unit, inputs) pairs in language-homogeneous batches on the pool."""
    by_language: dict[Language, list[tuple[Unit, list[list]]]] = {}
    for unit, inputs in work:
        by_language.setdefault(unit.language, []).append((unit, inputs))
    futures = []
    for language, items in by_language.items():
        builder = builder_for(language, settings, kind, role)
        for chunk in _chunks(items, settings):
            units = [u for u, _ in chunk]
            cases, cid = [], 0
            for unit, inputs in chunk:
                for args in inputs:
                    cases.append((cid, unit.uid, args))
                    cid += 1
            futures.append((units, pool.submit(run_batch, builder, units, cases, settings,
                                               kind)))
    for units, future in futures:
        on_batch(units, future.result())


def _case_records(units: list[Unit], result: BatchResult) -> dict[str, list[dict | None]]:
    """Unit id -> its outcome records in input order (None where the case did not run)."""
    out: dict[str, list[dict | None]] = {u.uid: [] for u in units}
    for cid, uid, _args in result.cases:
        out[uid].append(result.outcomes.get(cid))
    return out


def _run_oracle(subjects, every, settings, kind, pool, sources, literals) -> None:
    active = {fid: s for fid, s in subjects.items() if s.plan is not None}
    extra = settings.tests // 2 + 4
    everything = list(every.values())
    for attempt in range(2):
        work, uids, doubled = [], {}, set()
        for n, (fid, s) in enumerate(active.items()):
            if attempt == 0:
                want = settings.tests + extra
                inputs = generate(s.plan, want, settings.seed, 0, literals.get(fid, ()))
            else:
                usable = sum(1 for _a, r in s.expected if "r" in r)
                if usable >= settings.tests or len(s.inputs) < settings.tests + extra:
                    continue  # enough, or the type space is exhausted
                seen = {values.dumps(a) for a in s.inputs}
                more = generate(s.plan, 2 * (settings.tests - usable) + 8, settings.seed, 1)
                inputs = [a for a in more if values.dumps(a) not in seen]
            if not inputs:
                continue
            s.inputs += inputs
            same_file = [f for f in every.values() if f.file == s.function.file]
            unit = oracle_unit(f"u{n}", s.function, sources, callees(s.function, same_file),
                               everything)
            uids[unit.uid] = fid
            # C++ originals run every input twice (under different stack contents): an
            # answer that changes reads uninitialized memory and cannot be an oracle. So
            # do functions without parameters, whose one call must be reproducible.
            if unit.language is Language.CPP or not s.plan.params:
                doubled.add(unit.uid)
                inputs = [a for args in inputs for a in (args, args)]  # adjacent: same fate
            work.append((unit, inputs))
        if not work:
            break

        def on_batch(units: list[Unit], result: BatchResult, work=work, uids=uids,
                     doubled=doubled) -> None:
            records = _case_records(units, result)
            inputs_of = {u.uid: inp for u, inp in work}
            for unit in units:
                s = active[uids[unit.uid]]
                if unit.uid in result.errors:
                    s.untestable = ("the original could not be run in the test harness: "
                                    + result.errors[unit.uid])
                    continue
                runs = records[unit.uid]
                inputs = inputs_of[unit.uid]
                if unit.uid in doubled:
                    inputs, runs = inputs[0::2], [
                        _agreed(a, b) for a, b in zip(runs[0::2], runs[1::2], strict=True)]
                for args, record in zip(inputs, runs, strict=True):
                    raised = sum(1 for _a, r in s.expected if "x" in r)
                    usable = sum(1 for _a, r in s.expected if "r" in r)
                    if record is not None and record.get("nondeterministic") and \
                            not s.plan.params:
                        s.untestable = ("the original gave two different results when called "
                                        "twice without arguments, so its result cannot "
                                        "serve as the expected value")
                    elif record is None or "timeout" in record or "crash" in record:
                        s.dropped += 1
                        if record is not None and s.first_drop is None:
                            s.first_drop = _drop_reason(record)
                    elif "x" in record:
                        s.raised += 1
                        if s.first_raise is None:
                            s.first_raise = record["x"][:160]
                        if raised < settings.max_raising:
                            s.expected.append((args, record))
                    elif usable < settings.tests:
                        s.expected.append((args, record))

        _run_units(work, settings, kind, pool, on_batch, role="oracle")
    for s in active.values():
        if s.untestable is None and not s.plan.params and s.expected:
            continue  # one call that raised is a test too: the candidate must raise as well
        if s.untestable is None and not any("r" in r for _a, r in s.expected):
            parts = []
            if s.raised:
                parts.append(f"raised on {s.raised} (e.g. {s.first_raise})")
            if s.dropped:
                parts.append(f"timed out, crashed or hit undefined behaviour on {s.dropped} "
                             f"(e.g. {s.first_drop})")
            s.untestable = (f"the original returned normally on none of {len(s.inputs)} "
                            f"generated inputs: {'; '.join(parts)}")


def _agreed(a: dict | None, b: dict | None) -> dict | None:
    """One record from two runs of the original on one input; a crash or timeout in either
    wins, and two different answers become a "crash" (the original is nondeterministic)."""
    for record in (a, b):
        if record is None or "crash" in record or "timeout" in record:
            return record
    if _public(a) != _public(b):
        return {"c": a.get("c"), "nondeterministic": True,
                "crash": "nondeterministic result: the original gave two answers for one "
                "input (it reads uninitialized memory or global state?)"}
    return a


def _drop_reason(record: dict) -> str:
    if "timeout" in record:
        return f"timeout: {record['timeout']}"
    text = record.get("crash", "")
    for line in text.splitlines():
        if "Sanitizer" in line or "runtime error" in line or "Assertion" in line:
            return line.strip()[:200]
    return text.splitlines()[0][:200] if text else "crash"


def _judge(subjects, by_function, rank0, every, missing, settings, kind, pool,
           progress, cross: CrossFile | None = None) -> dict[str, list[Verdict]]:
    verdicts: dict[str, list[Verdict | None]] = {
        fid: [None] * len(by_function.get(fid, [])) for fid in subjects
    }
    total = sum(len(v) for v in verdicts.values())
    done = 0
    work: list[tuple[Unit, list[list]]] = []
    # unit id -> (function id, candidate index, candidate, why untestable or None, ids of
    # the other files' functions its harness provides); an untestable candidate is still
    # compiled (with no cases), so that one that does not compile is a compile_error and
    # never reaches the output as if it were usable.
    slots: dict[str, tuple[str, int, Candidate, str | None, frozenset[str]]] = {}
    n = 0
    for fid, s in subjects.items():
        for k, cand in enumerate(by_function.get(fid, [])):
            reason = s.untestable
            if missing.get(cand.target):
                reason = f"cannot run {cand.target.display} code: {missing[cand.target]}"
                verdicts[fid][k] = Verdict(fid, cand.engine, cand.rank, VerdictStatus.UNTESTABLE,
                                           reason=reason)
                done += 1
                continue
            helpers: list[Candidate] = []
            same_file = [f for f in every.values() if f.file == s.function.file]
            local = callees(s.function, same_file)
            for callee in local:
                helper = rank0.get((callee.id, cand.engine))
                if helper is None:
                    # Without the callee's translation the candidate cannot even compile
                    # on its own: no compile check, the reason says why.
                    reason = reason or (f"calls {callee.qualified_name}, which engine "
                                        f"{cand.engine} did not translate")
                    helpers = None
                    break
                helpers.append(helper)
            placed: list[tuple[Function, Candidate]] = []
            if helpers is not None and cross is not None:
                # What it calls in other files comes in those files' output form.
                start = [(s.function, cand.code)] + [
                    (f, h.code) for f, h in zip(local, helpers, strict=True)]
                placed, why = cross.gather(
                    start, lambda gid, e=cand.engine: rank0.get((gid, e)), cand.engine)
                if why is not None:
                    reason = reason or why
                    helpers = None
            if helpers is None:
                verdicts[fid][k] = Verdict(fid, cand.engine, cand.rank, VerdictStatus.UNTESTABLE,
                                           reason=reason)
                done += 1
                continue
            support = cross.files(placed) if cross is not None and placed else ()
            unit = candidate_unit(f"u{n}", s.function, cand, helpers, support)
            n += 1
            slots[unit.uid] = (fid, k, cand, reason, frozenset(f.id for f, _c in placed))
            work.append((unit, [] if reason else [args for args, _rec in s.expected]))
    if progress:
        progress(done, total)

    def on_batch(units: list[Unit], result: BatchResult) -> None:
        nonlocal done
        records = _case_records(units, result)
        share = result.seconds / max(1, len(units))
        for unit in units:
            fid, k, cand, reason, provided = slots[unit.uid]
            message = result.errors.get(unit.uid)
            if message is not None:
                # Callees of other files that the harness did not provide (the candidate
                # does not name them as the output does); what it provides is its to call.
                foreign = [f for f in foreign_callees(subjects[fid].function,
                                                      list(every.values()))
                           if f.id not in provided]
                if foreign and mentions_foreign(message, foreign):
                    # Not the candidate's fault: what it calls is in another output file.
                    names = ", ".join(sorted({f"{f.qualified_name} ({f.file})"
                                              for f in foreign}))
                    verdicts[fid][k] = Verdict(
                        fid, cand.engine, cand.rank, VerdictStatus.UNTESTABLE,
                        compiler_message=message, seconds=round(share, 4),
                        reason=(f"calls {names}, translated in another file, which the "
                                f"harness does not provide; alone it does not compile: "
                                f"{_first_line(message)}"))
                    done += 1
                    continue
            if reason is None:
                verdicts[fid][k] = _verdict(subjects[fid], cand, unit, result,
                                            records[unit.uid], settings, share)
            elif unit.uid in result.errors:
                message = result.errors[unit.uid]
                verdicts[fid][k] = Verdict(
                    fid, cand.engine, cand.rank, VerdictStatus.COMPILE_ERROR,
                    compiler_message=message, reason=_first_line(message),
                    seconds=round(share, 4))
            else:
                verdicts[fid][k] = Verdict(fid, cand.engine, cand.rank,
                                           VerdictStatus.UNTESTABLE, reason=reason,
                                           seconds=round(share, 4))
            done += 1
        if progress:
            progress(done, total)

    _run_units(work, settings, kind, pool, on_batch)
    _name_broken_callees(verdicts, by_function, rank0, every, slots)
    return {fid: [v for v in vs if v is not None] for fid, vs in verdicts.items()}


def _name_broken_callees(verdicts, by_function, rank0, every, slots) -> None:
    """Add to a compile error the other files' callees whose own translation (the one its
    harness used) did not compile either: the error may be theirs. It stays a compile
    error, so the output never gets code that may not compile."""
    for fid, k, cand, _reason, provided in slots.values():
        verdict = verdicts[fid][k]
        if verdict is None or verdict.status is not VerdictStatus.COMPILE_ERROR:
            continue
        broken = []
        for gid in sorted(provided):
            helper = rank0.get((gid, cand.engine))
            mine = by_function.get(gid, [])
            if helper in mine and gid in verdicts:
                theirs = verdicts[gid][mine.index(helper)]
                if theirs is not None and theirs.status is VerdictStatus.COMPILE_ERROR:
                    broken.append(f"{every[gid].qualified_name} ({every[gid].file})")
        if broken:
            verdicts[fid][k] = replace(verdict, reason=(
                f"{verdict.reason}; the translation by engine {cand.engine} of "
                f"{', '.join(broken)}, which it calls, does not compile either"))


def _verdict(subject: _Subject, cand: Candidate, unit: Unit, result: BatchResult,
             records: list[dict | None], settings: VerifySettings, seconds: float) -> Verdict:
    base = dict(function_id=subject.function.id, engine=cand.engine, rank=cand.rank,
                seconds=round(seconds, 4))
    total = len(subject.expected)
    if unit.uid in result.errors:
        message = result.errors[unit.uid]
        return Verdict(status=VerdictStatus.COMPILE_ERROR, tests_total=total,
                       compiler_message=message, reason=_first_line(message), **base)
    passed, failure = 0, None
    for (args, expected), actual in zip(subject.expected, records, strict=True):
        problem = compare(expected, actual, subject.signature, settings)
        if problem is None:
            passed += 1
        elif failure is None:
            failure = TestFailure(
                input=values.dumps(args),
                expected=values.dumps(_public(expected)),
                actual=values.dumps(_public(actual)) if actual else "null",
                message=problem,
            )
    status = VerdictStatus.PASSED if passed == total else VerdictStatus.FAILED
    reason = None
    if failure is not None:
        reason = f"{total - passed} of {total} tests failed; first: {failure.message}"
    return Verdict(status=status, tests_passed=passed, tests_total=total,
                   first_failure=failure, reason=reason, **base)


def _public(record: dict) -> dict:
    """An outcome record without bookkeeping (case id, timing)."""
    return {k: v for k, v in record.items() if k not in ("c", "ms")}


def _first_line(message: str) -> str:
    for line in message.splitlines():
        if re.search(r"error|Error|rror:", line):
            return line.strip()[:300]
    return message.strip().splitlines()[0][:300] if message.strip() else "compile error"


def compare(expected: dict, actual: dict | None, signature: Signature | None,
            settings: VerifySettings) -> str | None:
    """None when the candidate behaved like the original on one input, else what differs."""
    if actual is None:
        return "the candidate produced no result"
    if "x" in expected:
        if "x" in actual or "crash" in actual:
            return None
        if "timeout" in actual:
            return f"the original raised ({expected['x']}); the candidate timed out"
        return (f"the original raised ({expected['x']}); the candidate returned "
                f"{values.short(actual.get('r'))}")
    if "timeout" in actual:
        return f"timed out ({actual['timeout']})"
    if "crash" in actual:
        return f"crashed ({actual['crash'].splitlines()[0][:200]})"
    if "x" in actual:
        return f"raised {actual['x']}; expected {values.short(expected.get('r'))}"
    rel, abs_ = settings.float_rel_tol, settings.float_abs_tol
    if signature is None or signature.returns.kind is not Kind.VOID:
        if not values.equal(expected["r"], actual.get("r", {"t": "null"}), rel, abs_):
            return (f"returned {values.short(actual.get('r'))}, expected "
                    f"{values.short(expected['r'])}")
    params = signature.params if signature is not None else ()
    for i, param in enumerate(params):
        if not is_sequence(param.type):
            continue
        before = (expected.get("a") or [None] * len(params))[i]
        after = (actual.get("a") or [None] * len(params))[i]
        if before is None or after is None:
            continue
        if not values.equal(before, after, rel, abs_):
            return (f"argument {param.name} ends as {values.short(after)}, expected "
                    f"{values.short(before)}")
    return None


def select(verdicts: Sequence[Verdict], engine_order: Sequence[str] = ("rules", "transcoder")
           ) -> Verdict | None:
    """The best candidate's verdict: all tests passed first, then fewest failures.

    Ties go to the engine listed first in `engine_order` (VerifySettings.engine_order;
    rules before transcoder by default), then to the lower rank. Untestable candidates
    (compiled, or not checkable) rank after those that ran, and candidates that did not
    compile come last: the pipeline then writes a stub, never code that breaks the output
    file. None if `verdicts` is empty.
    """
    if not verdicts:
        return None

    def key(v: Verdict):
        status_rank = {VerdictStatus.PASSED: 0, VerdictStatus.FAILED: 1,
                       VerdictStatus.UNTESTABLE: 2, VerdictStatus.COMPILE_ERROR: 3}[v.status]
        failures = v.tests_total - v.tests_passed if v.status in (
            VerdictStatus.PASSED, VerdictStatus.FAILED) else 0
        order = list(engine_order).index(v.engine) if v.engine in engine_order else len(
            engine_order)
        return (status_rank, failures, order, v.rank)

    return min(verdicts, key=key)

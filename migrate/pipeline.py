"""One run of `migrate translate`: the only module that knows the order of the stages.

walk -> extract -> engines -> verify -> select -> assemble -> write -> report
"""

from __future__ import annotations

import os
import subprocess
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from migrate import lang
from migrate.assemble import assemble
from migrate.atomic import write_atomic, write_atomic_bytes
from migrate.cache import OutcomeCache, model_identity
from migrate.config import Settings
from migrate.engines import ENGINE_ORDER, Engine, build_engines
from migrate.errors import OutputError, UserError, WalkError
from migrate.layout import plan_outputs, references
from migrate.units import (
    EngineResult,
    Function,
    Outcome,
    OutputFile,
    ParsedFile,
    RunReport,
    SourceFile,
    Status,
    SyntaxIssue,
    TranslationContext,
    Verdict,
    VerdictStatus,
)
from migrate.walk import walk

ENGINE_BATCH = 64  # functions handed to an engine at once


class Progress(Protocol):
    """How the pipeline tells its caller what it is doing (the CLI draws bars from it)."""

    def stage(self, name: str, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


# --------------------------------------------------------------------------- locations


def default_out(src: Path, target: str) -> Path:
    """Beside SRC, named after it and the target language (`repo` -> `repo-java`)."""
    src = src.resolve()
    stem = src.name if src.is_dir() else src.stem
    return src.parent / f"{stem}-{target}"


def git_work_tree(path: Path) -> Path | None:
    """The top of the git work tree holding `path`, if any."""
    try:
        done = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(done.stdout.strip()).resolve() if done.returncode == 0 and done.stdout.strip() else None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_locations(settings: Settings) -> Settings:
    """Fill in the default output folder and refuse any that would write into the source."""
    src = settings.src
    if not src.exists():
        raise WalkError(f"{src}: no such file or directory")
    if not os.access(src, os.R_OK):
        raise WalkError(f"{src}: cannot be read")
    src = src.resolve()
    out = settings.out
    if out is None:
        out = default_out(src, settings.target.value)
        if src.is_file():
            raise UserError(
                f"the default output {out} would be written beside {src.name}, inside its folder; "
                "choose a folder elsewhere with --out"
            )
    out = out.resolve()
    guarded = [src] if src.is_dir() else [src.parent]
    if src.is_file():
        tree = git_work_tree(src.parent)
        if tree is not None:
            guarded.append(tree)
    for folder in guarded:
        if _inside(out, folder):
            raise UserError(
                f"the output folder {out} is inside {folder}, which migrate never writes to; "
                "choose a folder elsewhere with --out"
            )
    for named in (settings.report, settings.junit, settings.diff_out):
        if named is not None and any(_inside(named.resolve(), folder) for folder in guarded[:1]):
            raise UserError(f"{named} is inside the source {guarded[0]}, which migrate never writes to")
    if _inside(src, out):
        raise UserError(f"the output folder {out} contains the source {src}; choose another --out")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    return replace(settings, src=src, out=out)


# --------------------------------------------------------------------------- extraction


def _extract_one(source: SourceFile) -> ParsedFile:
    try:
        return lang.get(source.language).extract(source)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the run
        lines = source.text.count("\n") + 1
        message = f"extraction failed: {type(exc).__name__}: {exc}"
        return ParsedFile(source, (), syntax_issues=(SyntaxIssue(1, lines, message),))


def extract_all(files: Sequence[SourceFile], jobs: int, progress: Progress) -> list[ParsedFile]:
    progress.stage("Extracting functions", len(files))
    parsed: list[ParsedFile] = []
    if jobs > 1 and len(files) > 50:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_extract_one, files, chunksize=16):
                parsed.append(result)
                progress.advance()
    else:
        for source in files:
            parsed.append(_extract_one(source))
            progress.advance()
    return parsed


# --------------------------------------------------------------------------- engines


def run_engines(
    engines: Sequence[Engine], functions: Sequence[Function], context: TranslationContext,
    progress: Progress,
) -> dict[str, list[EngineResult]]:
    """Every engine's result for every function, in engine order."""
    results: dict[str, list[EngineResult]] = {f.id: [] for f in functions}
    progress.stage("Translating", len(functions) * len(engines))
    for engine in engines:
        for start in range(0, len(functions), ENGINE_BATCH):
            batch = functions[start : start + ENGINE_BATCH]
            try:
                produced = engine.translate(batch, context)
            except Exception as exc:  # noqa: BLE001 - an engine bug fails its batch, not the run
                reason = f"{engine.name} engine failed: {type(exc).__name__}: {exc}"
                produced = [EngineResult(f.id, engine.name, declined=reason) for f in batch]
            for result in produced:
                results[result.function_id].append(result)
            progress.advance(len(batch))
    return results


# --------------------------------------------------------------------------- selection


def _order(engine: str) -> int:
    return ENGINE_ORDER.index(engine) if engine in ENGINE_ORDER else len(ENGINE_ORDER)


def _declined_reason(results: list[EngineResult]) -> str:
    reasons = [f"{r.engine}: {r.declined}" for r in results if r.declined]
    return "; ".join(reasons) or "no engine produced a candidate"


def select_unverified(function: Function, target, results: list[EngineResult]) -> Outcome:
    """Without verification: the first engine's first candidate, in the documented order."""
    candidates = sorted(
        (c for r in results for c in r.candidates), key=lambda c: (_order(c.engine), c.rank)
    )
    if not candidates:
        return Outcome(function, target, Status.DECLINED, reason=_declined_reason(results))
    best = candidates[0]
    return Outcome(function, target, Status.TRANSLATED, engine=best.engine, chosen=best)


_VERDICT_TO_STATUS = {
    VerdictStatus.PASSED: Status.PASSED,
    VerdictStatus.FAILED: Status.FAILED,
    VerdictStatus.COMPILE_ERROR: Status.COMPILE_ERROR,
    VerdictStatus.UNTESTABLE: Status.UNTESTABLE,
}


def select_verified(
    function: Function, target, results: list[EngineResult], verdicts: list[Verdict], best: Verdict | None
) -> Outcome:
    """The best verified candidate, as the verifier ranked them."""
    candidates = {(c.engine, c.rank): c for r in results for c in r.candidates}
    if not candidates:
        return Outcome(function, target, Status.DECLINED, reason=_declined_reason(results))
    if best is None:
        return Outcome(function, target, Status.ERROR, reason="verification returned no verdict", tried=tuple(verdicts))
    chosen = candidates.get((best.engine, best.rank))
    status = _VERDICT_TO_STATUS[best.status]
    reason = best.reason
    if status is Status.COMPILE_ERROR:
        first_line = best.compiler_message.splitlines()[0] if best.compiler_message else ""
        reason = "no candidate compiled" + (f": {first_line}" if first_line else "")
    if status is not Status.PASSED and any(r.declined for r in results):
        # The engine that declined usually says more about the function than the failing
        # candidate of the other one (e.g. rules declined an unsupported construct).
        reason = "; ".join(filter(None, (reason, _declined_reason(results))))
    return Outcome(function, target, status, engine=best.engine, reason=reason, chosen=chosen,
                   verdict=best, tried=tuple(verdicts))


# --------------------------------------------------------------------------- verification


def verify_stage(
    settings: Settings, functions: Sequence[Function], results: dict[str, list[EngineResult]],
    context: TranslationContext, parsed: Sequence[ParsedFile], progress: Progress,
) -> tuple[dict[str, list[Verdict]], dict[str, Verdict | None], list[str]]:
    """Compile and test every candidate; verdicts per function, the best one, and notices."""
    from migrate import verify

    notices: list[str] = []
    kind, sandbox_warning = verify.sandbox_status()
    if sandbox_warning and settings.sandbox != "off":
        notices.append(sandbox_warning)
    if settings.sandbox == "off":
        notices.append("--sandbox off: candidates run with resource limits only, without isolation")
    languages = {f.language for f in functions} | {settings.target}
    for language, problem in sorted(verify.check_toolchains(languages).items(), key=lambda kv: kv[0].value):
        if problem:
            notices.append(f"{language.display} cannot be compiled or run here ({problem}): "
                           f"functions that need it are reported untestable")
    verify_settings = verify.VerifySettings(
        tests=settings.tests, seed=settings.seed, sandbox=settings.sandbox, jobs=settings.jobs,
        float_rel_tol=settings.float_tolerance,
        engine_order=ENGINE_ORDER,
    )
    flat = [r for f in functions for r in results[f.id]]
    progress.stage("Verifying", sum(len(r.candidates) for r in flat))
    reported = 0

    def advance(done: int, total: int) -> None:
        nonlocal reported
        progress.advance(done - reported)
        reported = done

    sources = {p.source.path: p.source.text for p in parsed}
    sites = verify.call_sites(parsed)
    literals = {f.id: sites.literals(f) for f in functions}
    plan: list = []  # the output plan, made on first use: most runs never call `render`

    def render(placed):
        """The output files of some translations, so that a candidate calling into other
        files is tested with them in their written form (see verify's `render`)."""
        if not plan:
            plan.append(plan_outputs(parsed, settings.target))
        files = {f.file for f, _c in placed}
        return assemble(plan[0], [p for p in parsed if p.source.path in files], [
            Outcome(f, settings.target, Status.TRANSLATED, engine=c.engine, chosen=c)
            for f, c in placed])

    verdicts = verify.verify(functions, flat, context, verify_settings, advance, sources=sources, literals=literals,
                             render=render)
    best = {fid: verify.select(v, ENGINE_ORDER) for fid, v in verdicts.items()}
    return verdicts, best, notices


# --------------------------------------------------------------------------- writing


def write_outputs(out: Path, outputs: Sequence[OutputFile]) -> None:
    try:
        for output in outputs:
            write_atomic(out / output.path, output.text)
    except OSError as exc:
        raise OutputError(f"cannot write the output under {out}: {exc}") from exc


# --------------------------------------------------------------------------- the run


def translate_functions(
    settings: Settings, engines: Sequence[Engine], functions: Sequence[Function],
    parsed: Sequence[ParsedFile], context: TranslationContext, progress: Progress,
) -> tuple[list[Outcome], list[str]]:
    """Engines, then verification, then selection: one Outcome per function, and notices.

    This is the part of a run that `migrate eval` shares, so a benchmark measures exactly
    what `migrate translate` does.
    """
    results = run_engines(engines, functions, context, progress)
    verdicts: dict[str, list[Verdict]] = {}
    best: dict[str, Verdict | None] = {}
    notices: list[str] = []
    if settings.verify and functions:
        verdicts, best, notices = verify_stage(settings, functions, results, context, parsed, progress)
    outcomes = []
    for function in functions:
        try:
            if function.id in verdicts:
                outcome = select_verified(function, settings.target, results[function.id],
                                          verdicts[function.id], best.get(function.id))
            else:
                outcome = select_unverified(function, settings.target, results[function.id])
        except Exception as exc:  # noqa: BLE001 - record the tool's own failure per function
            outcome = Outcome(function, settings.target, Status.ERROR,
                              reason=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}")
        outcomes.append(outcome)
    return outcomes, notices


def run(settings: Settings, progress: Progress | None = None) -> RunReport:
    """Translate SRC as the settings say; returns the report (files are written unless dry run)."""
    started = time.monotonic()
    progress = progress or _Silent()
    settings = check_locations(settings)

    walked = walk(
        settings.src, target=settings.target, languages=settings.sources,
        include=settings.include, exclude=settings.exclude, max_bytes=settings.max_file_bytes,
    )
    parsed = extract_all(walked.files, settings.jobs, progress)
    functions = tuple(f for p in parsed for f in p.functions)

    cache = None
    if settings.incremental and not settings.dry_run and settings.out is not None:
        cache = OutcomeCache(settings.out, run_identity(settings),
                             {p.source.path: p.source.text for p in parsed}, [f.id for f in functions])
    reused = {f.id: o for f in functions if cache and (o := cache.get(f)) is not None}
    todo = tuple(f for f in functions if f.id not in reused)

    plan = plan_outputs(parsed, settings.target)
    context = TranslationContext(settings.target, functions, references(plan, functions))
    warnings: list[str] = []
    fresh: dict[str, Outcome] = {}
    if todo:
        engines, notices = build_engines(
            settings.engine, model=settings.model, bpe_codes=settings.bpe_codes, beam=settings.beam,
            device=settings.device, batch_tokens=settings.batch_tokens,
        )
        warnings.extend(notices)
        produced, notices = translate_functions(settings, engines, todo, parsed, context, progress)
        warnings.extend(notices)
        fresh = {o.function.id: o for o in produced}
        for outcome in produced:
            if cache is not None and outcome.status is not Status.ERROR:
                cache.put(outcome)
    outcomes = [
        replace(fresh[f.id], output_file=plan.module_of(f).output) if f.id in fresh
        else replace(reused[f.id], output_file=plan.module_of(f).output, cached=True)
        for f in functions
    ]

    outputs = assemble(plan, parsed, outcomes)
    if not settings.dry_run:
        write_outputs(settings.out, outputs)

    return RunReport(
        source_root=str(settings.src),
        output_root=str(settings.out) if settings.out else None,
        target=settings.target,
        outcomes=tuple(outcomes),
        skipped_files=walked.skipped,
        syntax_issues={p.source.path: p.syntax_issues for p in parsed if p.syntax_issues},
        outputs=outputs,
        collisions=plan.collisions,
        warnings=tuple(warnings),
        ignored_files=walked.ignored,
        seconds=time.monotonic() - started,
    )


def run_identity(settings: Settings) -> str:
    """What, besides the source, decides a function's outcome (for incremental re-runs)."""
    parts = (settings.target.value, model_identity(settings.engine, settings.model), str(settings.bpe_codes),
             settings.verify, settings.tests, settings.seed, settings.sandbox, settings.beam,
             settings.float_tolerance)
    return "|".join(map(str, parts))


def exit_code(report: RunReport, verified: bool, fail_under: float | None) -> int:
    """0 when the run met its bar, 1 when some functions fell short (2 is for tool errors)."""
    total = len(report.outcomes)
    if total == 0:
        return 0
    if verified:
        passed = sum(1 for o in report.outcomes if o.status is Status.PASSED)
        if fail_under is not None:
            return 0 if passed / total >= fail_under else 1
        return 0 if passed == total else 1
    migrated = sum(1 for o in report.outcomes if o.status.migrated)
    if fail_under is not None:
        return 0 if migrated / total >= fail_under else 1
    return 0 if migrated == total else 1


__all__ = ["run", "exit_code", "check_locations", "default_out", "write_atomic", "write_atomic_bytes"]

"""`migrate translate`: the main job."""

from __future__ import annotations

from pathlib import Path

import click

from migrate.units import Language

LANGS = [lang.value for lang in Language]


@click.command(
    epilog="""\b
Examples:
  migrate translate ./legacy --to java                 # writes ./legacy-java
  migrate translate ./legacy --to cpp --out /tmp/cpp --report /tmp/cpp.json
  migrate translate ./legacy --to python --dry-run --diff-out review.patch
  migrate translate ./legacy --to java --from cpp --include 'src/**' --exclude '**/test_*'
  migrate translate ./legacy --to java --junit junit.xml --fail-under 0.9   # in CI
""",
)
@click.argument("src", type=click.Path(path_type=Path))
@click.option("--to", "target", required=True, type=click.Choice(LANGS),
              help="Target language: java (Java 17), cpp (C++17) or python (3.9+).")
@click.option("--from", "sources", multiple=True, type=click.Choice(LANGS),
              help="Translate only files in this language (repeatable). Default: every supported "
                   "language found; files already in the target language are skipped and counted.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Output folder. Default for a directory SRC: a new folder beside it named after it "
                   "and the target (./legacy -> ./legacy-java). Never inside SRC.")
@click.option("--dry-run", is_flag=True,
              help="Write nothing into the output folder; print the unified diff of what would change.")
@click.option("--diff-out", type=click.Path(path_type=Path),
              help="Also write that diff to FILE as a patch that `git apply` accepts from the output "
                   "folder's parent.")
@click.option("--report", type=click.Path(path_type=Path),
              help="Where to write the JSON report. Default: migrate-report.json inside --out "
                   "(none on a dry run unless named).")
@click.option("--junit", type=click.Path(path_type=Path),
              help="Write JUnit XML (one test case per function) for CI systems.")
@click.option("--engine", type=click.Choice(["auto", "rules", "transcoder"]), default=None,
              help="Candidate generator: rules (syntax-directed), transcoder (neural model) or auto "
                   "(every available engine; tests pick the winner). Default: auto.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only files whose path relative to SRC matches GLOB (repeatable), e.g. 'src/**/*.py'.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files whose relative path matches GLOB (repeatable). .gitignore is "
                   "always honoured.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: every core).")
@click.option("--no-verify", is_flag=True,
              help="Skip compiling and testing candidates (report them as translated).")
@click.option("--no-cache", is_flag=True,
              help="Translate and verify every function again, instead of reusing the previous run's "
                   "outcome for functions whose file, engine and settings did not change.")
@click.option("--tests", type=int, default=None, help="Generated test inputs per function (default 20).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for generated inputs.")
@click.option("--float-tolerance", type=float, default=None, metavar="REL",
              help="Relative tolerance when floating-point results are compared with the original's "
                   "(default 1e-6).")
@click.option("--fail-under", type=float, default=None, metavar="RATE",
              help="Exit 0 when at least this share of functions passed verification (e.g. 0.9), "
                   "instead of requiring every one.")
@click.option("--sandbox", type=click.Choice(["auto", "required", "off"]), default=None,
              help="auto: bubblewrap when present, else resource limits only (with a warning); "
                   "required: refuse to run without bubblewrap; off: resource limits only.")
@click.option("--model", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Model checkpoint for the transcoder engine (ours, or an official TransCoder one "
                   "with --bpe-codes).")
@click.option("--bpe-codes", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="fastBPE codes file for an official TransCoder checkpoint.")
@click.option("--beam", type=int, default=1, show_default=True,
              help="Beam size for the transcoder engine; every hypothesis is verified.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where the neural model runs.")
@click.option("--batch-tokens", type=int, default=4000, show_default=True,
              help="Token budget of one decoding batch.")
@click.option("--max-file-bytes", type=int, default=None,
              help="Skip (and report) files larger than this (default 1000000).")
@click.pass_context
def translate(ctx: click.Context, **options) -> int:
    """Translate the functions of SRC (a repository folder or one file) into another language.

    Every function is parsed with tree-sitter, translated by the engines, compiled and
    unit-tested against the original in a sandbox; the best verified candidate is written.
    Exit codes: 0 every function migrated (and verified), 1 some were not, 2 tool error.
    """
    from migrate import pipeline
    from migrate.cli import Exit
    from migrate.cli.render import print_summary, print_warnings
    from migrate.cli.terminal import Terminal
    from migrate.config import Settings, merge_repo_config
    from migrate.diff import output_patch
    from migrate.report.json_report import dumps
    from migrate.report.junit import to_junit

    term = Terminal(debug=ctx.obj.get("debug", False) if ctx.obj else False)
    given = {k for k, v in options.items() if v not in (None, (), False)}
    sources = frozenset(Language(s) for s in options["sources"]) or frozenset(Language)
    settings = Settings(
        src=options["src"],
        target=Language(options["target"]),
        sources=sources,
        out=options["out"],
        dry_run=options["dry_run"],
        diff_out=options["diff_out"],
        report=options["report"],
        junit=options["junit"],
        engine=options["engine"] or "auto",
        include=tuple(options["include"]),
        exclude=tuple(options["exclude"]),
        verify=not options["no_verify"],
        incremental=not options["no_cache"],
        tests=options["tests"] or 20,
        seed=options["seed"],
        fail_under=options["fail_under"],
        float_tolerance=1e-6 if options["float_tolerance"] is None else options["float_tolerance"],
        sandbox=options["sandbox"] or "auto",
        model=options["model"],
        bpe_codes=options["bpe_codes"],
        beam=options["beam"],
        device=options["device"],
        batch_tokens=options["batch_tokens"],
        max_file_bytes=options["max_file_bytes"] or 1_000_000,
        **({"jobs": options["jobs"]} if options["jobs"] else {}),
    )
    settings = pipeline.check_locations(merge_repo_config(settings, given))

    with term.progress() as progress:
        report = pipeline.run(settings, progress)

    print_warnings(term, report)
    out = Path(report.output_root) if report.output_root else None
    if settings.dry_run and out is not None:
        patch = output_patch(out, report.outputs)
        term.diff(patch if patch else "")
        if settings.diff_out is not None:
            pipeline.write_atomic(settings.diff_out, patch)
    elif settings.diff_out is not None and out is not None:
        term.warn("--diff-out is written only with --dry-run (the files were written instead)")
    if settings.report_path is not None:
        pipeline.write_atomic(settings.report_path, dumps(report, dry_run=settings.dry_run))
    if settings.junit is not None:
        pipeline.write_atomic(settings.junit, to_junit(report))
    verified = settings.verify and any(o.verdict is not None for o in report.outcomes)
    print_summary(term, report, settings, verified)
    return int(Exit(pipeline.exit_code(report, verified, settings.fail_under)))

"""`migrate eval`: computational accuracy on a GfG-format suite."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("eval", epilog="""\b
Examples:
  migrate eval ../shared/benchmarks/gfg --engine rules --report results.json
  migrate eval ../shared/benchmarks/gfg --pairs java:cpp,cpp:java --limit 20
  migrate eval ../shared/benchmarks/gfg --engine transcoder --model models/default.pt --beam 5
""")
@click.argument("suite_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--pairs", default="all", show_default=True, metavar="all | S:T,S:T",
              help="Directions to evaluate, e.g. python:java,cpp:java.")
@click.option("--engine", type=click.Choice(["auto", "rules", "transcoder"]), default="auto", show_default=True,
              help="Engine(s) that translate, exactly as in `migrate translate`.")
@click.option("--model", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Model checkpoint for the transcoder engine.")
@click.option("--bpe-codes", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="fastBPE codes for an official TransCoder checkpoint.")
@click.option("--beam", type=int, default=1, show_default=True, help="Beam size of the transcoder engine.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--limit", type=int, default=None, help="Only the first N problems of each direction.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: every core).")
@click.option("--tests", type=int, default=20, show_default=True, help="Generated tests per function for our verifier.")
@click.option("--no-verify", is_flag=True, help="Skip our own verification (the suite's scripts still decide CA).")
@click.option("--report", type=click.Path(path_type=Path), default=Path("eval-results.json"), show_default=True,
              help="Where to write the JSON results.")
@click.option("--fresh", is_flag=True, help="Ignore cached results of earlier runs.")
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
              help="Where finished problems are kept between runs (default ~/.cache/migrate/eval).")
def eval_command(suite_dir: Path, pairs: str, engine: str, model, bpe_codes, beam: int, device: str,
                 limit, jobs, tests: int, no_verify: bool, report: Path, fresh: bool, cache_dir) -> int:
    """Measure computational accuracy (CA) on SUITE_DIR, a folder in the GfG format.

    Each direction's f_gold goes through the same engines, verification and selection as
    `migrate translate`; the translation is inserted into the target test script, which is
    compiled and run in the sandbox. Prints a table per direction and writes --report.
    Finished problems are reused by the next run unless --fresh.
    """
    import os

    from migrate import eval as evaluation
    from migrate.cli.eval_render import print_eval
    from migrate.cli.terminal import Terminal
    from migrate.config import Settings, validate
    from migrate.errors import ConfigError
    from migrate.pipeline import write_atomic
    from migrate.units import Language

    term = Terminal()
    try:
        directions = evaluation.parse_pairs(pairs)
    except ValueError as exc:
        raise ConfigError(f"--pairs: {exc} (use e.g. python:java,cpp:java or all)") from exc
    settings = validate(Settings(
        src=suite_dir, target=Language.JAVA, sources=frozenset(Language), engine=engine, model=model,
        bpe_codes=bpe_codes, beam=beam, device=device, tests=tests, verify=not no_verify,
        jobs=jobs or os.cpu_count() or 1,
    ))
    with term.progress() as progress:
        data = evaluation.evaluate(suite_dir, settings, directions, limit=limit, fresh=fresh,
                                   cache_dir=cache_dir, stage=progress.stage, advance=progress.advance)
    write_atomic(report, json_dumps(data))
    print_eval(term, data)
    term.out.print(f"results: {report}", markup=False)
    return 0


def json_dumps(data: dict) -> str:
    import json

    return json.dumps(data, indent=2) + "\n"

"""`migrate corpus build`: training corpora for `migrate train`."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("corpus")
def corpus_command() -> None:
    """Build training corpora (functions -> deduplicated, benchmark-free shards)."""


@corpus_command.command(
    "build",
    epilog="""\b
Examples:
  migrate corpus build ../shared/corpora/leetcode/solutions.jsonl --out build/corpus/leetcode
  migrate corpus build /usr/lib/jvm/openjdk-17/lib/src.zip --exclude "jdk.*" \\
      --max-per-source 20000 --out build/corpus/jdk
""",
)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Corpus folder to write.")
@click.option("--vocab-size", type=int, default=8000, show_default=True, help="SentencePiece pieces (a ceiling).")
@click.option("--min-tokens", type=int, default=10, show_default=True, help="Shortest function, in code tokens.")
@click.option("--max-tokens", type=int, default=400, show_default=True, help="Longest function, in code tokens.")
@click.option(
    "--near",
    type=float,
    default=0.8,
    show_default=True,
    help="Jaccard similarity (5-token shingles) at which two functions are duplicates.",
)
@click.option(
    "--benchmark-near",
    type=float,
    default=0.6,
    show_default=True,
    help="Similarity at which a function counts as a benchmark function and is refused.",
)
@click.option(
    "--benchmarks",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Suites to refuse (default: every folder of ../shared/benchmarks).",
)
@click.option(
    "--max-per-source", type=int, default=0, show_default=True, help="Functions kept per source and language (0: all)."
)
@click.option("--standalone-only", is_flag=True, help="Drop instance methods found in source trees.")
@click.option("--exclude", multiple=True, help="gitignore-style glob of files to leave out (repeatable).")
@click.option("--seed", type=int, default=0, show_default=True)
def build_command(
    sources,
    out: Path,
    vocab_size: int,
    min_tokens: int,
    max_tokens: int,
    near: float,
    benchmark_near: float,
    benchmarks,
    max_per_source: int,
    standalone_only: bool,
    exclude,
    seed: int,
) -> int:
    """Extract functions from SOURCES (folders, .zip archives, aligned .jsonl files) into --out.

    Functions matching any benchmark function (exactly or nearly) are refused and
    counted in the manifest; so are duplicates inside the corpus.
    """
    from migrate.errors import ConfigError
    from migrate.train.corpus import BuildOptions, build, find_benchmarks

    suites = [Path(b) for b in benchmarks] or find_benchmarks(Path(__file__).resolve().parents[2])
    if not suites:
        raise ConfigError("no benchmark suites found to refuse (../shared/benchmarks); name them with --benchmarks")
    options = BuildOptions(
        min_tokens=min_tokens,
        max_tokens=max_tokens,
        vocab_size=vocab_size,
        near_threshold=near,
        benchmark_threshold=benchmark_near,
        max_per_source=max_per_source,
        standalone_only=standalone_only,
        seed=seed,
        exclude=tuple(exclude),
    )
    manifest = build(list(sources), out, options, suites, progress=lambda m: click.echo(m, err=True))
    counts = manifest["counts"]
    click.echo(f"kept: {counts['kept']}")
    click.echo(f"refused as benchmark functions: {counts['benchmark_refused']}")
    click.echo(f"dropped: {counts['dropped']}")
    pairs = {k: v["sequences"] for k, v in manifest["shards"].items() if k.startswith("para.")}
    if pairs:
        click.echo(f"aligned shards: {pairs}")
    click.echo(f"manifest: {out / 'manifest.json'}")
    return 0


@corpus_command.command("st", epilog="""\b
Example:
  migrate corpus st ./java-functions --from java --to cpp,python --corpus build/corpus/leetcode
""")
@click.argument("src", type=click.Path(path_type=Path, exists=True))
@click.option("--corpus", "corpus_dir", required=True, type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Corpus whose SentencePiece model encodes the pairs; the st.* shards go there.")
@click.option("--from", "source", required=True, type=click.Choice(["python", "java", "cpp"]))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated.")
@click.option("--engine", type=click.Choice(["auto", "rules", "transcoder"]), default="rules", show_default=True)
@click.option("--tests", type=int, default=20, show_default=True, help="Generated tests per function.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True)
@click.option("--limit", type=int, default=0, help="Translate at most this many functions (0: all).")
def st_command(src: Path, corpus_dir: Path, source: str, targets: str, engine: str, tests: int, jobs: int,
               limit: int) -> int:
    """Self-training pairs: SRC's functions translated and kept only when verification passes."""
    from migrate.errors import ConfigError
    from migrate.train.corpus import find_benchmarks
    from migrate.train.selftrain import build_pairs
    from migrate.units import Language

    try:
        langs = [Language(t.strip()) for t in targets.split(",") if t.strip()]
    except ValueError as exc:
        raise ConfigError(f"--to: {exc} (use e.g. cpp,python)") from exc
    entry = build_pairs(
        src, Language(source), langs, corpus_dir, engine=engine,
        benchmarks=find_benchmarks(Path(__file__).resolve().parents[2]), tests=tests, jobs=jobs, limit=limit,
        progress=lambda m: click.echo(m, err=True),
    )
    click.echo(f"verified pairs: {entry['pairs']} (of {entry['tried']} functions)")
    return 0

"""Self-training pairs (TransCoder-ST): translations that pass our verification.

Functions of a source tree go through the same engines, verification and selection as
`migrate translate`; every function whose chosen translation PASSED differential
testing against the original becomes an aligned pair. The pairs are encoded with an
existing corpus's SentencePiece model and written as `st.<a>-<b>.<lang>` shards next
to it, for the `st` objective. Benchmark functions are refused as in `corpus build`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from migrate.errors import ConfigError
from migrate.units import Language, SourceFile, Status


def _target_tokens(code: str, target: Language) -> list[str] | None:
    """The verified translation in the same standalone form as corpus functions."""
    from migrate.lang import get
    from migrate.train.functions import model_tokens

    if target is Language.JAVA:
        code = f"class Wrapper {{\n{code}\n}}\n"
    parsed = get(target).extract(SourceFile(f"st.{target.value}", Path("st"), target, code, "utf-8", len(code)))
    if len(parsed.functions) != 1:
        return None
    return model_tokens(parsed.functions[0])


def _source_files(src: Path, language: Language, valid_fraction: float):
    """The functions to translate: a source tree, a .zip, or one language's side of an
    aligned `.jsonl` (problems held out for validation are left out, so the validation
    loss never sees a translation of its own functions)."""
    from migrate.train.corpus import _held_out, aligned_rows
    from migrate.train.functions import source_files

    if src.is_file() and src.suffix == ".jsonl":
        for key, texts in aligned_rows(src):
            text = texts.get(language)
            if text is not None and not _held_out(key, valid_fraction):
                name = f"{key}.{language.value}"
                yield SourceFile(name, src, language, text, "utf-8", len(text.encode()))
        return
    yield from source_files(src, language)


def _existing(corpus: Path, name: str) -> list[list[int]]:
    from migrate.train.shards import Shard

    shard = Shard(corpus, name)
    return [shard[i] for i in range(len(shard))]


def build_pairs(
    src: Path,
    source: Language,
    targets: Sequence[Language],
    corpus: Path,
    engine: str = "rules",
    benchmarks: Sequence[Path] = (),
    tests: int = 20,
    jobs: int = 1,
    limit: int = 0,
    progress: Callable[[str], None] = lambda message: None,
) -> dict:
    """Translate, verify, keep what passed; returns the manifest's `st` entry."""
    from migrate.config import Settings, validate
    from migrate.engines import build_engines
    from migrate.engines.transcoder.spm import SentencePieceSubwords
    from migrate.pipeline import _Silent, extract_all, translate_functions
    from migrate.train import shards
    from migrate.train.corpus import BuildOptions, Stats, _Filter, benchmark_index, load_manifest
    from migrate.train.functions import CodeFunction, is_standalone, model_tokens
    from migrate.units import TranslationContext

    manifest = load_manifest(corpus)
    spm = SentencePieceSubwords.from_file(corpus / manifest["spm"]["file"])
    options = BuildOptions(**{k: v for k, v in manifest["options"].items() if k in BuildOptions.__dataclass_fields__})
    bench = benchmark_index(benchmarks, options.benchmark_threshold) if benchmarks else None
    stats = Stats()
    filt = _Filter(options, bench, stats)

    aligned = Path(src).is_file() and Path(src).suffix == ".jsonl"
    files = list(_source_files(Path(src), source, options.valid_fraction))
    parsed = extract_all(files, 1, _Silent())
    functions, tokens = [], {}
    for pf in parsed:
        for fn in pf.functions:
            toks = model_tokens(fn)
            # Aligned solutions are methods of a stateless `Solution` class, read as
            # standalone functions as `corpus build` does (constructors aside).
            usable = (fn.name != fn.enclosing[-1]) if aligned and fn.enclosing else is_standalone(fn)
            if not toks or not usable:
                continue
            code_fn = CodeFunction(source, fn.name, tuple(toks), f"{src}:{fn.file}::{fn.qualified_name}", True)
            if filt.check(code_fn):
                functions.append(fn)
                tokens[fn.id] = toks
            if limit and len(functions) >= limit:
                break
        if limit and len(functions) >= limit:
            break
    progress(f"{len(functions)} {source.display} functions to translate")
    entry = {"source": str(src), "from": source.value, "engine": engine, "pairs": {}, "tried": len(functions)}
    for target in targets:
        settings = validate(
            Settings(src=Path(src), target=target, sources=frozenset({source}), engine=engine, tests=tests, jobs=jobs)
        )
        engines, _ = build_engines(engine, model=settings.model)
        context = TranslationContext(target=target, functions=tuple(functions))
        outcomes, _ = translate_functions(settings, engines, functions, parsed, context, _Silent())
        pairs = []
        for outcome in outcomes:
            if outcome.status is not Status.PASSED or outcome.chosen is None:
                continue
            out_tokens = _target_tokens(outcome.chosen.code, target)
            if not out_tokens:
                continue
            a, b = spm.encode(" ".join(tokens[outcome.function.id])), spm.encode(" ".join(out_tokens))
            if max(len(a), len(b)) + 2 <= options.max_subwords:
                pairs.append((a, b))
        progress(f"{source.value}->{target.value}: {len(pairs)} verified pairs of {len(functions)}")
        if not pairs:
            continue
        first, second = sorted((source.value, target.value))
        base = f"st.{first}-{second}"
        by_lang = {source.value: [a for a, _ in pairs], target.value: [b for _, b in pairs]}
        for lang in (first, second):
            # Both directions of a pair (java->cpp, then cpp->java) share these shards:
            # a later run adds to what an earlier one wrote.
            name = f"{base}.{lang}"
            earlier = _existing(corpus, name) if name in manifest["shards"] else []
            manifest["shards"][name] = shards.write(corpus, name, earlier + by_lang[lang])
        entry["pairs"][f"{source.value}-{target.value}"] = len(pairs)
    entry["benchmark_refused"] = sum(v for k, v in stats.dropped.items() if k.startswith("benchmark"))
    manifest.setdefault("st", []).append(entry)
    (corpus / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if not entry["pairs"]:
        raise ConfigError("no translation passed verification: no self-training pairs were written")
    return entry

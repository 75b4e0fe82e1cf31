"""`migrate corpus build`: functions from source trees -> deduplicated, benchmark-free shards.

Steps: extract functions (our extractor) -> standalone code tokens (`functions`) ->
length filter -> refuse anything matching a benchmark function (exact or near, counted)
-> exact and near-duplicate removal -> one SentencePiece model shared by the languages
-> uint16 shards (`shards`) and `manifest.json`.

Sources are folders, `.zip` archives (the JDK's src.zip) or a LeetCode-style
`solutions.jsonl` (one problem per line with `python` / `java` / `cpp` sources), which
also yields aligned pairs: functions with the same name in two languages of one line.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from migrate.errors import ConfigError
from migrate.train import dedup
from migrate.train.functions import CodeFunction, extract_functions, is_standalone, source_files
from migrate.units import Language, SourceFile

LANGS = (Language.CPP, Language.JAVA, Language.PYTHON)  # sorted: pair names are "a-b" in this order


@dataclass
class BuildOptions:
    min_tokens: int = 10  # code tokens
    max_tokens: int = 400
    max_subwords: int = 510  # with both </s>, within the model's 512
    vocab_size: int = 8000
    near_threshold: float = 0.8  # Jaccard of 5-token shingles: same function, small edits
    benchmark_threshold: float = 0.6  # stricter for the evaluation suites
    max_per_source: int = 0  # functions per (source, language); 0 = no cap
    standalone_only: bool = False  # drop instance methods from trees (not from pairs)
    valid_fraction: float = 0.03  # aligned problems held out for validation loss
    seed: int = 0
    exclude: tuple[str, ...] = ()


@dataclass
class Stats:
    extracted: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)  # reason -> count
    refused: list[dict] = field(default_factory=list)  # benchmark matches (a sample)
    makeup: Counter = field(default_factory=Counter)  # "python/standalone/stdlib" -> count


# --------------------------------------------------------------------------- benchmarks


def benchmark_index(roots: Sequence[Path], threshold: float) -> dedup.NearDuplicateIndex:
    """Every benchmark function (f_gold and anything else in the scripts but main)."""
    from migrate.lang import get
    from migrate.train.functions import model_tokens

    index = dedup.NearDuplicateIndex(threshold)
    for root in roots:
        for language in LANGS:
            folder = root / language.value
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                if not path.is_file():
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
                sf = SourceFile(path.name, path, language, text, "utf-8", len(text))
                try:
                    parsed = get(language).extract(sf)
                except Exception:  # noqa: BLE001 - an unparsable script holds nothing to refuse
                    continue
                for fn in parsed.functions:
                    if fn.name == "main":
                        continue
                    tokens = model_tokens(fn)
                    if tokens:
                        index.add(dedup.normalize(tokens, fn.name), f"{root.name}/{language.value}/{path.name}")
    return index


def find_benchmarks(repo_root: Path) -> list[Path]:
    """The suites under ../shared/benchmarks (each a folder with cpp/java/python)."""
    base = repo_root.parent / "shared" / "benchmarks"
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir())


# --------------------------------------------------------------------------- sources


def tree_functions(path: Path, stats: Stats, options: BuildOptions) -> Iterator[CodeFunction]:
    label = path.name
    for language in LANGS:
        files = source_files(path, language, options.exclude)
        count = 0
        for fn, tokens in extract_functions(files, label):
            stats.extracted[language.value] += 1
            if fn.enclosing and fn.name == fn.enclosing[-1]:
                stats.dropped["constructor"] += 1
                continue
            standalone = is_standalone(fn)
            if options.standalone_only and not standalone:
                stats.dropped["instance method"] += 1
                continue
            yield CodeFunction(language, fn.name, tuple(tokens), f"{label}:{fn.file}::{fn.qualified_name}", standalone)
            count += 1
            if options.max_per_source and count >= options.max_per_source:
                break


def aligned_rows(path: Path) -> Iterator[tuple[str, dict[Language, str]]]:
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}:{n + 1}: not JSON: {exc}") from exc
            key = f"{row.get('problem', n)}/{row.get('variant', '')}"
            yield key, {lang: row[lang.value] for lang in LANGS if isinstance(row.get(lang.value), str)}


def aligned_functions(path: Path, stats: Stats) -> Iterator[tuple[str, dict[Language, list[CodeFunction]]]]:
    """Per problem: the functions of each language's solution."""
    for key, sources in aligned_rows(path):
        out: dict[Language, list[CodeFunction]] = {}
        for language, text in sources.items():
            sf = SourceFile(f"{key}.{language.value}", Path(path), language, text, "utf-8", len(text))
            for fn, tokens in extract_functions([sf], path.name):
                stats.extracted[language.value] += 1
                if fn.enclosing and fn.name == fn.enclosing[-1]:
                    continue
                origin = f"{path.name}:{key}::{fn.name}"
                out.setdefault(language, []).append(CodeFunction(language, fn.name, tuple(tokens), origin, True))
        yield key, out


def pair_up(functions: dict[Language, list[CodeFunction]]) -> dict[tuple[Language, Language], list[tuple]]:
    """Functions of the same name, found once in each of two languages."""
    pairs: dict[tuple[Language, Language], list[tuple]] = {}
    by_name = {
        lang: {n: f for n, f in ((f.name, f) for f in fns) if sum(g.name == n for g in fns) == 1}
        for lang, fns in functions.items()
    }
    for i, a in enumerate(LANGS):
        for b in LANGS[i + 1 :]:
            if a in by_name and b in by_name:
                for name in sorted(set(by_name[a]) & set(by_name[b])):
                    pairs.setdefault((a, b), []).append((by_name[a][name], by_name[b][name]))
    return pairs


# --------------------------------------------------------------------------- build


class _Filter:
    """Length filter, benchmark refusal and deduplication, with counts."""

    def __init__(self, options: BuildOptions, bench: dedup.NearDuplicateIndex | None, stats: Stats):
        self.options = options
        self.bench = bench
        self.stats = stats
        self.refused: dict[str, bool] = {}  # a function checked twice (mono and pair) counts once
        self.seen: dict[Language, dedup.NearDuplicateIndex] = {
            lang: dedup.NearDuplicateIndex(options.near_threshold) for lang in LANGS
        }

    def check(self, fn: CodeFunction, dedupe: bool = True) -> bool:
        n = len(fn.tokens)
        if n < self.options.min_tokens:
            self.stats.dropped["too short"] += 1
            return False
        if n > self.options.max_tokens:
            self.stats.dropped["too long"] += 1
            return False
        norm = dedup.normalize(fn.tokens, fn.name)
        key = fn.origin + "\0" + dedup.exact_key(norm)
        if key in self.refused:
            return False
        if self.bench is not None:
            hit = self.bench.query(norm)
            if hit is not None:
                self.refused[key] = True
                kind, label, sim = hit
                self.stats.dropped[f"benchmark {kind} duplicate"] += 1
                if len(self.stats.refused) < 200:
                    self.stats.refused.append(
                        {"origin": fn.origin, "match": label, "kind": kind, "similarity": round(sim, 3)}
                    )
                return False
        if dedupe:
            hit = self.seen[fn.language].query(norm)
            if hit is not None:
                self.stats.dropped[f"{hit[0]} duplicate"] += 1
                return False
            self.seen[fn.language].add(norm, fn.origin)
        return True


def build(
    sources: Sequence[Path],
    out: Path,
    options: BuildOptions,
    benchmarks: Sequence[Path] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> dict:
    """Build the corpus in `out`; returns the manifest."""
    from migrate.engines.transcoder.spm import train_sentencepiece
    from migrate.train import shards

    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    stats = Stats()
    bench = None
    if benchmarks:
        progress(f"indexing benchmark functions in {', '.join(str(b) for b in benchmarks)}")
        bench = benchmark_index(benchmarks, options.benchmark_threshold)
    filt = _Filter(options, bench, stats)
    rng = random.Random(options.seed)

    mono: dict[Language, list[CodeFunction]] = {lang: [] for lang in LANGS}
    para: dict[str, dict[tuple[Language, Language], list[tuple]]] = {"train": {}, "valid": {}}
    source_info = []
    for src in sources:
        src = Path(src)
        if not src.exists():
            raise ConfigError(f"corpus source {src} does not exist")
        before = sum(len(v) for v in mono.values())
        if src.is_file() and src.suffix == ".jsonl":
            progress(f"aligned solutions: {src}")
            n_pairs = 0
            for key, functions in aligned_functions(src, stats):
                split = "valid" if _held_out(key, options.valid_fraction) else "train"
                for lang, fns in functions.items():
                    for fn in fns:
                        if filt.check(fn) and split == "train":
                            mono[lang].append(fn)
                            stats.makeup[f"{lang.value}/aligned/{src.name}"] += 1
                for direction, items in pair_up(functions).items():
                    for a, b in items:
                        # Pairs are never deduplicated against the monolingual data (they
                        # are the same functions) but are refused like everything else.
                        if filt.check(a, dedupe=False) and filt.check(b, dedupe=False):
                            para[split].setdefault(direction, []).append((a, b))
                            n_pairs += 1
            source_info.append({"path": str(src), "kind": "aligned", "pairs": n_pairs})
        else:
            progress(f"functions in {src}")
            for fn in tree_functions(src, stats, options):
                if filt.check(fn):
                    mono[fn.language].append(fn)
                    kind = "standalone" if fn.standalone else "method"
                    stats.makeup[f"{fn.language.value}/{kind}/{src.name}"] += 1
            source_info.append({"path": str(src), "kind": "tree"})
        source_info[-1]["functions"] = sum(len(v) for v in mono.values()) - before

    lines = [" ".join(f.tokens) for fns in mono.values() for f in fns]
    lines += [" ".join(f.tokens) for d in para["train"].values() for pair in d for f in pair]
    if not lines:
        raise ConfigError("no usable functions found in the corpus sources")
    progress(f"training SentencePiece on {len(lines)} functions")
    rng.shuffle(lines)
    spm = train_sentencepiece(lines[:300_000], options.vocab_size, out / "spm.model")

    def encode(fn: CodeFunction) -> list[int] | None:
        ids = spm.encode(" ".join(fn.tokens))
        return ids if len(ids) + 2 <= options.max_subwords else None

    progress("writing shards")
    entries: dict[str, dict] = {}
    for lang, fns in mono.items():
        rng.shuffle(fns)
        seqs = [s for s in (encode(f) for f in fns) if s is not None]
        stats.dropped["too many subwords"] += len(fns) - len(seqs)
        if seqs:
            entries[f"mono.{lang.value}"] = shards.write(out, f"mono.{lang.value}", seqs)
    for split, directions in para.items():
        for (a, b), items in directions.items():
            encoded = [(encode(x), encode(y)) for x, y in items]
            encoded = [(x, y) for x, y in encoded if x is not None and y is not None]
            if not encoded:
                continue
            base = f"para.{split}.{a.value}-{b.value}"
            entries[f"{base}.{a.value}"] = shards.write(out, f"{base}.{a.value}", [x for x, _ in encoded])
            entries[f"{base}.{b.value}"] = shards.write(out, f"{base}.{b.value}", [y for _, y in encoded])

    manifest = {
        "format": "migrate-corpus",
        "version": 1,
        "spm": {"file": "spm.model", "pieces": spm.n_words, "sha256": _sha(out / "spm.model")},
        "shards": entries,
        "sources": source_info,
        "benchmarks": [str(b) for b in benchmarks],
        "options": {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(options).items()},
        "counts": {
            "extracted": dict(stats.extracted),
            "kept": {lang.value: len(mono[lang]) for lang in LANGS},
            "dropped": dict(stats.dropped),
            "benchmark_refused": sum(v for k, v in stats.dropped.items() if k.startswith("benchmark")),
        },
        "makeup": dict(sorted(stats.makeup.items())),
        "refused_sample": stats.refused,
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _held_out(key: str, fraction: float) -> bool:
    problem = key.split("/")[0]
    h = int.from_bytes(hashlib.sha256(problem.encode()).digest()[:4], "little")
    return h / 2**32 < fraction


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(folder: Path) -> dict:
    path = Path(folder) / "manifest.json"
    if not path.is_file():
        raise ConfigError(f"{folder} is not a corpus (no manifest.json; build it with `migrate corpus build`)")
    return json.loads(path.read_text(encoding="utf-8"))

"""Speed benchmarks of migrate, each a ratio against a baseline measured in the same run.

    python3 benchmarks/speed.py [--quick] [--only extraction,translation,verification,decoding,end_to_end]
                                [--json speed.json]

- extraction: MB/s of our function extraction over the CPython standard library on this
  machine, against the bare tree-sitter parse of the same files;
- translation: functions per second per engine, against the extraction rate of the same
  functions;
- verification: batched versus one compile-and-run per function (benchmarks/verify_speed.py);
- decoding: batched beam search versus one-at-a-time (benchmarks/decode_speed.py);
- end to end: wall time of `migrate translate` on repositories of 250, 500 and 1,000+
  functions (GfG scripts read in place from ../shared), and time per function at 1,000
  against 250.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GFG = REPO.parent / "shared" / "benchmarks" / "gfg"
sys.path.insert(0, str(REPO))


def stdlib_files(limit_mb: float) -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    files, total = [], 0
    for path in sorted(root.rglob("*.py")):
        if "site-packages" in path.parts or "test" in path.parts or "tests" in path.parts:
            continue
        size = path.stat().st_size
        files.append(path)
        total += size
        if total >= limit_mb * 1e6:
            break
    return files


def bench_extraction(quick: bool) -> dict:
    from migrate import lang
    from migrate.units import Language, SourceFile

    support = lang.get(Language.PYTHON)
    files = stdlib_files(3 if quick else 20)
    texts = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in files]
    sources = [SourceFile(str(p), p, Language.PYTHON, t, "utf-8", len(t.encode())) for p, t in texts]
    megabytes = sum(s.size for s in sources) / 1e6
    parser = support.parser
    start = time.perf_counter()
    for s in sources:
        parser.parse(s.text.encode("utf-8"))
    bare = time.perf_counter() - start
    start = time.perf_counter()
    functions = 0
    for s in sources:
        functions += len(support.extract(s).functions)
    ours = time.perf_counter() - start
    return {
        "files": len(sources), "megabytes": round(megabytes, 2), "functions": functions,
        "bare_parse_mb_s": round(megabytes / bare, 2), "extraction_mb_s": round(megabytes / ours, 2),
        "ratio_extraction_vs_parse": round(bare / ours, 3),
    }


def bench_translation(quick: bool) -> dict:
    """Rules-engine functions/s on GfG f_gold functions, against extracting the same functions."""
    from migrate import lang
    from migrate.engines.rules import RulesEngine
    from migrate.units import Language, SourceFile, TranslationContext

    if not GFG.is_dir():
        return {"skipped": f"{GFG} not found"}
    rows = {}
    for source in Language:
        paths = sorted((GFG / source.value).iterdir())[: 60 if quick else None]
        sources = [SourceFile(p.name, p, source, p.read_text(errors="replace"), "utf-8", p.stat().st_size)
                   for p in paths]
        start = time.perf_counter()
        parsed = [lang.get(source).extract(s) for s in sources]
        extract_s = time.perf_counter() - start
        functions = tuple(f for p in parsed for f in p.functions if f.name == "f_gold")
        for target in Language:
            if target is source:
                continue
            engine = RulesEngine()
            context = TranslationContext(target, functions)
            start = time.perf_counter()
            results = engine.translate(functions, context)
            seconds = time.perf_counter() - start
            rows[f"{source.value}->{target.value}"] = {
                "functions": len(functions),
                "translated": sum(1 for r in results if r.candidates),
                "rules_functions_per_s": round(len(functions) / seconds, 1),
                "extraction_functions_per_s": round(len(functions) / extract_s, 1),
                "ratio_translation_vs_extraction": round(extract_s / seconds, 3),
            }
    rows["transcoder"] = _transcoder_rate(quick)
    return rows


def _transcoder_rate(quick: bool) -> dict:
    """The neural engine (the default model, greedy, batched) on Java f_gold functions into C++,
    against extracting the same functions."""
    from migrate import lang
    from migrate.engines import DEFAULT_MODEL
    from migrate.engines.transcoder import TranscoderEngine
    from migrate.units import Language, SourceFile, TranslationContext

    if not DEFAULT_MODEL.is_file():
        return {"skipped": f"{DEFAULT_MODEL} not found"}
    paths = sorted((GFG / "java").iterdir())[: 12 if quick else 60]
    sources = [SourceFile(p.name, p, Language.JAVA, p.read_text(errors="replace"), "utf-8", p.stat().st_size)
               for p in paths]
    start = time.perf_counter()
    parsed = [lang.get(Language.JAVA).extract(s) for s in sources]
    extract_s = time.perf_counter() - start
    functions = tuple(f for p in parsed for f in p.functions if f.name == "f_gold")
    engine = TranscoderEngine(DEFAULT_MODEL)
    context = TranslationContext(Language.CPP, functions)
    engine.translate(functions[:2], context)  # loads the model; not timed
    start = time.perf_counter()
    results = engine.translate(functions, context)
    seconds = time.perf_counter() - start
    return {
        "direction": "java->cpp", "functions": len(functions),
        "translated": sum(1 for r in results if r.candidates),
        "transcoder_functions_per_s": round(len(functions) / seconds, 2),
        "extraction_functions_per_s": round(len(functions) / extract_s, 1),
        "ratio_translation_vs_extraction": round(extract_s / seconds, 4),
    }


def _compilable(script: str) -> str:
    """A GfG test script as a repository file that compiles: its main calls f_gold itself
    (the suite leaves an f_filled to be filled in) and the javafx import plain OpenJDK lacks
    is gone. Otherwise every original would fail to compile and nothing would be verified."""
    script = re.sub(r"^\s*import\s+javafx\.util\.Pair\s*;\s*$", "", script, flags=re.M)
    return re.sub(r"\bf_filled\b", "f_gold", script)


def bench_end_to_end(quick: bool) -> dict:
    """`migrate translate` wall time at growing repository sizes (GfG Java and C++ into Python)."""
    from migrate.config import Settings
    from migrate.pipeline import run
    from migrate.units import Language

    if not GFG.is_dir():
        return {"skipped": f"{GFG} not found"}
    java, cpp = sorted((GFG / "java").iterdir()), sorted((GFG / "cpp").iterdir())
    # Java and C++ files alternate, so every size has the same mix of languages (C++
    # originals cost more to verify: a first slice of Java files only would make larger
    # repositories look slower per function); zip stops at the shorter list (349 C++).
    files = [f for pair in zip(java, cpp, strict=False) for f in pair]
    # each GfG script holds f_gold and main (Java scripts sometimes more): ~2 functions a file
    sizes = (60, 120) if quick else (125, 250, 500)
    rows = {}
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "repo"
            for i, path in enumerate(files[: count]):
                folder = src / f"part{i % 10}"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / path.name).write_text(_compilable(path.read_text(errors="replace")))
            settings = Settings(src=src, target=Language.PYTHON, sources=frozenset(Language),
                                out=Path(tmp) / "out", engine="rules", jobs=os.cpu_count() or 1)
            start = time.perf_counter()
            report = run(settings)
            seconds = time.perf_counter() - start
        n = len(report.outcomes)
        rows[str(n)] = {"files": count, "functions": n, "seconds": round(seconds, 2),
                        "ms_per_function": round(1000 * seconds / max(n, 1), 2),
                        "passed": sum(1 for o in report.outcomes if o.status.value == "passed")}
    ordered = sorted(rows.values(), key=lambda r: r["functions"])
    if len(ordered) >= 2:
        rows["growth_ms_per_function_largest_vs_smallest"] = round(
            ordered[-1]["ms_per_function"] / ordered[0]["ms_per_function"], 3)
    return rows


def _external(script: str, args: list[str], out_flag: str) -> dict:
    """Run a sibling benchmark script (it measures its own ratio) and read back its JSON."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        done = subprocess.run([sys.executable, str(REPO / "benchmarks" / script), *args, out_flag, str(out)],
                              cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.is_file():
            return {"failed": (done.stderr or done.stdout)[-2000:]}
        return json.loads(out.read_text())


BENCHES = {
    "extraction": bench_extraction,
    "translation": bench_translation,
    "verification": lambda quick: _external(
        "verify_speed.py", ["--lang", "java", "--lang", "cpp", "--lang", "python", "-n", "12" if quick else "60"],
        "--json"),
    "decoding": lambda quick: _external(
        "decode_speed.py", ["--functions", "12" if quick else "48", "--max-tokens", "120"], "--out"),
    "end_to_end": bench_end_to_end,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke test")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset")
    parser.add_argument("--json", type=Path, default=Path("speed.json"))
    args = parser.parse_args()
    results = {}
    for name in args.only.split(","):
        print(f"== {name}", flush=True)
        results[name] = BENCHES[name](args.quick)
        print(json.dumps(results[name], indent=2), flush=True)
    results["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(table(results))
    print(f"written {args.json}")


def table(results: dict) -> str:
    """One line per measured ratio: what, ours, the baseline, the ratio."""
    lines = [f"{'benchmark':<34} {'ours':>18} {'baseline':>18} {'ratio':>8}"]

    def row(name, ours, base, ratio):
        lines.append(f"{name:<34} {ours:>18} {base:>18} {ratio:>8}")

    ex = results.get("extraction", {})
    if "extraction_mb_s" in ex:
        row("extraction (MB/s vs bare parse)", ex["extraction_mb_s"], ex["bare_parse_mb_s"],
            f"{ex['ratio_extraction_vs_parse']}x")
    for key, r in results.get("translation", {}).items():
        rate = r.get("rules_functions_per_s", r.get("transcoder_functions_per_s"))
        if rate is not None:
            engine = "rules" if "rules_functions_per_s" in r else "transcoder"
            direction = r.get("direction", key)
            row(f"translation {engine} {direction} (f/s)", rate, r["extraction_functions_per_s"],
                f"{r['ratio_translation_vs_extraction']}x")
    for lang, r in results.get("verification", {}).items():
        if isinstance(r, dict) and "speedup" in r:
            row(f"verification {lang} (s, batched vs one)", round(r["batched_s"], 1), round(r["single_s"], 1),
                f"{r['speedup']:.1f}x")
    dec = results.get("decoding", {})
    if "speedup" in dec:
        modes = dec.get("modes", {})
        row("decoding beam (f/s, batched vs one)", round(modes["batched"]["functions_per_s"], 3),
            round(modes["one_at_a_time"]["functions_per_s"], 3), f"{dec['speedup']:.2f}x")
    e2e = results.get("end_to_end", {})
    sizes = [v for v in e2e.values() if isinstance(v, dict)]
    for r in sorted(sizes, key=lambda r: r["functions"]):
        row(f"end to end, {r['functions']} functions (ms/f)", r["ms_per_function"], "", f"{r['seconds']} s")
    if "growth_ms_per_function_largest_vs_smallest" in e2e:
        row("end to end growth (largest vs smallest)", "", "", f"{e2e['growth_ms_per_function_largest_vs_smallest']}x")
    return "\n".join(lines)


if __name__ == "__main__":
    main()

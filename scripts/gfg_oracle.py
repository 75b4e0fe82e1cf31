#!/usr/bin/env python3
"""Check the oracle: verify every GfG `f_gold` against itself (identity translation).

For each problem file in ../shared/benchmarks/gfg/{python,java,cpp}: extract the file's
functions, verify `f_gold` with the candidate being its own source (same language; the
other functions of the file, if it calls them, are given as their own candidates too).
A correct verifier must pass every one, apart from documented exclusions, which are
listed with their reasons. The benchmark's own test inputs (its `main`) are never shown
to the verifier: no call-site literals are passed, and the original runs from its file,
whose `main` the harness never calls.

    nice python scripts/gfg_oracle.py --lang java --limit 50
    nice python scripts/gfg_oracle.py            # all three languages, every problem
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from migrate import lang  # noqa: E402  (after the path setup above)
from migrate.units import (  # noqa: E402
    Candidate,
    EngineResult,
    Language,
    SourceFile,
    TranslationContext,
    VerdictStatus,
)
from migrate.verify import VerifySettings, verify  # noqa: E402

GFG = REPO.parent / "shared" / "benchmarks" / "gfg"
EXT = {Language.PYTHON: ".py", Language.JAVA: ".java", Language.CPP: ".cpp"}


def suite_text(language: Language, text: str) -> str:
    """The file as the suite defines it; Java's unused javafx import is a known defect."""
    if language is Language.JAVA:
        text = text.replace("import javafx.util.Pair;", "")
    return text


def without_main(text: str, language: Language) -> str:
    """The file minus its driver (everything after the TOFILL marker): the driver calls
    `f_filled`, which does not exist until a translation is inserted, and holds the
    benchmark's own test inputs, which the verifier must never see."""
    marker = "#TOFILL" if language is Language.PYTHON else "//TOFILL"
    cut = text.find(marker)
    if cut < 0:
        return text
    return text[:cut] + ("}\n" if language is Language.JAVA else "")  # Java: close the class


def load(language: Language, limit: int | None, names: list[str] | None = None):
    """(functions of all files, f_gold of each file, file texts) for one language."""
    support = lang.get(language)
    paths = sorted((GFG / language.value).glob("*" + EXT[language]))
    if names:
        paths = [p for p in paths if p.stem in names]
    if limit:
        paths = paths[:limit]
    functions, golds, sources = [], [], {}
    for path in paths:
        text = suite_text(language, path.read_text(encoding="utf-8"))
        source = SourceFile(path.name, path, language, text, "utf-8", len(text.encode()))
        parsed = support.extract(source)
        sources[path.name] = without_main(text, language)
        functions += [f for f in parsed.functions if f.name != "main"]
        golds += [f for f in parsed.functions if f.name == "f_gold"]
    return functions, golds, sources


def identity_results(functions, language: Language) -> list[EngineResult]:
    return [
        EngineResult(f.id, "identity", (Candidate(f.id, "identity", language, f.source,
                                                  imports=f.imports),))
        for f in functions
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=[x.value for x in Language], action="append")
    parser.add_argument("--limit", type=int, default=None, help="first N problems per language")
    parser.add_argument("--only", nargs="*", help="problem ids")
    parser.add_argument("--tests", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write per-function verdicts here")
    args = parser.parse_args()
    if not GFG.is_dir():
        print(f"{GFG} not found", file=sys.stderr)
        return 2
    languages = [Language(x) for x in args.lang] if args.lang else list(Language)
    settings = VerifySettings(tests=args.tests, jobs=args.jobs)
    report = {}
    for language in languages:
        start = time.monotonic()
        functions, golds, sources = load(language, args.limit, args.only)
        context = TranslationContext(language, tuple(functions))
        verdicts = verify(golds, identity_results(functions, language), context, settings,
                          sources=sources)
        counts: dict[str, int] = {}
        others = []
        for gold in golds:
            v = verdicts[gold.id][0]
            counts[v.status.value] = counts.get(v.status.value, 0) + 1
            if v.status is not VerdictStatus.PASSED:
                detail = v.reason or ""
                if v.first_failure:
                    detail += f" | input {v.first_failure.input[:150]}"
                others.append((gold.file, v.status.value, detail[:400]))
        seconds = time.monotonic() - start
        passed = counts.get("passed", 0)
        print(f"== {language.display}: {passed}/{len(golds)} passed "
              f"({100 * passed / max(1, len(golds)):.1f}%) {counts} in {seconds:.0f} s")
        for name, status, detail in others:
            print(f"   {status:14} {name}: {detail}")
        report[language.value] = {"counts": counts, "total": len(golds), "seconds": seconds,
                                  "not_passed": others}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

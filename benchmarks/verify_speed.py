#!/usr/bin/env python3
"""Functions verified per second: batched versus one compile-and-run per function.

The same GfG `f_gold` functions (identity candidates, so every verdict should pass) are
verified twice in the same run, with the same worker pool and the same number of tests:
once batched (many functions per compilation unit and per process, `batch_size` 64),
once with `batch_size=1` (every original and every candidate compiled and run on its own).

    nice python benchmarks/verify_speed.py --lang java --lang cpp --lang python -n 60
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from gfg_oracle import GFG, identity_results, load  # noqa: E402

from migrate.units import Language, TranslationContext, VerdictStatus  # noqa: E402
from migrate.verify import VerifySettings, verify  # noqa: E402


def timed(golds, functions, sources, language, settings):
    start = time.monotonic()
    out = verify(golds, identity_results(functions, language),
                 TranslationContext(language, tuple(functions)), settings, sources=sources)
    seconds = time.monotonic() - start
    passed = sum(out[g.id][0].status is VerdictStatus.PASSED for g in golds)
    return seconds, passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=[x.value for x in Language], action="append")
    parser.add_argument("-n", type=int, default=60, help="functions per language")
    parser.add_argument("--tests", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not GFG.is_dir():
        print(f"{GFG} not found", file=sys.stderr)
        return 2
    report = {}
    for language in [Language(x) for x in args.lang] if args.lang else [Language.JAVA, Language.CPP]:
        functions, golds, sources = load(language, args.n)
        # Warm caches (precompiled headers) so neither side pays for them.
        timed(golds[:1], functions, sources, language, VerifySettings(tests=2, jobs=args.jobs))
        batched = timed(golds, functions, sources, language,
                        VerifySettings(tests=args.tests, jobs=args.jobs))
        single = timed(golds, functions, sources, language,
                       VerifySettings(tests=args.tests, jobs=args.jobs, batch_size=1))
        rate_b, rate_s = len(golds) / batched[0], len(golds) / single[0]
        print(f"{language.display}: {len(golds)} functions | batched {batched[0]:.1f} s "
              f"({rate_b:.2f}/s, {batched[1]} passed) | one per function {single[0]:.1f} s "
              f"({rate_s:.2f}/s, {single[1]} passed) | speed-up {rate_b / rate_s:.1f}x")
        report[language.value] = {"functions": len(golds), "batched_s": batched[0],
                                  "single_s": single[0], "speedup": rate_b / rate_s,
                                  "passed": [batched[1], single[1]]}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Do a problem's two reference functions agree? The source's f_gold against the target's.

The suite judges a translation against the *target* script's f_gold, while our verifier
judges it against the *source* f_gold, the function that was translated. Where the two
golds behave differently (Java sorts the whole array where C++ sorts the first n; C++
returns INT_MIN where Java returns Integer.MAX_VALUE; Python 3's `/` is a float division
where Java's is integral), a faithful translation fails the suite: that says nothing about
our verifier. Such problems are found with the verifier itself, on its own generated
inputs (never the suite's): the target gold is tested as if it were a translation of the
source gold. The suite's verdict stays as it is; the report lists the problems whose golds
disagree and gives the verifier's precision over the others beside the plain figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from migrate.eval.suite import gold_function
from migrate.units import Candidate, EngineResult, Function, Language, ParsedFile, TranslationContext, VerdictStatus

ENGINE = "target-gold"


def golds_agree(
    pairs: Sequence[tuple[Function, ParsedFile, Path]], target: Language, tests: int, seed: int,
    sandbox: str, jobs: int,
) -> dict[str, tuple[bool | None, str | None]]:
    """Source function id -> (agree, why): agree is True when the target gold passed our tests
    against the source gold, False when it failed them, None when it could not be judged
    (untestable, or it did not compile alone); why is the verifier's reason, if any."""
    from migrate import verify

    functions, results = [], []
    for function, _parsed, script in pairs:
        found = gold_function(script, target)
        if found is None:
            continue
        gold, parsed = found
        candidate = Candidate(function.id, ENGINE, target, gold.source, imports=tuple(parsed.imports),
                              signature=gold.signature)
        functions.append(function)
        results.append(EngineResult(function.id, ENGINE, (candidate,)))
    out: dict[str, tuple[bool | None, str | None]] = {f.id: (None, "no f_gold in the target script")
                                                      for f, _p, _s in pairs}
    if not functions:
        return out
    settings = verify.VerifySettings(tests=tests, seed=seed, sandbox=sandbox, jobs=jobs)
    sources = {p.source.path: p.source.text for _f, p, _s in pairs}
    verdicts = verify.verify(functions, results, TranslationContext(target, tuple(functions)), settings,
                             sources=sources)
    for fid, found in verdicts.items():
        verdict = found[0] if found else None
        agree = {VerdictStatus.PASSED: True, VerdictStatus.FAILED: False}.get(verdict.status) if verdict else None
        why = None
        if verdict is not None and verdict.first_failure is not None:
            why = f"{verdict.reason} (input {verdict.first_failure.input[:200]})"
        elif verdict is not None:
            why = verdict.reason
        out[fid] = (agree, why)
    return out

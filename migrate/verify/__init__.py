"""Verification: compile every candidate and test it against the original, in a sandbox.

Public entry points:
- `verify(functions, results, context, settings, progress=None, sources=None, literals=None)`
  -> function id -> one `Verdict` per candidate;
- `select(verdicts, engine_order)` -> the best verdict (see `core.select`);
- `check_toolchains(languages)` -> language -> None, or what is missing;
- `sandbox_status()` -> ("bwrap" | "rlimits", warning or None);
- `call_site_literals(function, parsed_files)` -> literal argument lists from the repo;
  `call_sites(parsed_files)` -> an index answering that for many functions;
- `VerifySettings`.
Imports are deferred so that `import migrate.verify` stays cheap.
"""

from __future__ import annotations

from migrate.verify.settings import VerifySettings

__all__ = ["VerifySettings", "call_site_literals", "call_sites", "check_toolchains", "sandbox_status",
           "select", "verify"]


def verify(*args, **kwargs):
    from migrate.verify.core import verify as run

    return run(*args, **kwargs)


verify.__doc__ = "See migrate.verify.core.verify."


def select(verdicts, engine_order=("rules", "transcoder")):
    from migrate.verify.core import select as pick

    return pick(verdicts, engine_order)


select.__doc__ = "See migrate.verify.core.select."


def check_toolchains(languages):
    from migrate.verify.toolchains import check_toolchains as check

    return check(languages)


def sandbox_status():
    from migrate.verify.sandbox import sandbox_status as status

    return status()


def call_site_literals(function, parsed_files, limit: int = 10):
    from migrate.verify.inputs import call_site_literals as find

    return find(function, parsed_files, limit)


def call_sites(parsed_files):
    from migrate.verify.inputs import CallSites

    return CallSites(parsed_files)

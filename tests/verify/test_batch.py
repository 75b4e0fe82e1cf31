"""Batch mechanics with a stand-in compiler: bisection isolates broken units."""

from __future__ import annotations

from pathlib import Path

from migrate.units import Language
from migrate.verify import sandbox
from migrate.verify.batch import _Compiler
from migrate.verify.harness import Unit
from migrate.verify.sandbox import Limits
from migrate.verify.settings import VerifySettings


class GrepCompiler:
    """'Compiles' by failing when any unit file says BROKEN; names no culprit (forces bisection)."""

    language = Language.PYTHON
    compile_limits = Limits(cpu_s=10, memory_mb=512)
    run_limits = compile_limits

    def __init__(self):
        self.compiles = 0

    def write(self, workdir: Path, units) -> None:
        for u in units:
            (workdir / f"{u.uid}.src").write_text(u.code)

    def compile_argv(self, units):
        self.compiles += 1
        return ["/bin/sh", "-c", "if grep -l BROKEN *.src; then exit 1; fi"]

    def blame(self, log, units):
        return {}

    def run_argv(self):
        return ["/bin/true"]

    def read_only(self):
        return ()


def unit(k: int, broken: bool) -> Unit:
    return Unit(uid=f"u{k}", language=Language.PYTHON, code="BROKEN" if broken else "fine",
                entry="f")


def test_bisection_isolates_broken_units():
    builder = GrepCompiler()
    units = [unit(k, k in (3, 40)) for k in range(64)]
    compiler = _Compiler(builder, VerifySettings(), sandbox.require("auto"))
    workdir, compiled, errors = compiler.build(units)
    assert workdir is not None
    assert sorted(errors) == ["u3", "u40"]
    assert [u.uid for u in compiled] == [u.uid for u in units if u.uid not in errors]
    assert builder.compiles < 30  # far fewer compiler runs than one per unit


def test_everything_broken_gives_every_unit_an_error():
    builder = GrepCompiler()
    units = [unit(k, True) for k in range(3)]
    workdir, compiled, errors = _Compiler(builder, VerifySettings(),
                                          sandbox.require("auto")).build(units)
    assert workdir is None and compiled == [] and sorted(errors) == ["u0", "u1", "u2"]


class FirstErrorCompiler(GrepCompiler):
    """Like a compiler that stops at its first error: blame names one broken unit a round."""

    def compile_argv(self, units):
        self.compiles += 1
        script = "for f in $(ls *.src | sort -V); do grep -q BROKEN $f && echo $f && exit 1; done"
        return ["/bin/sh", "-c", script + "; exit 0"]

    def blame(self, log, units):
        names = [line.removesuffix(".src") for line in log.split() if line.endswith(".src")]
        return {name: "error" for name in names[:1]}


def test_many_broken_units_never_take_good_ones_with_them():
    # More broken units than blame-guided rounds: bisection takes over, and every good
    # unit still compiles (the old loop gave the rest up after 8 rounds).
    builder = FirstErrorCompiler()
    broken = {k for k in range(40) if k % 3 == 0}
    units = [unit(k, k in broken) for k in range(40)]
    workdir, compiled, errors = _Compiler(builder, VerifySettings(),
                                          sandbox.require("auto")).build(units)
    assert workdir is not None
    assert sorted(errors) == sorted(f"u{k}" for k in broken)
    assert len(compiled) == 40 - len(broken)


def test_a_candidate_with_unmatched_braces_is_set_aside_before_compiling():
    builder = GrepCompiler()
    units = [Unit(uid="u0", language=Language.CPP, code="int f() { return 1; }}", entry="f"),
             Unit(uid="u1", language=Language.CPP, code="int g() { return 2; }", entry="g")]
    workdir, compiled, errors = _Compiler(builder, VerifySettings(),
                                          sandbox.require("auto")).build(units)
    assert workdir is not None
    assert list(errors) == ["u0"] and "unmatched '}'" in errors["u0"]
    assert [u.uid for u in compiled] == ["u1"]

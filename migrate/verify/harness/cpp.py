"""The C++ harness: one g++ run (with a precompiled <bits/stdc++.h>) and one process per batch.

Every unit becomes `namespace uN { using namespace std; <code> }` in a single translation
unit, its `#include` lines hoisted above, and every macro it defines `#undef`ined after
it so that units cannot leak macros into each other. Calls go through
`migrate::call(&uN::name, ...)`, which deduces the parameter types from the function
pointer (see migrate_harness.hpp). g++ reports errors by line; lines map back to units,
which is how a failed batch blames its broken units.

The program is built with UBSan (`-fno-sanitize-recover`) and libstdc++ assertions: an
original that overflows a signed integer or indexes a vector out of range stops with an
error instead of returning garbage, so such inputs are dropped rather than trusted.
Originals (role "oracle") also get AddressSanitizer and arrays without spare elements,
so an out-of-bounds read (an `n` larger than the array, `arr[n - 1]` on an empty one)
stops the input instead of returning whatever memory held. ASan reserves terabytes of
address space, so that build runs without RLIMIT_AS, bounded by ASan's own RSS limit.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from migrate.units import Language
from migrate.verify import process, sandbox
from migrate.verify.harness import Unit, import_lines
from migrate.verify.sandbox import Limits

CXXFLAGS = ["-std=gnu++17", "-O0", "-w", "-fsanitize=undefined", "-fno-sanitize-recover=undefined",
            "-D_GLIBCXX_ASSERTIONS", "-ftemplate-depth=300", "-fconstexpr-ops-limit=10000000"]
_PCH_LOCK = threading.Lock()


ASAN_FLAGS = ["-fsanitize=address", "-DMIGRATE_SLACK=0"]
# symbolize=0: an original's sanitizer report needs only its first line, and symbolizing
# a stack trace costs far more than the restart it causes.
ASAN_OPTIONS = ("detect_leaks=0:hard_rss_limit_mb=1024:allocator_may_return_null=1:"
                "detect_stack_use_after_return=0:handle_segv=1:symbolize=0:"
                "fast_unwind_on_fatal=1")
UBSAN_OPTIONS = "print_stacktrace=0:symbolize=0"


def _pch_dir(flags: list[str]) -> Path:
    """A per-compiler, per-flags cache dir for the precompiled header (readable by the sandbox)."""
    try:
        version = subprocess.run(["g++", "--version"], capture_output=True, text=True,
                                 timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        version = ""
    key = hashlib.sha256((version + " ".join(flags)).encode()).hexdigest()[:16]
    return Path(os.environ.get("TMPDIR", "/tmp")) / f"migrate-pch-{os.geteuid()}-{key}"


def ensure_pch(kind: str, flags: list[str], timeout: float = 300) -> Path | None:
    """The directory holding stdcxx.h and its .gch (built once, in the sandbox); None if it fails."""
    with _PCH_LOCK:
        target = _pch_dir(flags)
        gch = target / "stdcxx.h.gch"
        if target.is_dir() and target.stat().st_uid == os.geteuid() and gch.is_file():
            return target
        work = sandbox.make_workdir("migrate-pch-build-")
        (work / "stdcxx.h").write_text("#include <bits/stdc++.h>\n#include <unistd.h>\n")
        sandbox.own(work / "stdcxx.h")
        proc = sandbox.popen(["g++", *flags, "-x", "c++-header", "stdcxx.h", "-o",
                              "stdcxx.h.gch"], work, Limits(cpu_s=int(timeout), memory_mb=4096,
                                                         file_mb=2048),
                             kind)
        drained = process.drain(proc, lambda _l: timeout, time.monotonic() + timeout)
        if drained.returncode != 0 or not (work / "stdcxx.h.gch").is_file():
            shutil.rmtree(work, ignore_errors=True)
            return None
        if os.geteuid() == 0:
            for path in (work, *work.iterdir()):
                os.chown(path, 0, 0)  # ours again: the sandbox may read it, never change it
        sandbox.share_read_only(work)
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(work, target)
        return target


_FREE_FUNCTION = re.compile(r"^(?:template\s*<.*>\s*)?(?:inline|static|constexpr)\b")


def support_code(files: Sequence[tuple[str, str]]) -> str:
    """Other files' output headers as code to place inside a unit's namespace.

    An output header is `#pragma once`, #includes, then `namespace pkg { namespace mod {
    ... } }` holding `inline` functions (and classes of static methods). Inside
    `namespace uN` those namespaces become `uN::pkg::mod`, which is what a call
    `pkg::mod::f(...)` written in the unit finds first. The headers' includes of each other
    are dropped (their text is all here, callee files first); standard includes are
    hoisted by the builder. A block of declarations of every free function comes first,
    so that files calling each other in a cycle still compile.
    """
    declarations: list[str] = []
    bodies: list[str] = []
    for path, text in files:
        lines = []
        for line in text.splitlines():
            stripped = line.strip()
            if re.match(r"#\s*pragma\s+once\b", stripped):
                continue
            if re.match(r'#\s*include\s*"', stripped):
                continue
            lines.append(line)
        declarations += _declarations(lines)
        bodies += [f"// {path}", *lines]
    return "\n".join(declarations + bodies)


def _declarations(lines: list[str]) -> list[str]:
    """`namespace a { namespace b { inline int f(int x); } }` for the free functions of one
    output header: the definitions at column 0 of its namespaces (assembly writes them so).
    Functions with default arguments are left out: a default may not be repeated."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^namespace\s+\w+\s*\{\s*$", line):
            depth += 1
            out.append(line)
        elif depth and re.match(r"^\}\s*//\s*namespace\b", line):
            depth -= 1
            out.append(line)
        elif depth and (_FREE_FUNCTION.match(line) or line.startswith("template")):
            head = []
            while i < len(lines) and "{" not in lines[i] and ";" not in lines[i]:
                head.append(lines[i])
                i += 1
            if i < len(lines) and "{" in lines[i] and ";" not in lines[i].split("{", 1)[0]:
                head.append(lines[i].split("{", 1)[0])
                text = "\n".join(head).rstrip()
                if "=" not in text and "(" in text:
                    out.append(text + ";")
        i += 1
    return out


class CppBuilder:
    language = Language.CPP

    def __init__(self, memory_mb: int = 512, cpu_s: int = 300, nproc: int = 256,
                 kind: str = "bwrap", address_sanitizer: bool = False,
                 test_timeout: float = 2.0):
        self.asan = address_sanitizer
        self.test_timeout = test_timeout
        self.flags = CXXFLAGS + (ASAN_FLAGS if address_sanitizer else [])
        self.compile_limits = Limits(cpu_s=cpu_s, memory_mb=3072, nproc=nproc)
        self.run_limits = Limits(cpu_s=cpu_s, memory_mb=0 if address_sanitizer else max(
            memory_mb, 256), nproc=nproc)
        self.kind = kind
        self._pch: Path | None = None
        self._pch_checked = False
        self._spans: dict[str, tuple[int, int]] = {}
        self._include_at: dict[int, set[str]] = {}

    def _pch_path(self) -> Path | None:
        if not self._pch_checked:
            self._pch = ensure_pch(self.kind, self.flags)
            self._pch_checked = True
        return self._pch

    def write(self, workdir: Path, units: Sequence[Unit]) -> None:
        header = resources.files("migrate.verify.harness").joinpath("migrate_harness.hpp")
        (workdir / "migrate_harness.hpp").write_text(header.read_text(encoding="utf-8"))
        includes: dict[str, set[str]] = {}  # hoisted #include line -> units that want it
        bodies: list[tuple[Unit, list[str], list[str], list[str]]] = []
        for unit in units:
            kept, macros = self._hoist(unit.code, unit.uid, includes)
            support: list[str] = []
            if unit.support:
                support, more = self._hoist(support_code(unit.support), unit.uid, includes)
                macros += more
            for line in import_lines(unit.imports, Language.CPP):
                includes.setdefault(line, set()).add(unit.uid)
            bodies.append((unit, kept, macros, support))
        out = ["// generated by migrate's verifier", '#include "migrate_harness.hpp"']
        include_at: dict[int, set[str]] = {}
        for line, wanted in includes.items():
            out.append(line)
            include_at[len(out)] = wanted
        spans: dict[str, tuple[int, int]] = {}
        for unit, kept, macros, support in bodies:
            start = len(out) + 1
            out.append(f"namespace {unit.uid} {{ using namespace std;")
            out += support  # other files' translations it calls, in their namespaces
            if unit.owner and not unit.whole_file:
                # A translated method: give it back a class to live in.
                out.append(f"struct {unit.owner[-1]} {{ public:")
                out += kept
                out.append("};")
            else:
                out += kept
            out.append(f"}}  // namespace {unit.uid}")
            out += [f"#undef {m}" for m in dict.fromkeys(macros)]
            spans[unit.uid] = (start, len(out))
        out.append("int main() {")
        for unit in units:
            path = "::".join((unit.uid, *unit.owner, unit.entry))
            out.append(f'  migrate::registry()["{unit.uid}"] = [](const std::vector<migrate::J>& a, '
                       f"migrate::Out& o) {{ migrate::call(&{path}, a, o); }};")
            spans[unit.uid] = spans[unit.uid] + (len(out),)  # type: ignore[assignment]
        out.append("  return migrate::main_loop();\n}")
        (workdir / "harness.cpp").write_text("\n".join(out) + "\n", encoding="utf-8")
        self._spans = spans
        self._include_at = include_at

    @staticmethod
    def _hoist(code: str, uid: str, includes: dict[str, set[str]]) -> tuple[list[str], list[str]]:
        """(lines with #include lines blanked, macros defined): includes go to the top."""
        kept, macros = [], []
        for line in code.splitlines():
            stripped = line.strip()
            if re.match(r"#\s*include\b", stripped):
                includes.setdefault(stripped, set()).add(uid)
                kept.append("")  # keep line numbers stable within the unit
                continue
            match = re.match(r"#\s*define\s+(\w+)", stripped)
            if match:
                macros.append(match.group(1))
            kept.append(line)
        return kept, macros

    def compile_argv(self, units: Sequence[Unit]) -> list[str] | None:
        argv = ["g++", *self.flags]
        pch = self._pch_path()
        if pch is not None:
            argv += ["-include", str(pch / "stdcxx.h")]
        return argv + ["harness.cpp", "-o", "harness"]

    def blame(self, log: str, units: Sequence[Unit]) -> dict[str, str]:
        """Units whose lines (code or registration) the compiler's errors point at."""
        out: dict[str, list[str]] = {}
        for line in log.splitlines():
            match = re.match(r"^harness\.cpp:(\d+):(?:\d+:)? (?:fatal )?error", line) or re.match(
                r"^harness\.cpp:(\d+):\d+:\s+required from here", line)
            if not match:
                continue
            number = int(match.group(1))
            for uid in self._include_at.get(number, ()):
                # A hoisted #include that fails (a header that is not there) is the fault of
                # the units that asked for it; g++ stops at it, so nothing else is blamed.
                out.setdefault(uid, [])
                if len(out[uid]) < 12:
                    out[uid].append(re.sub(r"^harness\.cpp:\d+:", "include:", line))
            for uid, span in self._spans.items():
                start, end, reg = span[0], span[1], span[2] if len(span) > 2 else -1
                if start <= number <= end or number == reg:
                    out.setdefault(uid, [])
                    if len(out[uid]) < 12:
                        out[uid].append(re.sub(r"^harness\.cpp:\d+:", f"line {number - start}:",
                                               line))
        return {uid: "\n".join(lines) for uid, lines in out.items()}

    def run_argv(self) -> list[str]:
        return ["./harness"]

    def run_env(self) -> dict[str, str]:
        env = {"UBSAN_OPTIONS": UBSAN_OPTIONS,
               "MIGRATE_TEST_TIMEOUT_MS": str(int(self.test_timeout * 1000 * 0.9))}
        if self.asan:
            env["ASAN_OPTIONS"] = ASAN_OPTIONS
        return env

    def read_only(self) -> tuple[str, ...]:
        pch = self._pch_path()
        return (str(pch),) if pch is not None else ()

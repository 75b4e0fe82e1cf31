"""Compile and run whole test scripts in the sandbox, many at a time.

Java scripts are compiled in batches by one javac (a batch with errors is split so each
script's verdict is its own); C++ scripts are compiled one by one against a precompiled
`<bits/stdc++.h>`; every script then runs in its own sandboxed process with a timeout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from migrate.eval.suite import java_class_name, parse_results
from migrate.units import Language
from migrate.verify import sandbox
from migrate.verify.sandbox import Limits

JAVA_RUN_FLAGS = [
    "-Xmx256m", "-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
    "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=64m",
    "-Xshare:auto",
]
JAVAC_FLAGS = ["-J-Xmx512m", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1", "-nowarn", "-encoding", "UTF-8",
               "-Xmaxerrs", "100000"]  # every failing file must name itself, not only the first 100 errors
CXX_FLAGS = ["-std=c++17", "-O1", "-w"]
JAVA_BATCH = 40
OUTPUT_CAP = 1 << 20


@dataclass(frozen=True)
class ScriptRun:
    compiled: bool
    compiler_output: str = ""
    ok: int | None = None
    total: int | None = None
    error: str | None = None  # why the run gave no verdict (timeout, crash)

    @property
    def passed(self) -> bool:
        return self.compiled and self.total is not None and self.total > 0 and self.ok == self.total

    def as_dict(self) -> dict:
        return {"compiled": self.compiled, "compiler_output": self.compiler_output[-4000:],
                "ok": self.ok, "total": self.total, "error": self.error, "passed": self.passed}


@dataclass(frozen=True)
class Script:
    key: str
    language: Language
    text: str


def _java_batches(scripts: list[Script]) -> list[list[Script]]:
    """Batches of at most JAVA_BATCH scripts in which no two share a class name.

    One javac writes every class of its batch into one folder, so two scripts with the same
    class (the same problem translated from two source languages) must never share a batch.
    """
    batches: list[tuple[list[Script], set[str]]] = []
    for script in scripts:
        name = java_class_name(script.text, "Main")
        home = next((b for b in batches if len(b[0]) < JAVA_BATCH and name not in b[1]), None)
        if home is None:
            home = ([], set())
            batches.append(home)
        home[0].append(script)
        home[1].add(name)
    return [b[0] for b in batches]


def _run(argv: list[str], workdir: Path, kind: str, timeout: float, limits: Limits,
         read_only: tuple[str, ...] = ()) -> tuple[int | None, str, bool]:
    """(exit status, combined output capped, timed out) of one sandboxed command."""
    proc = sandbox.popen(argv, workdir, limits, kind, read_only=read_only)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        sandbox.kill(proc)
        return None, "", True
    text = (out[:OUTPUT_CAP] + b"\n" + err[:OUTPUT_CAP]).decode("utf-8", "replace")
    return proc.returncode, text, False


class ScriptRunner:
    """Runs filled test scripts; one instance per evaluation (it owns a work folder)."""

    def __init__(self, *, kind: str, workers: int, timeout: float = 20.0) -> None:
        self.kind = kind
        self.workers = max(1, workers)
        self.timeout = timeout
        self.root = sandbox.make_workdir("migrate-eval-")
        self._pch: Path | None = None
        self.compile_limits = Limits(cpu_s=120, memory_mb=4096, nproc=512)
        self.run_limits = Limits(cpu_s=int(timeout) + 5, memory_mb=4096, nproc=512)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # -------------------------------------------------------------------------- public

    def run_all(self, scripts: list[Script], advance: Callable[[int], None] | None = None) -> dict[str, ScriptRun]:
        results: dict[str, ScriptRun] = {}
        java = [s for s in scripts if s.language is Language.JAVA]
        others = [s for s in scripts if s.language is not Language.JAVA]
        with ThreadPoolExecutor(self.workers) as pool:
            batches = _java_batches(java)
            for batch_result in pool.map(self._java_batch, batches):
                results.update(batch_result)
                if advance:
                    advance(len(batch_result))
            for script, result in zip(others, pool.map(self._one, others), strict=True):
                results[script.key] = result
                if advance:
                    advance(1)
        return results

    # -------------------------------------------------------------------------- C++ and Python

    def _folder(self, key: str) -> Path:
        folder = self.root / re.sub(r"[^\w.-]", "_", key)
        folder.mkdir(parents=True, exist_ok=True)
        sandbox.own(folder)
        return folder

    def _one(self, script: Script) -> ScriptRun:
        folder = self._folder(script.key)
        if script.language is Language.PYTHON:
            (folder / "script.py").write_text(script.text, encoding="utf-8")
            return self._execute(["python3", "-I", "-B", "script.py"], folder, "")
        (folder / "script.cpp").write_text(script.text, encoding="utf-8")
        pch = self._precompiled_header()
        include = ["-I", str(pch)] if pch else []
        code, output, timed_out = _run(
            ["g++", *CXX_FLAGS, *include, "script.cpp", "-o", "script"], folder, self.kind, 120,
            self.compile_limits, read_only=(str(pch),) if pch else (),
        )
        if timed_out or code != 0:
            return ScriptRun(False, "compiler timed out" if timed_out else output)
        return self._execute(["./script"], folder, output)

    def _precompiled_header(self) -> Path | None:
        """A PCH of <bits/stdc++.h>, built once, used by every C++ script (same flags)."""
        if self._pch is None:
            folder = self.root / "pch"
            (folder / "bits").mkdir(parents=True, exist_ok=True)
            done = subprocess.run(
                ["g++", *CXX_FLAGS, "-x", "c++-header", "-", "-o", str(folder / "bits" / "stdc++.h.gch")],
                input=b"#include <bits/stdc++.h>\n", capture_output=True, timeout=300, check=False,
            )
            sandbox.share_read_only(folder)
            self._pch = folder if done.returncode == 0 else Path("/nonexistent")
        return self._pch if self._pch.exists() else None

    def _execute(self, argv: list[str], folder: Path, compiler_output: str) -> ScriptRun:
        code, output, timed_out = _run(argv, folder, self.kind, self.timeout, self.run_limits)
        if timed_out:
            return ScriptRun(True, compiler_output, error=f"timed out after {self.timeout:.0f} s")
        results = parse_results(output)
        if results is None:
            tail = output.strip().splitlines()[-3:]
            return ScriptRun(True, compiler_output, error=f"no #Results line (exit {code}): {' | '.join(tail)}")
        return ScriptRun(True, compiler_output, ok=results[0], total=results[1])

    # -------------------------------------------------------------------------- Java

    def _java_batch(self, batch: list[Script]) -> dict[str, ScriptRun]:
        """javac once for the batch; scripts with errors are recompiled alone for their own message."""
        folders = {}
        for script in batch:
            folder = self._folder(script.key)
            name = java_class_name(script.text, "Main")
            (folder / f"{name}.java").write_text(script.text, encoding="utf-8")
            (folder / "classes").mkdir(exist_ok=True)
            sandbox.own(folder / "classes")
            folders[script.key] = (folder, name)
        by_folder = {folder.name: key for key, (folder, _name) in folders.items()}

        def compile_keys(keys: list[str]) -> dict[str, str]:
            """Script key -> compiler errors, for the scripts among `keys` that failed."""
            errors = self._javac([folders[k] for k in keys])
            return {by_folder[name]: message for name, message in errors.items()}

        # javac writes no classes when any file fails, so compile the rest again until a
        # compile succeeds (it then hands every script its classes) or nothing is left.
        failed: dict[str, str] = {}
        pending = list(folders)
        while pending:
            errors = compile_keys(pending)
            if not errors:
                break
            failed.update(errors)
            pending = [k for k in pending if k not in errors]
        results: dict[str, ScriptRun] = {}
        for key in list(failed):
            # Alone, for its own message free of its neighbours' (or because a neighbour broke it).
            alone = compile_keys([key])
            if key in alone:
                results[key] = ScriptRun(False, alone[key])
        for key, (folder, name) in folders.items():
            if key not in results:
                results[key] = self._execute(["java", *JAVA_RUN_FLAGS, "-cp", "classes", name], folder, "")
        return results

    def _javac(self, items: list[tuple[Path, str]]) -> dict[str, str]:
        """Compile the scripts (each into its own classes/); key -> errors for those that failed."""
        if not items:
            return {}
        common = self.root
        sources = [str((folder / f"{name}.java").relative_to(common)) for folder, name in items]
        keys = {str((folder / f"{name}.java").relative_to(common)): folder.name for folder, name in items}
        failed: dict[str, str] = {}
        if len(items) == 1:
            folder, name = items[0]
            code, output, timed_out = _run(["javac", *JAVAC_FLAGS, "-d", "classes", f"{name}.java"], folder,
                                           self.kind, 120, self.compile_limits)
            if timed_out or code != 0:
                failed[folder.name] = "compiler timed out" if timed_out else output
            return failed
        # One javac, one output folder per script: compile into a shared folder, then copy.
        out = common / f"classes-{time.monotonic_ns()}"
        out.mkdir()
        sandbox.own(out)
        code, output, timed_out = _run(["javac", *JAVAC_FLAGS, "-d", out.name, *sources], common, self.kind,
                                       300, self.compile_limits)
        if timed_out:
            return {folder.name: "compiler timed out" for folder, _ in items}
        if code != 0:
            for source, key in keys.items():
                lines = [ln for ln in output.splitlines() if ln.startswith(source + ":")]
                if lines:
                    failed[key] = "\n".join(lines)
            if not failed:  # an error we cannot attribute: every script gets the message
                return {folder.name: output for folder, _ in items}
            return failed
        for folder, _name in items:
            # Each script runs in its own folder, so it gets its own copy of the classes.
            shutil.rmtree(folder / "classes", ignore_errors=True)
            shutil.copytree(out, folder / "classes")
            sandbox.share_read_only(folder / "classes")
        shutil.rmtree(out, ignore_errors=True)
        return failed

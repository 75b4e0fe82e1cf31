"""The Python harness: one interpreter process loads every unit as its own module namespace.

Python has no separate compile step: each unit is `compile()`d inside the harness, so a
syntax error is reported per unit (no bisection needed) as `{"u": ..., "error": ...}`.
"""

from __future__ import annotations

import inspect
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from migrate.units import Language
from migrate.verify import values
from migrate.verify.harness import Unit, import_lines, type_json
from migrate.verify.sandbox import Limits

_MAIN = r'''
import json, math, os, sys, time

def convert(v, t):
    k = t["k"]
    if v is None:
        return None
    if k in ("array", "list"):
        if isinstance(v, str):
            return list(v)
        return [convert(x, t["e"]) for x in v]
    if k in ("double", "float"):
        return float(v)
    if k in ("int", "long"):
        return int(v)
    if k == "bool":
        return bool(v)
    return v

def emit(out, record):
    out.write(json.dumps(record, separators=(",", ":")) + "\n")
    out.flush()

def resolve(ns, unit):
    target = None
    if unit["owner"]:
        target = ns[unit["owner"][0]]
        for name in unit["owner"][1:]:
            target = getattr(target, name)
        if unit["is_method"]:
            target = target()
        return getattr(target, unit["entry"])
    return ns[unit["entry"]]

def forget(tops):
    """Drop the named top-level modules and packages (and what is under them) from the cache."""
    for name in list(sys.modules):
        if name.split(".", 1)[0] in tops:
            del sys.modules[name]

def main():
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # what the code under test prints goes to stderr, never among results
    sys.stdout = sys.stderr
    sys.setrecursionlimit(20000)
    manifest = json.load(open("units.json"))
    sys.dont_write_bytecode = True
    # The repository's Python files live under tree/: originals are imported from there
    # by their dotted names, so their package-absolute and relative imports resolve.
    root = os.path.abspath("tree")
    sys.path.insert(0, root)
    loaded = {}
    for uid, unit in manifest.items():
        if unit.get("dir"):  # script-style sibling imports ("import helpers") resolve too
            sibling = os.path.join(root, unit["dir"])
            if sibling not in sys.path:
                sys.path.append(sibling)
        if unit.get("module"):
            import importlib
            try:
                module = importlib.import_module(unit["module"])
                loaded[uid] = resolve(vars(module), unit)
            except SyntaxError as exc:
                where = "%s:%s" % (exc.filename, exc.lineno)
                emit(out, {"u": uid, "error": "%s: %s: %s" % (where, type(exc).__name__, exc.msg)})
            except BaseException as exc:
                emit(out, {"u": uid, "error": "loading raised %s: %s" % (type(exc).__name__, str(exc)[:300])})
            continue
        with open(unit["file"], encoding="utf-8") as handle:
            text = handle.read()
        try:
            code = compile(text, unit["file"], "exec")
        except SyntaxError as exc:
            emit(out, {"u": uid, "error": "%s:%s: %s: %s" % (unit["file"], exc.lineno, type(exc).__name__, exc.msg)})
            continue
        namespace = {"__name__": "migrate_unit_" + uid, "__builtins__": __builtins__}
        # A candidate's support: the output modules of the other files it calls, under their
        # output names. Only this unit sees them: they are importable while it loads, and
        # forgotten after (its functions keep the modules they imported).
        support = os.path.abspath(unit["support"]) if unit.get("support") else None
        if support:
            sys.path.insert(0, support)
            forget(unit["top"])
        try:
            exec(code, namespace)
            loaded[uid] = resolve(namespace, unit)
        except SyntaxError as exc:  # in a support module
            where = "%s:%s" % (os.path.relpath(exc.filename or "?"), exc.lineno)
            emit(out, {"u": uid, "error": "%s: %s: %s" % (where, type(exc).__name__, exc.msg)})
        except BaseException as exc:
            emit(out, {"u": uid, "error": "loading raised %s: %s" % (type(exc).__name__, str(exc)[:300])})
        finally:
            if support:
                sys.path.remove(support)
                forget(unit["top"])
    emit(out, {"ready": True})
    for line in open("cases.jsonl"):
        cid, uid, raw = json.loads(line)
        if uid not in loaded:
            continue
        types = manifest[uid]["params"]
        args = [convert(v, t) for v, t in zip(raw, types)] + raw[len(types):]
        start = time.perf_counter()
        try:
            result = loaded[uid](*args)
            record = {"c": cid, "r": encode(result),
                      "a": [encode(a) if t["k"] in ("array", "list") else None for a, t in zip(args, types)]}
        except BaseException as exc:  # SystemExit and RecursionError count as "raised" too
            record = {"c": cid, "x": "%s: %s" % (type(exc).__name__, str(exc)[:200])}
        record["ms"] = round((time.perf_counter() - start) * 1000, 3)
        emit(out, record)

main()
'''


def interpreter() -> tuple[str | None, tuple[str, ...]]:
    """A python3 the sandbox uid can run, and host paths to bind read-only for it.

    Our own interpreter first (same version as the run), when the unprivileged sandbox
    uid can reach it (not under root's home, say); else the system's python3. The
    harness uses the standard library only.
    """
    exe = sys.executable
    if exe and _world_usable(exe):
        binds = {p for p in (sys.prefix, sys.base_prefix) if not p.startswith("/usr")}
        return exe, tuple(sorted(binds))
    for path in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if _world_usable(path):
            extra = () if path.startswith("/usr/") else (str(Path(path).resolve().parent.parent),)
            return path, extra
    return None, ()


def _world_usable(path: str) -> bool:
    """Whether `nobody` could execute `path`: every directory above it must be o+x."""
    real = Path(os.path.realpath(path))
    if not real.is_file() or not real.stat().st_mode & stat.S_IXOTH:
        return False
    return all(p.stat().st_mode & stat.S_IXOTH for p in real.parents)


class PythonBuilder:
    language = Language.PYTHON

    def __init__(self, memory_mb: int = 512, cpu_s: int = 300, nproc: int = 256):
        self.compile_limits = Limits(cpu_s=cpu_s, memory_mb=memory_mb, nproc=nproc)
        self.run_limits = Limits(cpu_s=cpu_s, memory_mb=memory_mb, nproc=nproc)
        self.python, self._extra = interpreter()

    def write(self, workdir: Path, units: Sequence[Unit]) -> None:
        encoder = inspect.getsource(values.encode)
        (workdir / "harness.py").write_text(encoder + _MAIN, encoding="utf-8")
        manifest = {}
        written: set[str] = set()
        for unit in units:
            for path, source in unit.tree:
                if path not in written:
                    written.add(path)
                    target = workdir / "tree" / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(source, encoding="utf-8")
            name = f"{unit.uid}.py"
            if unit.whole_file:
                text = unit.code
            else:
                text = "\n".join(import_lines(unit.imports, Language.PYTHON) + ["", unit.code, ""])
            (workdir / name).write_text(text, encoding="utf-8")
            support = f"support_{unit.uid}" if unit.support else ""
            for path, source in unit.support:
                target = workdir / support / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(source, encoding="utf-8")
            # A translated snippet is a free function even when the original is a method
            # (engines write methods that never use their object that way): it is called
            # as one, where the output file makes it a static method of its class.
            owner = list(unit.owner) if unit.whole_file else []
            manifest[unit.uid] = {
                "support": support,
                "top": sorted({path.split("/", 1)[0].removesuffix(".py")
                               for path, _text in unit.support}),
                "file": name,
                "entry": unit.entry,
                "owner": owner,
                "is_method": unit.is_method and bool(owner),
                "params": [type_json(t) for t in unit.params],
                "module": unit.module,
                "dir": unit.module.rsplit(".", 1)[0].replace(".", "/") if "." in unit.module else "",
            }
        (workdir / "units.json").write_text(json.dumps(manifest), encoding="utf-8")

    def compile_argv(self, units: Sequence[Unit]) -> list[str] | None:
        return None

    def blame(self, log: str, units: Sequence[Unit]) -> dict[str, str]:
        return {}

    def run_argv(self) -> list[str]:
        return [self.python or "python3", "-I", "harness.py"]

    def read_only(self) -> tuple[str, ...]:
        return self._extra

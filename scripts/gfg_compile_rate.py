#!/usr/bin/env python3
"""Compile rate of the rules engine on the GfG suite's `f_gold` functions, per direction.

For each direction S->T, every `f_gold` in `<shared>/benchmarks/gfg/<S>/` whose problem also
exists in `<T>/` is translated by the rules engine, and the candidate is checked to compile
on its own in T: Java in one batched `javac` call (one file per function), C++ with
`g++ -std=c++17 -fsyntax-only` per function, Python with `compile()` plus a check that
every global name it reads resolves. The denominator is every such problem, so declines
and internal errors count as failures.

    python scripts/gfg_compile_rate.py [--shared ../shared] [--directions cpp-java ...]
        [--json out.json] [--failures N]

The benchmark is only measured here: nothing from it is copied into the project.
"""

from __future__ import annotations

import argparse
import builtins
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrate.engines.rules import RulesEngine  # noqa: E402
from migrate.lang import get  # noqa: E402
from migrate.units import Language, SourceFile, TranslationContext  # noqa: E402

EXT = {Language.PYTHON: ".py", Language.JAVA: ".java", Language.CPP: ".cpp"}
ALL = [f"{s}-{t}" for s in ("cpp", "java", "python") for t in ("cpp", "java", "python") if s != t]


def load_functions(path: Path, language: Language):
    text = path.read_text(encoding="utf-8", errors="replace")
    sf = SourceFile(path.name, path, language, text, "utf-8", len(text))
    parsed = get(language).extract(sf)
    funcs = [f for f in parsed.functions if f.name not in ("main", "f_filled")]
    return funcs


def translate_direction(root: Path, src: Language, tgt: Language):
    engine = RulesEngine()
    problems = sorted(p.stem for p in (root / src.value).glob(f"*{EXT[src]}")
                      if (root / tgt.value / (p.stem + EXT[tgt])).exists())
    rows = []
    for pid in problems:
        try:
            funcs = load_functions(root / src.value / (pid + EXT[src]), src)
        except Exception as exc:  # extraction failure counts as a failure of the problem
            rows.append({"id": pid, "declined": f"extraction failed: {exc}"})
            continue
        gold = [f for f in funcs if f.name == "f_gold"]
        if not gold:
            rows.append({"id": pid, "declined": "no f_gold found"})
            continue
        context = TranslationContext(target=tgt, functions=tuple(funcs))
        result = engine.translate([gold[0]], context)[0]
        if result.declined:
            rows.append({"id": pid, "declined": result.declined})
        else:
            c = result.candidates[0]
            rows.append({"id": pid, "code": c.code, "imports": list(c.imports)})
    return rows


def check_java(rows) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        names = {}
        for i, row in enumerate(rows):
            if "code" not in row:
                continue
            cls = f"P{i}"
            names[cls] = row
            imports = "".join(f"import {imp};\n" for imp in row["imports"])
            body = "\n".join("    " + line if line else line for line in row["code"].splitlines())
            Path(tmp, cls + ".java").write_text(f"{imports}\nclass {cls} {{\n{body}\n}}\n")
        if not names:
            return
        out = Path(tmp, "out")
        out.mkdir()
        proc = subprocess.run(
            ["javac", "-nowarn", "-Xmaxerrs", "100000", "-d", str(out),
             *sorted(str(Path(tmp, c + ".java")) for c in names)],
            capture_output=True, text=True,
        )
        errors = collections.defaultdict(list)
        for line in proc.stderr.splitlines():
            m = re.match(r".*?(P\d+)\.java:\d+: error: (.*)", line)
            if m:
                errors[m.group(1)].append(m.group(2))
        for cls, row in names.items():
            row["compiles"] = cls not in errors
            if cls in errors:
                row["error"] = errors[cls][0]


def check_cpp(rows) -> None:
    def one(row):
        includes = "".join(f"#include {imp}\n" for imp in row["imports"])
        src = f"{includes}\nnamespace gfg {{\n{row['code']}\n}}\n"
        with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as fh:
            fh.write(src)
        try:
            proc = subprocess.run(["g++", "-std=c++17", "-fsyntax-only", fh.name],
                                  capture_output=True, text=True)
        finally:
            os.unlink(fh.name)
        row["compiles"] = proc.returncode == 0
        if proc.returncode:
            m = re.search(r"error: (.*)", proc.stderr)
            row["error"] = m.group(1) if m else proc.stderr[:200]

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, [r for r in rows if "code" in r]))


def check_python(rows) -> None:
    import symtable

    known = set(dir(builtins))
    for row in rows:
        if "code" not in row:
            continue
        code = row["code"]
        try:
            compile(code, "<candidate>", "exec")
            table = symtable.symtable(code, "<candidate>", "exec")
        except SyntaxError as exc:
            row["compiles"] = False
            row["error"] = f"SyntaxError: {exc.msg} (line {exc.lineno})"
            continue
        defined = {c.get_name() for c in table.get_children()} | set(row["imports"]) | known
        missing = sorted(unresolved(table, defined))
        row["compiles"] = not missing
        if missing:
            row["error"] = f"unresolved names: {', '.join(missing)}"


def unresolved(table, defined):
    for child in table.get_children():
        for sym in child.get_symbols():
            if sym.is_global() and sym.is_referenced() and sym.get_name() not in defined:
                yield sym.get_name()
        yield from unresolved(child, defined)


CHECK = {Language.JAVA: check_java, Language.CPP: check_cpp, Language.PYTHON: check_python}

MARKER = {Language.PYTHON: "#TOFILL", Language.JAVA: "//TOFILL", Language.CPP: "//TOFILL"}
RESULTS = re.compile(r"#Results:\s*(\d+),\s*(\d+)")


def run_suite(root: Path, tgt: Language, rows) -> None:
    """Insert each compiling candidate into the target's test script and run it.

    Sets row["passes"]: the script reports n_ok == n_total. Used only to find semantic
    failure kinds; this is the suite's computational-accuracy check.
    """
    todo = [r for r in rows if r.get("compiles")]
    with tempfile.TemporaryDirectory() as tmp:
        programs = []
        for row in todo:
            script = (root / tgt.value / (row["id"] + EXT[tgt])).read_text(encoding="utf-8")
            code = re.sub(r"\bf_gold\b", "f_filled", row["code"])
            if tgt is Language.PYTHON:
                head = "".join(f"import {m}\n" for m in row["imports"])
                text = script.replace(MARKER[tgt], head + code, 1)
            elif tgt is Language.JAVA:
                head = "".join(f"import {m};\n" for m in row["imports"])
                text = head + script.replace("import javafx.util.Pair;", "").replace(
                    MARKER[tgt], code, 1)
            else:
                head = "".join(f"#include {m}\n" for m in row["imports"])
                text = head + script.replace(MARKER[tgt], code, 1)
            path = Path(tmp, row["id"] + EXT[tgt])
            path.write_text(text, encoding="utf-8")
            programs.append((row, path))

        def one(item):
            row, path = item
            try:
                if tgt is Language.PYTHON:
                    cmd = [sys.executable, str(path)]
                elif tgt is Language.JAVA:
                    out = Path(tmp, "j_" + row["id"])
                    out.mkdir()
                    c = subprocess.run(["javac", "-nowarn", "-d", str(out), str(path)],
                                       capture_output=True, text=True, timeout=120)
                    if c.returncode:
                        row["passes"], row["run_error"] = False, "compile: " + c.stderr[:300]
                        return
                    cmd = ["java", "-Xss64m", "-cp", str(out), row["id"]]
                else:
                    exe = Path(tmp, "c_" + row["id"])
                    c = subprocess.run(["g++", "-std=c++17", "-O1", "-o", str(exe), str(path)],
                                       capture_output=True, text=True, timeout=120)
                    if c.returncode:
                        row["passes"], row["run_error"] = False, "compile: " + c.stderr[:300]
                        return
                    cmd = [str(exe)]
                r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
                m = RESULTS.search(r.stdout)
                row["passes"] = bool(m and m.group(1) == m.group(2))
                if not row["passes"]:
                    row["run_error"] = (m.group(0) if m else (r.stderr or r.stdout)[-300:])
            except subprocess.TimeoutExpired:
                row["passes"], row["run_error"] = False, "timeout"

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(one, programs))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"),
                    help="the shared folder holding benchmarks/gfg (default: ../shared)")
    ap.add_argument("--directions", nargs="+", default=ALL, choices=ALL, metavar="SRC-TGT",
                    help=f"directions to measure (default: all six: {' '.join(ALL)})")
    ap.add_argument("--json", default="gfg_compile_rate.json", help="where to write the results")
    ap.add_argument("--run", action="store_true",
                    help="also run each compiling candidate in the suite's own test script")
    ap.add_argument("--failures", type=int, default=0,
                    help="print the N most common decline / compile-error reasons per direction")
    args = ap.parse_args(argv)
    root = Path(args.shared) / "benchmarks" / "gfg"
    if not root.is_dir():
        print(f"error: {root} not found (pass --shared)", file=sys.stderr)
        return 2
    table = []
    details = {}
    for direction in args.directions:
        s, t = direction.split("-")
        src, tgt = Language(s), Language(t)
        start = time.time()
        rows = translate_direction(root, src, tgt)
        CHECK[tgt](rows)
        if args.run:
            run_suite(root, tgt, rows)
        translated = sum("code" in r for r in rows)
        compiles = sum(bool(r.get("compiles")) for r in rows)
        rate = compiles / len(rows) if rows else 0.0
        entry = {"direction": f"{src.display}->{tgt.display}", "problems": len(rows),
                 "translated": translated, "compiles": compiles, "rate": round(rate, 4)}
        if args.run:
            passes = sum(bool(r.get("passes")) for r in rows)
            entry["passes"] = passes
            entry["pass_rate"] = round(passes / len(rows), 4) if rows else 0.0
        entry["seconds"] = round(time.time() - start, 1)
        table.append(entry)
        details[direction] = rows
        if args.failures:
            reasons = collections.Counter(
                _kind(r.get("declined") or r.get("error", "")) for r in rows
                if not r.get("compiles"))
            print(f"\n{direction}: most common failures")
            for reason, n in reasons.most_common(args.failures):
                print(f"  {n:4d}  {reason}")
    header = f"\n{'direction':<16}{'problems':>10}{'translated':>12}{'compiles':>10}{'rate':>8}"
    print(header + (f"{'passes':>9}{'pass rate':>11}" if args.run else ""))
    for row in table:
        line = (f"{row['direction']:<16}{row['problems']:>10}{row['translated']:>12}"
                f"{row['compiles']:>10}{row['rate'] * 100:>7.1f}%")
        if args.run:
            line += f"{row['passes']:>9}{row['pass_rate'] * 100:>10.1f}%"
        print(line)
    Path(args.json).write_text(json.dumps({"table": table, "details": details}, indent=1))
    return 0


def _kind(reason: str) -> str:
    """A failure reason without its line number and identifiers, for grouping."""
    reason = re.sub(r"^line \d+: ", "", reason)
    reason = re.sub(r"`[^`]*`", "`…`", reason)
    return reason[:110]


if __name__ == "__main__":
    sys.exit(main())

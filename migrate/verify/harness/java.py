"""The Java harness: one javac run and one JVM per batch, units called through reflection.

Each unit lives in its own package (`u7`), so two originals that both declare
`class Solution` can share a compilation: an original file keeps its text (its package
line replaced by the unit's), a candidate is wrapped in a class of its own. The fixed
harness (`MigrateHarness.java`, with its own small JSON reader and writer) converts JSON
arguments to whatever parameter types the method declares (`int[]`, `List<Integer>`,
`char`, `String`...), so no per-function glue is generated. javac names the file of every
error, which is how a failed batch blames its broken units without bisection.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from migrate.units import Language
from migrate.verify.harness import Unit, import_lines
from migrate.verify.sandbox import Limits

# Measured with OpenJDK 17 under RLIMIT_AS: the JVM needs about 1.5 GB of address space
# with these flags (javac about 2 GB); a serial GC and the C1 compiler only keep the
# thread count and start-up small.
JVM_FLAGS = ["-Xmx256m", "-Xss32m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m",
             "-XX:CompressedClassSpaceSize=64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
             "-Xshare:auto", "-XX:-UsePerfData", "-XX:CICompilerCount=1"]
JAVAC_FLAGS = ["-J-Xmx512m", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1",
               "-J-XX:-UsePerfData", "-J-Xshare:auto"]
DEFAULT_IMPORTS = ["import java.util.*;", "import java.util.function.*;",
                   "import java.util.stream.*;", "import java.math.*;"]


def _public_class(text: str) -> str | None:
    match = re.search(r"^\s*public\s+(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|enum|"
                      r"record)\s+(\w+)", text, re.M)
    return match.group(1) if match else None


def _moved_classes(files: Sequence[tuple[str, str]]) -> set[str]:
    """`pkg.Name` of every repository class that joins an original in its unit's package."""
    moved = set()
    for path, text in files:
        match = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.M)
        name = _public_class(text) or path.rsplit("/", 1)[-1][:-5]
        moved.add(f"{match.group(1)}.{name}" if match else name)
    return moved


def _repackage(text: str, moved: set[str], uid: str) -> str:
    """A source file without its package line and without imports of the repository classes
    that now share its package `uid` (a static import of them names them in `uid`)."""
    body = re.sub(r"^\s*package\s+[\w.]+\s*;", "", text, count=1, flags=re.M)
    packages = {m.rsplit(".", 1)[0] for m in moved if "." in m}

    def fix(match: re.Match) -> str:
        static, name = match.group(1), match.group(2)
        if static:
            owner, member = name.rsplit(".", 1) if "." in name else ("", name)
            if owner in moved:
                return f"import static {uid}.{owner.rsplit('.', 1)[-1]}.{member};"
            if owner.endswith(".*") or owner not in moved:
                return match.group(0)
        if name in moved or (name.endswith(".*") and name[:-2] in packages):
            return ""
        return match.group(0)

    return re.sub(r"^[ \t]*import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;", fix, body, flags=re.M)


def support_classes(files: Sequence[tuple[str, str]]) -> tuple[list[str], str]:
    """(import lines, class declarations) that give a unit the output classes of other files.

    An output file is `package shop; ... public class Cart { ... }`; its callers write
    `shop.Cart.total(...)`. The unit's own package is `uN`, so the packages become classes
    there: `class shop { public static class Cart { ... } }`, declared after the unit's class
    in its file. Java looks a dotted name's first part up as a type before a package, so
    `shop.Cart.total` finds `uN.shop.Cart.total`, and each unit has its own copy.
    """
    imports: list[str] = []
    tree: dict = {}  # package part -> subtree; "" -> the module classes at that level
    for _path, text in files:
        match = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.M)
        package = match.group(1).split(".") if match else []
        body = re.sub(r"^\s*package\s+[\w.]+\s*;", "", text, count=1, flags=re.M)
        for line in re.findall(r"^\s*import\s+[^;]+;", body, re.M):
            if line.strip() not in imports:
                imports.append(line.strip())
        body = re.sub(r"^\s*import\s+[^;]+;", "", body, flags=re.M)
        # A top-level class of the output becomes a member class (or, at the top, a class
        # that need not be public, since the file is named after the unit's class).
        body = re.sub(r"^public class ", "public static class " if package else "class ", body,
                      count=1, flags=re.M)
        node = tree
        for part in package:
            node = node.setdefault(part, {})
        node.setdefault("", []).append(body.strip("\n"))

    def emit(node: dict, depth: int) -> list[str]:
        lines = list(node.get("", []))
        for part, child in node.items():
            if part:
                head = "public static class" if depth else "class"
                lines += [f"{head} {part} {{", *emit(child, depth + 1), "}"]
        return lines

    return imports, "\n" + "\n".join(emit(tree, 0)) + "\n" if files else ""


class JavaBuilder:
    language = Language.JAVA

    def __init__(self, cpu_s: int = 300, nproc: int = 256):
        self.compile_limits = Limits(cpu_s=cpu_s, memory_mb=2560, nproc=nproc)
        self.run_limits = Limits(cpu_s=cpu_s, memory_mb=1536, nproc=nproc)
        self._files: list[str] = []

    def write(self, workdir: Path, units: Sequence[Unit]) -> None:
        harness = resources.files("migrate.verify.harness").joinpath("MigrateHarness.java")
        (workdir / "MigrateHarness.java").write_text(harness.read_text(encoding="utf-8"),
                                                     encoding="utf-8")
        manifest, files = {}, ["MigrateHarness.java"]
        for unit in units:
            package = workdir / unit.uid
            package.mkdir()
            if unit.whole_file:
                moved = _moved_classes(unit.support)
                body = _repackage(unit.code, moved, unit.uid)
                text = f"package {unit.uid};\n{body}"
                name = _public_class(body) or (unit.owner[0] if unit.owner else "Main")
                for path, source in unit.support:  # the classes it uses, beside it
                    other = _repackage(source, moved, unit.uid)
                    other_name = _public_class(other) or path.rsplit("/", 1)[-1][:-5]
                    (package / f"{other_name}.java").write_text(
                        f"package {unit.uid};\n{other}", encoding="utf-8")
                    files.append(f"{unit.uid}/{other_name}.java")
            else:
                name = unit.owner[-1] if unit.owner else "Unit"
                imports = DEFAULT_IMPORTS + [
                    line for line in import_lines(unit.imports, Language.JAVA)
                    if line not in DEFAULT_IMPORTS
                ]
                support_imports, support = support_classes(unit.support)
                imports += [i for i in support_imports if i not in imports]
                text = (f"package {unit.uid};\n" + "\n".join(imports)
                        + f"\n\nclass {name} {{\n{unit.code}\n}}\n" + support)
            (package / f"{name}.java").write_text(text, encoding="utf-8")
            files.append(f"{unit.uid}/{name}.java")
            if unit.whole_file and unit.owner:
                cls = unit.uid + "." + "$".join(unit.owner)
            else:
                cls = f"{unit.uid}.{name}"
            manifest[unit.uid] = {"cls": cls, "entry": unit.entry}
        (workdir / "units.json").write_text(json.dumps(manifest), encoding="utf-8")
        (workdir / "sources.txt").write_text("\n".join(files) + "\n", encoding="utf-8")
        (workdir / "classes").mkdir()

    def compile_argv(self, units: Sequence[Unit]) -> list[str] | None:
        return ["javac", *JAVAC_FLAGS, "-nowarn", "-Xmaxerrs", "10000", "-encoding", "UTF-8",
                "-proc:none", "-d", "classes", "@sources.txt"]

    def blame(self, log: str, units: Sequence[Unit]) -> dict[str, str]:
        known = {u.uid for u in units}
        out: dict[str, list[str]] = {}
        current = None
        for line in log.splitlines():
            match = re.match(r"^(u\d+)/\w+\.java:\d+: error:", line)
            if match and match.group(1) in known:
                current = match.group(1)
                out.setdefault(current, []).append(line)
            elif re.match(r"^\S+\.java:\d+: ", line):
                current = None
            elif current is not None and len(out[current]) < 12:
                out[current].append(line)
        return {uid: "\n".join(lines) for uid, lines in out.items()}

    def run_argv(self) -> list[str]:
        return ["java", *JVM_FLAGS, "-cp", "classes", "MigrateHarness"]

    def read_only(self) -> tuple[str, ...]:
        return ()

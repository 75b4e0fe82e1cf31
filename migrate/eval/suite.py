"""The GfG suite format of the TransCoder evaluation: one test script per problem and language.

Each script holds `f_gold`, a marker (`//TOFILL`, `#TOFILL`) where a translated `f_filled`
goes, and a `main` that prints `#Results: n_ok, n_total` (Java without the space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from migrate import lang
from migrate.units import Function, Language, ParsedFile, SourceFile

SUFFIX = {Language.CPP: ".cpp", Language.JAVA: ".java", Language.PYTHON: ".py"}
MARKER = {Language.CPP: "//TOFILL", Language.JAVA: "//TOFILL", Language.PYTHON: "#TOFILL"}
RESULTS = re.compile(r"#Results:\s*(\d+)\s*,\s*(\d+)")
# Plain OpenJDK lacks JavaFX; no script in the suite uses Pair beyond importing it.
JAVAFX_IMPORT = re.compile(r"^\s*import\s+javafx\.util\.Pair\s*;\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    id: str
    scripts: dict[Language, Path]


def load_suite(root: Path) -> list[Problem]:
    """Every problem id found under root/{cpp,java,python}, sorted."""
    found: dict[str, dict[Language, Path]] = {}
    for language in Language:
        folder = root / language.value
        if not folder.is_dir():
            continue
        for path in folder.glob(f"*{SUFFIX[language]}"):
            found.setdefault(path.stem, {})[language] = path
    return [Problem(pid, found[pid]) for pid in sorted(found)]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def gold_function(path: Path, language: Language) -> tuple[Function, ParsedFile] | None:
    """`f_gold` as a user's function would be seen: extracted from a file holding it alone.

    The script's `main` (the suite's own test inputs) never reaches translation or the
    verifier; only the file's imports travel with the function.
    """
    support = lang.get(language)
    text = read(path)
    parsed = support.extract(SourceFile(path.name, path, language, text, "utf-8", len(text)))
    gold = next((f for f in parsed.functions if f.name == "f_gold"), None)
    if gold is None:
        return None
    imports = "\n".join(line for line in parsed.imports if "javafx" not in line)
    if language is Language.JAVA:
        body = f"{imports}\n\npublic class {path.stem} {{\n{gold.source}\n}}\n"
    else:
        body = f"{imports}\n\n{gold.source}\n"
    alone = support.extract(SourceFile(path.name, path, language, body, "utf-8", len(body)))
    gold = next((f for f in alone.functions if f.name == "f_gold"), None)
    return (gold, alone) if gold is not None else None


def rename_filled(code: str) -> str:
    """The translation of f_gold under the name the script calls (recursive calls included)."""
    return re.sub(r"\bf_gold\b", "f_filled", code)


def fill(script: str, code: str, language: Language) -> str:
    """The script with `code` at its marker, made compilable on plain OpenJDK."""
    if MARKER[language] not in script:
        raise ValueError(f"no {MARKER[language]} marker in the script")
    if language is Language.JAVA:
        script = JAVAFX_IMPORT.sub("", script)
    return script.replace(MARKER[language], code, 1)


def add_imports(script: str, imports: tuple[str, ...], language: Language) -> str:
    """Put what a translation needs at the top of the script (after its own imports)."""
    if language is Language.JAVA:
        wildcards = set(re.findall(r"^\s*import\s+([\w.]+)\s*\.\s*\*\s*;", script, re.MULTILINE))
        lines = [f"import {i};" for i in imports if "." in i and i.rsplit(".", 1)[0] not in wildcards]
    elif language is Language.CPP:
        lines = [f"#include {i}" for i in imports if i.startswith("<")]
    else:
        lines = [i if i.startswith(("import ", "from ")) else f"import {i}" for i in imports]
    lines = [line for line in lines if line not in script]
    if not lines:
        return script
    if language is Language.JAVA:
        # after the last import, so they stay outside the class
        last = list(re.finditer(r"^\s*import\s+[\w.*\s]+;\s*$", script, re.MULTILINE))
        at = last[-1].end() if last else 0
        return script[:at] + "\n" + "\n".join(lines) + "\n" + script[at:]
    return "\n".join(lines) + "\n" + script


def parse_results(output: str) -> tuple[int, int] | None:
    found = RESULTS.findall(output)
    return (int(found[-1][0]), int(found[-1][1])) if found else None  # the last verdict counts


def java_class_name(script: str, fallback: str) -> str:
    """The top-level class with `main` (some scripts omit `public`)."""
    match = re.search(r"^\s*(?:public\s+)?(?:final\s+)?class\s+(\w+)", script, re.MULTILINE)
    return match.group(1) if match else fallback

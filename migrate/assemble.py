"""Target files from the chosen candidates, in the target language's conventions.

Every source file becomes one target file (see `layout`) that begins with a comment naming
its source. A function without a usable candidate keeps its place as a clearly marked stub
that throws "not migrated" with the reason and carries the original in a comment, so the
file still compiles. A candidate that compiled but was not verified carries a comment saying
so, with its test result and first failing input.
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath

from migrate import __version__
from migrate.layout import ModulePlan, OutputPlan, container_path
from migrate.units import (
    Function,
    Kind,
    Language,
    Outcome,
    OutputFile,
    ParsedFile,
    Status,
    Type,
)

INDENT = "    "


def assemble(
    plan: OutputPlan, parsed: Iterable[ParsedFile], outcomes: Iterable[Outcome]
) -> tuple[OutputFile, ...]:
    """One output file per source file (plus Python package markers), sorted by path."""
    by_id = {o.function.id: o for o in outcomes}
    files: list[OutputFile] = []
    for parsed_file in sorted(parsed, key=lambda p: p.source.path):
        module = plan.modules.get(parsed_file.source.path)
        if module is None:  # no functions, no output file
            continue
        placed = [by_id[f.id] for f in parsed_file.functions if f.id in by_id]
        render = {Language.JAVA: _java_file, Language.PYTHON: _python_file, Language.CPP: _cpp_file}
        text = render[plan.target](module, parsed_file, placed)
        files.append(OutputFile(module.output, text, (parsed_file.source.path,)))
    if plan.target is Language.PYTHON:
        files.extend(_package_markers(files))
    return tuple(sorted(files, key=lambda f: f.path))


# --------------------------------------------------------------------------- shared pieces


def _banner(module: ModulePlan, parsed_file: ParsedFile) -> str:
    src = parsed_file.source
    return f"Migrated by migrate {__version__} from {src.path} ({src.language.display})."


def _group(module: ModulePlan, outcomes: list[Outcome]) -> dict[tuple[str, ...], list[Outcome]]:
    """Outcomes by target class chain, in source order; () is module level."""
    groups: dict[tuple[str, ...], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[container_path(outcome.function, module)].append(outcome)
    return groups


def _imports(outcomes: list[Outcome]) -> list[str]:
    seen: dict[str, None] = {}
    for outcome in outcomes:
        if outcome.chosen is not None and outcome.status is not Status.COMPILE_ERROR:
            for line in outcome.chosen.imports:
                seen.setdefault(line, None)
    return list(seen)


def _usable(outcome: Outcome) -> bool:
    """The chosen candidate goes into the file (it compiled, or was never compiled)."""
    return outcome.chosen is not None and outcome.status.migrated


def _verification_note(outcome: Outcome) -> list[str]:
    """Comment lines above an unverified candidate; none when it passed or was not tested."""
    verdict = outcome.verdict
    if outcome.status is Status.FAILED and verdict is not None:
        lines = [
            f"UNVERIFIED: passed {verdict.tests_passed} of {verdict.tests_total} tests "
            f"against the original ({outcome.engine} engine)."
        ]
        if verdict.first_failure is not None:
            failure = verdict.first_failure
            lines.append(
                f"First failing input: {failure.input}; expected {failure.expected}, "
                f"got {failure.actual}."
            )
        return lines
    if outcome.status is Status.UNTESTABLE:
        return [f"UNVERIFIED: could not be tested: {outcome.reason or 'no reason given'}"]
    return []


def _stub_reason(outcome: Outcome) -> str:
    reason = outcome.reason or "no engine produced a translation"
    return " ".join(reason.split())


def _original_lines(function: Function) -> list[str]:
    origin = f"Original ({function.language.display}, {function.file}:{function.line}):"
    return [origin, *function.source.splitlines()]


def _best_rejected(outcome: Outcome) -> list[str]:
    """The best candidate that did not compile, kept in the stub's comment for a reviewer."""
    if outcome.chosen is None or outcome.status is not Status.COMPILE_ERROR:
        return []
    return [f"Best candidate ({outcome.chosen.engine}, did not compile):", *outcome.chosen.code.splitlines()]


# --------------------------------------------------------------------------- type spelling

_JAVA_SCALARS = {
    Kind.INT: "int", Kind.LONG: "long", Kind.FLOAT: "float", Kind.DOUBLE: "double",
    Kind.BOOL: "boolean", Kind.CHAR: "char", Kind.STRING: "String", Kind.VOID: "void",
}
_JAVA_BOXED = {
    "int": "Integer", "long": "Long", "float": "Float", "double": "Double",
    "boolean": "Boolean", "char": "Character",
}
_CPP_SCALARS = {
    Kind.INT: "int", Kind.LONG: "long long", Kind.FLOAT: "float", Kind.DOUBLE: "double",
    Kind.BOOL: "bool", Kind.CHAR: "char", Kind.STRING: "std::string", Kind.VOID: "void",
}


def java_type(t: Type) -> str:
    if t.kind is Kind.ARRAY and t.elem is not None:
        return java_type(t.elem) + "[]"
    if t.kind is Kind.LIST and t.elem is not None:
        inner = java_type(t.elem)
        return f"java.util.List<{_JAVA_BOXED.get(inner, inner)}>"
    return _JAVA_SCALARS.get(t.kind, "Object")


def cpp_type(t: Type) -> str | None:
    """The C++ spelling, or None when the type is unknown (a template parameter then)."""
    if t.is_sequence and t.elem is not None:
        inner = cpp_type(t.elem)
        return None if inner is None else f"std::vector<{inner}>"
    return _CPP_SCALARS.get(t.kind)


# --------------------------------------------------------------------------- Java


def _java_comment(lines: list[str]) -> list[str]:
    body = [" * " + line.replace("*/", "* /") if line else " *" for line in lines]
    return ["/*", *body, " */"]


def _java_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _java_public(code: str) -> str:
    """Make the definition public so other packages can call it (engines emit package access)."""
    lines = code.splitlines()
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or stripped.startswith(("/*", "*", "//", "@")):
            continue
        if not re.match(r"(public|private|protected)\b", stripped):
            lines[i] = line[: len(line) - len(stripped)] + "public " + stripped
        break
    return "\n".join(lines)


def _java_stub(outcome: Outcome) -> str:
    f = outcome.function
    sig = f.signature
    params = ", ".join(f"{java_type(p.type)} {p.name}" for p in sig.params)
    static = "" if f.is_method else "static "
    comment = _java_comment(
        [f"NOT MIGRATED: {_stub_reason(outcome)}", "", *_original_lines(f), *_best_rejected(outcome)]
    )
    if "constructor" in f.modifiers:
        head = f"public {f.name}({params})"
    else:
        head = f"public {static}{java_type(sig.returns)} {f.name}({params})"
    message = _java_string(f"not migrated: {_stub_reason(outcome)}")
    return "\n".join(
        [*comment, head + " {", f"{INDENT}throw new UnsupportedOperationException({message});", "}"]
    )


def _java_member(outcome: Outcome) -> str:
    if not _usable(outcome):
        return _java_stub(outcome)
    assert outcome.chosen is not None
    note = _verification_note(outcome)
    code = _java_public(outcome.chosen.code.strip("\n"))
    return "\n".join([*(f"// {line}" for line in note), code])


def _java_file(module: ModulePlan, parsed_file: ParsedFile, outcomes: list[Outcome]) -> str:
    out = [f"// {_banner(module, parsed_file)}"]
    if module.package:
        out += [f"package {'.'.join(module.package)};"]
    imports = sorted(i for i in _imports(outcomes) if "." in i)
    if imports:
        out += ["", *(f"import {i};" for i in imports)]
    out += ["", f"public class {module.module} {{"]
    out += _java_body(_group(module, outcomes), (), 1)
    out += ["}", ""]
    return "\n".join(out)


def _java_body(groups: dict[tuple[str, ...], list[Outcome]], chain: tuple[str, ...], depth: int) -> list[str]:
    pad = INDENT * depth
    lines: list[str] = []
    for outcome in groups.get(chain, []):
        lines += [""] + textwrap.indent(_java_member(outcome), pad).splitlines()
    for child in _children(groups, chain):
        lines += ["", f"{pad}public static class {child[-1]} {{"]
        lines += _java_body(groups, child, depth + 1)
        lines += [f"{pad}}}"]
    return lines


def _children(groups: dict[tuple[str, ...], list[Outcome]], chain: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Direct sub-classes of `chain` that hold functions, directly or further down."""
    found: dict[tuple[str, ...], None] = {}
    for key in groups:
        if len(key) > len(chain) and key[: len(chain)] == chain:
            found.setdefault(key[: len(chain) + 1], None)
    return list(found)


# --------------------------------------------------------------------------- Python


def _python_stub(outcome: Outcome) -> str:
    f = outcome.function
    names = [p.name for p in f.signature.params]
    if f.is_method or "constructor" in f.modifiers:
        names.insert(0, "self")
    name = "__init__" if "constructor" in f.modifiers else f.name
    comment = [
        f"# NOT MIGRATED: {_stub_reason(outcome)}",
        *(f"# {line}".rstrip() for line in _original_lines(f) + _best_rejected(outcome)),
    ]
    message = repr(f"not migrated: {_stub_reason(outcome)}")
    return "\n".join([*comment, f"def {name}({', '.join(names)}):", f"{INDENT}raise NotImplementedError({message})"])


def _python_member(outcome: Outcome) -> str:
    if not _usable(outcome):
        return _python_stub(outcome)
    assert outcome.chosen is not None
    note = _verification_note(outcome)
    return "\n".join([*(f"# {line}" for line in note), outcome.chosen.code.strip("\n")])


def _free_translation(outcome: Outcome) -> bool:
    """Whether a method's translation is a free function (no `self`), as the engines
    write a method that never uses its object; in its class it becomes a static method."""
    if not _usable(outcome) or outcome.chosen is None:
        return False
    header = re.search(r"^def \w+\((\w*)", outcome.chosen.code, re.M)
    return header is not None and header.group(1) not in ("self", "cls")


def _python_file(module: ModulePlan, parsed_file: ParsedFile, outcomes: list[Outcome]) -> str:
    out = [f"# {_banner(module, parsed_file)}"]
    imports = sorted(i for i in _imports(outcomes) if not i.startswith(("from ", "import ")))
    raw = sorted(i for i in _imports(outcomes) if i.startswith(("from ", "import ")))
    if imports or raw:
        out += ["", *(f"import {i}" for i in imports), *raw]
    groups = _group(module, outcomes)
    for outcome in groups.get((), []):
        out += ["", "", _python_member(outcome)]
    for child in _children(groups, ()):
        out += ["", ""] + _python_class(groups, child, 0)
    return "\n".join(out) + "\n"


def _python_class(groups: dict[tuple[str, ...], list[Outcome]], chain: tuple[str, ...], depth: int) -> list[str]:
    pad = INDENT * depth
    lines = [f"{pad}class {chain[-1]}:"]
    members = groups.get(chain, [])
    for outcome in members:
        code = _python_member(outcome)
        if "constructor" not in outcome.function.modifiers and (
                not outcome.function.is_method or _free_translation(outcome)):
            code = "@staticmethod\n" + code
        lines += [""] + textwrap.indent(code, pad + INDENT).splitlines()
    for child in _children(groups, chain):
        lines += [""] + _python_class(groups, child, depth + 1)
    if not members and len(lines) == 1:
        lines.append(f"{pad}{INDENT}pass")
    return lines


def _package_markers(files: list[OutputFile]) -> list[OutputFile]:
    """An `__init__.py` in every output folder, so modules import each other as packages."""
    folders: set[str] = set()
    for f in files:
        parent = PurePosixPath(f.path).parent
        while str(parent) not in (".", ""):
            folders.add(str(parent))
            parent = parent.parent
    existing = {f.path for f in files}
    markers = []
    for folder in sorted(folders):
        path = f"{folder}/__init__.py"
        if path not in existing:
            markers.append(OutputFile(path, "# Package marker written by migrate.\n", ()))
    return markers


# --------------------------------------------------------------------------- C++


def _cpp_comment(lines: list[str]) -> list[str]:
    return [f"// {line}".rstrip() for line in lines]


def _cpp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cpp_stub(outcome: Outcome) -> str:
    f = outcome.function
    templates: list[str] = []
    params = []
    for p in f.signature.params:
        spelled = cpp_type(p.type)
        if spelled is None:
            spelled = f"T{len(templates)}"
            templates.append(f"typename {spelled}")
        params.append(f"{spelled}{'&' if p.by_reference or p.type.is_sequence else ''} {p.name}")
    returns = cpp_type(f.signature.returns) or "void"
    comment = _cpp_comment(
        [f"NOT MIGRATED: {_stub_reason(outcome)}", *_original_lines(f), *_best_rejected(outcome)]
    )
    head = "" if f.is_method else "inline "
    if templates:
        head = f"template <{', '.join(templates)}>\n{head}"
    message = _cpp_string(f"not migrated: {_stub_reason(outcome)}")
    return "\n".join(
        [*comment, f"{head}{returns} {f.name}({', '.join(params)}) {{",
         f"{INDENT}throw std::logic_error({message});", "}"]
    )


def _cpp_inline(code: str) -> str:
    """Free functions in a header must be `inline` to be included from several files."""
    lines = code.splitlines()
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or stripped.startswith(("//", "/*", "*", "template")):
            continue
        if not re.match(r"(inline|static|constexpr)\b", stripped):
            lines[i] = line[: len(line) - len(stripped)] + "inline " + stripped
        break
    return "\n".join(lines)


def _cpp_member(outcome: Outcome, free: bool) -> str:
    if not _usable(outcome):
        return _cpp_stub(outcome)
    assert outcome.chosen is not None
    code = outcome.chosen.code.strip("\n")
    if free:
        code = _cpp_inline(code)
    return "\n".join([*_cpp_comment(_verification_note(outcome)), code])


def _cpp_prototype(code: str) -> str | None:
    """`inline int f(int a);` from a definition, so functions may call ones defined later."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("//", "/*", "*"))]
    text = "\n".join(lines)
    brace = text.find("{")
    if brace < 0 or "=" in text[:brace]:  # default arguments may not be repeated
        return None
    return text[:brace].rstrip() + ";"


def _cpp_file(module: ModulePlan, parsed_file: ParsedFile, outcomes: list[Outcome]) -> str:
    out = [f"// {_banner(module, parsed_file)}", "#pragma once", ""]
    headers = {"<stdexcept>", "<string>", "<vector>"}  # what stubs may need
    local: set[str] = set()
    for line in _imports(outcomes):
        if line.startswith("<"):
            headers.add(line)
        elif line.startswith('"'):
            local.add(line.strip('"'))
    out += [f"#include {h}" for h in sorted(headers)]
    here = PurePosixPath(module.output).parent
    for path in sorted(local - {module.output}):
        out.append(f'#include "{_relative(here, PurePosixPath(path))}"')
    out.append("")
    namespaces = (*module.package, module.module)
    out += [f"namespace {name} {{" for name in namespaces]
    groups = _group(module, outcomes)
    free = [_cpp_member(o, free=True) for o in groups.get((), [])]
    prototypes = [p for p in (_cpp_prototype(code) for code in free) if p]
    if len(free) > 1 and prototypes:
        out += [""] + prototypes
    for code in free:
        out += ["", code]
    for child in _children(groups, ()):
        out += [""] + _cpp_class(groups, child, 0)
    out += [""] + [f"}}  // namespace {name}" for name in reversed(namespaces)]
    return "\n".join(out) + "\n"


def _cpp_class(groups: dict[tuple[str, ...], list[Outcome]], chain: tuple[str, ...], depth: int) -> list[str]:
    pad = INDENT * depth
    lines = [f"{pad}class {chain[-1]} {{", f"{pad}public:"]
    for outcome in groups.get(chain, []):
        code = _cpp_member(outcome, free=False)
        if not outcome.function.is_method and "constructor" not in outcome.function.modifiers:
            if not code.lstrip().startswith("static"):
                code = _static(code)
        lines += textwrap.indent(code, pad + INDENT).splitlines()
    for child in _children(groups, chain):
        lines += _cpp_class(groups, child, depth + 1)
    lines.append(f"{pad}}};")
    return lines


def _static(code: str) -> str:
    lines = code.splitlines()
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped and not stripped.startswith(("//", "/*", "*", "template")):
            lines[i] = line[: len(line) - len(stripped)] + "static " + stripped.removeprefix("inline ")
            break
    return "\n".join(lines)


def _relative(here: PurePosixPath, target: PurePosixPath) -> str:
    """`target` as seen from the folder `here`, both relative to the output root."""
    up = [".."] * len([p for p in here.parts if p not in (".", "")])
    return str(PurePosixPath(*up, target)) if up else str(target)

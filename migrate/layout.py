"""Where each source file lands in the target language, and how its functions are named there.

Target files mirror the source tree in the target language's conventions:

- Java: one class per source file, named after it in PascalCase (`stock.py` -> `Stock`), in a
  package from its folders (`inventory/stock.py` -> package `inventory`). Free functions become
  static methods; source classes become nested static classes.
- Python: one module per source file, snake_case (`BinarySearch.java` -> `binary_search.py`).
  A Java file's static methods of its main class and C++ free functions become module-level
  functions; instance methods stay in a class.
- C++: one header per source file (`stock.py` -> `stock.hpp`), functions `inline` in a namespace
  made of the folders and the file's stem, so each output file compiles on its own and others
  include it.

Clashing output names (`area.cpp` and `area.h` both want `Area.java`) are resolved in sorted
source order: the first keeps the name, later ones get `_2`, `_3`, ... and the clash is reported.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from migrate.units import ExternalRef, Function, Language, ParsedFile

JAVA_KEYWORDS = frozenset(
    """abstract assert boolean break byte case catch char class const continue default do double
    else enum extends final finally float for goto if implements import instanceof int interface
    long native new package private protected public return short static strictfp super switch
    synchronized this throw throws transient try void volatile while true false null var record
    yield""".split()
)
CPP_KEYWORDS = frozenset(
    """alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t
    char32_t class compl const constexpr const_cast continue decltype default delete do double
    dynamic_cast else enum explicit export extern false float for friend goto if inline int long
    mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public
    register reinterpret_cast return short signed sizeof static static_assert static_cast struct
    switch template this thread_local throw true try typedef typeid typename union unsigned using
    virtual void volatile wchar_t while xor xor_eq std""".split()
)
EXTENSION = {Language.JAVA: ".java", Language.PYTHON: ".py", Language.CPP: ".hpp"}


def identifier(text: str, target: Language) -> str:
    """A legal identifier in the target language made from any file or folder name."""
    name = re.sub(r"\W", "_", text) or "_"
    if name[0].isdigit():
        name = "_" + name
    reserved = {
        Language.JAVA: JAVA_KEYWORDS,
        Language.CPP: CPP_KEYWORDS,
        Language.PYTHON: frozenset(keyword.kwlist),
    }[target]
    return name + "_" if name in reserved else name


def pascal_case(stem: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", stem)
    name = "".join(p[:1].upper() + p[1:] for p in parts if p)
    return name or "Module"


def snake_case(stem: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", stem)
    return re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").lower() or "module"


@dataclass(frozen=True)
class ModulePlan:
    """The target-side home of one source file."""

    source: str  # source path relative to SRC
    output: str  # output path relative to --out
    package: tuple[str, ...]  # Java package / Python package / C++ outer namespaces
    module: str  # Java class name, Python module name, C++ innermost namespace
    # Source classes that exist in this file; functions inside them stay in a target class.
    classes: frozenset[str] = frozenset()

    def qualified(self, target: Language) -> str:
        """How other target files name this module."""
        sep = "::" if target is Language.CPP else "."
        return sep.join((*self.package, self.module))


@dataclass(frozen=True)
class OutputPlan:
    target: Language
    modules: dict[str, ModulePlan]  # by source path
    collisions: tuple[str, ...]

    def module_of(self, function: Function) -> ModulePlan:
        return self.modules[function.file]


def container_path(function: Function, module: ModulePlan) -> tuple[str, ...]:
    """The chain of target classes a function sits in; () means module level.

    Namespaces are flattened away; a Java file's main class is the module itself, so its
    static methods land at module level.
    """
    chain = tuple(name for name in function.enclosing if name in module.classes)
    if function.language is Language.JAVA and chain and chain[0] == PurePosixPath(module.source).stem:
        if not function.is_method and "constructor" not in function.modifiers:
            chain = chain[1:]
    return chain


def plan_outputs(parsed: list[ParsedFile] | tuple[ParsedFile, ...], target: Language) -> OutputPlan:
    """Decide every output path and module name, resolving clashes deterministically."""
    modules: dict[str, ModulePlan] = {}
    taken: dict[str, str] = {}  # lower-cased output path -> source that has it
    collisions: list[str] = []
    for parsed_file in sorted(parsed, key=lambda p: p.source.path):
        if not parsed_file.functions:
            continue  # a header of prototypes only, say: nothing to translate, no output file
        source = parsed_file.source.path
        pure = PurePosixPath(source)
        folders = tuple(identifier(part, target) for part in _package_folders(parsed_file))
        class_names = frozenset(c.name for c in parsed_file.classes)
        base = _module_name(pure.stem, target)
        if target is Language.JAVA and base in class_names and parsed_file.source.language is not Language.JAVA:
            base += "Module"  # a nested class may not share its outer class's name
        name, suffix = base, 1
        while True:
            output = "/".join((*folders, name + EXTENSION[target]))
            holder = taken.get(output.lower())
            if holder is None:
                break
            suffix += 1
            name = f"{base}_{suffix}"
        if suffix > 1:
            first = "/".join((*folders, base + EXTENSION[target]))
            collisions.append(f"{source} -> {output} ({first} is taken by {taken[first.lower()]})")
        taken[output.lower()] = source
        modules[source] = ModulePlan(source, output, folders, name, class_names)
    return OutputPlan(target, modules, tuple(collisions))


JAVA_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.MULTILINE)


def _package_folders(parsed_file: ParsedFile) -> tuple[str, ...]:
    """The folders a file's output goes under: its path, less a Java source root.

    `src/main/java/shop/Cart.java` declaring `package shop;` lands under `shop/`, as its
    package says, rather than under `src/main/java/shop/`.
    """
    folders = PurePosixPath(parsed_file.source.path).parent.parts
    if parsed_file.source.language is Language.JAVA:
        match = JAVA_PACKAGE.search(parsed_file.source.text)
        package = tuple(match.group(1).split(".")) if match else ()
        if package and folders[len(folders) - len(package):] == package:
            return package
    return folders


def _module_name(stem: str, target: Language) -> str:
    if target is Language.JAVA:
        return identifier(pascal_case(stem), target)
    if target is Language.PYTHON:
        return identifier(snake_case(stem), target)
    return identifier(stem, target)


def references(plan: OutputPlan, functions: tuple[Function, ...]) -> dict[str, ExternalRef]:
    """How code in one output file calls a function that lives in another.

    Only functions callable without an instance get a reference (free functions, static
    methods); instance methods are reached through objects, which engines handle.
    """
    target = plan.target
    refs: dict[str, ExternalRef] = {}
    for function in functions:
        module = plan.modules.get(function.file)
        if module is None or function.is_method or "constructor" in function.modifiers:
            continue
        chain = container_path(function, module)
        if target is Language.JAVA:
            call = ".".join((*module.package, module.module, *chain, function.name))
            refs[function.id] = ExternalRef(call)
        elif target is Language.PYTHON:
            dotted = ".".join((*module.package, module.module))
            refs[function.id] = ExternalRef(".".join((dotted, *chain, function.name)), dotted)
        else:
            call = "::".join((*module.package, module.module, *chain, function.name))
            refs[function.id] = ExternalRef(call, f'"{module.output}"')
    return refs

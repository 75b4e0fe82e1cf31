"""Turn functions and candidates into harness units: what code each one needs to run."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence

from migrate.units import Candidate, ExternalRef, Function, Language, OutputFile
from migrate.verify.harness import Unit

# How the output files of some translations look: (function, its translation) pairs in,
# the files that assembly would write for them out. The pipeline supplies it (it knows
# the output plan and the assembler; verification may not import either).
Render = Callable[[Sequence[tuple[Function, Candidate]]], Sequence[OutputFile]]


def callees(function: Function, same_file: Sequence[Function]) -> list[Function]:
    """Functions of the same file that `function` calls, directly or indirectly."""
    by_name: dict[str, list[Function]] = {}
    for other in same_file:
        by_name.setdefault(other.name, []).append(other)
    found: dict[str, Function] = {}
    todo = [function]
    while todo:
        current = todo.pop()
        for name in set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", current.body)):
            for other in by_name.get(name, ()):
                if other.id != function.id and other.id not in found:
                    found[other.id] = other
                    todo.append(other)
    return sorted(found.values(), key=lambda f: f.span.start_byte)


def foreign_callees(function: Function, others: Sequence[Function]) -> list[Function]:
    """Functions of other files that `function` seems to call (by name; none defined in
    its own file). Their translations live in other output files, which a candidate's
    harness does not bring along, so a candidate calling them cannot compile on its own."""
    local = {f.name for f in others if f.file == function.file}
    called = set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", function.body)) - local
    return sorted((f for f in others if f.file != function.file and f.name in called),
                  key=lambda f: (f.file, f.span.start_byte))


def mentions_foreign(message: str, foreign: Sequence[Function]) -> bool:
    """Whether a compiler message names a foreign callee, its class, file or package."""
    words = set()
    for f in foreign:
        words.add(f.name)
        words.update(f.enclosing)
        parts = f.file.replace("\\", "/").split("/")
        words.update(p.rsplit(".", 1)[0] for p in parts if p)
    text = message.lower()
    return any(re.search(r"(?<![\w])" + re.escape(w.lower()) + r"(?![\w])", text)
               for w in words if w)


def oracle_unit(uid: str, function: Function, sources: Mapping[str, str] | None,
                helpers: Sequence[Function], others: Sequence[Function] = ()) -> Unit:
    """The original: its whole file when we have the text, else the function and its callees.

    A whole file comes with the repository files it calls into: Python's whole tree (it
    imports what it needs), C++ source files defining functions that its headers declare
    (`cpp_companions`, appended to the one translation unit), Java classes of its package
    or its imports that it names (`java_companions`, compiled beside it).
    """
    text = (sources or {}).get(function.file)
    if text is not None:
        module, tree, support = "", (), ()
        if function.language is Language.PYTHON:
            module, tree = python_module(function.file), python_tree(sources)
        elif function.language is Language.CPP:
            text = _per_file(sources, ("cpp", function.file),
                             lambda: cpp_with_companions(function.file, sources or {}, others))
        elif function.language is Language.JAVA:
            support = _per_file(sources, ("java", function.file),
                                lambda: java_companions(function.file, sources or {}))
        return Unit(uid=uid, language=function.language, code=text, entry=function.name,
                    owner=function.enclosing, is_method=function.is_method,
                    params=tuple(p.type for p in function.signature.params), whole_file=True,
                    file_name=function.file.rsplit("/", 1)[-1], module=module, tree=tree,
                    support=support)
    code = "\n\n".join(h.source for h in helpers) + "\n\n" + function.source
    return snippet_unit(uid, function, code, function.language, function.imports)


_FILE_CACHE: list = [None, {}]  # [the sources mapping last seen, {key: what was built}]


def _per_file(sources: Mapping[str, str] | None, key: tuple, build: Callable[[], object]):
    """What `build` makes for one file of one run, made once: every function of a file
    gets the same original text and companions."""
    if _FILE_CACHE[0] is not sources:
        _FILE_CACHE[:] = [sources, {}]
    if key not in _FILE_CACHE[1]:
        _FILE_CACHE[1][key] = build()
    return _FILE_CACHE[1][key]


_QUOTE_INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)


def _normalize(path: str) -> str | None:
    """`a/b/../c.h` -> `a/c.h`; None when the path climbs out of the repository."""
    out: list[str] = []
    for part in path.replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not out:
                return None
            out.pop()
        else:
            out.append(part)
    return "/".join(out)


def expand_includes(path: str, text: str, sources: Mapping[str, str],
                    seen: set[str] | None = None) -> str:
    """A C++ file with its `#include "..."` lines of repository headers replaced by the
    headers' text (recursively, each header once), so that the original compiles as one
    unit of a batch: the harness has only the file's own text, not its directory.

    A header is looked up next to the including file, then from the repository root (as
    `-iquote` would); includes that match no file of the repository stay as they are.
    """
    seen = set() if seen is None else seen
    here = path.rsplit("/", 1)[0] if "/" in path else ""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        for candidate in (f"{here}/{name}" if here else name, name):
            resolved = _normalize(candidate)
            if resolved is not None and resolved in sources and resolved != path:
                if resolved in seen:
                    return f"// {name}: included above"
                seen.add(resolved)
                body = re.sub(r"^\s*#\s*pragma\s+once\b.*$", "", sources[resolved],
                              flags=re.MULTILINE)
                return expand_includes(resolved, body, sources, seen)
        return match.group(0)

    return _QUOTE_INCLUDE.sub(replace, text)


_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def cpp_with_companions(path: str, sources: Mapping[str, str],
                        others: Sequence[Function]) -> str:
    """A C++ file with its repository headers inlined, followed by the source files that
    define what it calls through those headers (recursively), each header once.

    A file that calls `mean` declared in `stats.h` links only with `stats.cpp`; the harness
    compiles one translation unit, so that file's text comes along. Only files defining a
    function that the file calls, does not define itself and sees declared in an included
    header are added, so unrelated files (and their clashing helpers) stay out.
    """
    seen: set[str] = set()
    defined: dict[str, set[str]] = {}  # function name -> files defining it
    for f in others:
        if f.language is Language.CPP:
            defined.setdefault(f.name, set()).add(f.file)
    parts: list[str] = []
    todo, done = [path], {path}
    while todo:
        current = todo.pop(0)
        own = sources.get(current, "")
        expanded = expand_includes(current, own, sources, seen)
        parts.append(expanded if current == path else f"// {current}\n{expanded}")
        local = {f.name for f in others if f.file == current}
        headers = "\n".join(sources[h] for h in sorted(seen))
        for name in sorted(set(_CALLED.findall(own)) - local):
            for file in sorted(defined.get(name, ())):
                if file not in done and file in sources and re.search(
                        r"\b" + re.escape(name) + r"\s*\(", headers):
                    done.add(file)
                    todo.append(file)
    return "\n\n".join(parts)


_JAVA_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.MULTILINE)
_JAVA_CLASS = re.compile(r"^\s*public\s+(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|"
                         r"enum|record)\s+(\w+)", re.MULTILINE)


def _java_classes(sources: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Simple class name -> (package, path) of every Java file of the repository (read
    once per run: every Java file's companions are looked up in it)."""
    classes: dict[str, list[tuple[str, str]]] = {}
    for other, text in sources.items():
        if other.endswith(".java"):
            match = _JAVA_CLASS.search(text)
            name = match.group(1) if match else other.rsplit("/", 1)[-1][:-5]
            package = _JAVA_PACKAGE.search(text)
            classes.setdefault(name, []).append((package.group(1) if package else "", other))
    return classes


def java_companions(path: str, sources: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The repository's Java files that the file at `path` names (recursively): classes of
    its own package, and of packages it imports, whose name it uses. The harness compiles
    them in the unit's package beside it, so `StockMath.totalValue(...)` resolves."""
    classes = _per_file(sources, ("java-classes",), lambda: _java_classes(sources))
    out: list[tuple[str, str]] = []
    names = {n for n, places in classes.items() if any(p == path for _k, p in places)}
    todo, done = [path], {path}
    while todo:
        current = todo.pop(0)
        text = sources[current]
        match = _JAVA_PACKAGE.search(text)
        package = match.group(1) if match else ""
        imports = set(re.findall(r"^\s*import\s+([\w.]+)\s*;", text, re.M))
        wild = set(re.findall(r"^\s*import\s+([\w.]+)\.\*\s*;", text, re.M))
        for word in sorted(set(re.findall(r"\b[A-Z]\w*\b", text)) & classes.keys()):
            for other_package, other in classes[word]:
                visible = (other_package == package or f"{other_package}.{word}" in imports
                           or other_package in wild)
                if visible and other not in done and word not in names:
                    done.add(other)
                    names.add(word)  # one class per simple name: they share a package here
                    todo.append(other)
                    out.append((other, sources[other]))
    return tuple(out)


def python_module(path: str) -> str:
    """The dotted module name of a repository-relative Python file ("" when it has none).

    Relative to the repository root: `gradebook/letters.py` -> `gradebook.letters`, so that
    `from gradebook.scores import x` and `from .scores import x` inside it both resolve.
    """
    parts = path.replace("\\", "/").split("/")
    if not parts[-1].endswith(".py") or ".." in parts or not path or path.startswith("/"):
        return ""
    parts[-1] = parts[-1][:-3]
    if parts[-1] == "__init__":
        parts.pop()
    if not parts or not all(p.isidentifier() for p in parts):
        return ""
    return ".".join(parts)


_TREE_CACHE: list = [None, ()]  # [the sources mapping last seen, its tree]


def python_tree(sources: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    """Every Python file of `sources` that can be written safely under a work dir.

    Computed once per `sources` mapping (one per pipeline run), not once per function.
    """
    if sources is not None and _TREE_CACHE[0] is sources:
        return _TREE_CACHE[1]
    out = []
    for path, text in sorted((sources or {}).items()):
        parts = path.replace("\\", "/").split("/")
        if path.endswith(".py") and ".." not in parts and not path.startswith("/") and all(parts):
            out.append(("/".join(parts), text))
    _TREE_CACHE[:] = [sources, tuple(out)]
    return _TREE_CACHE[1]


def candidate_unit(uid: str, function: Function, candidate: Candidate,
                   helpers: Sequence[Candidate],
                   support: Sequence[OutputFile] = ()) -> Unit:
    """A candidate plus the candidates of its same-file callees (same engine, rank 0), and
    the output files of the other files' translations it calls (`support`, see CrossFile).

    Imports that name a support file (the `#include "pkg/mod.hpp"` of a C++ call into
    another file) are left out: the harness places the support files' code itself.
    """
    provided = {f.path for f in support}
    imports: list[str] = []
    for c in (*helpers, candidate):
        imports += [i for i in c.imports if i not in imports and i.strip('"') not in provided]
    code = "\n\n".join(c.code for c in helpers) + "\n\n" + candidate.code
    unit = snippet_unit(uid, function, code, candidate.target, tuple(imports))
    if support:
        unit = dataclasses.replace(unit, support=tuple((f.path, f.text) for f in support))
    return unit


def snippet_unit(uid: str, function: Function, code: str, language: Language,
                 imports: Sequence[str]) -> Unit:
    owner = function.enclosing
    if language is not function.language:
        # Class names survive translation; namespaces and packages do not.
        owner = owner[-1:] if function.is_method else ()
    return Unit(uid=uid, language=language, code=code, entry=function.name, owner=owner,
                is_method=function.is_method,
                params=tuple(p.type for p in function.signature.params), imports=tuple(imports))


# --------------------------------------------------------------------------- other files


_QUALIFIED = re.compile(r"(?<![\w.:])(?:::)?([^\W\d]\w*(?:(?:\.|::)[^\W\d]\w*)*)")
_SEPARATOR = re.compile(r"\.|::")


class CrossFile:
    """The translations of other files that a candidate calls, as the output will hold them.

    A translation calls a function of another file by the name the output gives it (an
    `ExternalRef.call_name`: `shop.Cart.total`, `gradebook.scores.mean`, `geo::area::circle`).
    `gather` follows such names from a candidate's code (and from what it finds, so
    callees of callees and cycles back into the candidate's own file come along) to the
    same engine's first-choice translations; `files` turns those into the output files
    that assembly would write for them, callee files first. The harness loads them
    beside the candidate, so its calls resolve exactly as they will in the output.
    """

    def __init__(self, functions: Sequence[Function], references: Mapping[str, ExternalRef],
                 render: Render):
        self.references = references
        self.render = render
        self._by_call: dict[str, list[Function]] = {}  # output call name -> functions
        self._by_file: dict[str, list[Function]] = {}
        for f in functions:
            self._by_file.setdefault(f.file, []).append(f)
            if f.id in references:
                self._by_call.setdefault(references[f.id].call_name, []).append(f)

    def called(self, code: str) -> list[Function]:
        """Functions that `code` names by their output call name: a qualified name
        (`a.b.c`, `a::b::c`, optionally `::`-rooted) or any leading part of one."""
        found: dict[str, Function] = {}
        for match in _QUALIFIED.finditer(code):
            path = match.group(1)
            for end in [m.start() for m in _SEPARATOR.finditer(path)] + [len(path)]:
                for f in self._by_call.get(path[:end], ()):
                    found[f.id] = f
        return sorted(found.values(), key=lambda f: (f.file, f.span.start_byte))

    def gather(self, start: Sequence[tuple[Function, str]],
               translation: Callable[[str], Candidate | None], engine: str
               ) -> tuple[list[tuple[Function, Candidate]], str | None]:
        """(function, translation) of everything in other output files that the code of
        `start` (a candidate and its helpers) reaches; or ([], why not) when one of them
        has no translation by `engine`."""
        placed: dict[str, tuple[Function, Candidate]] = {}
        todo = [code for _f, code in start]
        while todo:
            for callee in self.called(todo.pop()):
                if callee.id in placed:
                    continue
                same_file = self._by_file.get(callee.file, [])
                for f in (callee, *callees(callee, same_file)):
                    if f.id in placed:
                        continue
                    cand = translation(f.id)
                    if cand is None:
                        via = "" if f is callee else f" (through {callee.qualified_name})"
                        return [], (f"calls {f.qualified_name} ({f.file}){via}, which "
                                    f"engine {engine} did not translate")
                    placed[f.id] = (f, cand)
                    todo.append(cand.code)
        return list(placed.values()), None

    def files(self, placed: Sequence[tuple[Function, Candidate]]) -> tuple[OutputFile, ...]:
        """The output files of `placed`: files without a source of their own (Python package
        markers) first, then each file after the files it calls into (as far as cycles
        allow), so that C++ finds a callee declared before its caller."""
        if not placed:
            return ()
        markers, by_source = [], {}
        for out in self.render(placed):
            if out.sources:
                by_source[out.sources[0]] = out
            else:
                markers.append(out)
        edges: dict[str, set[str]] = {}
        for f, cand in placed:
            edges.setdefault(f.file, set()).update(g.file for g in self.called(cand.code))
        order: list[str] = []
        seen: set[str] = set()

        def visit(file: str) -> None:
            if file not in seen:
                seen.add(file)
                for callee_file in sorted(edges.get(file, ())):
                    visit(callee_file)
                order.append(file)

        for file in sorted(edges):
            visit(file)
        return tuple(markers + [by_source[src] for src in order if src in by_source])

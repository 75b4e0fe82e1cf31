"""Turn functions and candidates into harness units: what code each one needs to run."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from migrate.units import Candidate, Function, Language
from migrate.verify.harness import Unit


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
                helpers: Sequence[Function]) -> Unit:
    """The original: its whole file when we have the text, else the function and its callees."""
    text = (sources or {}).get(function.file)
    if text is not None:
        module, tree = "", ()
        if function.language is Language.PYTHON:
            module, tree = python_module(function.file), python_tree(sources)
        elif function.language is Language.CPP:
            text = expand_includes(function.file, text, sources or {})
        return Unit(uid=uid, language=function.language, code=text, entry=function.name,
                    owner=function.enclosing, is_method=function.is_method,
                    params=tuple(p.type for p in function.signature.params), whole_file=True,
                    file_name=function.file.rsplit("/", 1)[-1], module=module, tree=tree)
    code = "\n\n".join(h.source for h in helpers) + "\n\n" + function.source
    return snippet_unit(uid, function, code, function.language, function.imports)


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
                   helpers: Sequence[Candidate]) -> Unit:
    """A candidate plus the candidates of its callees (same engine, rank 0)."""
    imports: list[str] = []
    for c in (*helpers, candidate):
        imports += [i for i in c.imports if i not in imports]
    code = "\n\n".join(c.code for c in helpers) + "\n\n" + candidate.code
    return snippet_unit(uid, function, code, candidate.target, tuple(imports))


def snippet_unit(uid: str, function: Function, code: str, language: Language,
                 imports: Sequence[str]) -> Unit:
    owner = function.enclosing
    if language is not function.language:
        # Class names survive translation; namespaces and packages do not.
        owner = owner[-1:] if function.is_method else ()
    return Unit(uid=uid, language=language, code=code, entry=function.name, owner=owner,
                is_method=function.is_method,
                params=tuple(p.type for p in function.signature.params), imports=tuple(imports))

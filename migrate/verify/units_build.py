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


def oracle_unit(uid: str, function: Function, sources: Mapping[str, str] | None,
                helpers: Sequence[Function]) -> Unit:
    """The original: its whole file when we have the text, else the function and its callees."""
    text = (sources or {}).get(function.file)
    if text is not None:
        return Unit(uid=uid, language=function.language, code=text, entry=function.name,
                    owner=function.enclosing, is_method=function.is_method,
                    params=tuple(p.type for p in function.signature.params), whole_file=True,
                    file_name=function.file.rsplit("/", 1)[-1])
    code = "\n\n".join(h.source for h in helpers) + "\n\n" + function.source
    return snippet_unit(uid, function, code, function.language, function.imports)


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

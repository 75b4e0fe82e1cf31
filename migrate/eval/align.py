"""Signature alignment: a thin `f_filled` with the script's own signature around a translation.

When a strict script fails to compile because the translation's parameter or return types
differ from the target script's `f_gold` (`std::vector<int>&` against `int arr[]`, `long`
against `int`), the translation is renamed `f_filled_impl` and a wrapper converts the
arguments and the result. The translation's body is never touched. TransCoder's own
evaluator has the same allowance (`retry_mismatching_types`).
"""

from __future__ import annotations

import re
from pathlib import Path

from migrate import lang
from migrate.assemble import cpp_type, java_type
from migrate.units import Candidate, Function, Kind, Language, Param, Signature, SourceFile, Type

LENGTH_NAMES = ("n", "N", "size", "len", "length", "l", "m", "sz")
# `l` beside one of these is the lower bound of a range (`arr, l, r, x`), not a length:
# copying `l` elements would cut off the range the function reads.
UPPER_BOUNDS = ("r", "h", "hi", "high", "right", "end")


def candidate_signature(candidate: Candidate, language: Language) -> Signature | None:
    """The candidate's signature: as the engine stated it, else parsed from its code."""
    if candidate.signature is not None:
        return candidate.signature
    code = candidate.code
    text = f"class Wrapper {{\n{code}\n}}\n" if language is Language.JAVA else code
    parsed = lang.get(language).extract(SourceFile("candidate", Path("candidate"), language, text, "utf-8", len(text)))
    return parsed.functions[0].signature if parsed.functions else None


def wrap(candidate: Candidate, gold: Function, target: Language) -> str | None:
    """The renamed translation plus an adapting `f_filled`; None when no thin wrapper fits."""
    ours = candidate_signature(candidate, target)
    theirs = gold.signature
    if ours is None or len(ours.params) != len(theirs.params) or target is Language.PYTHON:
        return None
    impl = re.sub(r"\bf_gold\b", "f_filled_impl", candidate.code)
    if target is Language.JAVA:
        wrapper = _java(ours, theirs)
    else:
        wrapper = _cpp(ours, theirs)
    return None if wrapper is None else f"{impl}\n\n{wrapper}\n"


def _java(ours: Signature, theirs: Signature) -> str | None:
    args = []
    for mine, given in zip(ours.params, theirs.params, strict=True):
        arg = _java_convert(given.name, given.type, mine.type)
        if arg is None:
            return None
        args.append(arg)
    params = ", ".join(_java_param(p) for p in theirs.params)
    returns = theirs.declared_returns or java_type(theirs.returns)
    call = f"f_filled_impl({', '.join(args)})"
    if theirs.returns.kind is Kind.VOID:
        body = f"{call};"
    else:
        result = _java_convert(call, ours.returns, theirs.returns)
        if result is None:
            return None
        body = f"return {result};"
    return f"static {returns} f_filled({params}) {{\n    {body}\n}}"


def _java_convert(expr: str, have: Type, want: Type) -> str | None:
    """`expr` of type `have` as a `want`: numeric casts, and bool as 0/1 both ways (Java
    casts neither; every language here counts true as 1), else None."""
    to, from_ = java_type(want), java_type(have)
    if to == from_:
        return expr
    scalar = not have.is_sequence and not want.is_sequence and Kind.STRING not in (have.kind, want.kind)
    if not scalar:
        return None
    if have.kind is Kind.BOOL:
        return f"({to}) (({expr}) ? 1 : 0)"
    if want.kind is Kind.BOOL:
        return f"(({expr}) != 0)"
    return f"({to}) {expr}"


def _java_param(p: Param) -> str:
    return p.declared or f"{java_type(p.type)} {p.name}"


def _cpp_length_param(theirs: Signature, index: int, taken: frozenset[str] = frozenset()) -> str | None:
    """The parameter that carries the length of array parameter `index` (GfG passes `n`);
    `taken` are lengths of earlier arrays (`arr1, arr2, m, n`: arr2's is n, not m)."""
    ints = [p for p in theirs.params if p.type.kind in (Kind.INT, Kind.LONG) and p.name not in taken]
    if any(p.name in UPPER_BOUNDS for p in ints):
        ints = [p for p in ints if p.name != "l"]
    after = [p for p in theirs.params[index + 1 :] if p in ints]
    for p in after + ints:
        if p.name in LENGTH_NAMES:
            return p.name
    return None  # guessing from another index parameter could read past the array


def _cpp(ours: Signature, theirs: Signature) -> str | None:
    prelude, args, after = [], [], []
    taken: set[str] = set()
    for i, (mine, given) in enumerate(zip(ours.params, theirs.params, strict=True)):
        want = cpp_type(mine.type)
        if want is None:
            return None
        declared = given.declared or ""
        is_raw_array = given.type.is_sequence and ("[" in declared or "*" in declared)
        if is_raw_array and mine.type.is_sequence and mine.type.elem is not None and mine.type.elem.dims == 0:
            length = _cpp_length_param(theirs, i, frozenset(taken))
            if length is None:
                return None
            taken.add(length)
            local = f"v_{given.name}"
            prelude.append(f"{want} {local}({given.name}, {given.name} + {length});")
            args.append(local)
            after.append(f"std::copy({local}.begin(), {local}.end(), {given.name});")
        elif given.type.is_sequence or mine.type.is_sequence:
            if cpp_type(given.type) != want:
                return None
            args.append(given.name)
        else:
            args.append(f"static_cast<{want}>({given.name})")
    params = ", ".join(_cpp_param(p) for p in theirs.params)
    returns = cpp_type(theirs.returns)
    if returns is None:
        return None
    call = f"f_filled_impl({', '.join(args)})"
    lines = [f"{returns} f_filled({params}) {{", *(f"    {s}" for s in prelude)]
    if theirs.returns.kind is Kind.VOID:
        lines += [f"    {call};", *(f"    {s}" for s in after)]
    else:
        lines += [f"    {returns} result = static_cast<{returns}>({call});", *(f"    {s}" for s in after),
                  "    return result;"]
    return "\n".join(lines + ["}"])


def _cpp_param(p: Param) -> str:
    if p.declared:
        return p.declared  # the script's own spelling, so its calls keep compiling
    declared = ""
    if p.type.is_sequence and ("[" in declared or "*" in declared) and p.type.elem is not None:
        inner = cpp_type(p.type.elem) or "int"
        return f"{inner} {p.name}[]" if p.type.elem.dims == 0 else f"{inner} *{p.name}"
    spelled = cpp_type(p.type) or "int"
    return f"{spelled}{'&' if p.by_reference else ''} {p.name}"

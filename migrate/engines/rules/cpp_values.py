"""C++ vectors are values: `vector<int> b = a;` and a by-value parameter are copies.

Java and Python lists and arrays are shared references, so the translation copies where a
C++ copy could be told apart: where the copy or its source (or a by-value parameter) is
changed in place later. A copy of a vector of vectors would share its rows in the targets,
so that case declines.
"""

from __future__ import annotations

import dataclasses

from migrate.engines.rules import ir


def copy_on_write(fn: ir.FunctionIR, value_params: set[str]) -> ir.FunctionIR:
    """`fn` with copies wherever C++ copies a sequence that some statement then changes."""
    changed = changed_sequences(fn.body)

    def fix(s: ir.Stmt):
        if isinstance(s, ir.Decl) and s.type.is_sequence and _shared(s.init) and \
                (s.name in changed or _root(s.init) in changed):
            return ir.Decl(s.name, s.type, _copy(s.init, s.type))
        if isinstance(s, ir.Assign) and s.op is None and isinstance(s.target, ir.Name) and \
                s.target.type.is_sequence and _shared(s.value) and \
                (s.target.name in changed or _root(s.value) in changed):
            return ir.Assign(s.target, _copy(s.value, s.target.type), None)
        return None

    body = ir.map_stmts(fn.body, fix)
    entry = tuple(ir.Assign(ir.Name(p.name, p.type), _copy(ir.Name(p.name, p.type), p.type), None)
                  for p in fn.params if p.name in value_params and p.name in changed)
    if not entry and body == fn.body:
        return fn
    return dataclasses.replace(fn, body=entry + body)


def changed_sequences(stmts) -> set[str]:
    """Names of sequences whose elements or length something may change in place."""
    out: set[str] = set()
    for n in ir.walk_all(stmts):
        if isinstance(n, (ir.Assign, ir.AssignExpr, ir.IncDec)) and isinstance(n.target, ir.Index):
            out.add(_root(n.target))
        elif isinstance(n, ir.Intrinsic) and n.name in ir.MUTATORS and n.args:
            out.add(_root(n.args[0]))
        elif isinstance(n, ir.Call):
            # a callee taking a reference may change what it is given
            out.update(_root(a) for a in n.args if a.type.is_sequence)
    out.discard(None)
    return out


def _shared(e: ir.Expr | None) -> bool:
    """An existing sequence (a variable or a row of one), not a new temporary."""
    return e is not None and e.type.is_sequence and _root(e) is not None


def _root(e: ir.Expr) -> str | None:
    while isinstance(e, ir.Index):
        e = e.seq
    return e.name if isinstance(e, ir.Name) else None


def _copy(e: ir.Expr, t) -> ir.Expr:
    if e.type.elem is not None and e.type.elem.is_sequence:
        raise ir.Unsupported("a copy of a nested vector that is then changed (the targets' "
                             "copies share rows)")
    return ir.Intrinsic("copy", (e,), t)

"""The small typed IR every front-end lowers to and every back-end prints.

Each node states its semantics explicitly, so a back-end never has to guess what the
source language meant:

- integer operations carry their width in `type` (INT is 32-bit, LONG 64-bit);
- division and modulo come in a truncating form (C++ / Java `/`, `%`) and a flooring form
  (Python `//`, `%`); true division (`/` on floats, Python `/`) is its own op;
- right shift is arithmetic (`shr`) or logical (`ushr`, Java's `>>>`);
- CHAR is a character value distinct from INT; conversions between them are explicit
  `Cast` nodes (Python `ord` / `chr`, Java / C++ promotions);
- library calls (min, max, abs, sqrt, sort, swap, string length, ...) are `Intrinsic`
  nodes with a fixed meaning listed in `INTRINSICS`.

Types are `migrate.units.Type`, so the signatures engines hand on need no conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrate.lang.typenames import (
    BOOL,
    CHAR,
    DOUBLE,
    FLOAT,
    INT,
    LONG,
    STRING,
    UNKNOWN,
    VOID,
)
from migrate.units import Kind, Type, array_of, list_of

__all__ = [
    "INT", "LONG", "FLOAT", "DOUBLE", "BOOL", "CHAR", "STRING", "VOID", "UNKNOWN",
    "array_of", "list_of", "map_of", "set_of", "pair_of", "Unsupported",
]


def map_of(key: Type, value: Type) -> Type:
    return Type(Kind.MAP, value, key)


def set_of(elem: Type) -> Type:
    return Type(Kind.SET, elem)


def pair_of(first: Type, second: Type) -> Type:
    return Type(Kind.PAIR, second, first)


def is_collection(t: Type) -> bool:
    """Maps and sets: local containers only (never parameters or results of a translation)."""
    return t.kind in (Kind.MAP, Kind.SET)

INTEGRAL = (Kind.INT, Kind.LONG)
NUMERIC = (Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE)


class Unsupported(Exception):
    """A construct the rules engine cannot translate faithfully; the message is the reason.

    Raised inside front-ends and back-ends only; the engine turns it into a declined
    result, so it never crosses the engine boundary.
    """

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


def is_int(t: Type) -> bool:
    return t.kind in INTEGRAL


def is_float(t: Type) -> bool:
    return t.kind in (Kind.FLOAT, Kind.DOUBLE)


def is_numeric(t: Type) -> bool:
    return t.kind in NUMERIC


def promote(a: Type, b: Type) -> Type:
    """The type of an arithmetic result, as Java and C++ promote (char and bool count as int)."""
    kinds = {a.kind, b.kind}
    if Kind.DOUBLE in kinds:
        return DOUBLE
    if Kind.FLOAT in kinds:
        return FLOAT
    if Kind.LONG in kinds:
        return LONG
    return INT


# --------------------------------------------------------------------------- expressions

# Binary operators. Arithmetic ops take the width of `type`.
ARITH = {"add", "sub", "mul", "div", "div_trunc", "div_floor", "mod_trunc", "mod_floor", "pow"}
BITS = {"band", "bor", "bxor", "shl", "shr", "ushr"}
COMPARE = {"lt", "le", "gt", "ge", "eq", "ne"}
LOGIC = {"and", "or"}  # boolean operands only, boolean result
BINARY_OPS = ARITH | BITS | COMPARE | LOGIC
UNARY_OPS = {"neg", "pos", "not", "bnot"}


class Expr:
    """Base of expression nodes; every subclass has a `type`."""

    type: Type


@dataclass(frozen=True)
class Lit(Expr):
    """A literal: int / long (Python int), double (float), bool, char / string (str)."""

    value: object
    type: Type


@dataclass(frozen=True)
class Const(Expr):
    """A named limit: INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, DOUBLE_MAX, DOUBLE_MIN, INF."""

    name: str
    type: Type


@dataclass(frozen=True)
class Name(Expr):
    name: str
    type: Type


@dataclass(frozen=True)
class Bin(Expr):
    """`div` is true division of floats; `pow` of ints is exact integer power."""

    op: str
    left: Expr
    right: Expr
    type: Type


@dataclass(frozen=True)
class Unary(Expr):
    op: str
    operand: Expr
    type: Type


@dataclass(frozen=True)
class Cond(Expr):
    test: Expr
    then: Expr
    orelse: Expr
    type: Type


@dataclass(frozen=True)
class Call(Expr):
    """A call to a user function; `name` is already the name to print in the target."""

    name: str
    args: tuple[Expr, ...]
    type: Type


@dataclass(frozen=True)
class Intrinsic(Expr):
    """A library operation with a fixed meaning (see INTRINSICS)."""

    name: str
    args: tuple[Expr, ...]
    type: Type


@dataclass(frozen=True)
class Index(Expr):
    """Element of an array / list, or the character of a string (type CHAR)."""

    seq: Expr
    index: Expr
    type: Type


@dataclass(frozen=True)
class Cast(Expr):
    """Conversion to `type`: float -> int truncates toward zero; int <-> char by code point."""

    expr: Expr
    type: Type


@dataclass(frozen=True)
class NewArray(Expr):
    """A new array (or list) of `dims` lengths, every element `fill` (zero when None)."""

    dims: tuple[Expr, ...]
    type: Type
    fill: Expr | None = None


@dataclass(frozen=True)
class ArrayLit(Expr):
    elems: tuple[Expr, ...]
    type: Type


@dataclass(frozen=True)
class IncDec(Expr):
    """`++` / `--` used as a value (C-family only): op is "inc" or "dec"."""

    op: str
    prefix: bool
    target: Expr
    type: Type


@dataclass(frozen=True)
class AssignExpr(Expr):
    """An assignment used as a value (C-family only); op is a binary op for `+=` etc."""

    target: Expr
    value: Expr
    op: str | None
    type: Type


INTRINSICS = {
    # numeric: arguments already converted to the result type by the front-end
    "min", "max", "abs", "sqrt", "cbrt", "pow", "floor", "ceil", "exp", "log", "log10", "log2",
    "round_half_even",  # the nearest integer (as a double), ties to the even one
    "round_half_away",  # the nearest integer (as a double), ties away from zero (C's round)
    "popcount",  # (x: int or long) the number of one bits of x's 32 / 64-bit two's complement
    "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "hypot",
    # sequences
    "len", "append", "pop_back", "pop_front", "sort", "sort_range", "reverse", "fill", "swap_elems",
    "contains", "copy", "max_range", "min_range", "sum_range",  # (seq, begin, end)
    "sort_desc",  # (seq, begin, end) sort the range into descending order
    "remove_at",  # (list, i) remove the element at index i (the later ones move down)
    # strings
    "substr",  # (s, begin, end) with an END index
    "to_string", "parse_int", "str_compare",
    "is_digit", "is_alpha", "is_alnum", "is_upper", "is_lower", "is_space",
    "to_upper", "to_lower",
    "str_reverse", "str_repeat", "char_to_string", "to_char_array", "chars_to_string",
    "ord_of_string",  # (s: a variable) the code of s's only character; fails unless len 1
    # maps and sets (see "Maps and sets" below)
    "empty",  # () a new empty map or set of the node's type
    "map_get_insert",  # (m, k) C++ `m[k]` read: inserts k with the zero value when absent
    "map_get_strict",  # (m, k) the value of k; fails (an exception) when k is absent
    "set_add",  # (s, x) add x (no effect when present)
    "remove_key",  # (c, k) remove k from a set / the entry of k from a map (none: no effect)
    "pair_first", "pair_second",  # (p) the key / value of a map entry
    # output
    "print",  # (pieces...) write each piece (string, char or integer) to stdout, no newline
}

# Maps and sets. `Index(m, k)` read from a MAP is the value of k, or the value type's zero
# when k is absent, and never inserts (front-ends whose source inserts on read, like C++
# `operator[]`, emit `map_get_insert` wherever the insertion can be observed); as an
# assignment target it stores. `contains(c, x)` tests set membership / map keys, `len`
# counts entries. A `ForEach` over a map binds each entry as a PAIR, over a set each
# element, in ascending order of the keys (std::map's order; an unordered source container
# has no defined order, so ascending is one faithful choice).


# --------------------------------------------------------------------------- statements


class Stmt:
    """Base of statement nodes; `line` is the source line, for decline reasons."""


@dataclass(frozen=True)
class Decl(Stmt):
    name: str
    type: Type
    init: Expr | None = None


@dataclass(frozen=True)
class Assign(Stmt):
    """`target op= value`; op None is plain assignment."""

    target: Expr
    value: Expr
    op: str | None = None


@dataclass(frozen=True)
class ExprStmt(Stmt):
    expr: Expr


@dataclass(frozen=True)
class If(Stmt):
    cond: Expr
    then: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...] = ()


@dataclass(frozen=True)
class While(Stmt):
    cond: Expr
    body: tuple[Stmt, ...]


@dataclass(frozen=True)
class DoWhile(Stmt):
    body: tuple[Stmt, ...]
    cond: Expr


@dataclass(frozen=True)
class For(Stmt):
    """C-style loop: changing the variable in the body changes the iteration."""

    init: tuple[Stmt, ...]
    cond: Expr | None
    update: tuple[Stmt, ...]
    body: tuple[Stmt, ...]


@dataclass(frozen=True)
class ForRange(Stmt):
    """Python `for var in range(start, stop, step)`: the body cannot change the iteration.

    `step` is a nonzero int literal (its sign decides the comparison). `rebinds` says the
    body assigns `var`, so C-family targets need a hidden counter.
    """

    var: str
    type: Type
    start: Expr
    stop: Expr
    step: int
    body: tuple[Stmt, ...]
    rebinds: bool = False
    declared: bool = True  # False: the loop assigns a variable declared before it


@dataclass(frozen=True)
class ForEach(Stmt):
    var: str
    type: Type
    iterable: Expr
    body: tuple[Stmt, ...]


@dataclass(frozen=True)
class Break(Stmt):
    pass


@dataclass(frozen=True)
class Continue(Stmt):
    pass


@dataclass(frozen=True)
class Return(Stmt):
    value: Expr | None = None


@dataclass(frozen=True)
class Block(Stmt):
    """A nested scope (C-family `{ ... }` inside a block)."""

    body: tuple[Stmt, ...]


@dataclass(frozen=True)
class Check(Stmt):
    """An assertion that always runs: fail with `message` when `cond` is false.

    Python's `assert` and Java's `assert` (with -ea). C++ gets an exception, not C's
    `assert`, which NDEBUG compiles away.
    """

    cond: Expr
    message: str


@dataclass(frozen=True)
class SwapVars(Stmt):
    """Exchange two variables / elements (Python `a, b = b, a`, C++ `std::swap`)."""

    a: Expr
    b: Expr
    type: Type


# --------------------------------------------------------------------------- functions


@dataclass(frozen=True)
class Param:
    name: str
    type: Type
    by_reference: bool = False
    default: Lit | None = None  # a literal the caller may leave out (Python `x=0`)


@dataclass(frozen=True)
class FunctionIR:
    name: str
    params: tuple[Param, ...]
    returns: Type
    body: tuple[Stmt, ...]
    doc: str | None = None
    notes: tuple[str, ...] = ()
    # Parameters whose length the body asks for (C++ must then take a vector, not a pointer).
    needs_length: frozenset[str] = field(default_factory=frozenset)


# --------------------------------------------------------------------------- walking


def children(node: object) -> list[object]:
    """Direct sub-expressions and sub-statements of a node, in source order."""
    out: list[object] = []
    for name in getattr(node, "__dataclass_fields__", {}):
        if name == "type":
            continue
        value = getattr(node, name)
        if isinstance(value, (Expr, Stmt)):
            out.append(value)
        elif isinstance(value, tuple):
            out.extend(v for v in value if isinstance(v, (Expr, Stmt)))
    return out


def map_stmts(stmts, fn):
    """Rebuild statements bottom-up, replacing each with `fn(stmt)` (a statement or None)."""
    from dataclasses import fields, replace

    out = []
    for s in stmts:
        changes = {}
        for f in fields(s):
            value = getattr(s, f.name)
            if isinstance(value, tuple) and value and all(isinstance(v, Stmt) for v in value):
                changes[f.name] = tuple(map_stmts(value, fn))
        s = replace(s, **changes) if changes else s
        new = fn(s)
        out.append(s if new is None else new)
    return tuple(out)


def walk(node: object):
    """Every node under `node` (itself included), depth first."""
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(reversed(children(cur)))


def walk_all(nodes):
    for n in nodes:
        yield from walk(n)


def is_pure(e: Expr) -> bool:
    """True when evaluating `e` twice is harmless: no calls, assignments or increments."""
    return not any(isinstance(n, (Call, IncDec, AssignExpr)) for n in walk(e)) and not any(
        isinstance(n, Intrinsic) and n.name in MUTATORS | {"print"} for n in walk(e)
    )


def assigned_names(stmts) -> set[str]:
    """Variables that some statement or expression under `stmts` writes."""
    out: set[str] = set()
    for n in walk_all(stmts):
        target = None
        if isinstance(n, (Assign, AssignExpr, IncDec)):
            target = n.target
        elif isinstance(n, Decl):
            out.add(n.name)
        elif isinstance(n, (ForRange, ForEach)):
            out.add(n.var)
        elif isinstance(n, Intrinsic) and n.name in MUTATORS and isinstance(n.args[0], Name):
            out.add(n.args[0].name)  # the sequence changes in place (its length, its order)
        if isinstance(target, Name):
            out.add(target.name)
    return out


MUTATORS = {"append", "pop_back", "pop_front", "sort", "sort_range", "sort_desc", "reverse", "fill",
            "swap_elems", "remove_at",
            "set_add", "remove_key", "map_get_insert"}


def mutated_strings(stmts) -> set[str]:
    """String variables whose characters some statement replaces (`s[i] = c` in C++).

    The IR allows such stores on a STRING variable only; a target whose strings are
    immutable (Java, Python) keeps these variables as a StringBuilder / a list of chars.
    """
    out: set[str] = set()
    for n in walk_all(stmts):
        targets = (n.target,) if isinstance(n, Assign) else (n.a, n.b) if isinstance(
            n, SwapVars) else ()
        for t in targets:
            if isinstance(t, Index) and t.seq.type.kind is Kind.STRING and \
                    isinstance(t.seq, Name):
                out.add(t.seq.name)
    return out


def nonneg_names(fn: FunctionIR) -> set[str]:
    """Locals that can never be negative (greatest fixpoint over their assignments).

    Lets back-ends print plain `/` and `%` where truncating and flooring agree.
    Parameters are never assumed non-negative.
    """
    params = {p.name for p in fn.params}
    writes: dict[str, list[tuple[str | None, Expr | None]]] = {}
    for n in walk_all(fn.body):
        if isinstance(n, Decl):
            writes.setdefault(n.name, []).append((None, n.init if n.init else Lit(0, INT)))
        elif isinstance(n, (Assign, AssignExpr)) and isinstance(n.target, Name):
            writes.setdefault(n.target.name, []).append((n.op, n.value))
        elif isinstance(n, IncDec) and isinstance(n.target, Name):
            writes.setdefault(n.target.name, []).append((n.op, None))
        elif isinstance(n, ForRange):
            writes.setdefault(n.var, []).append((None, n.start if n.step > 0 else None))
        elif isinstance(n, ForEach):
            writes.setdefault(n.var, []).append((None, None))
    good = {name for name in writes if name not in params}
    changed = True
    while changed:
        changed = False
        for name in list(good):
            for op, value in writes[name]:
                ok = (
                    (op == "inc")
                    or (op in (None, "add", "mul", "div_trunc", "div_floor", "mod_trunc",
                               "mod_floor", "shr", "band")
                        and value is not None and is_nonneg(value, good))
                    or (op == "band" and value is not None and is_nonneg(value, good))
                )
                if not ok:
                    good.discard(name)
                    changed = True
                    break
    return good


def is_nonneg(e: Expr, names: set[str]) -> bool:
    """A conservative proof that `e` is >= 0 (integers only; overflow is not modelled)."""
    if isinstance(e, Lit):
        return isinstance(e.value, (int, float)) and not isinstance(e.value, bool) and e.value >= 0
    if isinstance(e, Const):
        return e.name in ("INT_MAX", "LONG_MAX", "DOUBLE_MAX")
    if isinstance(e, Name):
        return e.name in names
    if isinstance(e, Cast):
        return e.expr.type.kind is Kind.CHAR or is_nonneg(e.expr, names)
    if isinstance(e, Intrinsic):
        if e.name in ("len", "sqrt"):
            return True
        if e.name == "abs":
            return e.type.kind not in INTEGRAL or True
        if e.name in ("min",):
            return all(is_nonneg(a, names) for a in e.args)
        if e.name in ("max",):
            return any(is_nonneg(a, names) for a in e.args)
        return False
    if isinstance(e, Bin):
        if e.op in ("add", "mul", "div_trunc", "div_floor", "mod_trunc", "mod_floor", "band",
                    "bor", "bxor", "shr"):
            if e.op == "band":
                return is_nonneg(e.left, names) or is_nonneg(e.right, names)
            return is_nonneg(e.left, names) and is_nonneg(e.right, names)
        if e.op == "ushr":
            return True
        return False
    if isinstance(e, Cond):
        return is_nonneg(e.then, names) and is_nonneg(e.orelse, names)
    return False


def guarded_nonneg(cond: Expr, body, known: set[str]) -> set[str]:
    """Names that `cond` proves non-negative and that `body` keeps non-negative.

    `while (n > 0) { d = n % 10; n /= 10; }`: inside the body n >= 0, so `%` and `/`
    need no sign handling. A body that writes the name with anything but a shrinking
    non-negative operation (`/=`, `%=`, `>>=` by non-negative values) loses the guarantee.
    """
    names: set[str] = set()
    stack = [cond]
    while stack:
        e = stack.pop()
        if isinstance(e, Bin) and e.op == "and":
            stack.extend((e.left, e.right))
        elif isinstance(e, Bin) and e.op in ("gt", "ge") and isinstance(e.left, Name) and \
                is_int(e.left.type) and is_nonneg(e.right, known):
            names.add(e.left.name)
        elif isinstance(e, Bin) and e.op in ("lt", "le") and isinstance(e.right, Name) and \
                is_int(e.right.type) and is_nonneg(e.left, known):
            names.add(e.right.name)
    if not names:
        return names
    scope = known | names
    for n in walk_all(body):
        target, op, value = None, None, None
        if isinstance(n, (Assign, AssignExpr)):
            target, op, value = n.target, n.op, n.value
        elif isinstance(n, IncDec):
            target, op = n.target, n.op
        elif isinstance(n, (Decl, ForRange, ForEach)):
            names.discard(n.name if isinstance(n, Decl) else n.var)
            continue
        if not isinstance(target, Name) or target.name not in names:
            continue
        ok = (op in ("div_trunc", "div_floor", "mod_trunc", "mod_floor", "shr")
              and value is not None and is_nonneg(value, scope)) or op == "inc" or (
            op is None and value is not None and is_nonneg(value, scope))
        if not ok:
            names.discard(target.name)
    return names


def rename(fn: FunctionIR, mapping: dict[str, str]) -> FunctionIR:
    """The function with variables renamed (names a target language reserves)."""
    from dataclasses import fields, replace

    if not mapping:
        return fn

    def go(node):
        if isinstance(node, tuple):
            return tuple(go(x) for x in node)
        if not isinstance(node, (Expr, Stmt, Param)):
            return node
        changes = {}
        for f in fields(node):
            value = getattr(node, f.name)
            if f.name in ("name", "var") and isinstance(value, str) and not isinstance(
                    node, (Call, Intrinsic, Const)):
                if value in mapping:
                    changes[f.name] = mapping[value]
            elif isinstance(value, (Expr, Stmt, tuple)):
                new = go(value)
                if new is not value:
                    changes[f.name] = new
        return replace(node, **changes) if changes else node

    return replace(fn, params=go(fn.params), body=go(fn.body),
                   needs_length=frozenset(mapping.get(n, n) for n in fn.needs_length))


def local_names(fn: FunctionIR) -> set[str]:
    names = {p.name for p in fn.params} | assigned_names(fn.body)
    names |= {n.name for n in walk_all(fn.body) if isinstance(n, Name)}
    return names


def _breaks_out(body) -> bool:
    """A `break` that leaves this loop (not one of a nested loop)."""
    for s in body:
        if isinstance(s, Break):
            return True
        if isinstance(s, If) and (_breaks_out(s.then) or _breaks_out(s.orelse)):
            return True
        if isinstance(s, Block) and _breaks_out(s.body):
            return True
    return False


def _always_true(e: Expr | None) -> bool:
    return e is None or (isinstance(e, Lit) and e.value is True)


def can_complete(stmts) -> bool:
    """Whether control can run off the end of `stmts` (Java's reachability rules, roughly)."""
    for s in stmts:
        if not stmt_completes(s):
            return False
    return True


def stmt_completes(s: Stmt) -> bool:
    if isinstance(s, (Return, Break, Continue)):
        return False
    if isinstance(s, If):
        return can_complete(s.then) or can_complete(s.orelse) or not s.orelse
    if isinstance(s, (While, For)):
        return not (_always_true(s.cond) and not _breaks_out(s.body))
    if isinstance(s, DoWhile):
        return not (_always_true(s.cond) and not _breaks_out(s.body))
    if isinstance(s, Block):
        return can_complete(s.body)
    return True


def negate(e: Expr) -> Expr:
    """`not e` for a boolean, written the readable way (`a == b` for `not (a != b)`)."""
    if isinstance(e, Bin) and e.op in ("eq", "ne"):
        return Bin("ne" if e.op == "eq" else "eq", e.left, e.right, e.type)
    if isinstance(e, Unary) and e.op == "not":
        return e.operand
    return Unary("not", e, BOOL)

"""Static type inference for Python functions, for translation and input generation.

`infer_signature(function, same_file)` gives a `Signature` whose parameter and return
types come from annotations when present and otherwise from how the function uses its
values: literals, operators, indexing, comparisons (`n` compared with `len(arr)` is an
int), `len()`, `range()` bounds, `ord` / `chr`, method calls, and call sites in the same
file (recursive calls, and calls from other functions such as tests). Every guess is
explained in `Signature.type_notes`.

Integer width: `int` (32-bit) unless the arithmetic can plausibly leave 32 bits (a product
or power that accumulates in a loop, shifts by a variable, large literals); then `long`,
with the reason in the notes.

The inference is flow-insensitive (one type per variable, as the rules engine needs for
declarations) and uses only the standard library's `ast`, so it stays cheap.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from migrate.lang.typenames import BOOL, CHAR, DOUBLE, INT, LONG, STRING, UNKNOWN, VOID
from migrate.units import Function, Kind, Param, Signature, Type

SEQ = Type(Kind.ARRAY, UNKNOWN)  # "some sequence": an array / list, or a string

STRING_NAME = re.compile(r"str|^s\d*$|word|text|sentence|^st$", re.IGNORECASE)
ANNOTATIONS = {"int": INT, "float": DOUBLE, "bool": BOOL, "str": STRING, "None": VOID}
INT32 = 2**31 - 1
NUMERIC_ORDER = {Kind.BOOL: 0, Kind.INT: 1, Kind.LONG: 2, Kind.DOUBLE: 3}
CHAR_METHODS = {"isdigit", "isalpha", "isalnum", "isupper", "islower", "isspace", "upper",
                "lower"}
MATH_DOUBLE = {"sqrt", "exp", "log", "log10", "log2", "sin", "cos", "tan", "asin", "acos",
               "atan", "atan2", "hypot", "pow", "fabs", "cbrt"}


class Conflict(Exception):
    """Two uses of one variable need types that no single declared type can hold."""


def join(a: Type, b: Type) -> Type:
    """The least type holding both (UNKNOWN is the bottom); raises `Conflict`."""
    if a == b or b.kind is Kind.UNKNOWN:
        return a
    if a.kind is Kind.UNKNOWN:
        return b
    if a.kind in NUMERIC_ORDER and b.kind in NUMERIC_ORDER:
        return a if NUMERIC_ORDER[a.kind] >= NUMERIC_ORDER[b.kind] else b
    if {a.kind, b.kind} == {Kind.CHAR, Kind.STRING}:
        return STRING
    if a.is_sequence and b.is_sequence:
        kind = Kind.LIST if Kind.LIST in (a.kind, b.kind) else Kind.ARRAY
        return Type(kind, join(a.elem or UNKNOWN, b.elem or UNKNOWN))
    if a == SEQ and b.kind is Kind.STRING or b == SEQ and a.kind is Kind.STRING:
        return STRING
    if a.is_sequence and a.elem == UNKNOWN and b.kind is Kind.STRING:
        return STRING
    if b.is_sequence and b.elem == UNKNOWN and a.kind is Kind.STRING:
        return STRING
    if a.is_sequence and a.elem is not None and a.elem.kind is Kind.CHAR and b.kind is Kind.STRING:
        return STRING
    if b.is_sequence and b.elem is not None and b.elem.kind is Kind.CHAR and a.kind is Kind.STRING:
        return STRING
    raise Conflict(f"{a} and {b}")


def seq_of(elem: Type) -> Type:
    return STRING if elem.kind is Kind.CHAR else Type(Kind.ARRAY, elem)


def elem_of(t: Type) -> Type:
    if t.kind is Kind.STRING:
        return CHAR
    if t.is_sequence:
        return t.elem or UNKNOWN
    return UNKNOWN


def annotation(node: ast.expr | None) -> Type:
    if node is None:
        return UNKNOWN
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return UNKNOWN
    if isinstance(node, ast.Name):
        if node.id in ANNOTATIONS:
            return ANNOTATIONS[node.id]
        if node.id in ("list", "List"):
            return Type(Kind.LIST, UNKNOWN)
        return UNKNOWN
    if isinstance(node, ast.Constant) and node.value is None:
        return VOID
    if isinstance(node, ast.Subscript):
        base = node.value.id if isinstance(node.value, ast.Name) else (
            node.value.attr if isinstance(node.value, ast.Attribute) else "")
        if base in ("list", "List", "Sequence", "MutableSequence"):
            return Type(Kind.LIST, annotation(node.slice))
    return UNKNOWN


def parse_function(function: Function) -> ast.FunctionDef | None:
    try:
        tree = ast.parse(textwrap.dedent(function.source))
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                node.name == function.name:
            if function.is_method and node.args.args:
                _drop_self(node)
            return node  # type: ignore[return-value]
    return None


def _drop_self(fn: ast.FunctionDef) -> None:
    """A method seen as a plain function: no `self` parameter, `self.m(...)` calls `m(...)`.

    Any other use of `self` is left in place, so whoever lowers the body finds a name it
    does not know and declines (the method uses its object's state).
    """
    me = fn.args.args[0].arg
    fn.args.args = fn.args.args[1:]

    class Calls(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call):
            self.generic_visit(node)
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and \
                    f.value.id == me:
                node.func = ast.copy_location(ast.Name(f.attr, ast.Load()), f)
            return node

    Calls().visit(fn)


@dataclass
class FunctionTypes:
    """Everything inferred about one function."""

    params: list[tuple[str, Type]]
    returns: Type
    locals: dict[str, Type]
    notes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    appended: set[str] = field(default_factory=set)  # lists that grow: LIST, not ARRAY


class Inference:
    """Fixpoint over one function's body; `callers` are other functions of the file."""

    def __init__(self, fn: ast.FunctionDef, name: str, others: dict[str, ast.FunctionDef],
                 depth: int = 0):
        self.fn = fn
        self.name = name
        self.others = others
        self.depth = depth
        self.env: dict[str, Type] = {}
        self.reasons: dict[str, str] = {}
        self.returns = UNKNOWN
        self.has_return_value = False
        self.conflicts: list[str] = []
        self.appended: set[str] = set()
        self.not_strings: set[str] = set()  # sorted / reversed in place: lists, whatever the name
        self.changed = False
        self.callee_cache: dict[str, FunctionTypes | None] = {}
        self.params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
        # names used directly as an index: Python raises TypeError on a float index, so
        # these are integers and a float flowing into one is a conflict, not a widening
        self.indexes = {n.slice.id for n in ast.walk(fn) if isinstance(n, ast.Subscript)
                        and isinstance(n.slice, ast.Name)}
        for a in fn.args.posonlyargs + fn.args.args:
            t = annotation(a.annotation)
            if t.kind is not Kind.UNKNOWN:
                self.env[a.arg] = t
                self.reasons[a.arg] = "annotated"
        if fn.returns is not None:
            self.returns = annotation(fn.returns)
        args = fn.args.posonlyargs + fn.args.args
        for a, default in zip(args[len(args) - len(fn.args.defaults):], fn.args.defaults,
                              strict=True):
            t = self.type_of(default)
            if t.kind is Kind.CHAR:
                t = STRING  # a one-letter default does not make the parameter a char
            if a.arg not in self.env and t.kind in (Kind.INT, Kind.LONG, Kind.DOUBLE, Kind.BOOL,
                                                   Kind.STRING):
                self.env[a.arg] = t
                self.reasons[a.arg] = "from its default value"

    # ------------------------------------------------------------------ driver

    def run(self, call_sites: Sequence[tuple[Inference, ast.Call]] = ()) -> FunctionTypes:
        self.fixpoint(call_sites)
        return self.finish(call_sites)

    def fixpoint(self, call_sites):
        for _ in range(12):
            self.changed = False
            for stmt in self.fn.body:
                self.visit(stmt)
            for caller, call in call_sites:
                for pname, arg in zip(self.params, call.args, strict=False):
                    t = caller.type_of(arg)
                    if t.kind is not Kind.UNKNOWN:
                        self.constrain_name(pname, t, f"from the call {caller.name}(...)")
            if not self.changed:
                break

    def finish(self, call_sites) -> FunctionTypes:
        # defaults, then propagate them: elements of untyped sequences, then scalars
        for p in self.params:
            t = self.env.get(p, UNKNOWN)
            if t.is_sequence and not t.is_known:
                if STRING_NAME.search(p) and t == SEQ and p not in self.not_strings:
                    self.env[p] = STRING
                    self.reasons[p] = (self.reasons.get(p, "used as a sequence")
                                       + "; a string by its name")
                else:
                    self.env[p] = _fill_leaf(t, INT)
                    self.reasons[p] = (self.reasons.get(p, "used as a sequence")
                                       + "; elements assumed int")
        self.fixpoint(call_sites)
        for p in self.params:
            if self.env.get(p, UNKNOWN).kind is Kind.UNKNOWN:
                if STRING_NAME.search(p):
                    self.env[p] = STRING
                    self.reasons[p] = "no use constrains it; a string by its name"
                else:
                    self.env[p] = INT
                    self.reasons[p] = "no use constrains it; assumed int"
        self.fixpoint(call_sites)
        notes: list[str] = []
        self.apply_width(notes)
        params = []
        for p in self.params:
            t = self.env.get(p, UNKNOWN)
            reason = self.reasons.get(p)
            if t.kind is Kind.UNKNOWN:
                t, reason = INT, "no use constrains it; assumed int"
            if p in self.appended and t.kind is Kind.ARRAY:
                t = Type(Kind.LIST, t.elem)
            if p not in self.appended and t.kind is Kind.LIST:
                t = Type(Kind.ARRAY, t.elem)  # `List[int]` that never grows: a fixed array
            params.append((p, t))
            if reason and reason != "annotated":
                notes.append(f"{p}: {describe(t)} ({reason})")
        returns = self.returns
        if not self.has_return_value and returns.kind is Kind.UNKNOWN:
            returns = VOID
        elif returns.kind is Kind.UNKNOWN:
            returns = INT
            notes.append("returns int (no return value's type is known; assumed)")
        elif "returns" in self.reasons and not any(n.startswith("returns") for n in notes):
            notes.append(f"returns {describe(returns)}: {self.reasons['returns']}")
        if returns.is_sequence and returns.elem is not None and returns.elem.kind is Kind.UNKNOWN:
            returns = Type(returns.kind, INT)
        if returns.kind is Kind.LIST and not self.returns_growing():
            returns = Type(Kind.ARRAY, returns.elem)
        local_types = {}
        for name, t in self.env.items():
            if name in self.appended and t.kind is Kind.ARRAY:
                t = Type(Kind.LIST, t.elem)
            local_types[name] = t
        return FunctionTypes(params, returns, local_types, notes, self.conflicts, self.appended)

    def returns_growing(self) -> bool:
        """True when some `return` hands back a list the function appends to."""
        for node in ast.walk(self.fn):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and \
                    node.value.id in self.appended:
                return True
        return False

    # ------------------------------------------------------------------ constraints

    def constrain_name(self, name: str, t: Type, reason: str):
        if t.kind is Kind.UNKNOWN or t.kind is Kind.VOID:
            return
        old = self.env.get(name, UNKNOWN)
        try:
            new = join(old, t)
        except Conflict as exc:
            msg = f"`{name}` holds both {exc}"
            if msg not in self.conflicts:
                self.conflicts.append(msg)
            return
        if name in self.indexes and new.kind is Kind.DOUBLE:
            msg = f"`{name}` is used as an index but is given a float ({reason})"
            if msg not in self.conflicts:
                self.conflicts.append(msg)
            return
        if new != old:
            self.env[name] = new
            self.changed = True
            if name not in self.reasons and name in self.params:
                self.reasons[name] = reason

    def constrain(self, node: ast.expr, t: Type, reason: str):
        """Learn from `node` having to hold a value of type `t`."""
        if isinstance(node, ast.Name):
            self.constrain_name(node.id, t, reason)
        elif isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            # elements learn a type only while unknown: a wider value stored into a known
            # array does not widen the array (the caller's array keeps its type)
            current = elem_of(self.type_of(node.value))
            if not current.is_known or (current.kind is Kind.INT and t.kind is Kind.DOUBLE
                                        and not self._is_param_seq(node.value)):
                self.constrain(node.value, seq_of(t), reason)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)) \
                and t.kind is Kind.DOUBLE:
            # a float result: operands of unknown type are taken as floats too
            for side in (node.left, node.right):
                if not self.type_of(side).is_known:
                    self.constrain(side, DOUBLE, reason)

    def _is_param_seq(self, node: ast.expr) -> bool:
        while isinstance(node, ast.Subscript):
            node = node.value
        return isinstance(node, ast.Name) and node.id in self.params

    def set_return(self, t: Type, reason: str):
        try:
            new = join(self.returns, t)
        except Conflict as exc:
            msg = f"the return value is both {exc}"
            if msg not in self.conflicts:
                self.conflicts.append(msg)
            return
        if new != self.returns:
            self.returns = new
            self.changed = True
            self.reasons.setdefault("returns", reason)

    # ------------------------------------------------------------------ statements

    def visit(self, node: ast.stmt):
        if isinstance(node, ast.Assign):
            t = self.type_of(node.value)
            for target in node.targets:
                self.assign(target, node.value, t)
        elif isinstance(node, ast.AnnAssign):
            t = annotation(node.annotation)
            if t.kind is Kind.UNKNOWN and node.value is not None:
                t = self.type_of(node.value)
            self.constrain(node.target, t, "annotated")
            if node.value is not None:
                self.type_of(node.value)
        elif isinstance(node, ast.AugAssign):
            t = self.binop_type(node.op, node.target, node.value)
            self.constrain(node.target, t, "updated with arithmetic")
        elif isinstance(node, ast.Return):
            if node.value is not None:
                self.has_return_value = True
                t = self.type_of(node.value)
                self.set_return(t, "from the returned expression")
        elif isinstance(node, (ast.If, ast.While)):
            self.type_of(node.test)
            for s in node.body + node.orelse:
                self.visit(s)
        elif isinstance(node, ast.For):
            self.for_loop(node)
            for s in node.body + node.orelse:
                self.visit(s)
        elif isinstance(node, ast.Expr):
            self.type_of(node.value)
        elif isinstance(node, (ast.With, ast.Try)):
            for s in getattr(node, "body", []) + getattr(node, "orelse", []) + getattr(
                    node, "finalbody", []):
                self.visit(s)

    def assign(self, target: ast.expr, value: ast.expr, t: Type):
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and \
                len(target.elts) == len(value.elts):
            for tg, v in zip(target.elts, value.elts, strict=False):
                self.assign(tg, v, self.type_of(v))
            return
        if isinstance(target, ast.Subscript):
            self.constrain(target.slice, INT, "used as an index") if not isinstance(
                target.slice, ast.Slice) else None
            self.type_of(target.value)
        self.constrain(target, t, "assigned")
        if isinstance(target, ast.Name) and t.kind is Kind.UNKNOWN:
            # learn the value's type back from the variable (x = y where x is known)
            known = self.env.get(target.id, UNKNOWN)
            if known.kind is not Kind.UNKNOWN:
                self.constrain(value, known, "assigned to a typed variable")

    def for_loop(self, node: ast.For):
        it = node.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range":
            for a in it.args:
                self.type_of(a)
                self.constrain(a, INT, "a range() bound")
            self.constrain(node.target, INT, "a range() loop variable")
            return
        seq = self.type_of(it)
        if isinstance(node.target, ast.Name):
            elem = elem_of(seq)
            if elem.kind is not Kind.UNKNOWN:
                self.constrain_name(node.target.id, elem, "iterates a sequence")
            var_t = self.env.get(node.target.id, UNKNOWN)
            if var_t.kind is not Kind.UNKNOWN:
                self.constrain(it, seq_of(var_t), "iterated")
            else:
                self.constrain(it, SEQ, "iterated")

    # ------------------------------------------------------------------ expressions

    def type_of(self, node: ast.expr) -> Type:
        t = self._type_of(node)
        return t

    def _type_of(self, node: ast.expr) -> Type:
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                return BOOL
            if isinstance(v, int):
                return INT if abs(v) <= INT32 else LONG
            if isinstance(v, float):
                return DOUBLE
            if isinstance(v, str):
                return CHAR if len(v) == 1 else STRING
            return UNKNOWN
        if isinstance(node, ast.Name):
            if node.id in ("True", "False"):
                return BOOL
            return self.env.get(node.id, UNKNOWN)
        if isinstance(node, ast.BinOp):
            return self.binop_type(node.op, node.left, node.right)
        if isinstance(node, ast.UnaryOp):
            t = self.type_of(node.operand)
            if isinstance(node.op, ast.Not):
                return BOOL
            if isinstance(node.op, ast.Invert):
                self.constrain(node.operand, INT, "used with ~")
                return t if t.kind in (Kind.INT, Kind.LONG) else INT
            return INT if t.kind is Kind.BOOL else t
        if isinstance(node, ast.BoolOp):
            types = [self.type_of(v) for v in node.values]
            if all(t.kind is Kind.BOOL for t in types):
                return BOOL
            out = UNKNOWN
            for t in types:
                try:
                    out = join(out, t)
                except Conflict:
                    return UNKNOWN
            return out
        if isinstance(node, ast.Compare):
            self.compare(node)
            return BOOL
        if isinstance(node, ast.IfExp):
            self.type_of(node.test)
            a, b = self.type_of(node.body), self.type_of(node.orelse)
            try:
                t = join(a, b)
            except Conflict:
                return UNKNOWN
            self.constrain(node.body, t, "a conditional's value")
            self.constrain(node.orelse, t, "a conditional's value")
            return t
        if isinstance(node, ast.Subscript):
            seq = self.type_of(node.value)
            if isinstance(node.slice, ast.Slice):
                for part in (node.slice.lower, node.slice.upper, node.slice.step):
                    if part is not None:
                        self.type_of(part)
                        self.constrain(part, INT, "a slice bound")
                if seq.kind is Kind.UNKNOWN:
                    self.constrain(node.value, SEQ, "sliced")
                return seq
            self.type_of(node.slice)
            self.constrain(node.slice, INT, "used as an index")
            if seq.kind is Kind.UNKNOWN:
                self.constrain(node.value, SEQ, "indexed")
            return elem_of(seq)
        if isinstance(node, ast.Call):
            return self.call_type(node)
        if isinstance(node, ast.Attribute):
            base = node.value.id if isinstance(node.value, ast.Name) else ""
            if base == "math" and node.attr in ("pi", "e", "inf", "tau"):
                return DOUBLE
            if base == "sys" and node.attr == "maxsize":
                return LONG
            self.type_of(node.value)
            return UNKNOWN
        if isinstance(node, ast.List):
            out = UNKNOWN
            for e in node.elts:
                try:
                    out = join(out, self.type_of(e))
                except Conflict:
                    return UNKNOWN
            return Type(Kind.ARRAY, out)
        if isinstance(node, ast.ListComp):
            gen = node.generators[0]
            if isinstance(gen.iter, ast.Call) and isinstance(gen.iter.func, ast.Name) and \
                    gen.iter.func.id == "range":
                for a in gen.iter.args:
                    self.constrain(a, INT, "a range() bound")
                if isinstance(gen.target, ast.Name):
                    self.constrain_name(gen.target.id, INT, "a range() loop variable")
            return Type(Kind.ARRAY, self.type_of(node.elt))
        if isinstance(node, ast.Tuple):
            for e in node.elts:
                self.type_of(e)
            return UNKNOWN
        return UNKNOWN

    def compare(self, node: ast.Compare):
        items = [node.left, *node.comparators]
        types = [self.type_of(x) for x in items]
        for i, op in enumerate(node.ops):
            a, b = items[i], items[i + 1]
            ta, tb = types[i], types[i + 1]
            if isinstance(op, (ast.In, ast.NotIn)):
                if tb.kind is Kind.STRING:
                    self.constrain(a, CHAR, "looked up in a string")
                elif tb.kind is Kind.UNKNOWN and ta.kind is not Kind.UNKNOWN:
                    self.constrain(b, seq_of(ta), "searched")
                continue
            if isinstance(op, (ast.Is, ast.IsNot)):
                continue
            desc_b = ast.unparse(b) if hasattr(ast, "unparse") else "a value"
            desc_a = ast.unparse(a) if hasattr(ast, "unparse") else "a value"
            if ta.kind is Kind.UNKNOWN and tb.kind is not Kind.UNKNOWN:
                self.constrain(a, _comparable(tb), f"compared with {desc_b}")
            elif tb.kind is Kind.UNKNOWN and ta.kind is not Kind.UNKNOWN:
                self.constrain(b, _comparable(ta), f"compared with {desc_a}")

    def binop_type(self, op: ast.operator, left: ast.expr, right: ast.expr) -> Type:
        lt, rt = self.type_of(left), self.type_of(right)
        if isinstance(op, ast.Mult):
            # [0] * n, "ab" * n
            if lt.is_sequence or lt.kind is Kind.STRING:
                self.constrain(right, INT, "a repeat count")
                return STRING if lt.kind is Kind.CHAR else lt
            if lt.kind is Kind.CHAR:
                self.constrain(right, INT, "a repeat count")
                return STRING
        if isinstance(op, ast.Add):
            if lt.kind in (Kind.STRING, Kind.CHAR) and rt.kind in (Kind.STRING, Kind.CHAR):
                return STRING
            if lt.kind in (Kind.STRING, Kind.CHAR) and rt.kind is Kind.UNKNOWN:
                self.constrain(right, STRING, "concatenated to a string")
                return STRING
            if rt.kind in (Kind.STRING, Kind.CHAR) and lt.kind is Kind.UNKNOWN:
                self.constrain(left, STRING, "concatenated to a string")
                return STRING
            if lt.is_sequence and rt.is_sequence:
                return join(lt, rt) if _joinable(lt, rt) else UNKNOWN
        numeric = {Kind.INT, Kind.LONG, Kind.DOUBLE, Kind.BOOL}
        int_only = isinstance(op, (ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift))
        if int_only:
            for side, t in ((left, lt), (right, rt)):
                if t.kind is Kind.UNKNOWN:
                    self.constrain(side, INT, "used in a bitwise operation")
            lt, rt = self.type_of(left), self.type_of(right)
            if lt.kind is Kind.BOOL and rt.kind is Kind.BOOL:
                return BOOL
            return _wider(lt, rt, INT)
        if isinstance(op, (ast.Mod, ast.FloorDiv)):
            for side, t, other in ((left, lt, rt), (right, rt, lt)):
                if t.kind is Kind.UNKNOWN:
                    guess = DOUBLE if other.kind is Kind.DOUBLE else INT
                    self.constrain(side, guess, "used with % or //")
            lt, rt = self.type_of(left), self.type_of(right)
            return _wider(lt, rt, INT)
        if isinstance(op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            if lt.kind in numeric and not rt.is_known:
                self.constrain(right, INT if lt.kind is Kind.BOOL else _num(lt),
                               "in arithmetic with a number")
            elif rt.kind in numeric and not lt.is_known:
                self.constrain(left, INT if rt.kind is Kind.BOOL else _num(rt),
                               "in arithmetic with a number")
            lt, rt = self.type_of(left), self.type_of(right)
            if isinstance(op, ast.Div):
                return DOUBLE
            if isinstance(op, ast.Pow) and lt.kind in numeric and rt.kind in numeric:
                wide = _wider(lt, rt, INT)
                return LONG if wide.kind is Kind.INT and not _small_power(left, right) else wide
            if lt.kind in numeric and rt.kind in numeric:
                return _wider(lt, rt, INT)
        return UNKNOWN

    def call_type(self, node: ast.Call) -> Type:
        f = node.func
        args = node.args
        arg_types = [self.type_of(a) for a in args]
        if isinstance(f, ast.Name):
            name = f.id
            if name == "len" and args:
                if arg_types[0].kind is Kind.UNKNOWN:
                    self.constrain(args[0], SEQ, "passed to len()")
                return INT
            if name in ("abs",) and args:
                return arg_types[0]
            if name in ("min", "max") and args:
                if len(args) == 1:
                    if arg_types[0].kind is Kind.UNKNOWN:
                        self.constrain(args[0], SEQ, f"passed to {name}()")
                    return elem_of(self.type_of(args[0]))
                out = UNKNOWN
                for t in arg_types:
                    try:
                        out = join(out, t)
                    except Conflict:
                        return UNKNOWN
                for a in args:
                    self.constrain(a, out, f"compared in {name}()")
                return out
            if name == "int":
                return INT
            if name == "float":
                return DOUBLE
            if name == "str":
                return STRING
            if name == "bool":
                return BOOL
            if name == "ord" and args:
                self.constrain(args[0], CHAR, "passed to ord()")
                return INT
            if name == "chr" and args:
                self.constrain(args[0], INT, "passed to chr()")
                return CHAR
            if name == "sum" and args:
                if arg_types[0].kind is Kind.UNKNOWN:
                    self.constrain(args[0], SEQ, "passed to sum()")
                return elem_of(self.type_of(args[0]))
            if name in ("sorted", "list", "reversed") and args:
                if arg_types[0].kind is Kind.UNKNOWN:
                    self.constrain(args[0], SEQ, f"passed to {name}()")
                t = self.type_of(args[0])
                return Type(Kind.ARRAY, elem_of(t)) if t.kind is not Kind.UNKNOWN else SEQ
            if name == "pow" and len(args) == 2:
                return _wider(arg_types[0], arg_types[1], INT)
            if name == "round":
                # round(x) is an int (x itself when x is one); round(x, n) keeps x's type
                if len(args) == 2:
                    return arg_types[0] if arg_types[0].kind is not Kind.UNKNOWN else DOUBLE
                return LONG if args and arg_types[0].kind is Kind.LONG else INT
            if name == self.name:
                return self.user_call(node, self, "a recursive call")
            if name in self.others and self.depth < 2:
                callee = self.callee(name)
                if callee is not None:
                    for (_pname, ptype), a in zip(callee.params, args, strict=False):
                        self.constrain(a, ptype, f"passed to {name}()")
                    return callee.returns
            return UNKNOWN
        if isinstance(f, ast.Attribute):
            base = f.value
            if isinstance(base, ast.Name) and base.id == "math":
                if f.attr in ("floor", "ceil", "trunc", "factorial", "gcd", "isqrt", "comb"):
                    return INT
                if f.attr in MATH_DOUBLE:
                    return DOUBLE
                return UNKNOWN
            bt = self.type_of(base)
            if f.attr == "append" and args:
                if isinstance(base, ast.Name):
                    self.appended.add(base.id)
                self.constrain(base, Type(Kind.LIST, arg_types[0]), "appended to")
                return VOID
            if f.attr in CHAR_METHODS:
                if bt.kind is Kind.UNKNOWN:
                    self.constrain(base, CHAR, f".{f.attr}() called on it")
                if f.attr in ("upper", "lower"):
                    return bt if bt.kind in (Kind.CHAR, Kind.STRING) else CHAR
                return BOOL
            if f.attr == "pop" and bt.kind is Kind.UNKNOWN:
                self.constrain(base, Type(Kind.LIST, UNKNOWN), ".pop() called on it")
                bt = self.type_of(base)
            if f.attr in ("pop",) and bt.is_sequence:
                if isinstance(base, ast.Name):
                    self.appended.add(base.id)
                return elem_of(bt)
            if f.attr in ("sort", "reverse"):
                # a list method (strings have neither): never a string, whatever the name
                if bt.kind is Kind.UNKNOWN:
                    self.constrain(base, SEQ, f".{f.attr}() called on it")
                if isinstance(base, ast.Name):
                    self.not_strings.add(base.id)
                return VOID
            if f.attr in ("count", "find", "index"):
                return INT
        return UNKNOWN

    def user_call(self, node: ast.Call, callee: Inference, why: str) -> Type:
        for pname, a in zip(callee.params, node.args, strict=False):
            t = self.type_of(a)
            if t.kind is not Kind.UNKNOWN:
                callee.constrain_name(pname, t, why)
            known = callee.env.get(pname, UNKNOWN)
            if known.kind is not Kind.UNKNOWN:
                self.constrain(a, known, f"passed to {callee.name}()")
        return callee.returns

    def callee(self, name: str) -> FunctionTypes | None:
        if name not in self.callee_cache:
            self.callee_cache[name] = None  # guards mutual recursion
            inner = Inference(self.others[name], name, self.others, self.depth + 1)
            self.callee_cache[name] = inner.run()
        return self.callee_cache[name]

    # ------------------------------------------------------------------ widths

    def apply_width(self, notes: list[str]):
        """Widen to long the integers whose arithmetic can plausibly leave 32 bits."""
        wide: dict[str, str] = {}
        loops = [n for n in ast.walk(self.fn) if isinstance(n, (ast.For, ast.While))]
        in_loop = {id(x) for loop in loops for x in ast.walk(loop)}
        recursive = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
                        n.func.id == self.name for n in ast.walk(self.fn))
        for node in ast.walk(self.fn):
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                name = node.target.id
                if isinstance(node.op, ast.Mult) and id(node) in in_loop:
                    wide.setdefault(name, "a product that accumulates in a loop")
                if isinstance(node.op, ast.Add) and id(node) in in_loop and _has_product(
                        node.value):
                    wide.setdefault(name, "accumulates a sum of products")
                if isinstance(node.op, ast.Pow):
                    wide.setdefault(name, "raised to a power")
                if isinstance(node.op, ast.LShift):
                    wide.setdefault(name, "shifted left")
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                    node.targets[0], ast.Name):
                name = node.targets[0].id
                v = node.value
                if id(node) in in_loop and isinstance(v, ast.BinOp) and isinstance(v.op, ast.Mult)\
                        and name in _names(v) and not _is_small_const_product(v):
                    wide.setdefault(name, "a product that accumulates in a loop")
                if id(node) in in_loop and isinstance(v, ast.BinOp) and isinstance(v.op, ast.Mod) \
                        and isinstance(v.left, ast.BinOp) and isinstance(v.left.op, ast.Mult):
                    wide.setdefault(name, "a product taken modulo in a loop")
                if _has_pow(v) or _has_var_shift(v) or _has_big_literal(v):
                    wide.setdefault(name, "a power, a shift by a variable or a large literal")
            if isinstance(node, ast.Return) and node.value is not None:
                v = node.value
                if _has_pow(v) or _has_var_shift(v) or _has_big_literal(v):
                    wide.setdefault("<return>", "a power, a shift by a variable or a large literal")
                if recursive and isinstance(v, ast.BinOp) and isinstance(v.op, ast.Mult) and any(
                        isinstance(x, ast.Call) and isinstance(x.func, ast.Name) and
                        x.func.id == self.name for x in ast.walk(v)):
                    wide.setdefault("<return>", "a product of recursive results (factorial-like)")
        # parameters multiplied by another variable: the product can leave 32 bits
        for node in ast.walk(self.fn):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and not \
                    _is_small_const_product(node) and not any(
                        isinstance(x, (ast.Constant, ast.List, ast.ListComp))
                        for x in (node.left, node.right)):
                for side in (node.left, node.right):
                    for name in _names(side):
                        if name in self.params and self.env.get(name, UNKNOWN).kind is Kind.INT:
                            wide.setdefault(name, "multiplied by a variable")
                returns_product = any(node in set(ast.walk(r.value)) for r in ast.walk(self.fn)
                                      if isinstance(r, ast.Return) and r.value is not None)
                if returns_product:
                    wide.setdefault("<return>", "a product of variables")
        widened = False
        # dp tables filled by a recurrence over themselves (sums, products) grow fast
        for node in ast.walk(self.fn):
            if isinstance(node, (ast.Assign, ast.AugAssign)) and id(node) in in_loop:
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                base = target
                while isinstance(base, ast.Subscript):
                    base = base.value
                if not isinstance(target, ast.Subscript) or not isinstance(base, ast.Name) or \
                        base.id in self.params:
                    continue
                reads_self = base.id in _names(node.value)
                # `t[i] *= x`, `t[i] += t[j]`, `t[i] += a * b` grow; a counter `t[i] += 1` does not
                grows = isinstance(node, ast.AugAssign) and (
                    isinstance(node.op, ast.Mult) or (isinstance(node.op, ast.Add) and (
                        reads_self or _has_product(node.value))))
                adds = any(isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Mult))
                           for n in ast.walk(node.value))
                t = self.env.get(base.id, UNKNOWN)
                if (grows or (reads_self and adds)) and _leaf(t).kind is Kind.INT:
                    self.env[base.id] = _fill_leaf_kind(t, LONG)
                    widened = True
                    notes.append(f"{base.id}: elements long (a recurrence over the table can "
                                 "leave 32 bits)")
        for name, why in wide.items():
            if name == "<return>":
                if self.returns.kind is Kind.INT:
                    self.returns = LONG
                    notes.append(f"returns long: {why} can leave 32 bits")
                continue
            if self.env.get(name, UNKNOWN).kind in (Kind.INT, Kind.UNKNOWN):
                self.env[name] = LONG
                if name in self.params:
                    self.reasons[name] = f"{why}: the product can leave 32 bits"
                else:
                    notes.append(f"{name}: long ({why} can leave 32 bits)")
        if not wide and not widened:
            return
        # a value computed from a long variable is long too
        for _ in range(6):
            self.changed = False
            for node in ast.walk(self.fn):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                        node.targets[0], ast.Name):
                    name = node.targets[0].id
                    t = self.type_of(node.value)
                    if t.kind is Kind.LONG and self.env.get(name, UNKNOWN).kind is Kind.INT and \
                            name not in self.params:
                        self.env[name] = LONG
                        self.changed = True
                elif isinstance(node, ast.Return) and node.value is not None:
                    t = self.type_of(node.value)
                    if t.kind is Kind.LONG and self.returns.kind is Kind.INT:
                        self.returns = LONG
                        notes.append("returns long: it returns a long value")
            if not self.changed:
                break


def _fill_leaf(t: Type, leaf: Type) -> Type:
    if t.is_sequence:
        return Type(t.kind, _fill_leaf(t.elem or UNKNOWN, leaf))
    return leaf if t.kind is Kind.UNKNOWN else t


def _leaf(t: Type) -> Type:
    while t.is_sequence and t.elem is not None:
        t = t.elem
    return t


def _fill_leaf_kind(t: Type, leaf: Type) -> Type:
    if t.is_sequence and t.elem is not None:
        return Type(t.kind, _fill_leaf_kind(t.elem, leaf))
    return leaf


def _comparable(t: Type) -> Type:
    return INT if t.kind is Kind.BOOL else t


def _joinable(a: Type, b: Type) -> bool:
    try:
        join(a, b)
        return True
    except Conflict:
        return False


def _num(t: Type) -> Type:
    return t if t.kind in (Kind.INT, Kind.LONG, Kind.DOUBLE) else INT


def _wider(a: Type, b: Type, default: Type) -> Type:
    kinds = {a.kind, b.kind}
    if Kind.DOUBLE in kinds:
        return DOUBLE
    if Kind.LONG in kinds:
        return LONG
    if kinds & {Kind.INT, Kind.BOOL}:
        return INT
    return default


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _has_product(node: ast.AST) -> bool:
    return any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult) and not
               _is_small_const_product(n) for n in ast.walk(node))


def _is_small_const_product(node: ast.BinOp) -> bool:
    return any(isinstance(x, ast.Constant) and isinstance(x.value, int) and abs(x.value) <= 10
               for x in (node.left, node.right))


def _has_pow(node: ast.AST) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow):
            if isinstance(n.right, ast.Constant) and isinstance(n.right.value, int) and \
                    n.right.value <= 2 and not isinstance(n.left, ast.Constant):
                continue
            if isinstance(n.left, ast.Constant) and isinstance(n.right, ast.Constant):
                try:
                    if abs(n.left.value ** n.right.value) <= INT32:
                        continue
                except Exception:
                    pass
            return True
    return False


def _small_power(base: ast.expr, exp: ast.expr) -> bool:
    """`x ** 2`, `2 ** 10`: a power that stays small enough for 32 bits (as in GfG code)."""
    if isinstance(exp, ast.Constant) and isinstance(exp.value, int) and exp.value <= 2:
        return True
    if isinstance(base, ast.Constant) and isinstance(exp, ast.Constant):
        try:
            return abs(base.value ** exp.value) <= INT32
        except Exception:
            return False
    return False


def _has_var_shift(node: ast.AST) -> bool:
    return any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.LShift) and not isinstance(
        n.right, ast.Constant) for n in ast.walk(node))


def _has_big_literal(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, int) and
               not isinstance(n.value, bool) and abs(n.value) > INT32 for n in ast.walk(node))


def describe(t: Type) -> str:
    return str(t)


def infer_function(function: Function, same_file: Sequence[Function] = ()) -> FunctionTypes | None:
    """Types of a function's parameters, locals and return value; None if it does not parse."""
    fn = parse_function(function)
    if fn is None:
        return None
    others: dict[str, ast.FunctionDef] = {}
    for other in same_file:
        if other.name == function.name or other.language is not function.language:
            continue
        parsed = parse_function(other)
        if parsed is not None:
            others[other.name] = parsed
    inference = Inference(fn, function.name, others)
    # call sites in other functions of the file (tests, main blocks wrapped in functions)
    sites: list[tuple[Inference, ast.Call]] = []
    for name, other_fn in others.items():
        calls = [n for n in ast.walk(other_fn) if isinstance(n, ast.Call) and
                 isinstance(n.func, ast.Name) and n.func.id == function.name]
        if calls:
            caller = Inference(other_fn, name, {}, depth=2)
            caller.run()
            sites.extend((caller, c) for c in calls)
    return inference.run(sites)


def infer_signature(function: Function, same_file: Sequence[Function] = ()) -> Signature:
    """The function's signature with every undeclared type inferred (see the module doc)."""
    try:
        types = infer_function(function, same_file)
    except (RecursionError, ValueError, TypeError, AttributeError, OverflowError) as exc:
        # inference is best effort: a function it cannot read keeps its declared types
        return Signature(function.signature.params, function.signature.returns,
                         function.signature.declared_returns,
                         (f"type inference failed ({type(exc).__name__}); declared types kept",))
    declared = {p.name: p for p in function.signature.params}
    if types is None:
        return function.signature
    params = tuple(
        Param(name, t, declared=declared[name].declared if name in declared else None,
              by_reference=t.is_sequence)
        for name, t in types.params
    )
    return Signature(
        params=params,
        returns=types.returns,
        declared_returns=function.signature.declared_returns,
        type_notes=tuple(types.notes),
    )

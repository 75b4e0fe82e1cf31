"""Printing the IR as Java or C++: shared statements, precedence and operators.

`JavaBack` (back_java.py) and `CppBack` (back_cpp.py) supply types, literals and
library calls. Expressions print as (text, precedence) so parentheses appear only where
the target's grammar needs them.
"""

from __future__ import annotations

import contextlib

from migrate.engines.rules import ir
from migrate.engines.rules.ir import Unsupported
from migrate.units import Kind, Type

INDENT = "    "

# precedence: higher binds tighter
PREC = {
    "or": 4, "and": 5, "bor": 6, "bxor": 7, "band": 8, "eq": 9, "ne": 9,
    "lt": 10, "le": 10, "gt": 10, "ge": 10, "shl": 11, "shr": 11, "ushr": 11,
    "add": 12, "sub": 12, "mul": 13, "div": 13, "div_trunc": 13, "mod_trunc": 13,
}
SYMBOL = {
    "or": "||", "and": "&&", "bor": "|", "bxor": "^", "band": "&", "eq": "==", "ne": "!=",
    "lt": "<", "le": "<=", "gt": ">", "ge": ">=", "shl": "<<", "shr": ">>", "ushr": ">>>",
    "add": "+", "sub": "-", "mul": "*", "div": "/", "div_trunc": "/", "mod_trunc": "%",
}
UNARY_PREC = 15
CAST_PREC = 14
ATOM = 17
TERNARY = 3
ASSIGN = 2

WIDENING = {(Kind.INT, Kind.LONG), (Kind.INT, Kind.DOUBLE), (Kind.LONG, Kind.DOUBLE),
            (Kind.FLOAT, Kind.DOUBLE), (Kind.INT, Kind.FLOAT), (Kind.CHAR, Kind.INT),
            (Kind.CHAR, Kind.LONG)}


class CBack:
    """Shared Java / C++ printer; one instance prints one function."""

    reserved: frozenset[str] = frozenset()

    def __init__(self, fn: ir.FunctionIR):
        names = ir.local_names(fn)
        mapping = {}
        for n in sorted(names):
            if n in self.reserved:
                new = "unused" if n == "_" else n + "_"
                while new in names:
                    new += "_"
                mapping[n] = new
        fn = ir.rename(fn, mapping)
        self.fn = fn
        self.imports: set[str] = set()
        self.nonneg_set = ir.nonneg_names(fn)
        self.lines: list[str] = []

    # ------------------------------------------------------------------ hooks

    def type_name(self, t: Type) -> str:
        raise NotImplementedError

    def header(self) -> str:
        raise NotImplementedError

    def intrinsic(self, e: ir.Intrinsic) -> tuple[str, int]:
        raise NotImplementedError

    # ------------------------------------------------------------------ entry

    def function(self) -> str:
        self.lines = []
        self.emit_doc()
        self.lines.append(self.header() + " {")
        self.body(self.fn.body, 1)
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def emit_doc(self):
        raise NotImplementedError

    def body(self, stmts, depth: int):
        for s in stmts:
            self.stmt(s, depth)

    def put(self, depth: int, line: str):
        self.lines.append(INDENT * depth + line)

    def braced(self, head: str, stmts, depth: int, tail: str = ""):
        self.put(depth, head + " {")
        self.body(stmts, depth + 1)
        self.put(depth, "}" + tail)

    # ------------------------------------------------------------------ statements

    def stmt(self, s: ir.Stmt, depth: int):
        if isinstance(s, ir.Decl):
            self.put(depth, self.decl(s) + ";")
        elif isinstance(s, ir.Assign):
            self.put(depth, self.assign(s) + ";")
        elif isinstance(s, ir.ExprStmt):
            self.put(depth, self.expr_stmt(s.expr) + ";")
        elif isinstance(s, ir.Return):
            if s.value is None:
                self.put(depth, "return;")
            else:
                self.put(depth, f"return {self.value(s.value, self.fn.returns)};")
        elif isinstance(s, ir.If):
            self.if_chain(s, depth)
        elif isinstance(s, ir.While):
            head = f"while ({self.cond(s.cond)})"
            with self.guard(s.cond, s.body):
                self.braced(head, s.body, depth)
        elif isinstance(s, ir.DoWhile):
            self.braced("do", s.body, depth, f" while ({self.cond(s.cond)});")
        elif isinstance(s, ir.For):
            self.for_loop(s, depth)
        elif isinstance(s, ir.ForRange):
            self.for_range(s, depth)
        elif isinstance(s, ir.ForEach):
            self.braced(self.foreach_head(s), s.body, depth)
        elif isinstance(s, ir.Break):
            self.put(depth, "break;")
        elif isinstance(s, ir.Continue):
            self.put(depth, "continue;")
        elif isinstance(s, ir.Block):
            self.put(depth, "{")
            self.body(s.body, depth + 1)
            self.put(depth, "}")
        elif isinstance(s, ir.SwapVars):
            self.swap(s, depth)
        elif isinstance(s, ir.Check):
            self.put(depth, f"if (!({self.cond(s.cond)})) {{")
            self.put(depth + 1, self.check_failure(s.message) + ";")
            self.put(depth, "}")
        else:
            raise Unsupported(f"statement {type(s).__name__} has no printing")

    def check_failure(self, message: str) -> str:
        """The statement that reports a failed `ir.Check` (no trailing semicolon)."""
        raise NotImplementedError

    def if_chain(self, s: ir.If, depth: int):
        self.put(depth, f"if ({self.cond(s.cond)}) {{")
        with self.guard(s.cond, s.then):
            self.body(s.then, depth + 1)
        orelse = s.orelse
        while len(orelse) == 1 and isinstance(orelse[0], ir.If):
            nxt = orelse[0]
            self.put(depth, f"}} else if ({self.cond(nxt.cond)}) {{")
            self.body(nxt.then, depth + 1)
            orelse = nxt.orelse
        if orelse:
            self.put(depth, "} else {")
            self.body(orelse, depth + 1)
        self.put(depth, "}")

    def cond(self, e: ir.Expr) -> str:
        return self.expr(e)[0]

    def decl(self, s: ir.Decl) -> str:
        raise NotImplementedError

    def foreach_head(self, s: ir.ForEach) -> str:
        raise NotImplementedError

    def swap(self, s: ir.SwapVars, depth: int):
        raise NotImplementedError

    def for_loop(self, s: ir.For, depth: int):
        init = ", ".join(self.simple(x) for x in s.init) if s.init else ""
        if len(s.init) > 1 and all(isinstance(x, ir.Decl) for x in s.init):
            types = {x.type for x in s.init}
            if len(types) != 1:
                raise Unsupported("for-loop declares variables of different types")
            first = self.decl(s.init[0])
            rest = [self.decl_tail(x) for x in s.init[1:]]
            init = ", ".join([first, *rest])
        cond = self.cond(s.cond) if s.cond is not None else ""
        update = ", ".join(self.simple(x) for x in s.update)
        self.braced(f"for ({init}; {cond}; {update})", s.body, depth)

    def decl_tail(self, s: ir.Decl) -> str:
        full = self.decl(s)
        return full[len(self.type_name(s.type)) + 1:]

    def simple(self, s: ir.Stmt) -> str:
        if isinstance(s, ir.Decl):
            return self.decl(s)
        if isinstance(s, ir.Assign):
            return self.assign(s)
        if isinstance(s, ir.ExprStmt):
            return self.expr_stmt(s.expr)
        raise Unsupported("complex statement in a for-loop header")

    def for_range(self, s: ir.ForRange, depth: int):
        """Python range semantics: a body that rebinds the variable gets a hidden counter."""
        var = s.var if not s.rebinds else f"{s.var}_"
        if s.rebinds and var in {n.name for n in ir.walk_all(s.body) if isinstance(n, ir.Name)}:
            raise Unsupported(f"cannot name a hidden counter for `{s.var}`")
        tn = self.type_name(s.type)
        start = self.value(s.start, s.type)
        stop = self.value(s.stop, s.type)
        cmp = "<" if s.step > 0 else ">"
        stop_e = s.stop
        if isinstance(stop_e, ir.Bin) and stop_e.op in ("add", "sub") and isinstance(
                stop_e.right, ir.Lit) and stop_e.right.value == 1 and (
                (s.step > 0 and stop_e.op == "add") or (s.step < 0 and stop_e.op == "sub")):
            # range(a, n + 1) reads best as i <= n
            cmp += "="
            stop = self.value(stop_e.left, s.type)
        if s.step == 1:
            upd = f"{var}++"
        elif s.step == -1:
            upd = f"{var}--"
        elif s.step > 0:
            upd = f"{var} += {s.step}"
        else:
            upd = f"{var} -= {-s.step}"
        stop_names = {n.name for n in ir.walk(s.stop) if isinstance(n, ir.Name)}
        if stop_names & ir.assigned_names(s.body) or not ir.is_pure(s.stop):
            # range() evaluates its bound once; the C-family condition re-evaluates it,
            # so the bound is computed once in the loop header
            if not s.declared:
                raise Unsupported(f"range bound of `{s.var}` changes inside the loop")
            end = f"{s.var}_end"
            used = ir.local_names(self.fn)
            while end in used:
                end += "_"
            start = f"{start}, {end} = {self.value(s.stop, s.type)}"
            stop = end
            cmp = cmp[0]
        if not s.declared:
            if s.rebinds:
                raise Unsupported(f"loop variable `{s.var}` is rebound in the body and used "
                                  "after the loop")
            tn_decl = ""
        else:
            tn_decl = tn + " "
        self.put(depth, f"for ({tn_decl}{var} = {start}; {var} {cmp} {stop}; {upd}) {{")
        if s.rebinds:
            self.put(depth + 1, f"{tn} {s.var} = {var};")
        self.body(s.body, depth + 1)
        self.put(depth, "}")

    def assign(self, s: ir.Assign) -> str:
        target = self.lvalue(s.target)
        if s.op is None:
            return f"{target} = {self.value(s.value, s.target.type)}"
        if s.op in ("add", "sub") and isinstance(s.value, ir.Lit) and s.value.value == 1 and \
                ir.is_int(s.target.type):
            return f"{target}{'++' if s.op == 'add' else '--'}"
        if s.op in SYMBOL and s.op not in ("and", "or") and s.op not in ir.COMPARE:
            if s.op == "ushr" and not self.has_ushr():
                return f"{target} = {self.expr(ir.Bin(s.op, s.target, s.value, s.target.type))[0]}"
            return f"{target} {SYMBOL[s.op]}= {self.value(s.value, s.target.type)}"
        full = ir.Bin(s.op, s.target, s.value, s.target.type)
        text, prec = self.expr(full)
        for sym in ("/", "%"):
            if prec == 13 and text.startswith(f"{target} {sym} "):
                return f"{target} {sym}= {text[len(target) + 3:]}"
        return f"{target} = {text}"

    def has_ushr(self) -> bool:
        return False

    def lvalue(self, e: ir.Expr) -> str:
        return self.expr(e)[0]

    def expr_stmt(self, e: ir.Expr) -> str:
        if not isinstance(e, (ir.Call, ir.Intrinsic, ir.IncDec, ir.AssignExpr)):
            raise Unsupported("an expression statement without effect")
        return self.expr(e)[0]

    # ------------------------------------------------------------------ expressions

    def value(self, e: ir.Expr, target: Type) -> str:
        """`e` where the target converts implicitly to `target` (assignment, return, argument)."""
        if isinstance(e, ir.Lit) and e.type.kind is Kind.LONG and -(2**31) <= e.value < 2**31:
            return str(e.value)  # an int literal widens on its own
        if isinstance(e, ir.Cast) and (e.expr.type.kind, e.type.kind) in WIDENING and \
                e.type == target and self.implicit_ok(e.expr.type, target):
            return self.expr(e.expr)[0]
        return self.expr(e)[0]

    def implicit_ok(self, src: Type, dst: Type) -> bool:
        return True

    def paren(self, e: ir.Expr, min_prec: int) -> str:
        text, prec = self.expr(e)
        return f"({text})" if prec < min_prec else text

    def expr(self, e: ir.Expr) -> tuple[str, int]:
        if isinstance(e, ir.Lit):
            return self.literal(e)
        if isinstance(e, ir.Name):
            return e.name, ATOM
        if isinstance(e, ir.Const):
            return self.const(e), ATOM
        if isinstance(e, ir.Bin):
            return self.binary(e)
        if isinstance(e, ir.Unary):
            return self.unary(e)
        if isinstance(e, ir.Cond):
            return (f"{self.paren(e.test, TERNARY + 1)} ? {self.paren(e.then, TERNARY + 1)} : "
                    f"{self.paren(e.orelse, TERNARY)}", TERNARY)
        if isinstance(e, ir.Call):
            return self.call(e), ATOM
        if isinstance(e, ir.Intrinsic):
            return self.intrinsic(e)
        if isinstance(e, ir.Index):
            return self.index(e)
        if isinstance(e, ir.Cast):
            return self.cast(e)
        if isinstance(e, ir.NewArray):
            return self.new_array(e), ATOM
        if isinstance(e, ir.ArrayLit):
            return self.array_lit(e), ATOM
        if isinstance(e, ir.IncDec):
            sym = "++" if e.op == "inc" else "--"
            target = self.paren(e.target, UNARY_PREC)
            return (f"{sym}{target}", UNARY_PREC) if e.prefix else (f"{target}{sym}", 16)
        if isinstance(e, ir.AssignExpr):
            stmt = ir.Assign(e.target, e.value, e.op)
            return self.assign(stmt), ASSIGN
        raise Unsupported(f"expression {type(e).__name__} has no printing")

    def call(self, e: ir.Call) -> str:
        return f"{e.name}({', '.join(self.expr(a)[0] for a in e.args)})"

    def index(self, e: ir.Index) -> tuple[str, int]:
        return f"{self.paren(e.seq, 16)}[{self.expr(e.index)[0]}]", 16

    def unary(self, e: ir.Unary) -> tuple[str, int]:
        sym = {"neg": "-", "pos": "+", "not": "!", "bnot": "~"}[e.op]
        inner = self.paren(e.operand, UNARY_PREC)
        if sym == "-" and inner.startswith("-"):
            inner = f"({inner})"
        return f"{sym}{inner}", UNARY_PREC

    def binary(self, e: ir.Bin) -> tuple[str, int]:
        op = e.op
        if op in ("eq", "ne") and e.left.type.kind is Kind.STRING:
            return self.string_eq(e)
        if op in ("lt", "le", "gt", "ge") and e.left.type.kind is Kind.STRING:
            return self.string_order(e)
        if op == "add" and e.type.kind is Kind.STRING:
            return self.concat(e)
        if op in ("eq", "ne") and _is_zero(e.right) and isinstance(e.left, ir.Bin) and \
                e.left.op == "mod_floor" and ir.is_int(e.left.type):
            # x % m == 0 holds under both conventions: print the native %
            inner = ir.Bin("mod_trunc", e.left.left, e.left.right, e.left.type)
            return self.binary(ir.Bin(op, inner, e.right, e.type))
        if op in ("div_floor", "mod_floor"):
            return self.floor_op(e)
        if op == "mod_trunc" and ir.is_float(e.type):
            return self.fmod(e)
        if op == "ushr":
            return self.ushr(e)
        if op == "pow":
            return self.int_pow(e)
        if op not in SYMBOL:
            raise Unsupported(f"operator {op} has no printing")
        prec = PREC[op]
        left = self.operand(e.left, prec, e)
        right = self.operand(e.right, prec + 1, e)
        return f"{left} {SYMBOL[op]} {right}", prec

    def operand(self, e: ir.Expr, min_prec: int, parent: ir.Bin) -> str:
        """An operand of an arithmetic / comparison: widening casts the target does itself drop."""
        if isinstance(e, ir.Cast) and self.promotes_itself(e, parent):
            return self.paren(e.expr, min_prec)
        other = parent.right if parent.left is e else parent.left
        if isinstance(e, ir.Lit) and e.type.kind is Kind.LONG and other.type.kind is Kind.LONG \
                and -(2**31) <= e.value < 2**31 and parent.op not in ("shl", "shr", "ushr"):
            return self.paren(ir.Lit(e.value, ir.INT), min_prec)  # promoted by the operator
        text, prec = self.expr(e)
        # mixed && / || and bitwise ops read better (and C++ warns less) with parentheses
        if prec < min_prec or (parent.op in ("or", "and", "bor", "band", "bxor", "shl", "shr")
                               and isinstance(e, ir.Bin) and e.op != parent.op and prec < ATOM
                               and prec in (4, 5, 6, 7, 8, 11, 12)):
            return f"({text})"
        return text

    def promotes_itself(self, cast: ir.Cast, parent: ir.Bin) -> bool:
        """True when the operator applies this widening cast on its own (Java / C++ rules)."""
        pair = (cast.expr.type.kind, cast.type.kind)
        if pair in ((Kind.CHAR, Kind.INT),):
            return True
        other = parent.right if parent.left is cast else parent.left
        if parent.right is cast and isinstance(other, ir.Cast) and other.type == cast.type and \
                (other.expr.type.kind, other.type.kind) in WIDENING:
            return True  # the left operand's cast already promotes the operation
        if pair in WIDENING and other.type.kind is cast.type.kind and not (
                isinstance(other, ir.Cast) and (other.expr.type.kind, other.type.kind) in WIDENING):
            return True
        return False

    def cast(self, e: ir.Cast) -> tuple[str, int]:
        src, dst = e.expr.type.kind, e.type.kind
        if src is Kind.BOOL:
            return self.bool_to_num(e)
        if dst is Kind.BOOL:
            raise Unsupported("conversion to bool without a comparison")
        if isinstance(e.expr, ir.Lit) and src is Kind.CHAR and dst in ir.INTEGRAL:
            return self.char_code(e)
        return f"({self.type_name(e.type)}) {self.paren(e.expr, CAST_PREC)}", CAST_PREC

    def char_code(self, e: ir.Cast) -> tuple[str, int]:
        return f"(int) {self.expr(e.expr)[0]}", CAST_PREC

    def bool_to_num(self, e: ir.Cast) -> tuple[str, int]:
        raise NotImplementedError

    def floor_op(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def nonneg(self, e: ir.Expr) -> bool:
        return ir.is_nonneg(e, self.nonneg_set)

    @contextlib.contextmanager
    def guard(self, cond: ir.Expr, body):
        """Within `body`, names that `cond` proves non-negative print plain `/` and `%`."""
        saved = self.nonneg_set
        self.nonneg_set = saved | ir.guarded_nonneg(cond, body, saved)
        try:
            yield
        finally:
            self.nonneg_set = saved

    def fmod(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def ushr(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def int_pow(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def string_eq(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def string_order(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def concat(self, e: ir.Bin) -> tuple[str, int]:
        raise NotImplementedError

    def literal(self, e: ir.Lit) -> tuple[str, int]:
        k = e.type.kind
        if k is Kind.BOOL:
            return ("true" if e.value else "false"), ATOM
        if k is Kind.CHAR:
            return char_literal(str(e.value)), ATOM
        if k is Kind.STRING:
            return string_literal(str(e.value)), ATOM
        if k in (Kind.DOUBLE, Kind.FLOAT):
            return self.float_literal(float(e.value), k), ATOM
        if k in ir.INTEGRAL:
            return self.int_literal(int(e.value), k)
        raise Unsupported(f"literal of type {e.type}")

    def int_literal(self, v: int, k: Kind) -> tuple[str, int]:
        raise NotImplementedError

    def float_literal(self, v: float, k: Kind) -> str:
        if v != v or v in (float("inf"), float("-inf")):
            raise Unsupported("non-finite float literal")
        text = repr(v)
        if "e" in text and "." not in text.split("e")[0]:
            base, exp = text.split("e")
            text = f"{base}.0e{exp}"
        return text + ("f" if k is Kind.FLOAT else "")

    def const(self, e: ir.Const) -> str:
        raise NotImplementedError

    def new_array(self, e: ir.NewArray) -> str:
        raise NotImplementedError

    def array_lit(self, e: ir.ArrayLit) -> str:
        raise NotImplementedError


def _is_zero(e: ir.Expr) -> bool:
    return isinstance(e, ir.Lit) and e.value == 0 and not isinstance(e.value, bool)


def char_literal(c: str) -> str:
    return "'" + escape(c, "'") + "'"


def string_literal(s: str) -> str:
    return '"' + escape(s, '"') + '"'


def escape(s: str, quote: str) -> str:
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + quote)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\0":
            out.append("\\0")
        elif ord(ch) < 32 or ord(ch) > 126:
            raise Unsupported(f"character {ch!r} in a literal")
        else:
            out.append(ch)
    return "".join(out)


def doc_lines(doc: str | None) -> list[str]:
    if not doc:
        return []
    lines = [line.rstrip() for line in doc.strip("\n").splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines

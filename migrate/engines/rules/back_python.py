"""Printing the IR as one Python `def`.

C-family semantics that Python does not share are spelled out exactly: truncating
division and remainder (unless both operands are provably non-negative), logical right
shift, char arithmetic through `ord` / `chr`, and C-style loops that become `range` only
when the body cannot change the iteration.
"""

from __future__ import annotations

import contextlib
import keyword

from migrate.engines.rules import ir
from migrate.engines.rules.back_cfamily import doc_lines
from migrate.engines.rules.ir import Unsupported
from migrate.units import Kind, Type

INDENT = "    "
ATOM = 16
PREC = {"or": 3, "and": 4, "eq": 6, "ne": 6, "lt": 6, "le": 6, "gt": 6, "ge": 6, "bor": 7,
        "bxor": 8, "band": 9, "shl": 10, "shr": 10, "add": 11, "sub": 11, "mul": 12, "div": 12,
        "div_floor": 12, "mod_floor": 12, "pow": 14}
SYMBOL = {"or": "or", "and": "and", "eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">",
          "ge": ">=", "bor": "|", "bxor": "^", "band": "&", "shl": "<<", "shr": ">>", "add": "+",
          "sub": "-", "mul": "*", "div": "/", "div_floor": "//", "mod_floor": "%", "pow": "**"}
COMPOUND = {"add", "sub", "mul", "bor", "bxor", "band", "shl", "shr", "div"}
CHAR_TESTS = {"is_digit": "isdigit", "is_alpha": "isalpha", "is_alnum": "isalnum",
              "is_upper": "isupper", "is_lower": "islower", "is_space": "isspace"}
MATH = {"sqrt", "exp", "log", "log10", "log2", "sin", "cos", "tan", "asin", "acos", "atan",
        "floor", "ceil", "pow", "atan2", "hypot"}
# names a translation may call: variables spelled like them are renamed
RESERVED = {"len", "max", "min", "abs", "str", "int", "float", "ord", "chr", "list", "range",
            "sorted", "math", "sys", "print", "bool", "round", "sum", "type", "id", "map"}
CONSTS = {"INT_MAX": ("2**31 - 1", 11), "INT_MIN": ("-2**31", 13),
          "LONG_MAX": ("2**63 - 1", 11), "LONG_MIN": ("-2**63", 13),
          "DOUBLE_MAX": ("sys.float_info.max", ATOM), "DOUBLE_MIN": ("sys.float_info.min", ATOM),
          "INF": ("math.inf", ATOM), "PI": ("math.pi", ATOM), "E": ("math.e", ATOM)}
ZERO = {Kind.INT: "0", Kind.LONG: "0", Kind.DOUBLE: "0.0", Kind.FLOAT: "0.0", Kind.BOOL: "False",
        Kind.CHAR: "'\\0'", Kind.STRING: "''"}


class PythonBack:
    def __init__(self, fn: ir.FunctionIR):
        self.fn = fn
        self.imports: set[str] = set()
        self.nonneg = ir.nonneg_names(fn)
        self.lines: list[str] = []
        names = {n.name for n in ir.walk_all(fn.body) if isinstance(n, ir.Name)}
        names |= {p.name for p in fn.params} | ir.assigned_names(fn.body)
        self.rename = {}
        for n in sorted(names):
            if keyword.iskeyword(n) or n in RESERVED or n in ("True", "False", "None"):
                new = n + "_"
                while new in names:
                    new += "_"
                self.rename[n] = new
        self.loop_stack: list[tuple[ir.Stmt, ...]] = []  # updates to run before `continue`
        # strings whose characters change are lists of characters (str is immutable)
        self.char_lists = ir.mutated_strings(fn.body)

    @contextlib.contextmanager
    def guard(self, cond: ir.Expr, body):
        """Within `body`, names that `cond` proves non-negative print plain `//` and `%`."""
        saved = self.nonneg
        self.nonneg = saved | ir.guarded_nonneg(cond, body, saved)
        try:
            yield
        finally:
            self.nonneg = saved

    def name(self, n: str) -> str:
        return self.rename.get(n, n)

    # ------------------------------------------------------------------ entry

    def function(self) -> str:
        params = ", ".join(self.name(p.name) + ("" if p.default is None else
                                                "=" + self.literal(p.default)[0])
                           for p in self.fn.params)
        self.lines = [f"def {self.fn.name}({params}):"]
        doc = doc_lines(self.fn.doc)
        if doc:
            text = "\n".join(doc).replace('"""', '\\"\\"\\"')
            if text.endswith('"') or text.endswith("\\"):
                text += " "
            if len(doc) == 1:
                self.lines.append(f'{INDENT}"""{text}"""')
            else:
                self.lines.append(f'{INDENT}"""{doc[0]}')
                for line in doc[1:]:
                    self.lines.append((INDENT + line).rstrip() if line.strip() else "")
                self.lines.append(f'{INDENT}"""')
        start = len(self.lines)
        for p in self.fn.params:
            if p.name in self.char_lists:
                self.put(1, f"{self.name(p.name)} = list({self.name(p.name)})")
        self.body(self.fn.body, 1)
        if len(self.lines) == start and not doc:
            self.put(1, "pass")
        return "\n".join(self.lines) + "\n"

    def put(self, depth: int, line: str):
        self.lines.append(INDENT * depth + line)

    def body(self, stmts, depth: int):
        start = len(self.lines)
        for s in stmts:
            self.stmt(s, depth)
        if len(self.lines) == start:
            self.put(depth, "pass")

    # ------------------------------------------------------------------ statements

    def stmt(self, s: ir.Stmt, depth: int):
        if isinstance(s, (ir.Decl, ir.Assign, ir.ExprStmt, ir.Return)) and any(
                isinstance(n, ir.IncDec) for n in ir.walk(s)):
            s, before, after = hoist_increments(s)
            for b in before:
                self.stmt(b, depth)
            self.stmt(s, depth)
            if not isinstance(s, ir.Return):
                for a in after:
                    self.stmt(a, depth)
            return
        if isinstance(s, ir.Decl) and s.name in self.char_lists:
            init = "[]" if s.init is None else f"list({self.expr(s.init)[0]})"
            self.put(depth, f"{self.name(s.name)} = {init}")
        elif isinstance(s, ir.Decl):
            if s.init is not None:
                self.put(depth, f"{self.name(s.name)} = {self.expr(s.init)[0]}")
        elif isinstance(s, ir.Assign):
            self.put(depth, self.assign(s))
        elif isinstance(s, ir.ExprStmt):
            self.put(depth, self.expr_stmt(s.expr))
        elif isinstance(s, ir.Return):
            self.put(depth, "return" if s.value is None else f"return {self.expr(s.value)[0]}")
        elif isinstance(s, ir.If):
            self.put(depth, f"if {self.expr(s.cond)[0]}:")
            with self.guard(s.cond, s.then):
                self.body(s.then, depth + 1)
            orelse = s.orelse
            while len(orelse) == 1 and isinstance(orelse[0], ir.If):
                self.put(depth, f"elif {self.expr(orelse[0].cond)[0]}:")
                self.body(orelse[0].then, depth + 1)
                orelse = orelse[0].orelse
            if orelse:
                self.put(depth, "else:")
                self.body(orelse, depth + 1)
        elif isinstance(s, ir.While):
            self.put(depth, f"while {self.expr(s.cond)[0]}:")
            with self.guard(s.cond, s.body):
                self.loop_body(s.body, (), depth + 1)
        elif isinstance(s, ir.DoWhile):
            if _has_own_continue(s.body):
                raise Unsupported("`continue` inside a do-while loop is not supported")
            self.put(depth, "while True:")
            self.loop_body(s.body, (), depth + 1)
            self.put(depth + 1, f"if not {self.paren(s.cond, 5)}:")
            self.put(depth + 2, "break")
        elif isinstance(s, ir.For):
            self.for_loop(s, depth)
        elif isinstance(s, ir.ForRange):
            args = self.range_args(s.start, s.stop, s.step)
            self.put(depth, f"for {self.name(s.var)} in range({args}):")
            self.loop_body(s.body, (), depth + 1)
        elif isinstance(s, ir.ForEach):
            seq = self.expr(s.iterable)[0]
            if s.iterable.type.kind is Kind.MAP:
                seq = f"sorted({self.paren(s.iterable, ATOM)}.items())"  # ascending keys
            elif s.iterable.type.kind is Kind.SET:
                seq = f"sorted({seq})"
            self.put(depth, f"for {self.name(s.var)} in {seq}:")
            self.loop_body(s.body, (), depth + 1)
        elif isinstance(s, ir.Break):
            self.put(depth, "break")
        elif isinstance(s, ir.Continue):
            for upd in self.loop_stack[-1] if self.loop_stack else ():
                self.stmt(upd, depth)
            self.put(depth, "continue")
        elif isinstance(s, ir.Block):
            self.check_shadowing(s)
            for inner in s.body:
                self.stmt(inner, depth)
        elif isinstance(s, ir.SwapVars):
            a, b = self.expr(s.a)[0], self.expr(s.b)[0]
            self.put(depth, f"{a}, {b} = {b}, {a}")
        elif isinstance(s, ir.Check):
            self.put(depth, f"assert {self.expr(s.cond)[0]}, {s.message!r}")
        else:
            raise Unsupported(f"statement {type(s).__name__} has no Python form")

    def check_shadowing(self, block: ir.Block):
        """Python has no block scope: an inner declaration must not hide an outer variable."""
        return None

    def loop_body(self, stmts, updates, depth):
        self.loop_stack.append(tuple(updates))
        self.body(stmts, depth)
        self.loop_stack.pop()

    def range_args(self, start: ir.Expr, stop: ir.Expr, step: int) -> str:
        a, b = self.expr(start)[0], self.expr(stop)[0]
        if step == 1:
            return b if _is_zero(start) else f"{a}, {b}"
        return f"{a}, {b}, {step}"

    def for_loop(self, s: ir.For, depth: int):
        as_range = self.c_for_as_range(s)
        if as_range is not None:
            var, start, stop, step, declared = as_range
            self.put(depth, f"for {self.name(var)} in {self.range_call(start, stop, step)}:")
            self.loop_body(s.body, (), depth + 1)
            return
        for init in s.init:
            self.stmt(init, depth)
        cond = self.expr(s.cond)[0] if s.cond is not None else "True"
        self.put(depth, f"while {cond}:")
        if s.body or not s.update:
            self.loop_body(s.body, s.update, depth + 1)
        if not (s.body and isinstance(s.body[-1], (ir.Return, ir.Break, ir.Continue))):
            for upd in s.update:
                self.stmt(upd, depth + 1)

    def range_call(self, start, stop, step) -> str:
        return f"range({self.range_args(start, stop, step)})"

    def c_for_as_range(self, s: ir.For):
        """(var, start, stop, step, declared) when the C loop is exactly a Python range."""
        if len(s.init) != 1 or len(s.update) != 1 or s.cond is None:
            return None
        init, upd, cond = s.init[0], s.update[0], s.cond
        if isinstance(init, ir.Decl) and init.init is not None and ir.is_int(init.type):
            var, start, declared = init.name, init.init, True
        elif isinstance(init, ir.Assign) and init.op is None and isinstance(init.target, ir.Name) \
                and ir.is_int(init.target.type):
            var, start, declared = init.target.name, init.value, False
        else:
            return None
        if not (isinstance(upd, ir.Assign) and upd.target == ir.Name(var, upd.target.type)
                and upd.op in ("add", "sub") and isinstance(upd.value, ir.Lit)
                and isinstance(upd.value.value, int) and upd.value.value > 0):
            return None
        step = upd.value.value if upd.op == "add" else -upd.value.value
        if not (isinstance(cond, ir.Bin) and cond.op in ("lt", "le", "gt", "ge")
                and isinstance(cond.left, ir.Name) and cond.left.name == var):
            return None
        bound = cond.right
        if var in {n.name for n in ir.walk(bound) if isinstance(n, ir.Name)}:
            return None
        if not ir.is_pure(bound) or {n.name for n in ir.walk(bound) if isinstance(n, ir.Name)} & \
                ir.assigned_names(s.body):
            return None
        if any(isinstance(n, ir.Intrinsic) and n.name in ("append", "pop_back") for n in
               ir.walk_all(s.body)) and any(isinstance(n, ir.Intrinsic) and n.name == "len"
                                            for n in ir.walk(bound)):
            return None
        if var in ir.assigned_names(s.body):
            return None
        if not declared and self.live_after(s, var):
            return None  # C leaves the variable one step past the end; range does not
        if step > 0 and cond.op in ("lt", "le"):
            stop = bound if cond.op == "lt" else _plus(bound, 1)
        elif step < 0 and cond.op in ("gt", "ge"):
            stop = bound if cond.op == "gt" else _plus(bound, -1)
        else:
            return None
        return var, start, stop, step, declared

    def live_after(self, loop: ir.For, var: str) -> bool:
        """Whether some read of `var` can see the value the loop leaves in it."""
        events: list[tuple[str, tuple]] = []

        def names(node) -> set[str]:
            return {n.name for n in ir.walk(node) if isinstance(n, ir.Name)}

        def defines(st) -> bool:
            if isinstance(st, ir.Decl):
                return st.name == var and (st.init is None or var not in names(st.init))
            return (isinstance(st, ir.Assign) and st.op is None and isinstance(st.target, ir.Name)
                    and st.target.name == var and var not in names(st.value))

        def visit(stmts, loops, in_branch):
            for st in stmts:
                if st is loop:
                    events.append(("loop", loops))
                    continue
                if defines(st) and not in_branch:
                    events.append(("def", loops))
                    continue
                if isinstance(st, ir.For):
                    first = st.init[0] if st.init else None
                    if first is not None and defines(first) and not in_branch:
                        events.append(("def", loops))
                    elif any(var in names(x) or var in ir.assigned_names([x])
                             for x in (*st.init, *st.update)) or (
                            st.cond is not None and var in names(st.cond)):
                        events.append(("use", loops))
                    visit(st.body, loops + (st,), in_branch)
                    continue
                blocks = ([st.then, st.orelse] if isinstance(st, ir.If) else
                          [st.body] if isinstance(st, (ir.While, ir.DoWhile, ir.ForRange,
                                                       ir.ForEach, ir.Block)) else [])
                if not blocks:
                    if var in names(st) or var in ir.assigned_names([st]):
                        events.append(("use", loops))
                    continue
                header = [getattr(st, f) for f in ("cond", "start", "stop", "iterable")
                          if getattr(st, f, None) is not None]
                if any(var in names(h) for h in header) or getattr(st, "var", None) == var:
                    events.append(("use", loops))
                is_loop = not isinstance(st, (ir.If, ir.Block))
                for b in blocks:
                    visit(b, loops + ((st,) if is_loop else ()),
                          in_branch or isinstance(st, ir.If))

        visit(self.fn.body, (), False)
        marks = [k for k, (kind, _) in enumerate(events) if kind == "loop"]
        if not marks:
            return True
        k = marks[0]
        if k + 1 < len(events) and events[k + 1][0] == "use":
            return True
        for outer in events[k][1]:
            first = next((e for e in events if outer in e[1]), None)
            if first is not None and first[0] == "use":
                return True
        return False

    def assign(self, s: ir.Assign) -> str:
        if self.char_list(s.target):
            target = self.name(s.target.name)
            if s.op is None and isinstance(s.value, ir.Bin) and s.value.op == "add" and \
                    s.value.left == s.target:
                s = ir.Assign(s.target, s.value.right, "add")  # s = s + x extends
            if s.op is None:
                return f"{target} = list({self.expr(s.value)[0]})"
            if s.op == "add":
                return f"{target} += {self.expr(s.value)[0]}"  # extends by the characters
            raise Unsupported(f"compound assignment {s.op} to a string")
        if isinstance(s.target, ir.Index) and self.char_list(s.target.seq):
            if s.op is not None:
                raise Unsupported("compound assignment to a character of a string")
            return f"{self.raw(s.target.seq)}[{self.expr(s.target.index)[0]}] = " \
                   f"{self.expr(s.value)[0]}"
        target = self.expr(s.target)[0]
        if isinstance(s.target, ir.Index) and s.target.seq.type.kind is Kind.MAP:
            # a read of an absent key is its zero (dict.get), a store is `m[k] = ...`
            target = f"{self.paren(s.target.seq, ATOM)}[{self.expr(s.target.index)[0]}]"
            if s.op is not None:
                if not ir.is_pure(s.target.index):
                    raise Unsupported("compound assignment to a map entry whose key has effects")
                return f"{target} = {self.expr(ir.Bin(s.op, s.target, s.value, s.target.type))[0]}"
        if s.op is None:
            return f"{target} = {self.expr(s.value)[0]}"
        if s.target.type.kind is Kind.STRING and s.op == "add":
            return f"{target} += {self.expr(s.value)[0]}"
        if s.op in COMPOUND and not (s.op == "shl" and False):
            sym = SYMBOL[s.op]
            if s.op == "div" and not ir.is_float(s.target.type):
                raise Unsupported("true division assigned to an integer")
            return f"{target} {sym}= {self.expr(s.value)[0]}"
        full = ir.Bin(s.op, s.target, s.value, s.target.type)
        text, prec = self.expr(full)
        sym = "//" if "div" in s.op else "%"
        if s.op in ("div_trunc", "mod_trunc", "div_floor", "mod_floor") and prec == 12 and \
                text.startswith(f"{target} {sym} "):
            return f"{target} {sym}= {text[len(target) + len(sym) + 2:]}"
        if not ir.is_pure(s.target):
            raise Unsupported("compound assignment to a target with side effects")
        return f"{target} = {text}"

    def expr_stmt(self, e: ir.Expr) -> str:
        if isinstance(e, (ir.IncDec, ir.AssignExpr)):
            raise Unsupported("assignment inside an expression")
        return self.expr(e)[0]

    # ------------------------------------------------------------------ expressions

    def paren(self, e: ir.Expr, min_prec: int) -> str:
        text, prec = self.expr(e)
        return f"({text})" if prec < min_prec else text

    def char_list(self, e: ir.Expr) -> bool:
        return isinstance(e, ir.Name) and e.name in self.char_lists

    def raw(self, e: ir.Expr) -> str:
        """A sequence operand where a list of characters works as well as the string."""
        return self.name(e.name) if self.char_list(e) else self.paren(e, ATOM)

    def expr(self, e: ir.Expr) -> tuple[str, int]:
        if isinstance(e, ir.Lit):
            return self.literal(e)
        if isinstance(e, ir.Name) and e.name in self.char_lists:
            return f"''.join({self.name(e.name)})", ATOM  # the string, wherever read whole
        if isinstance(e, ir.Name):
            return self.name(e.name), ATOM
        if isinstance(e, ir.Const):
            text, prec = CONSTS[e.name]
            if "sys." in text:
                self.imports.add("sys")
            if "math." in text:
                self.imports.add("math")
            return text, prec
        if isinstance(e, ir.Bin):
            return self.binary(e)
        if isinstance(e, ir.Unary):
            if e.op == "not" and isinstance(e.operand, ir.Intrinsic) and \
                    e.operand.name == "contains":
                item, seq = e.operand.args[1], e.operand.args[0]
                return f"{self.paren(item, 7)} not in {self.paren(seq, 7)}", 6
            if e.op == "not":
                return f"not {self.paren(e.operand, 5)}", 5
            sym = {"neg": "-", "pos": "+", "bnot": "~"}[e.op]
            inner = self.paren(e.operand, 13)
            if sym == "-" and inner.startswith("-"):
                inner = f"({inner})"
            return f"{sym}{inner}", 13
        if isinstance(e, ir.Cond):
            return (f"{self.paren(e.then, 3)} if {self.paren(e.test, 3)} else "
                    f"{self.paren(e.orelse, 2)}", 2)
        if isinstance(e, ir.Call):
            return f"{e.name}({', '.join(self.expr(a)[0] for a in e.args)})", ATOM
        if isinstance(e, ir.Intrinsic):
            return self.intrinsic(e)
        if isinstance(e, ir.Index) and e.seq.type.kind is Kind.MAP:
            return (f"{self.paren(e.seq, ATOM)}.get({self.expr(e.index)[0]}, "
                    f"{self.zero(e.type)})", ATOM)
        if isinstance(e, ir.Index):
            return f"{self.raw(e.seq)}[{self.expr(e.index)[0]}]", ATOM
        if isinstance(e, ir.Cast):
            return self.cast(e)
        if isinstance(e, ir.NewArray):
            return self.new_array(e.dims, e.type, e.fill), ATOM
        if isinstance(e, ir.ArrayLit):
            return "[" + ", ".join(self.expr(x)[0] for x in e.elems) + "]", ATOM
        if isinstance(e, (ir.IncDec, ir.AssignExpr)):
            raise Unsupported("`++`, `--` or assignment inside an expression")
        raise Unsupported(f"expression {type(e).__name__} has no Python form")

    def literal(self, e: ir.Lit) -> tuple[str, int]:
        k = e.type.kind
        if k is Kind.BOOL:
            return ("True" if e.value else "False"), ATOM
        if k in (Kind.CHAR, Kind.STRING):
            return repr(str(e.value)), ATOM
        if k in (Kind.DOUBLE, Kind.FLOAT):
            v = float(e.value)
            if v != v or v in (float("inf"), float("-inf")):
                self.imports.add("math")
                return ("math.inf" if v > 0 else "-math.inf"), 13
            return repr(v), (13 if v < 0 else ATOM)
        v = int(e.value)
        return str(v), (13 if v < 0 else ATOM)

    def cast(self, e: ir.Cast) -> tuple[str, int]:
        src, dst = e.expr.type.kind, e.type.kind
        if src is Kind.CHAR and dst in ir.INTEGRAL:
            return f"ord({self.expr(e.expr)[0]})", ATOM
        if src in ir.INTEGRAL and dst is Kind.CHAR:
            return f"chr({self.expr(e.expr)[0]})", ATOM
        if src is Kind.BOOL and dst in ir.NUMERIC:
            return f"int({self.expr(e.expr)[0]})", ATOM
        if src in (Kind.DOUBLE, Kind.FLOAT) and dst in ir.INTEGRAL:
            return f"int({self.expr(e.expr)[0]})", ATOM
        if src in ir.INTEGRAL and dst in (Kind.DOUBLE, Kind.FLOAT):
            return self.expr(e.expr)  # Python mixes int and float arithmetic on its own
        if src in ir.INTEGRAL and dst in ir.INTEGRAL:
            return self.expr(e.expr)  # no fixed width in Python (overflow is not modelled)
        if src in (Kind.DOUBLE, Kind.FLOAT) and dst in (Kind.DOUBLE, Kind.FLOAT):
            return self.expr(e.expr)
        if src is Kind.CHAR and dst in (Kind.DOUBLE, Kind.FLOAT):
            return f"ord({self.expr(e.expr)[0]})", ATOM
        raise Unsupported(f"conversion from {e.expr.type} to {e.type}")

    def binary(self, e: ir.Bin) -> tuple[str, int]:
        op = e.op
        if op in ("eq", "ne", "lt", "le", "gt", "ge"):
            # a % m == 0 and a % m != 0 do not depend on the sign convention
            if _is_zero(e.right) and isinstance(e.left, ir.Bin) and e.left.op in (
                    "mod_trunc", "mod_floor") and ir.is_int(e.left.type) and op in ("eq", "ne"):
                left = f"{self.paren(e.left.left, 12)} % {self.paren(e.left.right, 13)}"
                return f"{left} {SYMBOL[op]} 0", 6
            if _is_zero(e.right) and isinstance(e.left, ir.Intrinsic) and \
                    e.left.name == "str_compare":
                a, b = e.left.args
                return f"{self.paren(a, 7)} {SYMBOL[op]} {self.paren(b, 7)}", 6
            return f"{self.paren(e.left, 7)} {SYMBOL[op]} {self.paren(e.right, 7)}", 6
        if op == "add" and e.type.kind is Kind.STRING:
            return f"{self.paren(e.left, 11)} + {self.paren(e.right, 12)}", 11
        if op == "div_trunc":
            return self.trunc(e, "div")
        if op == "mod_trunc":
            if ir.is_float(e.type):
                self.imports.add("math")
                return f"math.fmod({self.expr(e.left)[0]}, {self.expr(e.right)[0]})", ATOM
            return self.trunc(e, "mod")
        if op == "ushr":
            mask = "0xFFFFFFFF" if e.type.kind is Kind.INT else "0xFFFFFFFFFFFFFFFF"
            return f"({self.paren(e.left, 9)} & {mask}) >> {self.paren(e.right, 11)}", 10
        if op == "div" and not (ir.is_float(e.left.type) or ir.is_float(e.right.type)) and \
                not ir.is_float(e.type):
            raise Unsupported("true division typed as an integer")
        if op not in SYMBOL:
            raise Unsupported(f"operator {op} has no Python form")
        prec = PREC[op]
        if op == "pow":
            return f"{self.paren(e.left, ATOM)} ** {self.paren(e.right, 13)}", prec
        return f"{self.paren(e.left, prec)} {SYMBOL[op]} {self.paren(e.right, prec + 1)}", prec

    def trunc(self, e: ir.Bin, kind: str) -> tuple[str, int]:
        """C / Java `/` and `%` on integers: truncation toward zero, exactly."""
        a, b = e.left, e.right
        sym = "//" if kind == "div" else "%"
        if ir.is_nonneg(a, self.nonneg) and ir.is_nonneg(b, self.nonneg):
            return f"{self.paren(a, 12)} {sym} {self.paren(b, 13)}", 12
        if not (ir.is_pure(a) and ir.is_pure(b)):
            raise Unsupported("truncating division of operands with side effects")
        x = self.paren(a, 12)
        if isinstance(b, ir.Lit) and isinstance(b.value, int) and b.value > 0:
            y = self.paren(b, 13)
            neg = self.paren(ir.Unary("neg", a, a.type), 12)
            return f"{x} {sym} {y} if {self.paren(a, 7)} >= 0 else -({neg} {sym} {y})", 2
        ax, ay = f"abs({self.expr(a)[0]})", f"abs({self.expr(b)[0]})"
        if kind == "div":
            return (f"{ax} // {ay} if ({self.paren(a, 7)} >= 0) == ({self.paren(b, 7)} > 0) "
                    f"else -({ax} // {ay})", 2)
        return f"{ax} % {ay} if {self.paren(a, 7)} >= 0 else -({ax} % {ay})", 2

    def new_array(self, dims, t: Type, fill) -> str:
        if t.kind is Kind.LIST and len(dims) == 1 and _is_zero(dims[0]) and fill is None:
            return "[]"
        if not dims:
            raise Unsupported("array without sizes")
        if len(dims) == 1:
            elem = t.elem
            if elem.is_sequence:
                raise Unsupported("array of arrays with one size")
            value = self.expr(fill)[0] if fill is not None else ZERO.get(elem.kind)
            if value is None:
                raise Unsupported(f"default value of {elem}")
            return f"[{value}] * {self.paren(dims[0], 12)}"
        inner = self.new_array(dims[1:], t.elem, fill)
        return f"[{inner} for _ in range({self.expr(dims[0])[0]})]"

    def zero(self, t: Type) -> str:
        if t.kind not in ZERO:
            raise Unsupported(f"default value of {t}")
        return ZERO[t.kind]

    def intrinsic(self, e: ir.Intrinsic) -> tuple[str, int]:
        n, a = e.name, e.args
        x = [self.expr(arg)[0] for arg in a]
        if n == "empty":
            return ("{}" if e.type.kind is Kind.MAP else "set()"), ATOM
        if n == "print":
            return f"print({''.join(p + ', ' for p in x)}sep='', end='')", ATOM
        if n == "map_get_strict":
            return f"{self.paren(a[0], ATOM)}[{x[1]}]", ATOM  # KeyError when absent
        if n == "map_get_insert":
            return f"{self.paren(a[0], ATOM)}.setdefault({x[1]}, {self.zero(e.type)})", ATOM
        if n == "set_add":
            return f"{self.paren(a[0], ATOM)}.add({x[1]})", ATOM
        if n == "remove_key":
            if a[0].type.kind is Kind.MAP:
                return f"{self.paren(a[0], ATOM)}.pop({x[1]}, None)", ATOM
            return f"{self.paren(a[0], ATOM)}.discard({x[1]})", ATOM
        if n in ("pair_first", "pair_second"):
            return f"{self.paren(a[0], ATOM)}[{0 if n == 'pair_first' else 1}]", ATOM
        if n in ("min", "max", "abs"):
            return f"{n}({', '.join(x)})", ATOM
        if n in MATH:
            self.imports.add("math")
            return f"math.{n}({', '.join(x)})", ATOM
        if n == "len":
            return f"len({self.raw(a[0]) if self.char_list(a[0]) else x[0]})", ATOM
        if n == "round_half_even":
            return f"float(round({x[0]}))", ATOM
        if n == "popcount":
            # the bits of a negative number as C++'s unsigned conversion sees them
            mask = "0xFFFFFFFFFFFFFFFF" if a[0].type.kind is Kind.LONG else "0xFFFFFFFF"
            return f"bin({self.paren(a[0], 8)} & {mask}).count('1')", ATOM
        if n == "round_half_away":
            # math.floor(x + 0.5) misrounds 0.49999999999999994; fmod raises on infinity
            raise Unsupported("C's round (ties away from zero) has no exact Python one-liner")
        if n == "ord_of_string":
            return f"ord({x[0]})", ATOM
        if n == "append":
            return f"{self.paren(a[0], ATOM)}.append({x[1]})", ATOM
        if n == "pop_back":
            return f"{self.paren(a[0], ATOM)}.pop()", ATOM
        if n == "pop_front":
            return f"{self.paren(a[0], ATOM)}.pop(0)", ATOM
        if n == "remove_at":
            return f"{self.paren(a[0], ATOM)}.pop({x[1]})", ATOM
        if n == "sort":
            return f"{self.paren(a[0], ATOM)}.sort()", ATOM
        if n == "reverse":
            return f"{self.paren(a[0], ATOM)}.reverse()", ATOM
        if n == "sort_range":
            s = self.paren(a[0], ATOM)
            part = f"{s}[{self.slice_bound(a[1])}:{x[2]}]"
            return f"{part} = sorted({part})", 0
        if n == "sort_desc":
            s = self.paren(a[0], ATOM)
            if _is_zero(a[1]) and isinstance(a[2], ir.Intrinsic) and a[2].name == "len" and \
                    a[2].args[0] == a[0]:
                return f"{s}.sort(reverse=True)", ATOM
            part = f"{s}[{self.slice_bound(a[1])}:{x[2]}]"
            return f"{part} = sorted({part}, reverse=True)", 0
        if n == "fill":
            s = self.paren(a[0], ATOM)
            return f"{s}[:] = [{x[1]}] * len({s})", 0
        if n == "substr":
            s = self.paren(a[0], ATOM)
            stop = a[2]
            if isinstance(stop, ir.Intrinsic) and stop.name == "min" and len(stop.args) == 2 and \
                    isinstance(stop.args[1], ir.Intrinsic) and stop.args[1].name == "len" and \
                    stop.args[1].args[0] == a[0]:
                stop = stop.args[0]  # slicing clips at the end by itself
            end = "" if (isinstance(stop, ir.Intrinsic) and stop.name == "len" and
                         stop.args[0] == a[0]) else self.expr(stop)[0]
            return f"{s}[{self.slice_bound(a[1])}:{end}]", ATOM
        if n in ("max_range", "min_range", "sum_range"):
            s = self.paren(a[0], ATOM)
            fn = n[:3]
            whole = _is_zero(a[1]) and isinstance(a[2], ir.Intrinsic) and a[2].name == "len"
            return (f"{fn}({s})" if whole else
                    f"{fn}({s}[{self.slice_bound(a[1])}:{x[2]}])"), ATOM
        if n == "to_string":
            if a[0].type.kind is Kind.BOOL:
                return f"('true' if {x[0]} else 'false')", ATOM
            return f"str({x[0]})", ATOM
        if n == "char_to_string":
            return x[0], self.expr(a[0])[1]
        if n == "parse_int":
            return f"int({x[0]})", ATOM
        if n in CHAR_TESTS:
            return f"{self.paren(a[0], ATOM)}.{CHAR_TESTS[n]}()", ATOM
        if n in ("to_upper", "to_lower"):
            return f"{self.paren(a[0], ATOM)}.{'upper' if n == 'to_upper' else 'lower'}()", ATOM
        if n == "str_reverse":
            return f"{self.paren(a[0], ATOM)}[::-1]", ATOM
        if n == "str_repeat":
            return f"{self.paren(a[0], 12)} * {self.paren(a[1], 13)}", 12
        if n == "copy":
            return f"list({x[0]})", ATOM
        if n == "to_char_array":
            return f"list({x[0]})", ATOM
        if n == "chars_to_string":
            return f"''.join({x[0]})", ATOM
        if n == "contains":
            return f"{self.paren(a[1], 7)} in {self.paren(a[0], 7)}", 6
        if n == "str_compare":
            left, right = self.paren(a[0], 7), self.paren(a[1], 7)
            return f"({left} > {right}) - ({left} < {right})", 11
        raise Unsupported(f"{n} has no Python form")

    def slice_bound(self, e: ir.Expr) -> str:
        return "" if _is_zero(e) else self.expr(e)[0]


def _is_zero(e: ir.Expr) -> bool:
    return isinstance(e, ir.Lit) and not isinstance(e.value, bool) and e.value == 0


def _plus(e: ir.Expr, k: int) -> ir.Expr:
    if isinstance(e, ir.Lit) and isinstance(e.value, int):
        return ir.Lit(e.value + k, e.type)
    if isinstance(e, ir.Bin) and e.op in ("add", "sub") and isinstance(e.right, ir.Lit):
        delta = e.right.value if e.op == "add" else -e.right.value
        total = delta + k
        if total == 0:
            return e.left
        return ir.Bin("add" if total > 0 else "sub", e.left, ir.Lit(abs(total), e.right.type),
                      e.type)
    return ir.Bin("add" if k > 0 else "sub", e, ir.Lit(abs(k), e.type), e.type)


def _has_own_continue(stmts) -> bool:
    for s in stmts:
        if isinstance(s, ir.Continue):
            return True
        if isinstance(s, ir.If) and (_has_own_continue(s.then) or _has_own_continue(s.orelse)):
            return True
        if isinstance(s, ir.Block) and _has_own_continue(s.body):
            return True
    return False


def hoist_increments(s: ir.Stmt):
    """`a[j++] = x` as `a[j] = x; j += 1`: Python has no increment expressions.

    Allowed only when the incremented variable appears once in the statement, so moving
    the update before (prefix) or after (postfix) the statement changes nothing else.
    """
    from dataclasses import fields, replace

    before: list[ir.Stmt] = []
    after: list[ir.Stmt] = []
    counts: dict[str, int] = {}
    for n in ir.walk(s):
        if isinstance(n, ir.Name):
            counts[n.name] = counts.get(n.name, 0) + 1

    def go(node):
        if isinstance(node, tuple):
            return tuple(go(x) for x in node)
        if isinstance(node, ir.IncDec):
            target = node.target
            if not isinstance(target, ir.Name) or counts.get(target.name, 0) != 1:
                raise Unsupported("`++` / `--` inside an expression that reads the variable "
                                  "again")
            update = ir.Assign(target, ir.Lit(1, target.type), "add" if node.op == "inc"
                               else "sub")
            (before if node.prefix else after).append(update)
            return target
        if not isinstance(node, (ir.Expr, ir.Stmt)):
            return node
        changes = {}
        for f in fields(node):
            value = getattr(node, f.name)
            if isinstance(value, (ir.Expr, tuple)):
                new = go(value)
                if new is not value:
                    changes[f.name] = new
        return replace(node, **changes) if changes else node

    return go(s), before, after

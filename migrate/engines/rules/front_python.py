"""Python front-end: a `def` to the IR, with types from `migrate.lang.pytypes`.

Python has no declarations, so after lowering, `declare()` places one per local
variable: at the innermost block that holds every use, turning the first plain
assignment there into the declaration (or inserting one before the first use when the
value must survive loop iterations or branches).

The Python tree comes from the standard library's `ast` rather than tree-sitter: it is the
language's own parser, so operator precedence, chained comparisons and literals are exact.
"""

from __future__ import annotations

import ast
import dataclasses

from migrate.engines.rules import ir
from migrate.engines.rules.ir import (
    BOOL,
    CHAR,
    DOUBLE,
    INT,
    LONG,
    STRING,
    UNKNOWN,
    VOID,
    Unsupported,
)
from migrate.lang import pytypes
from migrate.units import Function, Kind, Type

ARITH = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.BitAnd: "band", ast.BitOr: "bor",
         ast.BitXor: "bxor", ast.LShift: "shl", ast.RShift: "shr"}
CMP = {ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge", ast.Eq: "eq", ast.NotEq: "ne"}
CHAR_TESTS = {"isdigit": "is_digit", "isalpha": "is_alpha", "isalnum": "is_alnum",
              "isupper": "is_upper", "islower": "is_lower", "isspace": "is_space"}
MATH1 = {"sqrt", "exp", "log10", "log2", "sin", "cos", "tan", "asin", "acos", "atan", "fabs"}
MATH2 = {"pow", "atan2", "hypot"}


class PythonFront:
    def __init__(self, resolve_call, function: Function):
        self.resolve_call = resolve_call
        self.function = function
        self.env: dict[str, Type] = {}
        self.line_offset = function.line - 1 if function.span else 0
        self.returns = UNKNOWN
        self.loop_vars: set[str] = set()

    def fail(self, node, reason: str):
        line = getattr(node, "lineno", None)
        raise Unsupported(reason, line + self.line_offset if line else None)

    # ------------------------------------------------------------------ entry

    def lower(self, root, doc: str | None) -> ir.FunctionIR:
        fn = pytypes.parse_function(self.function)
        if fn is None:
            raise Unsupported("the function does not parse with Python's own parser")
        if fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs:
            self.fail(fn, "keyword-only or variadic parameters are not supported")
        if fn.decorator_list:
            self.fail(fn, "decorated functions are not supported")
        same = [f for f in getattr(self.resolve_call, "context", None).same_file(self.function)] \
            if hasattr(self.resolve_call, "context") else []
        types = pytypes.infer_function(self.function, same)
        if types is None:
            raise Unsupported("the function does not parse")
        if types.conflicts:
            self.fail(fn, f"a variable changes type: {types.conflicts[0]}")
        self.env = dict(types.locals)
        for name, t in types.params:
            self.env[name] = t
        self.returns = types.returns
        self.check_features(fn)
        body = fn.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            doc = doc or body[0].value.value
            body = body[1:]
        stmts = self.block(body)
        defaults = self.defaults(fn, dict(types.params))
        params = tuple(ir.Param(n, t, by_reference=t.is_sequence, default=defaults.get(n))
                       for n, t in types.params)
        for p in params:
            if not p.type.is_known:
                self.fail(fn, f"could not infer the type of parameter `{p.name}`")
        stmts = shared_loop_vars(tuple(stmts), fn.lineno + self.line_offset)
        stmts = declare(tuple(stmts), self.env, {p.name for p in params})
        if self.returns.kind is not Kind.VOID and not _always_returns(stmts):
            # Python falls off the end with None, which a typed target cannot return
            self.fail(fn, "some path ends without returning a value (returns None)")
        return ir.FunctionIR(self.function.name, params, self.returns, stmts,
                             doc=_clean_doc(doc), notes=tuple(types.notes))

    def defaults(self, fn: ast.FunctionDef, types: dict[str, Type]) -> dict[str, ir.Lit]:
        """Default values of trailing parameters: scalar literals only.

        Python evaluates a default once, when the `def` runs; a literal of an immutable
        type is the same value on every call, which is what an overload (Java) or a
        default argument (C++) gives.
        """
        args = fn.args.posonlyargs + fn.args.args
        out: dict[str, ir.Lit] = {}
        for arg, node in zip(args[len(args) - len(fn.args.defaults):], fn.args.defaults,
                             strict=True):
            value = node
            negative = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            if negative:
                value = node.operand
            if not isinstance(value, ast.Constant) or value.value is None or (
                    negative and not isinstance(value.value, (int, float))) or isinstance(
                    value.value, (bytes, complex)):
                self.fail(node, f"default value `{_src(node)}` of `{arg.arg}` is not supported "
                                "(only literal numbers, booleans and strings)")
            lit = self.expr(node)
            t = types.get(arg.arg, UNKNOWN)
            if not isinstance(lit, ir.Lit) or not t.is_known or t.is_sequence:
                self.fail(node, f"default value `{_src(node)}` of `{arg.arg}` is not supported")
            converted: ir.Expr | None = None
            if lit.type == t:
                converted = lit
            elif lit.type.kind is Kind.CHAR and t.kind is Kind.STRING:
                converted = ir.Lit(lit.value, t)
            elif ir.is_int(lit.type) and (ir.is_int(t) or ir.is_float(t)):
                converted = self.convert(lit, t, node)
            if not isinstance(converted, ir.Lit):
                self.fail(node, f"default value `{_src(node)}` does not fit `{arg.arg}` ({t})")
            out[arg.arg] = converted
        return out

    def check_features(self, fn: ast.FunctionDef):
        for node in ast.walk(fn):
            if node is fn:
                continue
            kind = None
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                kind = "nested functions and lambdas"
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                kind = "global / nonlocal variables"
            elif isinstance(node, (ast.Yield, ast.YieldFrom)):
                kind = "generators"
            elif isinstance(node, (ast.Try, ast.Raise)):
                kind = "exceptions"
            elif isinstance(node, (ast.Dict, ast.Set, ast.DictComp, ast.SetComp)):
                kind = "dicts and sets"
            elif isinstance(node, ast.GeneratorExp):
                kind = "generator expressions"
            elif isinstance(node, ast.With):
                kind = "with statements"
            if kind:
                self.fail(node, f"{kind} are not supported")

    # ------------------------------------------------------------------ statements

    def block(self, stmts) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for s in stmts:
            out.extend(self.stmt(s))
        return out

    def stmt(self, node: ast.stmt) -> list[ir.Stmt]:
        if isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant):
                return []
            if isinstance(node.value, ast.Call):
                return self.call_stmt(node.value)
            self.fail(node, "expression statement without effect")
        if isinstance(node, ast.Pass):
            return []
        if isinstance(node, ast.Break):
            return [ir.Break()]
        if isinstance(node, ast.Continue):
            return [ir.Continue()]
        if isinstance(node, ast.Return):
            if node.value is None:
                if self.returns.kind is not Kind.VOID:
                    self.fail(node, "`return` without a value in a function that returns one")
                return [ir.Return(None)]
            if isinstance(node.value, ast.Constant) and node.value.value is None:
                self.fail(node, "returning None")
            if isinstance(node.value, ast.Tuple):
                self.fail(node, "returning a tuple")
            value = self.expr(node.value)
            return [ir.Return(self.convert(value, self.returns, node))]
        if isinstance(node, ast.If):
            return [ir.If(self.cond(node.test), tuple(self.block(node.body)),
                          tuple(self.block(node.orelse)))]
        if isinstance(node, ast.While):
            if node.orelse:
                self.fail(node, "while ... else is not supported")
            return [ir.While(self.cond(node.test), tuple(self.block(node.body)))]
        if isinstance(node, ast.For):
            return self.for_stmt(node)
        if isinstance(node, ast.Assign):
            return self.assign(node)
        if isinstance(node, ast.AnnAssign):
            if node.value is None:
                return []
            target = self.lvalue(node.target)
            return [ir.Assign(target, self.convert(self.expr(node.value), target.type, node))]
        if isinstance(node, ast.AugAssign):
            return self.aug_assign(node)
        if isinstance(node, ast.Delete):
            self.fail(node, "del is not supported")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.fail(node, "imports inside a function are not supported")
        if isinstance(node, ast.Assert):
            return [self.assert_stmt(node)]
        self.fail(node, f"{type(node).__name__} statements are not supported")

    def assert_stmt(self, node: ast.Assert) -> ir.Stmt:
        """`assert c` / `assert c, "text"`: a check that always runs in the target."""
        if node.msg is None:
            message = _src(node.test)
        elif isinstance(node.msg, ast.Constant) and isinstance(node.msg.value, str):
            message = node.msg.value
        else:
            self.fail(node, "an assert message that is not a string literal is not supported")
        return ir.Check(self.cond(node.test), message)

    def call_stmt(self, call: ast.Call) -> list[ir.Stmt]:
        f = call.func
        if isinstance(f, ast.Name) and f.id == "print":
            self.fail(call, "printing is not supported")
        if isinstance(f, ast.Attribute) and f.attr == "pop" and not call.args:
            seq = self.expr(f.value)
            if seq.type.kind is Kind.LIST:
                return [ir.ExprStmt(ir.Intrinsic("pop_back", (seq,), VOID))]
        return [ir.ExprStmt(self.expr(call))]

    def for_stmt(self, node: ast.For) -> list[ir.Stmt]:
        if node.orelse:
            self.fail(node, "for ... else is not supported")
        if not isinstance(node.target, ast.Name):
            self.fail(node, "for-loop targets other than one name are not supported")
        var = node.target.id
        it = node.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range":
            args = [self.convert(self.expr(a), self.env.get(var, INT), node) for a in it.args]
            for a in args:
                if not ir.is_int(a.type):
                    self.fail(node, "range() of a non-integer")
            if len(args) == 1:
                start, stop, step = ir.Lit(0, args[0].type), args[0], 1
            elif len(args) in (2, 3):
                start, stop = args[0], args[1]
                step = 1
                if len(args) == 3:
                    s = args[2]
                    if not (isinstance(s, ir.Lit) and isinstance(s.value, int) and s.value != 0):
                        self.fail(node, "range() with a step that is not a nonzero literal")
                    step = s.value
            else:
                self.fail(node, "range() needs 1 to 3 arguments")
            body = tuple(self.block(node.body))
            rebinds = var in ir.assigned_names(body)
            return [ir.ForRange(var, self.env.get(var, INT), start, stop, step, body, rebinds)]
        seq = self.expr(it)
        if seq.type.kind is Kind.STRING:
            elem = CHAR
        elif seq.type.is_sequence:
            elem = seq.type.elem
        else:
            self.fail(node, f"iterating over a {seq.type} is not supported")
        body = tuple(self.block(node.body))
        if var in ir.assigned_names(body):
            self.fail(node, f"the body reassigns the loop variable `{var}`")
        if isinstance(seq, ir.Name) and seq.name in ir.assigned_names(body):
            self.fail(node, "the loop changes the sequence it iterates")
        return [ir.ForEach(var, elem, seq, body)]

    def assign(self, node: ast.Assign) -> list[ir.Stmt]:
        if len(node.targets) > 1:
            value = self.expr(node.value)
            if value.type.is_sequence:
                self.fail(node, "chained assignment of a list (the names would alias)")
            out = []
            first = self.lvalue(node.targets[-1])
            out.append(ir.Assign(first, self.convert(value, first.type, node)))
            for t in reversed(node.targets[:-1]):
                target = self.lvalue(t)
                out.append(ir.Assign(target, self.convert(first, target.type, node)))
            return out
        target_node = node.targets[0]
        if isinstance(target_node, ast.Tuple):
            return self.tuple_assign(target_node, node.value, node)
        if _is_call(node.value, "sorted") and isinstance(target_node, ast.Name):
            return self.sorted_assign(target_node, node.value, node)
        target = self.lvalue(target_node)
        value = self.expr(node.value)
        if value.type.is_sequence and isinstance(value, ir.Name):
            self.fail(node, "assigning one list to another name (aliasing) is not supported")
        return [ir.Assign(target, self.convert(value, target.type, node))]

    def sorted_assign(self, target_node: ast.Name, call: ast.Call, node) -> list[ir.Stmt]:
        """`x = sorted(seq)`: a copy of `seq`, then an ascending sort of the copy."""
        if call.keywords or len(call.args) != 1:
            self.fail(node, "sorted() with a key, reverse or more arguments is not supported")
        seq = self.expr(call.args[0])
        if not seq.type.is_sequence:
            self.fail(node, f"sorted() of a {seq.type} is not supported")
        if seq.type.elem is None or seq.type.elem.is_sequence or seq.type.elem.kind is Kind.BOOL:
            self.fail(node, f"sorted() of a {seq.type} is not supported")
        target = self.lvalue(target_node)
        copy = self.convert(ir.Intrinsic("copy", (seq,), seq.type), target.type, node)
        return [ir.Assign(target, copy), ir.ExprStmt(ir.Intrinsic("sort", (target,), VOID))]

    def tuple_assign(self, targets: ast.Tuple, value: ast.expr, node) -> list[ir.Stmt]:
        if not isinstance(value, ast.Tuple) or len(value.elts) != len(targets.elts):
            self.fail(node, "tuple unpacking of a non-tuple")
        lhs = [self.lvalue(t) for t in targets.elts]
        rhs = [self.expr(v) for v in value.elts]
        if len(lhs) == 2 and rhs[0] == lhs[1] and rhs[1] == lhs[0] and all(
                ir.is_pure(x) for x in lhs):
            return [ir.SwapVars(lhs[0], lhs[1], lhs[0].type)]
        written: set = set()
        out: list[ir.Stmt] = []
        temps: list[ir.Stmt] = []
        assigns: list[ir.Stmt] = []
        for j, (target, val) in enumerate(zip(lhs, rhs, strict=False)):
            reads = {n for n in ir.walk(val) if isinstance(n, (ir.Name, ir.Index))}
            val = self.convert(val, target.type, node)
            # a value reading a target assigned before it must be computed first
            if any(_overlaps(r, w) for r in reads for w in lhs[:j]):
                if not isinstance(target, ir.Name):
                    self.fail(node, "tuple assignment that reads what it writes")
                tmp = f"{target.name}_next"
                while tmp in self.env:
                    tmp += "_"
                self.env[tmp] = target.type
                temps.append(ir.Decl(tmp, target.type, val))
                assigns.append(ir.Assign(target, ir.Name(tmp, target.type)))
            else:
                assigns.append(ir.Assign(target, val))
            written.add(target)
        out.extend(temps)
        out.extend(assigns)
        return out

    def aug_assign(self, node: ast.AugAssign) -> list[ir.Stmt]:
        target = self.lvalue(node.target)
        value = self.expr(node.value)
        tt = target.type
        if tt.kind is Kind.STRING and isinstance(node.op, ast.Add):
            return [ir.Assign(target, self.to_string(value, node), "add")]
        full = self.binop(node.op, target, value, node)
        if full.type != tt:
            if ir.is_float(full.type) and ir.is_int(tt):
                self.fail(node, f"`{_src(node)}` turns an integer variable into a float")
            full = self.convert(full, tt, node)
        if isinstance(full, ir.Bin) and full.left == target and full.type == tt:
            return [ir.Assign(target, full.right, full.op)]
        return [ir.Assign(target, full)]

    # ------------------------------------------------------------------ expressions

    def lvalue(self, node) -> ir.Expr:
        if isinstance(node, ast.Name):
            t = self.env.get(node.id, UNKNOWN)
            if not t.is_known:
                self.fail(node, f"could not infer the type of `{node.id}`")
            return ir.Name(node.id, t)
        if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            e = self.expr(node)
            if isinstance(e, ir.Index) and e.seq.type.kind is Kind.STRING:
                self.fail(node, "strings are immutable")
            return e
        self.fail(node, "assignment to this kind of target is not supported")

    def cond(self, node) -> ir.Expr:
        return self.truth(self.expr(node, in_condition=True), node)

    def truth(self, e: ir.Expr, node) -> ir.Expr:
        k = e.type.kind
        if k is Kind.BOOL:
            return e
        if k in ir.INTEGRAL:
            return ir.Bin("ne", e, ir.Lit(0, e.type), BOOL)
        if ir.is_float(e.type):
            return ir.Bin("ne", e, ir.Lit(0.0, e.type), BOOL)
        if k is Kind.STRING or e.type.is_sequence:
            return ir.Bin("ne", ir.Intrinsic("len", (e,), INT), ir.Lit(0, INT), BOOL)
        self.fail(node, f"truth value of a {e.type}")

    def expr(self, node, in_condition: bool = False) -> ir.Expr:
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            if node.id not in self.env:
                if self.function.is_method and node.id in ("self", "cls"):
                    self.fail(node, "the method uses its object's state "
                                    f"(`{_src(node)}`), which is not supported")
                self.fail(node, f"unknown name `{node.id}` (a global?) is not supported")
            t = self.env[node.id]
            if not t.is_known:
                self.fail(node, f"could not infer the type of `{node.id}`")
            return ir.Name(node.id, t)
        if isinstance(node, ast.BinOp):
            return self.binop(node.op, None, None, node)
        if isinstance(node, ast.UnaryOp):
            operand = self.expr(node.operand, in_condition and isinstance(node.op, ast.Not))
            if isinstance(node.op, ast.Not):
                return ir.negate(self.truth(operand, node))
            if isinstance(node.op, ast.USub):
                if isinstance(operand, ir.Lit) and ir.is_numeric(operand.type):
                    return ir.Lit(-operand.value, operand.type)
                t = INT if operand.type.kind is Kind.BOOL else operand.type
                self.numeric(operand, node)
                return ir.Unary("neg", self.convert(operand, t, node), t)
            if isinstance(node.op, ast.UAdd):
                return operand
            if isinstance(node.op, ast.Invert):
                if not ir.is_int(operand.type):
                    self.fail(node, "~ on a non-integer")
                return ir.Unary("bnot", operand, operand.type)
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            values = [self.expr(v, in_condition) for v in node.values]
            if not in_condition and not all(v.type.kind is Kind.BOOL for v in values):
                self.fail(node, f"`{op}` on non-booleans returns one of its operands")
            values = [self.truth(v, node) for v in values]
            out = values[0]
            for v in values[1:]:
                out = ir.Bin(op, out, v, BOOL)
            return out
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.IfExp):
            test = self.cond(node.test)
            a, b = self.expr(node.body), self.expr(node.orelse)
            t = self.common(a.type, b.type, node)
            return ir.Cond(test, self.convert(a, t, node), self.convert(b, t, node), t)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.List):
            elems = [self.expr(e) for e in node.elts]
            t = UNKNOWN
            for e in elems:
                t = self.common(t, e.type, node) if t != UNKNOWN else e.type
            if not elems:
                return ir.NewArray((ir.Lit(0, INT),), ir.list_of(UNKNOWN))
            return ir.ArrayLit(tuple(self.convert(e, t, node) for e in elems), ir.array_of(t))
        if isinstance(node, ast.ListComp):
            return self.list_comp(node)
        if isinstance(node, ast.JoinedStr):
            self.fail(node, "f-strings are not supported")
        self.fail(node, f"{type(node).__name__} expressions are not supported")

    def constant(self, node: ast.Constant) -> ir.Expr:
        v = node.value
        if isinstance(v, bool):
            return ir.Lit(v, BOOL)
        if isinstance(v, int):
            if abs(v) > 2**63 - 1:
                self.fail(node, f"integer {v} does not fit 64 bits")
            return ir.Lit(v, INT if abs(v) <= 2**31 - 1 else LONG)
        if isinstance(v, float):
            return ir.Lit(v, DOUBLE)
        if isinstance(v, str):
            return ir.Lit(v, CHAR if len(v) == 1 else STRING)
        self.fail(node, f"literal {v!r} is not supported")

    def attribute(self, node: ast.Attribute) -> ir.Expr:
        base = node.value.id if isinstance(node.value, ast.Name) else None
        if base == "math":
            consts = {"pi": "PI", "e": "E", "inf": "INF"}
            if node.attr in consts:
                return ir.Const(consts[node.attr], DOUBLE)
        if base == "sys" and node.attr == "maxsize":
            return ir.Const("LONG_MAX", LONG)
        if base in ("self", "cls") and self.function.is_method and base not in self.env:
            self.fail(node, f"the method uses its object's state (`{_src(node)}`), which is "
                            "not supported")
        self.fail(node, f"attribute `{_src(node)}` is not supported")

    def numeric(self, e: ir.Expr, node):
        if e.type.kind not in (*ir.NUMERIC, Kind.BOOL):
            self.fail(node, f"arithmetic on a {e.type}")

    def binop(self, op: ast.operator, left: ir.Expr | None, right: ir.Expr | None,
              node) -> ir.Expr:
        if left is None:
            assert isinstance(node, ast.BinOp)
            if isinstance(op, ast.Mult) and isinstance(node.left, ast.List):
                return self.repeat_list(node)
            left, right = self.expr(node.left), self.expr(node.right)
        lk, rk = left.type.kind, right.type.kind
        if isinstance(op, ast.Add) and (lk in (Kind.STRING, Kind.CHAR) or rk in (Kind.STRING,
                                                                               Kind.CHAR)):
            return ir.Bin("add", self.to_string(left, node), self.to_string(right, node), STRING)
        if isinstance(op, ast.Mult) and lk in (Kind.STRING, Kind.CHAR) and ir.is_int(right.type):
            return ir.Intrinsic("str_repeat", (self.to_string(left, node), right), STRING)
        if isinstance(op, ast.Mod) and lk in (Kind.STRING, Kind.CHAR):
            self.fail(node, "string formatting with % is not supported")
        self.numeric(left, node)
        self.numeric(right, node)
        if lk is Kind.BOOL and rk is Kind.BOOL and type(op) in (ast.BitAnd, ast.BitOr,
                                                                 ast.BitXor):
            return ir.Bin(ARITH[type(op)], left, right, BOOL)
        t = ir.promote(left.type, right.type)
        if t.kind is Kind.FLOAT:
            t = DOUBLE
        if isinstance(op, ast.Div):
            return ir.Bin("div", self.convert(left, DOUBLE, node), self.convert(right, DOUBLE,
                                                                              node), DOUBLE)
        a, b = self.convert(left, t, node), self.convert(right, t, node)
        if isinstance(op, ast.FloorDiv):
            if ir.is_int(t):
                return ir.Bin("div_floor", a, b, t)
            return ir.Intrinsic("floor", (ir.Bin("div", a, b, DOUBLE),), DOUBLE)
        if isinstance(op, ast.Mod):
            return ir.Bin("mod_floor", a, b, t)
        if isinstance(op, ast.Pow):
            if ir.is_int(t):
                if isinstance(b, ir.Lit) and b.value < 0:
                    return ir.Intrinsic("pow", (self.convert(a, DOUBLE, node),
                                                self.convert(b, DOUBLE, node)), DOUBLE)
                small = isinstance(b, ir.Lit) and (b.value <= 2 or (
                    isinstance(a, ir.Lit) and abs(a.value ** b.value) < 2**31))
                if not small:
                    # a power plausibly leaves 32 bits (pytypes widens it the same way)
                    t = LONG
                    a, b = self.convert(a, t, node), self.convert(b, t, node)
                return ir.Bin("pow", a, b, t)
            return ir.Intrinsic("pow", (a, b), DOUBLE)
        name = ARITH.get(type(op))
        if name is None:
            self.fail(node, f"operator {type(op).__name__} is not supported")
        if name in ("band", "bor", "bxor", "shl", "shr") and not ir.is_int(t):
            self.fail(node, "bitwise operation on a float")
        if name in ("shl", "shr"):
            return ir.Bin(name, a, self.convert(right, INT, node) if rk is not Kind.LONG else b, t)
        return ir.Bin(name, a, b, t)

    def to_string(self, e: ir.Expr, node) -> ir.Expr:
        if e.type.kind is Kind.STRING:
            return e
        if e.type.kind is Kind.CHAR:
            return ir.Intrinsic("char_to_string", (e,), STRING)
        self.fail(node, f"adding a {e.type} to a string (a TypeError in Python)")

    def repeat_list(self, node: ast.BinOp) -> ir.Expr:
        """`[x] * n`: a new array of n copies of x (rows of `[[0] * m] * n` would alias)."""
        elts = node.left.elts
        if len(elts) != 1:
            self.fail(node, "repeating a list of several elements")
        count = self.expr(node.right)
        if not ir.is_int(count.type):
            self.fail(node, "list repeat count is not an integer")
        fill = self.expr(elts[0])
        if fill.type.is_sequence:
            self.fail(node, "`[row] * n` makes every row the same list")
        if not isinstance(fill, (ir.Lit, ir.Const)) and not (isinstance(fill, ir.Unary) and
                                                            isinstance(fill.operand, ir.Const)):
            self.fail(node, "list filled with a non-constant value")
        is_zero = isinstance(fill, ir.Lit) and fill.value in (0, 0.0, False) and \
            fill.type.kind not in (Kind.CHAR, Kind.STRING)
        return ir.NewArray((self.convert(count, INT, node),), ir.array_of(fill.type),
                           None if is_zero else fill)

    def list_comp(self, node: ast.ListComp) -> ir.Expr:
        if len(node.generators) != 1:
            self.fail(node, "nested comprehensions are not supported")
        gen = node.generators[0]
        if gen.ifs or not isinstance(gen.target, ast.Name) or not (
                isinstance(gen.iter, ast.Call) and isinstance(gen.iter.func, ast.Name) and
                gen.iter.func.id == "range" and len(gen.iter.args) == 1):
            self.fail(node, "only `[value for _ in range(n)]` comprehensions are supported")
        var = gen.target.id
        if any(isinstance(n, ast.Name) and n.id == var for n in ast.walk(node.elt)):
            self.fail(node, "comprehension whose value depends on the loop variable")
        count = self.convert(self.expr(gen.iter.args[0]), INT, node)
        inner = self.expr(node.elt)
        if isinstance(inner, ir.NewArray):
            return ir.NewArray((count, *inner.dims), ir.array_of(inner.type), inner.fill)
        if inner.type.is_sequence:
            self.fail(node, "comprehension of non-constant rows")
        if not isinstance(inner, (ir.Lit, ir.Const)):
            self.fail(node, "comprehension of a non-constant value")
        is_zero = isinstance(inner, ir.Lit) and inner.value in (0, 0.0, False) and \
            inner.type.kind not in (Kind.CHAR, Kind.STRING)
        return ir.NewArray((count,), ir.array_of(inner.type), None if is_zero else inner)

    def compare(self, node: ast.Compare) -> ir.Expr:
        items = [self.expr(x) for x in (node.left, *node.comparators)]
        parts = []
        for i, op in enumerate(node.ops):
            a, b = items[i], items[i + 1]
            if 0 < i and not ir.is_pure(a):
                self.fail(node, "chained comparison with a side effect in the middle")
            parts.append(self.compare_pair(op, a, b, node))
        out = parts[0]
        for p in parts[1:]:
            out = ir.Bin("and", out, p, BOOL)
        return out

    def compare_pair(self, op, a: ir.Expr, b: ir.Expr, node) -> ir.Expr:
        if isinstance(op, (ast.In, ast.NotIn)):
            if b.type.kind is Kind.STRING and a.type.kind in (Kind.CHAR, Kind.STRING):
                found = ir.Intrinsic("contains", (b, a), BOOL)
            elif b.type.is_sequence and a.type == b.type.elem:
                found = ir.Intrinsic("contains", (b, a), BOOL)
            else:
                self.fail(node, f"`in` on a {b.type}")
            return found if isinstance(op, ast.In) else ir.Unary("not", found, BOOL)
        if isinstance(op, (ast.Is, ast.IsNot)):
            self.fail(node, "`is` comparisons are not supported")
        name = CMP[type(op)]
        ak, bk = a.type.kind, b.type.kind
        if ak is bk and ak in (Kind.CHAR, Kind.STRING, Kind.BOOL):
            if ak is Kind.BOOL and name not in ("eq", "ne"):
                a, b = ir.Cast(a, INT), ir.Cast(b, INT)
            return ir.Bin(name, a, b, BOOL)
        if {ak, bk} == {Kind.CHAR, Kind.STRING}:
            return ir.Bin(name, self.to_string(a, node), self.to_string(b, node), BOOL)
        if a.type.is_sequence or b.type.is_sequence:
            self.fail(node, "comparing lists is not supported")
        self.numeric(a, node)
        self.numeric(b, node)
        t = ir.promote(a.type, b.type)
        return ir.Bin(name, self.convert(a, t, node), self.convert(b, t, node), BOOL)

    def index_value(self, seq: ir.Expr, node) -> ir.Expr:
        """An index, with Python's negative literals counted from the end."""
        idx = self.expr(node)
        if idx.type.kind is Kind.BOOL:
            idx = ir.Cast(idx, INT)
        if not ir.is_int(idx.type):
            self.fail(node, f"index of type {idx.type}")
        if idx.type.kind is Kind.LONG:
            idx = ir.Cast(idx, INT)
        if isinstance(idx, ir.Lit) and idx.value < 0:
            return ir.Bin("sub", ir.Intrinsic("len", (seq,), INT), ir.Lit(-idx.value, INT), INT)
        return idx

    def subscript(self, node: ast.Subscript) -> ir.Expr:
        seq = self.expr(node.value)
        if isinstance(node.slice, ast.Slice):
            sl = node.slice
            if seq.type.kind is not Kind.STRING:
                self.fail(node, "slicing a list (a copy) is not supported")
            if sl.step is not None:
                if sl.lower is None and sl.upper is None and isinstance(sl.step, ast.UnaryOp) \
                        and isinstance(sl.step.op, ast.USub) and isinstance(
                            sl.step.operand, ast.Constant) and sl.step.operand.value == 1:
                    return ir.Intrinsic("str_reverse", (seq,), STRING)
                self.fail(node, "slices with a step are not supported")
            begin = self.index_value(seq, sl.lower) if sl.lower is not None else ir.Lit(0, INT)
            end = self.index_value(seq, sl.upper) if sl.upper is not None else ir.Intrinsic(
                "len", (seq,), INT)
            return ir.Intrinsic("substr", (seq, begin, end), STRING)
        idx = self.index_value(seq, node.slice)
        if seq.type.kind is Kind.STRING:
            return ir.Index(seq, idx, CHAR)
        if not seq.type.is_sequence:
            self.fail(node, f"indexing a {seq.type}")
        return ir.Index(seq, idx, seq.type.elem)

    def call(self, node: ast.Call) -> ir.Expr:
        if node.keywords:
            self.fail(node, "keyword arguments are not supported")
        f = node.func
        if isinstance(f, ast.Attribute):
            return self.method_call(node, f)
        if not isinstance(f, ast.Name):
            self.fail(node, "calls of computed functions are not supported")
        name = f.id
        if name == "float" and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            text = node.args[0].value.strip().lower()
            if text in ("inf", "+inf", "infinity"):
                return ir.Const("INF", DOUBLE)
            if text in ("-inf", "-infinity"):
                return ir.Unary("neg", ir.Const("INF", DOUBLE), DOUBLE)
            self.fail(node, f"float({node.args[0].value!r}) is not supported")
        args = [self.expr(a) for a in node.args]
        if name == "len" and len(args) == 1:
            if not (args[0].type.is_sequence or args[0].type.kind is Kind.STRING):
                self.fail(node, f"len() of a {args[0].type}")
            return ir.Intrinsic("len", (args[0],), INT)
        if name == "abs" and len(args) == 1:
            self.numeric(args[0], node)
            t = INT if args[0].type.kind is Kind.BOOL else args[0].type
            return ir.Intrinsic("abs", (self.convert(args[0], t, node),), t)
        if name in ("min", "max"):
            if len(args) == 1:
                seq = args[0]
                if not seq.type.is_sequence or not ir.is_numeric(seq.type.elem):
                    self.fail(node, f"{name}() of a {seq.type}")
                return ir.Intrinsic(f"{name}_range", (seq, ir.Lit(0, INT),
                                                      ir.Intrinsic("len", (seq,), INT)),
                                    seq.type.elem)
            if all(a.type.kind is Kind.CHAR for a in args) or all(
                    a.type.kind is Kind.STRING for a in args):
                if args[0].type.kind is Kind.STRING:
                    self.fail(node, f"{name}() of strings is not supported")
                return ir.Intrinsic(name, tuple(args), CHAR)
            t = args[0].type
            for a in args:
                self.numeric(a, node)
                t = ir.promote(t, a.type)
            return ir.Intrinsic(name, tuple(self.convert(a, t, node) for a in args), t)
        if name == "sum" and len(args) == 1:
            seq = args[0]
            if not seq.type.is_sequence or not ir.is_numeric(seq.type.elem):
                self.fail(node, f"sum() of a {seq.type}")
            return ir.Intrinsic("sum_range", (seq, ir.Lit(0, INT),
                                              ir.Intrinsic("len", (seq,), INT)), seq.type.elem)
        if name == "int" and len(args) == 1:
            a = args[0]
            if ir.is_int(a.type):
                return a
            if ir.is_float(a.type):
                return ir.Cast(a, INT)
            if a.type.kind is Kind.BOOL:
                return ir.Cast(a, INT)
            if a.type.kind is Kind.STRING:
                return ir.Intrinsic("parse_int", (a,), INT)
            if a.type.kind is Kind.CHAR:
                return ir.Intrinsic("parse_int", (self.to_string(a, node),), INT)
        if name == "float" and len(args) == 1 and ir.is_numeric(args[0].type):
            return self.convert(args[0], DOUBLE, node)
        if name == "str" and len(args) == 1:
            a = args[0]
            if a.type.kind in (Kind.INT, Kind.LONG):
                return ir.Intrinsic("to_string", (a,), STRING)
            if a.type.kind in (Kind.CHAR, Kind.STRING):
                return self.to_string(a, node)
            self.fail(node, f"str() of a {a.type} is not supported")
        if name == "ord" and len(args) == 1 and args[0].type.kind is Kind.CHAR:
            return ir.Cast(args[0], INT)
        if name == "ord" and len(args) == 1 and args[0].type.kind is Kind.STRING:
            # a str that should hold one character: the C-family forms read it twice
            if not isinstance(args[0], ir.Name):
                self.fail(node, "ord() of a string expression (not a variable) is not supported")
            return ir.Intrinsic("ord_of_string", (args[0],), INT)
        if name == "chr" and len(args) == 1 and ir.is_int(args[0].type):
            return ir.Cast(args[0], CHAR)
        if name == "list" and len(args) == 1 and args[0].type.is_sequence:
            seq = args[0]
            if seq.type.elem is not None and seq.type.elem.is_sequence:
                # Python copies only the outer list; the rows stay shared
                self.fail(node, "list() of a list of lists (a shallow copy) is not supported")
            return ir.Intrinsic("copy", (seq,), seq.type)
        if name == "round" and len(args) == 1:
            a = args[0]
            self.numeric(a, node)
            if ir.is_int(a.type):
                return a
            if a.type.kind is Kind.BOOL:
                return ir.Cast(a, INT)
            # Python rounds half to even (round(2.5) == 2), unlike Math.round / std::round
            return ir.Cast(ir.Intrinsic("round_half_even", (a,), DOUBLE),
                           self.env_int_result(node))
        if name == "round" and len(args) == 2:
            self.fail(node, "round() to a number of digits is not supported")
        if name == "pow" and len(args) == 2:
            return self.binop(ast.Pow(), args[0], args[1], node)
        if name == "bool" and len(args) == 1:
            return self.truth(args[0], node)
        if name in ("print", "input", "sorted", "round", "range", "list", "map", "zip",
                    "enumerate", "any", "all", "reversed", "isinstance", "divmod", "hex", "bin",
                    "set", "dict", "tuple", "id", "hash", "open"):
            self.fail(node, f"{name}() is not supported")
        resolved = self.resolve_call(name, len(args))
        if resolved is None:
            self.fail(node, f"call to unknown function `{name}`")
        printed, rt, ptypes = resolved
        conv = tuple(self.convert(a, pt, node) if pt is not None and pt.is_known else a
                     for a, pt in zip(args, ptypes, strict=False))
        if rt.kind is Kind.UNKNOWN:
            self.fail(node, f"return type of `{name}` is unknown")
        return ir.Call(printed, conv, rt)

    def method_call(self, node: ast.Call, f: ast.Attribute) -> ir.Expr:
        base = f.value
        if isinstance(base, ast.Name) and base.id == "math":
            args = [self.expr(a) for a in node.args]
            for a in args:
                self.numeric(a, node)
            dargs = tuple(self.convert(a, DOUBLE, node) for a in args)
            if f.attr in MATH1 and len(args) == 1:
                return ir.Intrinsic("abs" if f.attr == "fabs" else f.attr, dargs, DOUBLE)
            if f.attr in MATH2 and len(args) == 2:
                return ir.Intrinsic(f.attr, dargs, DOUBLE)
            if f.attr == "log" and len(args) == 1:
                return ir.Intrinsic("log", dargs, DOUBLE)
            if f.attr == "log" and len(args) == 2:
                return ir.Bin("div", ir.Intrinsic("log", dargs[:1], DOUBLE),
                              ir.Intrinsic("log", dargs[1:], DOUBLE), DOUBLE)
            if f.attr in ("floor", "ceil") and len(args) == 1:
                if ir.is_int(args[0].type):
                    return args[0]
                # Python returns an int here
                return ir.Cast(ir.Intrinsic(f.attr, dargs, DOUBLE), self.env_int_result(node))
            if f.attr == "trunc" and len(args) == 1:
                return ir.Cast(dargs[0], INT) if not ir.is_int(args[0].type) else args[0]
            self.fail(node, f"math.{f.attr} is not supported")
        if isinstance(base, ast.Name) and base.id in ("self", "cls") and \
                base.id not in self.env and self.function.is_method:
            self.fail(node, f"the method uses its object's state (`{_src(node)}`), which is "
                            "not supported")
        obj = self.expr(base)
        args = [self.expr(a) for a in node.args]
        k = obj.type.kind
        if k is Kind.CHAR:
            if f.attr in CHAR_TESTS and not args:
                return ir.Intrinsic(CHAR_TESTS[f.attr], (obj,), BOOL)
            if f.attr in ("upper", "lower") and not args:
                return ir.Intrinsic("to_upper" if f.attr == "upper" else "to_lower", (obj,), CHAR)
        if k is Kind.STRING:
            if f.attr in ("upper", "lower") and not args:
                return ir.Intrinsic("to_upper" if f.attr == "upper" else "to_lower", (obj,),
                                    STRING)
        if obj.type.is_sequence:
            if f.attr == "append" and len(args) == 1:
                if k is not Kind.LIST:
                    self.fail(node, "append to a list typed as a fixed array")
                return ir.Intrinsic("append", (obj, self.convert(args[0], obj.type.elem, node)),
                                    VOID)
            if f.attr == "sort" and not args:
                return ir.Intrinsic("sort", (obj,), VOID)
            if f.attr == "reverse" and not args:
                return ir.Intrinsic("reverse", (obj,), VOID)
            if f.attr == "pop":
                self.fail(node, f"list.pop({_src(node.args[0]) if node.args else ''}) used as a "
                                "value is not supported")
        self.fail(node, f"method `{f.attr}` on a {obj.type} is not supported")

    def env_int_result(self, node) -> Type:
        return INT

    def common(self, a: Type, b: Type, node) -> Type:
        if a == b:
            return a
        if a.kind in ir.NUMERIC + (Kind.BOOL,) and b.kind in ir.NUMERIC + (Kind.BOOL,):
            return ir.promote(a, b)
        if {a.kind, b.kind} == {Kind.CHAR, Kind.STRING}:
            return STRING
        self.fail(node, f"a value is either {a} or {b}")

    def convert(self, e: ir.Expr, t: Type, node) -> ir.Expr:
        if e.type == t or not t.is_known and t.kind is Kind.UNKNOWN:
            return e
        ek, tk = e.type.kind, t.kind
        if isinstance(e, ir.Lit) and ir.is_int(e.type) and ir.is_int(t):
            return ir.Lit(e.value, t)
        if isinstance(e, ir.Lit) and ir.is_int(e.type) and ir.is_float(t):
            return ir.Lit(float(e.value), t)
        if ek is Kind.INT and tk is Kind.LONG and isinstance(e, ir.Bin) and e.op in (
                "add", "sub", "mul", "pow", "shl", "div_floor", "mod_floor"):
            # Python computes exactly: widen the operation, not just its 32-bit result
            return ir.Bin(e.op, self.convert(e.left, t, node), self.convert(e.right, t, node), t)
        if ek is Kind.INT and tk is Kind.LONG and isinstance(e, ir.Unary) and e.op == "neg":
            return ir.Unary("neg", self.convert(e.operand, t, node), t)
        if ek in ir.INTEGRAL and tk in ir.INTEGRAL:
            return ir.Cast(e, t)
        if ek in (*ir.INTEGRAL, Kind.BOOL) and tk in (Kind.DOUBLE, Kind.FLOAT):
            return ir.Cast(e, t)
        if ek is Kind.BOOL and tk in ir.INTEGRAL:
            return ir.Cast(e, t)
        if ek is Kind.CHAR and tk is Kind.STRING:
            return ir.Intrinsic("char_to_string", (e,), STRING)
        if e.type.is_sequence and t.is_sequence:
            if isinstance(e, ir.Intrinsic) and e.name == "copy" and e.type.elem == t.elem:
                return ir.Intrinsic("copy", e.args, t)  # copied into a growable list, say
            if isinstance(e, ir.NewArray):
                if e.type.elem == UNKNOWN or e.type.elem == t.elem or _same_leaf_shape(e.type, t):
                    fill = e.fill
                    if fill is not None and fill.type != _leaf(t):
                        fill = self.convert(fill, _leaf(t), node)
                    return ir.NewArray(e.dims, t, fill)
            if isinstance(e, ir.ArrayLit):
                return ir.ArrayLit(tuple(self.convert(x, t.elem, node) for x in e.elems), t)
            if e.type.elem == t.elem or (isinstance(e, ir.Name)):
                if e.type.elem == t.elem:
                    return e
        if ek is Kind.UNKNOWN:
            return e
        self.fail(node, f"a {e.type} value where a {t} is needed")


def _leaf(t: Type) -> Type:
    while t.is_sequence:
        t = t.elem
    return t


def _same_leaf_shape(a: Type, b: Type) -> bool:
    return a.dims == b.dims and ir.is_numeric(_leaf(a)) and ir.is_numeric(_leaf(b))


def _overlaps(read: ir.Expr, written: ir.Expr) -> bool:
    if isinstance(written, ir.Name):
        return isinstance(read, ir.Name) and read.name == written.name
    if isinstance(written, ir.Index):
        base = written.seq
        return isinstance(read, ir.Index) and read.seq == base or (
            isinstance(read, ir.Name) and isinstance(base, ir.Name) and read.name == base.name)
    return True


def _is_call(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _src(node) -> str:
    try:
        return ast.unparse(node)
    except Exception:
        return "expression"


def _clean_doc(doc: str | None) -> str | None:
    if not doc:
        return None
    import inspect

    return inspect.cleandoc(doc) or None


def _always_returns(stmts) -> bool:
    """True when every path through `stmts` ends in a return (or an endless loop)."""
    for s in stmts:
        if isinstance(s, ir.Return):
            return True
        if isinstance(s, ir.If) and s.orelse and _always_returns(s.then) and \
                _always_returns(s.orelse):
            return True
        if isinstance(s, ir.While) and isinstance(s.cond, ir.Lit) and s.cond.value is True and \
                not any(isinstance(n, ir.Break) for n in ir.walk_all(s.body)):
            return True
        if isinstance(s, ir.Block) and _always_returns(s.body):
            return True
    return False


# --------------------------------------------------------------------------- loop variables


def shared_loop_vars(body: tuple[ir.Stmt, ...], line: int) -> tuple[ir.Stmt, ...]:
    """Loops whose variable is also used elsewhere assign that variable instead of declaring.

    Python leaves the variable at its last value after the loop; a C-family loop leaves it
    one step further. That difference is harmless only when nothing reads the variable
    before it is assigned again, which is checked here (otherwise the function declines).
    """
    loop_vars = {n.var for n in ir.walk_all(body) if isinstance(n, (ir.ForRange, ir.ForEach))}
    shared = set()
    for var in loop_vars:
        events: list[tuple[str, object, tuple]] = []
        _events(body, var, (), False, events)
        for loop in (n for n in ir.walk_all(body) if isinstance(n, (ir.ForRange, ir.ForEach))
                     and n.var == var):
            if any(isinstance(m, (ir.ForRange, ir.ForEach)) and m.var == var and m is not loop
                   for m in ir.walk_all(loop.body)):
                raise Unsupported(f"nested loops reuse the variable `{var}`", line)
        if not any(kind != "loop" for kind, _, _ in events):
            continue
        for k, (kind, node, stack) in enumerate(events):
            if kind != "loop":
                continue
            if isinstance(node, ir.ForEach):
                raise Unsupported(f"for-each variable `{var}` is also used outside its loop", line)
            nxt = events[k + 1] if k + 1 < len(events) else None
            live = nxt is not None and nxt[0] == "use"
            for outer in stack:
                first = next((e for e in events if outer in e[2]), None)
                if first is not None and first[0] == "use":
                    live = True
            if live:
                raise Unsupported(f"loop variable `{var}` is read after its loop (Python keeps "
                                  "the last value)", line)
        shared.add(var)
    if not shared:
        return body

    def fix(s):
        if isinstance(s, ir.ForRange) and s.var in shared:
            return ir.ForRange(s.var, s.type, s.start, s.stop, s.step, s.body, s.rebinds, False)
        return None

    return ir.map_stmts(body, fix)


def _events(stmts, var, stack, in_branch, out):
    for s in stmts:
        if isinstance(s, (ir.ForRange, ir.ForEach)) and s.var == var:
            if (_names(s.start) | _names(s.stop)) & {var} if isinstance(s, ir.ForRange) else \
                    var in _names(s.iterable):
                out.append(("use", s, stack))
            out.append(("loop", s, stack))
            continue
        if isinstance(s, ir.Assign) and s.op is None and isinstance(s.target, ir.Name) and \
                s.target.name == var and var not in _names(s.value) and not in_branch:
            out.append(("def", s, stack))
            continue
        blocks = _blocks(s)
        if not blocks:
            if var in _names(s) or var in ir.assigned_names([s]):
                out.append(("use", s, stack))
            continue
        if var in _header_names(s):
            out.append(("use", s, stack))
        is_loop = isinstance(s, (ir.While, ir.DoWhile, ir.ForRange, ir.ForEach))
        for b in blocks:
            _events(b, var, stack + ((s,) if is_loop else ()), in_branch or isinstance(s, ir.If),
                    out)


# --------------------------------------------------------------------------- declarations


def _names(node) -> set[str]:
    return {n.name for n in ir.walk(node) if isinstance(n, ir.Name)}


def _header_names(s: ir.Stmt) -> set[str]:
    if isinstance(s, (ir.If, ir.While, ir.DoWhile)):
        return _names(s.cond)
    if isinstance(s, ir.ForRange):
        return _names(s.start) | _names(s.stop) | {s.var}
    if isinstance(s, ir.ForEach):
        return _names(s.iterable) | {s.var}
    return set()


def _blocks(s: ir.Stmt) -> list[tuple[ir.Stmt, ...]]:
    if isinstance(s, ir.If):
        return [s.then, s.orelse]
    if isinstance(s, (ir.While, ir.DoWhile, ir.ForRange, ir.ForEach)):
        return [s.body]
    return []


def _with_blocks(s: ir.Stmt, blocks: list[tuple[ir.Stmt, ...]]) -> ir.Stmt:
    if isinstance(s, ir.If):
        return ir.If(s.cond, blocks[0], blocks[1])
    if isinstance(s, ir.While):
        return ir.While(s.cond, blocks[0])
    if isinstance(s, ir.DoWhile):
        return ir.DoWhile(blocks[0], s.cond)
    if isinstance(s, ir.ForRange):
        return dataclasses.replace(s, body=blocks[0])
    if isinstance(s, ir.ForEach):
        return ir.ForEach(s.var, s.type, s.iterable, blocks[0])
    return s


def _first_is_assignment(block, var: str) -> bool:
    for s in block:
        if var in _names(s) or var in ir.assigned_names([s]):
            return (isinstance(s, ir.Assign) and s.op is None and isinstance(s.target, ir.Name)
                    and s.target.name == var and var not in _names(s.value))
    return False


def declare(block: tuple[ir.Stmt, ...], env: dict[str, Type], params: set[str],
            pending: set[str] | None = None) -> tuple[ir.Stmt, ...]:
    """Insert one declaration per local variable (see the module docstring)."""
    if pending is None:
        loop_vars = {n.var for n in ir.walk_all(block) if isinstance(n, (ir.ForRange,
                                                                         ir.ForEach))}
        loop_vars -= {n.var for n in ir.walk_all(block) if isinstance(n, ir.ForRange) and
                      not n.declared}
        pending = (ir.assigned_names(block) | {n for s in block for n in _names(s)}) - params \
            - loop_vars
        declared = {n.name for n in ir.walk_all(block) if isinstance(n, ir.Decl)}
        pending = {p for p in pending if p in env and p not in declared}
    stmts = list(block)
    push: dict[int, list[set[str]]] = {}
    here: list[str] = []
    for var in sorted(pending):
        idxs = [i for i, s in enumerate(stmts) if var in _names(s) or var in
                ir.assigned_names([s])]
        if not idxs:
            continue
        if len(idxs) == 1:
            s = stmts[idxs[0]]
            subs = [j for j, b in enumerate(_blocks(s)) if any(
                var in _names(x) or var in ir.assigned_names([x]) for x in b)]
            is_loop = isinstance(s, (ir.While, ir.DoWhile, ir.ForRange, ir.ForEach))
            if var not in _header_names(s) and len(subs) == 1 and (
                    not is_loop or _first_is_assignment(_blocks(s)[subs[0]], var)):
                slots = push.setdefault(idxs[0], [set() for _ in _blocks(s)])
                slots[subs[0]].add(var)
                continue
        here.append(var)
    # recurse first (indices are stable), then insert declarations at this level
    for i, slots in push.items():
        s = stmts[i]
        blocks = [declare(b, env, params, slots[j]) for j, b in enumerate(_blocks(s))]
        stmts[i] = _with_blocks(s, blocks)
    inserts: dict[int, list[ir.Stmt]] = {}
    for var in here:
        i = next(i for i, s in enumerate(stmts) if var in _names(s) or var in
                 ir.assigned_names([s]))
        s = stmts[i]
        if isinstance(s, ir.Assign) and s.op is None and isinstance(s.target, ir.Name) and \
                s.target.name == var and var not in _names(s.value):
            stmts[i] = ir.Decl(var, env[var], s.value)
        else:
            inserts.setdefault(i, []).append(ir.Decl(var, env[var], None))
    out: list[ir.Stmt] = []
    for i, s in enumerate(stmts):
        out.extend(inserts.get(i, []))
        out.append(s)
    return tuple(out)

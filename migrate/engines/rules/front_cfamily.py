"""Lowering of Java and C++ function definitions to the IR (shared C-family logic).

The two languages share statements, operators and promotion rules; they differ in type
spellings and library calls, which the `JavaFront` / `CppFront` subclasses supply
(see front_java.py and front_cpp.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from migrate.engines.rules import ir
from migrate.engines.rules.ir import (
    BOOL,
    CHAR,
    DOUBLE,
    FLOAT,
    INT,
    LONG,
    STRING,
    UNKNOWN,
    VOID,
    Unsupported,
)
from migrate.units import Kind, Type

# C-family binary operator -> IR op (division and modulo are decided by operand types).
BIN_OPS = {
    "+": "add", "-": "sub", "*": "mul", "&": "band", "|": "bor", "^": "bxor",
    "<<": "shl", ">>": "shr", ">>>": "ushr", "<": "lt", "<=": "le", ">": "gt", ">=": "ge",
    "==": "eq", "!=": "ne", "&&": "and", "||": "or",
    # C++ alternative tokens
    "and": "and", "or": "or", "bitand": "band", "bitor": "bor", "xor": "bxor",
    "not_eq": "ne",
}
COMPOUND = {op + "=": name for op, name in BIN_OPS.items() if name in ir.ARITH | ir.BITS}
COMPOUND.update({"/=": "/", "%=": "%"})


def text(node) -> str:
    return node.text.decode("utf-8", "replace")


def named(node) -> list:
    return [c for c in node.named_children if c.type != "comment"]


class Scope:
    """Variable types, innermost scope last."""

    def __init__(self):
        self.frames: list[dict[str, Type]] = [{}]

    def push(self):
        self.frames.append({})

    def pop(self):
        self.frames.pop()

    def declare(self, name: str, t: Type):
        self.frames[-1][name] = t

    def shadows(self, name: str) -> bool:
        """True when `name` is already a variable of an enclosing scope."""
        return any(name in frame for frame in self.frames[:-1])

    def lookup(self, name: str) -> Type | None:
        for frame in reversed(self.frames):
            if name in frame:
                return frame[name]
        return None


class CFront:
    """Shared lowering; subclasses implement types and library calls."""

    language = ""

    def __init__(self, resolve_call: Callable[[str, int], tuple[str, Type] | None]):
        # resolve_call(name, arity) -> (printed name, return type) for user functions.
        self.resolve_call = resolve_call
        self.scope = Scope()
        self.notes: list[str] = []
        self.needs_length: set[str] = set()
        self.grown: set[str] = set()  # vectors / lists that are appended to
        self.after_decl: list[ir.Stmt] = []  # statements completing the declaration just made
        self.fn_name = ""
        self.returns = VOID

    # ------------------------------------------------------------------ entry

    def lower(self, root, doc: str | None) -> ir.FunctionIR:
        fn = self.find_function(root)
        self.fn_node = fn
        self.grown = self.scan_grown(fn)
        name, params, returns = self.header(fn)
        self.fn_name, self.returns = name, returns
        for p in params:
            self.scope.declare(p.name, p.type)
        body = self.block(fn.child_by_field_name("body"))
        return ir.FunctionIR(
            name=name, params=tuple(params), returns=returns, body=tuple(body), doc=doc,
            notes=tuple(self.notes), needs_length=frozenset(self.needs_length),
        )

    def find_function(self, root):
        raise NotImplementedError

    def header(self, fn) -> tuple[str, list[ir.Param], Type]:
        raise NotImplementedError

    def scan_grown(self, fn) -> set[str]:
        grown = set()
        for node in iter_nodes(fn):
            if node.type in ("method_invocation",):
                obj, nm = node.child_by_field_name("object"), node.child_by_field_name("name")
                if obj is not None and nm is not None and text(nm) in GROW_METHODS:
                    grown.add(text(obj))
            elif node.type == "field_expression":
                arg, fld = node.child_by_field_name("argument"), node.child_by_field_name("field")
                if arg is not None and fld is not None and text(fld) in GROW_METHODS:
                    grown.add(text(arg))
        return grown

    # ------------------------------------------------------------------ helpers

    def fail(self, node, reason: str):
        raise Unsupported(reason, node.start_point[0] + 1 if node is not None else None)

    # ------------------------------------------------------------------ statements

    def block(self, node) -> list[ir.Stmt]:
        if node is None:
            return []
        if node.type in ("block", "compound_statement"):
            self.scope.push()
            out: list[ir.Stmt] = []
            for child in named(node):
                out.extend(self.stmt(child))
            self.scope.pop()
            return drop_redundant_fills(out)
        self.scope.push()
        out = self.stmt(node)
        self.scope.pop()
        return out

    def stmt(self, node) -> list[ir.Stmt]:
        t = node.type
        if t in ("block", "compound_statement"):
            return [ir.Block(tuple(self.block(node)))]
        if t in ("local_variable_declaration", "declaration"):
            return self.declaration(node)
        if t == "expression_statement":
            inner = named(node)
            if not inner:
                return []
            return self.expr_stmt(inner[0])
        if t == "return_statement":
            inner = named(node)
            if not inner:
                return [ir.Return(None)]
            value = self.expr(inner[0])
            return [ir.Return(self.convert(value, self.returns, node))]
        if t == "if_statement":
            cond = self.cond(node.child_by_field_name("condition"))
            then = self.block(node.child_by_field_name("consequence"))
            alt = node.child_by_field_name("alternative")
            orelse: list[ir.Stmt] = []
            if alt is not None:
                if alt.type == "else_clause":
                    alt = named(alt)[0]
                orelse = self.block(alt)
            return [ir.If(cond, tuple(then), tuple(orelse))]
        if t == "while_statement":
            cond = self.cond(node.child_by_field_name("condition"))
            return [ir.While(cond, tuple(self.block(node.child_by_field_name("body"))))]
        if t == "do_statement":
            body = self.block(node.child_by_field_name("body"))
            cond = self.cond(node.child_by_field_name("condition"))
            return [ir.DoWhile(tuple(body), cond)]
        if t == "for_statement":
            return self.for_stmt(node)
        if t in ("enhanced_for_statement", "for_range_loop"):
            return self.foreach(node)
        if t == "break_statement":
            return [ir.Break()]
        if t == "continue_statement":
            return [ir.Continue()]
        if t in (";", "empty_statement"):
            return []
        if t == "assert_statement":
            return [self.assert_stmt(node)]
        if t == "labeled_statement":
            self.fail(node, "labelled statements are not supported")
        if t == "switch_statement" or t == "switch_expression":
            self.fail(node, "switch statements are not supported")
        if t in ("try_statement", "throw_statement"):
            self.fail(node, "exceptions are not supported")
        self.fail(node, f"{t.replace('_', ' ')} is not supported")

    def assert_stmt(self, node) -> ir.Stmt:
        """Java `assert c;` / `assert c : "text";` (Python's assert checks it too)."""
        parts = named(node)
        cond = self.cond(parts[0])
        if len(parts) == 1:
            return ir.Check(cond, text(parts[0]))
        message = self.expr(parts[1])
        if not (isinstance(message, ir.Lit) and isinstance(message.value, str)):
            self.fail(node, "an assert message that is not a string literal is not supported")
        return ir.Check(cond, message.value)

    def cond(self, node) -> ir.Expr:
        if node.type in ("parenthesized_expression", "condition_clause"):
            inner = named(node)
            if len(inner) != 1:
                self.fail(node, "declaration in a condition is not supported")
            node = inner[0]
        return self.truth(self.expr(node), node)

    def truth(self, e: ir.Expr, node) -> ir.Expr:
        """A C++ condition: numbers and characters are true when nonzero."""
        k = e.type.kind
        if k is Kind.BOOL:
            return e
        if isinstance(e, ir.Cast) and e.expr.type.kind is Kind.BOOL and ir.is_int(e.type):
            return e.expr  # `if (s.count(x))`: the 0 / 1 back to the test it came from
        if isinstance(e, ir.Lit) and ir.is_numeric(e.type):
            return ir.Lit(bool(e.value), BOOL)  # while (1): a constant the target sees as such
        if ir.is_numeric(e.type):
            return ir.Bin("ne", e, ir.Lit(0, e.type) if k in ir.INTEGRAL else ir.Lit(0.0, e.type),
                          BOOL)
        if k is Kind.CHAR:
            return ir.Bin("ne", ir.Cast(e, INT), ir.Lit(0, INT), BOOL)
        self.fail(node, f"a {e.type} used as a condition is not supported")

    def declaration(self, node) -> list[ir.Stmt]:
        type_node = node.child_by_field_name("type")
        out: list[ir.Stmt] = []
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) != "declarator":
                continue
            name, t, init = self.declarator(type_node, child)
            merge = False
            if self.scope.shadows(name):
                # Python has no block scope and Java forbids hiding a local: the inner
                # variable can only reuse the outer one when the outer value is dead
                if self.scope.lookup(name) != t or not self.outer_value_dead(node, name):
                    self.fail(child, f"declaration of `{name}` hides a variable of an outer "
                                     "scope")
                merge = True
            if init is not None and not isinstance(init, ir.Expr):
                init = self.initializer(init, t, child)
            if merge:
                if init is not None:
                    out.append(ir.Assign(ir.Name(name, t), init))
                continue
            self.scope.declare(name, t)
            out.append(ir.Decl(name, t, init))
            out.extend(self.after_decl)  # element stores of a partial initializer
            self.after_decl.clear()
        return out

    def outer_value_dead(self, decl_node, name: str) -> bool:
        """True when no read of the outer `name` can see what the inner one writes.

        Either every use of `name` outside the inner variable's scope is a declaration or
        a plain `=` write, or the scope is not inside a loop and the first use after it
        is such a write.
        """
        scope_node = decl_node.parent
        if scope_node is not None and scope_node.type == "for_statement":
            pass
        elif scope_node is not None and scope_node.type not in ("block", "compound_statement"):
            return False
        lo, hi = scope_node.start_byte, scope_node.end_byte
        uses = [n for n in iter_nodes(self.fn_node) if n.type == "identifier" and
                text(n) == name and not lo <= n.start_byte < hi]
        if all(_is_write(n) for n in uses):
            return True
        anc = scope_node.parent
        while anc is not None and anc != self.fn_node:
            if anc.type in ("for_statement", "while_statement", "do_statement",
                            "enhanced_for_statement", "for_range_loop"):
                return False
            anc = anc.parent
        after = sorted((n for n in uses if n.start_byte >= hi), key=lambda n: n.start_byte)
        return not after or _is_write(after[0])

    def declarator(self, type_node, decl):
        """(name, type, initializer node or IR expr or None) of one declarator."""
        raise NotImplementedError

    def initializer(self, node, t: Type, where) -> ir.Expr:
        if node.type in ("array_initializer", "initializer_list"):
            if not t.is_sequence:
                items = named(node)
                if len(items) == 1:
                    return self.convert(self.expr(items[0]), t, node)
                self.fail(node, "brace initializer of a scalar is not supported")
            items = named(node)
            elem = t.elem
            return ir.ArrayLit(tuple(self.initializer(i, elem, i) for i in items), t)
        return self.convert(self.expr(node), t, where)

    def expr_stmt(self, node) -> list[ir.Stmt]:
        t = node.type
        if t == "assignment_expression":
            target = self.lvalue(node.child_by_field_name("left"))
            opnode = node.child_by_field_name("operator")
            op = text(opnode) if opnode is not None else "="
            right = node.child_by_field_name("right")
            if op == "=" and right.type == "assignment_expression":
                # a = b = c: assign the inner first, then the outer from its target
                inner = self.expr_stmt(right)
                last = inner[-1]
                assert isinstance(last, ir.Assign)
                return inner + [ir.Assign(target, self.convert(last.target, target.type, node))]
            value = self.expr(right)
            if op == "=":
                return [ir.Assign(target, self.convert(value, target.type, node))]
            return [self.compound(target, op, value, node)]
        if t == "update_expression":
            target = self.lvalue(named(node)[0])
            op = "add" if "++" in text(node) else "sub"
            one = ir.Lit(1, INT)
            if target.type.kind is Kind.CHAR:
                return [ir.Assign(target, ir.Cast(ir.Bin(op, ir.Cast(target, INT), one, INT), CHAR))]
            if not ir.is_numeric(target.type):
                self.fail(node, f"++/-- on a {target.type} is not supported")
            return [ir.Assign(target, ir.Lit(1, target.type) if ir.is_int(target.type) else
                              ir.Lit(1.0, target.type), op)]
        if t in ("conditional_expression", "ternary_expression"):
            # `c ? ++a : ++b;` as a statement is an if / else
            test = self.truth(self.expr(node.child_by_field_name("condition")), node)
            return [ir.If(test, tuple(self.expr_stmt(node.child_by_field_name("consequence"))),
                          tuple(self.expr_stmt(node.child_by_field_name("alternative"))))]
        if t == "parenthesized_expression":
            return self.expr_stmt(named(node)[0])
        if t in ("comma_expression",):
            return self.expr_stmt(node.child_by_field_name("left")) + self.expr_stmt(
                node.child_by_field_name("right")
            )
        e = self.expr(node)
        if isinstance(e, ir.Intrinsic) and e.name == "swap_vars":
            return [ir.SwapVars(e.args[0], e.args[1], e.args[0].type)]
        return [ir.ExprStmt(e)]

    def compound(self, target: ir.Expr, op: str, value: ir.Expr, node) -> ir.Stmt:
        name = COMPOUND.get(op)
        if name is None:
            self.fail(node, f"operator {op} is not supported")
        tt = target.type
        if tt.kind is Kind.STRING and name == "add":
            return ir.Assign(target, self.to_string_operand(value, node), "add")
        if tt.kind is Kind.CHAR or tt.kind is Kind.BOOL:
            # char c += 1: arithmetic in int, narrowed back
            full = self.binary(name, target, value, node)
            return ir.Assign(target, self.convert(full, tt, node, explicit=True))
        if not ir.is_numeric(tt):
            self.fail(node, f"compound assignment to a {tt} is not supported")
        full = self.binary(name, target, value, node)
        if isinstance(full, ir.Bin) and full.type == tt:
            return ir.Assign(target, full.right, full.op)
        # e.g. int x += 1.5 narrows implicitly (Java) / by conversion (C++)
        return ir.Assign(target, self.convert(full, tt, node, explicit=True))

    def for_stmt(self, node) -> list[ir.Stmt]:
        self.scope.push()
        init: list[ir.Stmt] = []
        cond = None
        update: list[ir.Stmt] = []
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field in ("init", "initializer"):
                if child.type in ("local_variable_declaration", "declaration"):
                    init.extend(self.declaration(child))
                else:
                    init.extend(self.expr_stmt(child))
            elif field == "condition":
                cond = self.truth(self.expr(child), child)
            elif field == "update":
                update.extend(self.expr_stmt(child))
        body = self.block(node.child_by_field_name("body"))
        self.scope.pop()
        return [ir.For(tuple(init), cond, tuple(update), tuple(body))]

    def foreach(self, node) -> list[ir.Stmt]:
        iterable = self.expr(node.child_by_field_name("value") or node.child_by_field_name("right"))
        it = iterable.type
        if not it.is_sequence and not ir.is_collection(it) and it.kind is not Kind.STRING:
            self.fail(node, f"for-each over a {iterable.type} is not supported")
        if it.kind is Kind.MAP:
            elem = ir.pair_of(it.key, it.elem)  # each entry, in ascending key order
        else:
            elem = it.elem if it.elem is not None else CHAR
        name = self.foreach_var(node)
        if self.scope.lookup(name) is not None:
            self.fail(node, f"loop variable `{name}` hides a variable of an outer scope")
        self.scope.push()
        self.scope.declare(name, elem)
        body = self.block(node.child_by_field_name("body"))
        self.scope.pop()
        return [ir.ForEach(name, elem, iterable, tuple(body))]

    def foreach_var(self, node) -> str:
        raise NotImplementedError

    # ------------------------------------------------------------------ expressions

    def lvalue(self, node) -> ir.Expr:
        e = self.expr(node)
        if isinstance(e, ir.Intrinsic) and e.name == "map_get_insert":
            e = ir.Index(e.args[0], e.args[1], e.type)  # a store inserts anyway
        if not isinstance(e, (ir.Name, ir.Index)):
            self.fail(node, "assignment to this kind of target is not supported")
        if isinstance(e, ir.Index) and e.seq.type.kind is Kind.STRING and \
                not isinstance(e.seq, ir.Name):
            self.fail(node, "assigning a character of a string expression is not supported")
        return e

    def expr(self, node) -> ir.Expr:
        t = node.type
        if t == "parenthesized_expression":
            return self.expr(named(node)[0])
        if t == "identifier":
            return self.identifier(node)
        if t in ("true", "false"):
            return ir.Lit(t == "true", BOOL)
        if t in ("decimal_integer_literal", "hex_integer_literal", "octal_integer_literal",
                 "binary_integer_literal", "decimal_floating_point_literal", "number_literal"):
            return self.number(node)
        if t in ("character_literal", "char_literal"):
            return ir.Lit(self.char_value(node), CHAR)
        if t in ("string_literal",):
            return ir.Lit(self.string_value(node), STRING)
        if t == "binary_expression":
            op = text(node.child_by_field_name("operator"))
            left = self.expr(node.child_by_field_name("left"))
            right = self.expr(node.child_by_field_name("right"))
            return self.binary_src(op, left, right, node)
        if t == "unary_expression":
            op = text(node.child_by_field_name("operator"))
            operand = self.expr(node.child_by_field_name("operand") or node.child_by_field_name(
                "argument"))
            return self.unary(op, operand, node)
        if t == "update_expression":
            target = self.lvalue(named(node)[0])
            self.no_map_store_in_expr(target, node)
            prefix = text(node).lstrip().startswith(("++", "--"))
            if not ir.is_int(target.type):
                self.fail(node, f"++/-- on a {target.type} inside an expression is not supported")
            return ir.IncDec("inc" if "++" in text(node) else "dec", prefix, target, target.type)
        if t == "assignment_expression":
            target = self.lvalue(node.child_by_field_name("left"))
            self.no_map_store_in_expr(target, node)
            op = text(node.child_by_field_name("operator"))
            value = self.expr(node.child_by_field_name("right"))
            if op == "=":
                return ir.AssignExpr(target, self.convert(value, target.type, node), None,
                                     target.type)
            stmt = self.compound(target, op, value, node)
            assert isinstance(stmt, ir.Assign)
            return ir.AssignExpr(stmt.target, stmt.value, stmt.op, target.type)
        if t in ("ternary_expression", "conditional_expression"):
            test = self.truth(self.expr(node.child_by_field_name("condition")), node)
            a = self.expr(node.child_by_field_name("consequence"))
            b = self.expr(node.child_by_field_name("alternative"))
            rt = self.common(a.type, b.type, node)
            return ir.Cond(test, self.convert(a, rt, node), self.convert(b, rt, node), rt)
        if t == "cast_expression":
            target = self.cast_type(node.child_by_field_name("type"))
            value = self.expr(node.child_by_field_name("value"))
            return self.convert(value, target, node, explicit=True)
        if t in ("array_access", "subscript_expression"):
            return self.subscript(node)
        return self.library_expr(node)

    def no_map_store_in_expr(self, target: ir.Expr, node):
        if isinstance(target, ir.Index) and target.seq.type.kind is Kind.MAP:
            self.fail(node, "changing a map entry inside an expression is not supported")
        if isinstance(target, ir.Index) and target.seq.type.kind is Kind.STRING:
            self.fail(node, "changing a character of a string inside an expression is not "
                            "supported")

    def library_expr(self, node) -> ir.Expr:
        self.fail(node, f"{node.type.replace('_', ' ')} `{text(node)[:40]}` is not supported")

    def identifier(self, node) -> ir.Expr:
        name = text(node)
        t = self.scope.lookup(name)
        if t is None:
            const = self.constant(name)
            if const is not None:
                return const
            self.fail(node, f"unknown name `{name}` (a global or field?) is not supported")
        return ir.Name(name, t)

    def constant(self, name: str) -> ir.Expr | None:
        return None

    def number(self, node) -> ir.Expr:
        raw = text(node).replace("_", "").replace("'", "")
        if raw.startswith(("-", "+")):
            # some grammars fold the sign into the literal
            inner = self.number_text(raw[1:].strip(), node)
            if raw[0] == "+":
                return inner
            return ir.Lit(-inner.value, inner.type)
        return self.number_text(raw, node)

    def number_text(self, raw: str, node) -> ir.Expr:
        low = raw.lower()
        is_hex = low.startswith("0x")
        if (not is_hex and any(c in low for c in ".e")) or (
            not is_hex and low.endswith(("f", "d")) and not low.startswith("0b")
        ):
            value = float(low.rstrip("fdl"))
            return ir.Lit(value, FLOAT if low.endswith("f") else DOUBLE)
        suffix = re.search(r"[ul]+$", low)
        digits = low[: suffix.start()] if suffix else low
        if digits.startswith("0x"):
            value = int(digits, 16)
        elif digits.startswith("0b"):
            value = int(digits, 2)
        elif len(digits) > 1 and digits.startswith("0"):
            value = int(digits, 8)
        else:
            value = int(digits)
        is_long = bool(suffix and "l" in suffix.group()) or value > 2**31 - 1
        return ir.Lit(value, LONG if is_long else INT)

    def char_value(self, node) -> str:
        raw = text(node)[1:-1]
        return decode_escape(raw, node, self)

    def string_value(self, node) -> str:
        raw = text(node)
        if raw.startswith(("L", "u8", "R")):
            self.fail(node, "prefixed string literals are not supported")
        return decode_escape(raw[1:-1], node, self, string=True)

    def unary(self, op: str, operand: ir.Expr, node) -> ir.Expr:
        op = {"not": "!", "compl": "~"}.get(op, op)  # C++ alternative tokens
        if op == "!":
            return ir.negate(self.truth(operand, node))
        if op == "-":
            if isinstance(operand, ir.Lit) and ir.is_numeric(operand.type):
                return ir.Lit(-operand.value, operand.type)
            rt = promote_unary(operand.type)
            return ir.Unary("neg", self.convert(operand, rt, node), rt)
        if op == "+":
            rt = promote_unary(operand.type)
            return self.convert(operand, rt, node)
        if op == "~":
            rt = promote_unary(operand.type)
            if not ir.is_int(rt):
                self.fail(node, "~ on a non-integer")
            return ir.Unary("bnot", self.convert(operand, rt, node), rt)
        self.fail(node, f"unary operator {op} is not supported")

    def binary_src(self, op: str, left: ir.Expr, right: ir.Expr, node) -> ir.Expr:
        if op in ("/", "%"):
            return self.binary(op, left, right, node)
        name = BIN_OPS.get(op)
        if name is None:
            self.fail(node, f"operator {op} is not supported")
        return self.binary(name, left, right, node)

    def binary(self, op: str, left: ir.Expr, right: ir.Expr, node) -> ir.Expr:
        """Binary operation with Java / C++ typing (char and bool promote to int)."""
        lk, rk = left.type.kind, right.type.kind
        if op in ("and", "or"):
            return ir.Bin(op, self.truth(left, node), self.truth(right, node), BOOL)
        if op == "add" and (lk is Kind.STRING or rk is Kind.STRING):
            return self.string_concat(left, right, node)
        if lk is Kind.STRING or rk is Kind.STRING:
            if op in ("eq", "ne") and lk is rk:
                return ir.Bin(op, left, right, BOOL)
            if op in ("lt", "le", "gt", "ge") and lk is rk:
                return ir.Bin(op, left, right, BOOL)
            self.fail(node, f"operator {op} on strings is not supported")
        if op in ir.COMPARE:
            if lk is Kind.CHAR and rk is Kind.CHAR:
                return ir.Bin(op, left, right, BOOL)
            if lk is Kind.BOOL and rk is Kind.BOOL and op in ("eq", "ne"):
                return ir.Bin(op, left, right, BOOL)
            ct = ir.promote(left.type, right.type)
            self.check_numeric(left, node)
            self.check_numeric(right, node)
            return ir.Bin(op, self.convert(left, ct, node), self.convert(right, ct, node), BOOL)
        self.check_numeric(left, node)
        self.check_numeric(right, node)
        if op in ("shl", "shr", "ushr"):
            rt = promote_unary(left.type)
            if not ir.is_int(rt):
                self.fail(node, "shift of a non-integer")
            return ir.Bin(op, self.convert(left, rt, node), self.convert(right, promote_unary(
                right.type), node), rt)
        rt = ir.promote(left.type, right.type)
        if lk is Kind.BOOL and rk is Kind.BOOL and op in ("band", "bor", "bxor"):
            rt = BOOL
        if op in ("band", "bor", "bxor") and ir.is_float(rt):
            self.fail(node, "bitwise operator on floating point")
        if op == "/":
            op = "div_trunc" if ir.is_int(rt) else "div"
        elif op == "%":
            op = "mod_trunc"
        return ir.Bin(op, self.convert(left, rt, node), self.convert(right, rt, node), rt)

    def check_numeric(self, e: ir.Expr, node):
        if e.type.kind not in (*ir.NUMERIC, Kind.CHAR, Kind.BOOL):
            self.fail(node, f"arithmetic on a {e.type} is not supported")

    def string_concat(self, left: ir.Expr, right: ir.Expr, node) -> ir.Expr:
        return ir.Bin("add", self.to_string_operand(left, node), self.to_string_operand(right, node),
                      STRING)

    def to_string_operand(self, e: ir.Expr, node) -> ir.Expr:
        k = e.type.kind
        if k is Kind.STRING:
            return e
        if k is Kind.CHAR:
            return ir.Intrinsic("char_to_string", (e,), STRING)
        if k in (Kind.INT, Kind.LONG, Kind.BOOL):
            return ir.Intrinsic("to_string", (e,), STRING)
        self.fail(node, f"concatenating a {e.type} to a string is not supported")

    def common(self, a: Type, b: Type, node) -> Type:
        if a == b:
            return a
        if {a.kind, b.kind} <= set(ir.NUMERIC) | {Kind.CHAR}:
            return ir.promote(a, b)
        if UNKNOWN in (a, b):
            return a if b == UNKNOWN else b
        self.fail(node, f"conditional mixes {a} and {b}")

    def convert(self, e: ir.Expr, t: Type, node, explicit: bool = False) -> ir.Expr:
        """`e` as a value of type `t` (implicit widening, or an explicit cast)."""
        if e.type == t or t == UNKNOWN:
            return e
        ek, tk = e.type.kind, t.kind
        if isinstance(e, ir.Lit) and ir.is_int(e.type) and ir.is_int(t):
            return ir.Lit(e.value, t)
        if isinstance(e, ir.Lit) and ir.is_int(e.type) and ir.is_float(t):
            return ir.Lit(float(e.value), t)
        if isinstance(e, ir.Lit) and ek is Kind.CHAR and ir.is_int(t):
            return ir.Cast(e, t)
        if isinstance(e, ir.Lit) and ek is Kind.BOOL and ir.is_int(t):
            return ir.Lit(int(e.value), t)  # C++ `dp[0] = false` in an int array
        scalar = (*ir.NUMERIC, Kind.CHAR, Kind.BOOL)
        if ek in scalar and tk in scalar:
            if tk is Kind.BOOL:
                return self.truth(e, node)
            if ek is Kind.BOOL:
                return ir.Cast(e, t)
            return ir.Cast(e, t)
        if e.type.is_sequence and t.is_sequence and e.type.elem == t.elem:
            return e
        if isinstance(e, (ir.NewArray, ir.ArrayLit)) and t.is_sequence:
            return retype_new(e, t)
        if isinstance(e, ir.Intrinsic) and e.name == "empty" and ek is tk:
            return ir.Intrinsic("empty", (), t)  # `new HashMap<>()`: types from the declaration
        if ek is Kind.UNKNOWN:
            return e
        self.fail(node, f"cannot convert {e.type} to {t}")

    def subscript(self, node) -> ir.Expr:
        raise NotImplementedError

    def index_of(self, seq: ir.Expr, idx: ir.Expr, node) -> ir.Expr:
        idx = self.convert(idx, INT, node) if idx.type.kind in (Kind.CHAR, Kind.BOOL) else idx
        if not ir.is_int(idx.type):
            self.fail(node, f"index of type {idx.type}")
        if seq.type.kind is Kind.STRING:
            return ir.Index(seq, idx, CHAR)
        if not seq.type.is_sequence:
            self.fail(node, f"indexing a {seq.type} is not supported")
        return ir.Index(seq, idx, seq.type.elem)

    def call_user(self, name: str, args: list[ir.Expr], node) -> ir.Expr:
        resolved = self.resolve_call(name, len(args))
        if resolved is None:
            self.fail(node, f"call to unknown function `{name}`")
        printed, rt, ptypes = resolved
        conv = [self.convert(a, pt, node) if pt is not None else a for a, pt in zip(args, ptypes, strict=False)]
        return ir.Call(printed, tuple(conv), rt)

    def math_call(self, name: str, args: list[ir.Expr], node) -> ir.Expr | None:
        """Shared numeric library: Java Math.x / C++ <cmath> and <algorithm>."""
        if name in ("max", "min") and len(args) >= 2:
            rt = args[0].type
            for a in args[1:]:
                rt = ir.promote(rt, a.type) if rt != a.type else rt
            for a in args:
                self.check_numeric(a, node)
            if all(a.type.kind is Kind.CHAR for a in args):
                rt = CHAR
            return ir.Intrinsic(name, tuple(self.convert(a, rt, node) for a in args), rt)
        if name in ("abs", "fabs", "llabs", "labs") and len(args) == 1:
            a = args[0]
            self.check_numeric(a, node)
            rt = promote_unary(a.type)
            if name == "fabs":
                rt = DOUBLE
            return ir.Intrinsic("abs", (self.convert(a, rt, node),), rt)
        if name in ("sqrt", "cbrt", "exp", "log", "log10", "log2", "sin", "cos", "tan", "asin",
                    "acos", "atan", "floor", "ceil") and len(args) == 1:
            self.check_numeric(args[0], node)
            return ir.Intrinsic(name, (self.convert(args[0], DOUBLE, node),), DOUBLE)
        if name in ("pow", "atan2", "hypot") and len(args) == 2:
            for a in args:
                self.check_numeric(a, node)
            return ir.Intrinsic(name, tuple(self.convert(a, DOUBLE, node) for a in args), DOUBLE)
        return None


GROW_METHODS = {"push_back", "pop_back", "add", "remove", "insert", "erase", "clear", "resize",
                "emplace_back", "append", "push", "pop"}


def drop_redundant_fills(stmts: list[ir.Stmt]) -> list[ir.Stmt]:
    """`int a[n]; memset(a, 0, sizeof(a));`: the new array is already zero in every target."""
    out: list[ir.Stmt] = []
    for st in stmts:
        prev = out[-1] if out else None
        filled = _zero_fill_of(st)
        if filled is not None and isinstance(prev, ir.Decl) and prev.name == filled and \
                isinstance(prev.init, ir.NewArray) and prev.init.fill is None:
            continue
        out.append(st)
    return out


def _zero_fill_of(st: ir.Stmt) -> str | None:
    """The array a statement sets to all zeros (`fill`, or a loop filling every row), else None."""
    if isinstance(st, ir.ForEach) and isinstance(st.iterable, ir.Name) and len(st.body) == 1:
        inner = _zero_fill_of(st.body[0])
        return st.iterable.name if inner == st.var else None
    if isinstance(st, ir.ExprStmt) and isinstance(st.expr, ir.Intrinsic) and \
            st.expr.name == "fill" and isinstance(st.expr.args[0], ir.Name) and \
            isinstance(st.expr.args[1], ir.Lit) and st.expr.args[1].value in (0, False):
        return st.expr.args[0].name
    return None


def _is_write(ident) -> bool:
    """An identifier that names a declared variable or the target of a plain `=`."""
    parent = ident.parent
    if parent is None:
        return False
    if parent.type in ("init_declarator", "variable_declarator"):
        return parent.child_by_field_name("value") is None or (
            parent.child_by_field_name("value").start_byte > ident.start_byte)
    if parent.type in ("declaration", "local_variable_declaration"):
        return True
    if parent.type == "assignment_expression":
        op = parent.child_by_field_name("operator")
        return parent.child_by_field_name("left") == ident and op is not None and \
            text(op) == "="
    return False


def promote_unary(t: Type) -> Type:
    if t.kind in (Kind.CHAR, Kind.BOOL, Kind.INT):
        return INT
    return t


def retype_new(e: ir.Expr, t: Type) -> ir.Expr:
    if isinstance(e, ir.NewArray):
        return ir.NewArray(e.dims, t, e.fill)
    assert isinstance(e, ir.ArrayLit)
    return ir.ArrayLit(e.elems, t)


def iter_nodes(node):
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(cur.children)


ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"', "a": "\a",
           "b": "\b", "f": "\f", "v": "\v"}


def decode_escape(raw: str, node, front, string: bool = False) -> str:
    out = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in ESCAPES:
                out.append(ESCAPES[nxt])
                i += 2
                continue
            if nxt == "u":
                out.append(chr(int(raw[i + 2: i + 6], 16)))
                i += 6
                continue
            front.fail(node, f"escape \\{nxt} is not supported")
        out.append(c)
        i += 1
    value = "".join(out)
    if not string and len(value) != 1:
        front.fail(node, "multi-character literal")
    return value


__all__ = ["CFront", "text", "named", "DOUBLE", "FLOAT", "LONG", "UNKNOWN", "VOID"]

"""Printing the IR as one `static` Java method."""

from __future__ import annotations

from migrate.engines.rules import ir
from migrate.engines.rules.back_cfamily import ATOM, CAST_PREC, TERNARY, CBack, doc_lines, string_literal
from migrate.engines.rules.ir import Unsupported
from migrate.units import Kind, Type

PRIM = {Kind.INT: "int", Kind.LONG: "long", Kind.DOUBLE: "double", Kind.FLOAT: "float",
        Kind.BOOL: "boolean", Kind.CHAR: "char", Kind.STRING: "String", Kind.VOID: "void"}
BOXED = {Kind.INT: "Integer", Kind.LONG: "Long", Kind.DOUBLE: "Double", Kind.FLOAT: "Float",
         Kind.BOOL: "Boolean", Kind.CHAR: "Character", Kind.STRING: "String"}
CONSTS = {"INT_MAX": "Integer.MAX_VALUE", "INT_MIN": "Integer.MIN_VALUE",
          "LONG_MAX": "Long.MAX_VALUE", "LONG_MIN": "Long.MIN_VALUE",
          "DOUBLE_MAX": "Double.MAX_VALUE", "DOUBLE_MIN": "Double.MIN_VALUE",
          "INF": "Double.POSITIVE_INFINITY", "PI": "Math.PI", "E": "Math.E"}
MATH1 = {"sqrt", "cbrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
         "floor", "ceil", "abs"}
CHAR_TESTS = {"is_digit": "isDigit", "is_alpha": "isLetter", "is_alnum": "isLetterOrDigit",
              "is_upper": "isUpperCase", "is_lower": "isLowerCase", "is_space": "isWhitespace"}
DEFAULTS = {Kind.INT: "0", Kind.LONG: "0", Kind.DOUBLE: "0.0", Kind.FLOAT: "0.0f",
            Kind.BOOL: "false", Kind.CHAR: "'\\0'", Kind.STRING: '""'}


JAVA_RESERVED = frozenset("""
_ abstract assert boolean break byte case catch char class const continue default do double
else enum extends final finally float for goto if implements import instanceof int interface
long native new package private protected public return short static strictfp super switch
synchronized this throw throws transient try void volatile while true false null var record
yield String Math Arrays Integer Long Double Character Collections ArrayList
""".split())


class JavaBack(CBack):
    reserved = JAVA_RESERVED

    def __init__(self, fn: ir.FunctionIR):
        super().__init__(fn)
        self.used_names = {n.name for n in ir.walk_all(fn.body) if isinstance(n, ir.Name)} | {
            p.name for p in fn.params}
        self.builders = self.mutable_strings()
        # maps / sets whose order the function sees: a TreeMap / TreeSet iterates by key,
        # as the IR requires; the others may be hash-based
        self.ordered = {n.iterable.name for n in ir.walk_all(self.fn.body)
                        if isinstance(n, ir.ForEach) and isinstance(n.iterable, ir.Name)
                        and ir.is_collection(n.iterable.type)}

    def mutable_strings(self) -> set[str]:
        """Strings whose characters change become StringBuilders (Java strings are immutable).

        A parameter gets a builder copy under a new name, so the caller's value is untouched.
        """
        names = ir.mutated_strings(self.fn.body)
        params = {p.name for p in self.fn.params} & names
        if not params:
            return names
        from dataclasses import replace

        mapping = {p: self.fresh(f"{p}_chars") for p in sorted(params)}
        body = ir.rename(replace(self.fn, params=()), mapping).body
        copies = tuple(ir.Decl(new, ir.STRING, ir.Name(old, ir.STRING))
                       for old, new in mapping.items())
        self.fn = replace(self.fn, body=copies + body)
        return (names - params) | set(mapping.values())

    def builder(self, e: ir.Expr) -> bool:
        return isinstance(e, ir.Name) and e.name in self.builders

    def expr(self, e: ir.Expr):
        if self.builder(e):
            return f"{e.name}.toString()", 16  # a String wherever one is read whole
        return super().expr(e)

    def has_ushr(self) -> bool:
        return True

    def type_name(self, t: Type) -> str:
        if t.kind is Kind.ARRAY:
            return self.type_name(t.elem) + "[]"
        if t.kind is Kind.LIST:
            self.imports.add("java.util.ArrayList")
            return f"ArrayList<{self.boxed(t.elem)}>"
        if t.kind in PRIM:
            return PRIM[t.kind]
        if t.kind is Kind.MAP:
            self.imports.add("java.util.Map")
            return f"Map<{self.boxed(t.key)}, {self.boxed(t.elem)}>"
        if t.kind is Kind.SET:
            self.imports.add("java.util.Set")
            return f"Set<{self.boxed(t.elem)}>"
        if t.kind is Kind.PAIR:
            self.imports.add("java.util.Map")
            return f"Map.Entry<{self.boxed(t.key)}, {self.boxed(t.elem)}>"
        raise Unsupported(f"no Java type for {t}")

    def new_collection(self, t: Type, ordered: bool) -> str:
        impl = ("Tree" if ordered else "Hash") + ("Map" if t.kind is Kind.MAP else "Set")
        self.imports.add(f"java.util.{impl}")
        return f"new {impl}<>()"

    def boxed(self, t: Type) -> str:
        if t.kind in BOXED:
            return BOXED[t.kind]
        return self.type_name(t)

    def emit_doc(self):
        lines = doc_lines(self.fn.doc)
        if not lines:
            return
        self.lines.append("/**")
        for line in lines:
            self.lines.append((" * " + line.replace("*/", "* /")).rstrip())
        self.lines.append(" */")

    def function(self) -> str:
        text = super().function()
        if self.fn.returns.kind is not Kind.VOID and ir.can_complete(self.fn.body):
            # the source can run off its end (undefined behaviour in C++): Java needs a
            # statement there, and an exception is the honest one
            lines = text.rstrip("\n").split("\n")
            lines.insert(len(lines) - 1, "    throw new IllegalStateException(\"no value "
                                         "returned\");")
            text = "\n".join(lines) + "\n"
        return text + self.default_overloads()

    def default_overloads(self) -> str:
        """Java has no default arguments: one overload per omittable trailing parameter."""
        params = self.fn.params
        out = []
        for cut in range(len(params) - 1, -1, -1):
            if params[cut].default is None:
                break
            kept = params[:cut]
            head = ", ".join(f"{self.type_name(p.type)} {p.name}" for p in kept)
            args = ", ".join([p.name for p in kept] +
                             [self.literal(p.default)[0] for p in params[cut:]])
            ret = "" if self.fn.returns.kind is Kind.VOID else "return "
            out.append(f"\nstatic {self.type_name(self.fn.returns)} {self.fn.name}({head}) {{\n"
                       f"    {ret}{self.fn.name}({args});\n}}\n")
        return "".join(out)

    def body(self, stmts, depth: int):
        for s in stmts:
            self.stmt(s, depth)
            if not ir.stmt_completes(s):
                break  # Java rejects unreachable statements; they never run in the source

    def header(self) -> str:
        params = ", ".join(f"{self.type_name(p.type)} {p.name}" for p in self.fn.params)
        return f"static {self.type_name(self.fn.returns)} {self.fn.name}({params})"

    # ------------------------------------------------------------------ statements

    def stmt(self, s, depth):
        if isinstance(s, ir.Decl) and isinstance(s.init, ir.NewArray) and s.init.fill is not None:
            arr = s.init
            self.put(depth, f"{self.type_name(s.type)} {s.name} = "
                            f"{self.new_array(ir.NewArray(arr.dims, arr.type))};")
            self.fill_lines(s.name, arr, depth)
            return
        if isinstance(s, ir.Assign) and s.op is None and isinstance(s.value, ir.NewArray) and \
                s.value.fill is not None and isinstance(s.target, ir.Name):
            arr = s.value
            self.put(depth, f"{s.target.name} = {self.new_array(ir.NewArray(arr.dims, arr.type))};")
            self.fill_lines(s.target.name, arr, depth)
            return
        if isinstance(s, ir.ExprStmt) and isinstance(s.expr, ir.Intrinsic) and \
                s.expr.name == "sort_desc" and s.expr.args[0].type.kind is Kind.ARRAY:
            self.sort_desc_lines(s.expr, depth)
            return
        super().stmt(s, depth)

    def sort_desc_lines(self, e: ir.Intrinsic, depth: int):
        """A descending sort of an array: Java sorts primitives ascending only, so the sorted
        range is then reversed. Equal elements cannot be told apart, so the result is C++'s."""
        seq, begin, end = e.args
        if not isinstance(seq, ir.Name) or not all(_reads_no_elements(x) for x in (begin, end)):
            # the bounds are read again after the sort: they must not depend on the elements
            raise Unsupported("a descending sort whose range depends on array elements")
        self.imports.add("java.util.Arrays")
        arr = self.expr(seq)[0]
        if _whole(e.args):
            self.put(depth, f"Arrays.sort({arr});")
        else:
            self.put(depth, f"Arrays.sort({arr}, {self.expr(begin)[0]}, {self.expr(end)[0]});")
        lo, hi, tmp = self.fresh("lo"), self.fresh("hi"), self.fresh("tmp")
        last = self.expr(_minus_one(end))[0]
        self.put(depth, f"for (int {lo} = {self.expr(begin)[0]}, {hi} = {last}; {lo} < {hi}; "
                        f"{lo}++, {hi}--) {{")
        self.put(depth + 1, f"{self.type_name(seq.type.elem)} {tmp} = {arr}[{lo}];")
        self.put(depth + 1, f"{arr}[{lo}] = {arr}[{hi}];")
        self.put(depth + 1, f"{arr}[{hi}] = {tmp};")
        self.put(depth, "}")

    def fill_lines(self, name: str, arr: ir.NewArray, depth: int):
        self.imports.add("java.util.Arrays")
        fill = self.value(arr.fill, arr.type.elem if arr.type.dims == 1 else _leaf(arr.type))
        if arr.type.kind is Kind.LIST:
            # a boxed element takes no widening: `Collections.fill(longs, m)` does not compile
            fill = self.boxed_value(arr.fill, arr.type.elem) if isinstance(arr.fill, ir.Lit) \
                else self.expr(arr.fill)[0]
            self.imports.add("java.util.Collections")
            self.put(depth, f"Collections.fill({name}, {fill});")
            return
        if len(arr.dims) == 1:
            self.put(depth, f"Arrays.fill({name}, {fill});")
        elif len(arr.dims) == 2:
            row = self.fresh("row")
            self.put(depth, f"for ({self.type_name(arr.type.elem)} {row} : {name}) {{")
            self.put(depth + 1, f"Arrays.fill({row}, {fill});")
            self.put(depth, "}")
        else:
            raise Unsupported("filled arrays of more than two dimensions")

    def fresh(self, base: str) -> str:
        name, i = base, 2
        while name in self.used_names:
            name, i = f"{base}{i}", i + 1
        self.used_names.add(name)
        return name

    def decl(self, s: ir.Decl) -> str:
        if s.name in self.builders:
            init = "" if s.init is None else self.expr(s.init)[0]
            return f"StringBuilder {s.name} = new StringBuilder({init})"
        tn = self.type_name(s.type)
        if s.init is None:
            if s.type.kind in DEFAULTS:
                # C++ may leave a local uninitialised; Java insists on definite assignment
                return f"{tn} {s.name} = {DEFAULTS[s.type.kind]}"
            return f"{tn} {s.name} = null"
        if isinstance(s.init, ir.ArrayLit) and s.type.kind is Kind.ARRAY:
            return f"{tn} {s.name} = {self.array_body(s.init)}"
        if isinstance(s.init, ir.NewArray) and s.init.fill is not None:
            raise Unsupported("filled array inside a for header")
        if isinstance(s.init, ir.Intrinsic) and s.init.name == "empty":
            return f"{tn} {s.name} = {self.new_collection(s.type, s.name in self.ordered)}"
        return f"{tn} {s.name} = {self.value(s.init, s.type)}"

    def foreach_head(self, s: ir.ForEach) -> str:
        seq = self.expr(s.iterable)[0]
        if s.iterable.type.kind is Kind.STRING:
            seq = f"{self.paren(s.iterable, 16)}.toCharArray()"
        if s.iterable.type.kind is Kind.MAP:
            seq = f"{self.paren(s.iterable, 16)}.entrySet()"
        if ir.is_collection(s.iterable.type) and not (
                isinstance(s.iterable, ir.Name) and s.iterable.name in self.ordered):
            raise Unsupported("iterating a map or set that is not a variable")
        return f"for ({self.type_name(s.type)} {s.var} : {seq})"

    def check_failure(self, message: str) -> str:
        # not Java's `assert`, which is off unless the JVM runs with -ea
        return f"throw new AssertionError({string_literal(message)})"

    def swap(self, s: ir.SwapVars, depth: int):
        tmp = self.fresh("temp")
        a, b = self.lvalue_target(s.a), self.lvalue_target(s.b)
        self.put(depth, f"{self.type_name(s.type)} {tmp} = {self.expr(s.a)[0]};")
        self.put(depth, self.store(s.a, self.expr(s.b)[0]) + ";")
        self.put(depth, self.store(s.b, tmp) + ";")
        del a, b

    def lvalue_target(self, e: ir.Expr) -> str:
        return self.expr(e)[0]

    def store(self, target: ir.Expr, value: str) -> str:
        if isinstance(target, ir.Index) and target.seq.type.kind is Kind.LIST:
            return f"{self.paren(target.seq, 16)}.set({self.expr(target.index)[0]}, {value})"
        if isinstance(target, ir.Index) and target.seq.type.kind is Kind.MAP:
            return f"{self.paren(target.seq, 16)}.put({self.expr(target.index)[0]}, {value})"
        if isinstance(target, ir.Index) and self.builder(target.seq):
            return f"{target.seq.name}.setCharAt({self.expr(target.index)[0]}, {value})"
        return f"{self.expr(target)[0]} = {value}"

    def assign(self, s: ir.Assign) -> str:
        if self.builder(s.target):
            if s.op is None and isinstance(s.value, ir.Bin) and s.value.op == "add" and \
                    s.value.left == s.target:
                s = ir.Assign(s.target, s.value.right, "add")  # s = s + x appends
            if s.op is None:
                return f"{s.target.name} = new StringBuilder({self.expr(s.value)[0]})"
            if s.op == "add":
                value = s.value
                if isinstance(value, ir.Intrinsic) and value.name in (
                        "char_to_string", "to_string") and value.args[0].type.kind in (
                        Kind.CHAR, Kind.INT, Kind.LONG):
                    value = value.args[0]  # append(char) / append(int) add the same text
                return f"{s.target.name}.append({self.expr(value)[0]})"
        if isinstance(s.target, ir.Index) and self.builder(s.target.seq):
            if s.op is not None:
                raise Unsupported("compound assignment to a character of a string")
            return self.store(s.target, self.expr(s.value)[0])
        if isinstance(s.target, ir.Index) and s.target.seq.type.kind in (Kind.LIST, Kind.MAP):
            if s.op is not None and not ir.is_pure(s.target.index):
                raise Unsupported("compound assignment to an element whose index has effects")
            value = s.value if s.op is None else ir.Bin(s.op, s.target, s.value, s.target.type)
            # a boxed element: the value must already have the element's type (0L, not 0)
            return self.store(s.target, self.boxed_value(value, s.target.type))
        return super().assign(s)

    def boxed_value(self, e: ir.Expr, t: Type) -> str:
        """`e` where Java boxes it to `t`'s wrapper: an int literal does not box to Long."""
        if isinstance(e, ir.Lit) and ir.is_int(e.type) and t.kind is Kind.LONG:
            return self.int_literal(int(e.value), Kind.LONG)[0]
        if isinstance(e, ir.Lit) and ir.is_numeric(e.type) and t.kind in (Kind.DOUBLE,
                                                                             Kind.FLOAT):
            return self.float_literal(float(e.value), t.kind)
        return self.expr(e)[0]

    # ------------------------------------------------------------------ expressions

    def index(self, e: ir.Index):
        kind = e.seq.type.kind
        if kind is Kind.STRING:
            seq = e.seq.name if self.builder(e.seq) else self.paren(e.seq, 16)
            return f"{seq}.charAt({self.expr(e.index)[0]})", 16
        if kind is Kind.LIST:
            return f"{self.paren(e.seq, 16)}.get({self.expr(e.index)[0]})", 16
        if kind is Kind.MAP:
            return (f"{self.paren(e.seq, 16)}.getOrDefault({self.expr(e.index)[0]}, "
                    f"{self.default_value(e.type)})", 16)
        return super().index(e)

    def binary(self, e: ir.Bin):
        if e.op in ("eq", "ne") and all(_boxed(x) for x in (e.left, e.right)):
            # two boxed values (list elements, map values): == would compare references
            left = ir.Cast(e.left, e.left.type)
            text, _ = self.expr(e.right)
            sym = "==" if e.op == "eq" else "!="
            return (f"({self.type_name(e.left.type)}) {self.expr(e.left)[0]} {sym} {text}", 9)\
                if left else ("", 0)
        return super().binary(e)

    def int_literal(self, v: int, k: Kind):
        if k is Kind.INT and not -(2**31) <= v < 2**31:
            raise Unsupported(f"literal {v} does not fit an int")
        if not -(2**63) <= v < 2**63:
            raise Unsupported(f"literal {v} does not fit a long")
        text = str(v) + ("L" if k is Kind.LONG else "")
        if v == -(2**31) and k is Kind.INT:
            text = "Integer.MIN_VALUE"
        if v == -(2**63):
            text = "Long.MIN_VALUE"
        return text, (15 if v < 0 else ATOM)

    def const(self, e: ir.Const) -> str:
        return CONSTS[e.name]

    def bool_to_num(self, e: ir.Cast):
        return f"({self.paren(e.expr, 4)} ? 1 : 0)", ATOM

    def floor_op(self, e: ir.Bin):
        if ir.is_int(e.type):
            if self.nonneg(e.left) and self.nonneg(e.right):
                op = "/" if e.op == "div_floor" else "%"
                return f"{self.paren(e.left, 13)} {op} {self.paren(e.right, 14)}", 13
            fn = "Math.floorDiv" if e.op == "div_floor" else "Math.floorMod"
            return f"{fn}({self.expr(e.left)[0]}, {self.expr(e.right)[0]})", ATOM
        if e.op == "mod_floor" and ir.is_pure(e.right):
            a, b = self.paren(e.left, 13), self.paren(e.right, 14)
            return f"(({a} % {b}) + {b}) % {b}", 13
        raise Unsupported("floor division of floating-point values with side effects")

    def fmod(self, e: ir.Bin):
        return f"{self.paren(e.left, 13)} % {self.paren(e.right, 14)}", 13

    def ushr(self, e: ir.Bin):
        return f"{self.paren(e.left, 11)} >>> {self.paren(e.right, 12)}", 11

    def int_pow(self, e: ir.Bin):
        tn = self.type_name(e.type)
        return (f"({tn}) Math.pow({self.expr(e.left)[0]}, {self.expr(e.right)[0]})", CAST_PREC)

    def string_eq(self, e: ir.Bin):
        text = f"{self.paren(e.left, 16)}.equals({self.expr(e.right)[0]})"
        return (text, 16) if e.op == "eq" else (f"!{text}", 15)

    def string_order(self, e: ir.Bin):
        sym = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}[e.op]
        return f"{self.paren(e.left, 16)}.compareTo({self.expr(e.right)[0]}) {sym} 0", 10

    def concat(self, e: ir.Bin):
        left, right = e.left, e.right
        if _real_string(right):
            left = _unwrap(left)
        elif _real_string(left):
            right = _unwrap(right)
        else:
            right = _unwrap(right)
        lt = self.paren(left, 12) if left.type.kind is Kind.STRING or not isinstance(
            left, ir.Bin) else f"({self.expr(left)[0]})"
        rt = self.paren(right, 13) if right.type.kind is Kind.STRING else self.paren(right, 13)
        return f"{lt} + {rt}", 12

    def new_array(self, e: ir.NewArray) -> str:
        if e.type.kind is Kind.LIST:
            self.imports.add("java.util.ArrayList")
            if len(e.dims) == 1 and isinstance(e.dims[0], ir.Lit) and e.dims[0].value == 0:
                return "new ArrayList<>()"
            if len(e.dims) == 1:
                self.imports.add("java.util.Collections")
                fill = self.default_value(e.type.elem) if e.fill is None else self.expr(e.fill)[0]
                return f"new ArrayList<>(Collections.nCopies({self.expr(e.dims[0])[0]}, {fill}))"
            raise Unsupported("nested growable lists")
        if e.fill is not None:
            raise Unsupported("a filled array used inside an expression")
        leaf = _leaf(e.type)
        if leaf.is_sequence or leaf.kind is Kind.LIST:
            raise Unsupported("array of lists")
        dims = "".join(f"[{self.expr(d)[0]}]" for d in e.dims)
        extra = "[]" * (e.type.dims - len(e.dims))
        return f"new {self.type_name(leaf)}{dims}{extra}"

    def default_value(self, t: Type) -> str:
        return DEFAULTS.get(t.kind, "null").replace("0", "0L") if t.kind is Kind.LONG else \
            DEFAULTS.get(t.kind, "null")

    def array_body(self, e: ir.ArrayLit) -> str:
        items = []
        for x in e.elems:
            if isinstance(x, ir.ArrayLit):
                items.append(self.array_body(x))
            else:
                items.append(self.value(x, e.type.elem))
        return "{" + ", ".join(items) + "}"

    def array_lit(self, e: ir.ArrayLit) -> str:
        if e.type.kind is Kind.LIST:
            self.imports.update({"java.util.ArrayList", "java.util.Arrays"})
            items = ", ".join(self.expr(x)[0] for x in e.elems)
            return f"new ArrayList<>(Arrays.asList({items}))" if items else "new ArrayList<>()"
        return f"new {self.type_name(e.type)} {self.array_body(e)}"

    def call(self, e: ir.Call) -> str:
        return f"{e.name}({', '.join(self.expr(a)[0] for a in e.args)})"

    def intrinsic(self, e: ir.Intrinsic):
        n, a = e.name, e.args
        x = [self.expr(arg)[0] for arg in a]
        if n in ("min", "max"):
            text = x[-1]
            for item in reversed(x[:-1]):
                text = f"Math.{n}({item}, {text})"
            if e.type.kind is Kind.CHAR:
                return f"(char) {text}", CAST_PREC
            return text, ATOM
        if n in MATH1:
            return f"Math.{n}({x[0]})", ATOM
        if n == "round_half_even":
            return f"Math.rint({x[0]})", ATOM  # rint ties to even, as Python's round()
        if n == "log2":
            return f"(Math.log({x[0]}) / Math.log(2))", ATOM
        if n in ("pow", "atan2", "hypot"):
            return f"Math.{n}({x[0]}, {x[1]})", ATOM
        if n == "len":
            kind = a[0].type.kind
            seq = a[0].name if self.builder(a[0]) else self.paren(a[0], 16)
            if kind is Kind.ARRAY:
                return f"{seq}.length", 16
            if kind in (Kind.LIST, Kind.MAP, Kind.SET):
                return f"{seq}.size()", 16
            return f"{seq}.length()", 16
        if n == "ord_of_string":
            # charAt(-1) throws unless the string has exactly one character, as ord() does
            s = self.paren(a[0], 16)
            return f"(int) {s}.charAt({s}.length() == 1 ? 0 : -1)", CAST_PREC
        if n == "append":
            return f"{self.paren(a[0], 16)}.add({x[1]})", 16
        if n == "pop_back":
            seq = self.paren(a[0], 16)
            return f"{seq}.remove({seq}.size() - 1)", 16
        if n == "pop_front":
            return f"{self.paren(a[0], 16)}.remove(0)", 16
        if n == "remove_at":
            # an int argument picks List.remove(int index), not remove(Object)
            index = f"(int) {self.paren(a[1], CAST_PREC)}" if _boxed(a[1]) else x[1]
            return f"{self.paren(a[0], 16)}.remove({index})", 16
        if n == "sort":
            if a[0].type.kind is Kind.LIST:
                self.imports.add("java.util.Collections")
                return f"Collections.sort({x[0]})", ATOM
            self.imports.add("java.util.Arrays")
            return f"Arrays.sort({x[0]})", ATOM
        if n == "sort_range":
            if a[0].type.kind is Kind.LIST:
                self.imports.add("java.util.Collections")
                return f"Collections.sort({self.paren(a[0], 16)}.subList({x[1]}, {x[2]}))", ATOM
            self.imports.add("java.util.Arrays")
            return f"Arrays.sort({x[0]}, {x[1]}, {x[2]})", ATOM
        if n == "popcount":
            return f"{'Long' if a[0].type.kind is Kind.LONG else 'Integer'}.bitCount({x[0]})", ATOM
        if n == "round_half_away":
            # Math.round rounds ties up (-2.5 to -2); C's round takes them away from zero.
            # `x % 1.0` is exact, so only true ties move, and rint keeps -0.0, NaN, infinity
            if not ir.is_pure(a[0]):
                raise Unsupported("round() of an expression with effects")
            v = self.paren(a[0], 13)
            return (f"Math.abs({self.paren(a[0], 13)} % 1.0) == 0.5 ? {v} + Math.copySign(0.5, "
                    f"{x[0]}) : Math.rint({x[0]})"), TERNARY
        if n == "sort_desc":
            if a[0].type.kind is not Kind.LIST:
                raise Unsupported("a descending sort of an array inside an expression")
            self.imports.add("java.util.Collections")
            part = x[0] if _whole(a) else f"{self.paren(a[0], 16)}.subList({x[1]}, {x[2]})"
            return f"Collections.sort({part}, Collections.reverseOrder())", ATOM
        if n == "reverse":
            if a[0].type.kind is Kind.LIST:
                self.imports.add("java.util.Collections")
                return f"Collections.reverse({x[0]})", ATOM
            raise Unsupported("reversing an array in place has no Java one-liner")
        if n == "fill":
            if a[0].type.kind is Kind.LIST:
                self.imports.add("java.util.Collections")
                return f"Collections.fill({x[0]}, {x[1]})", ATOM
            self.imports.add("java.util.Arrays")
            return f"Arrays.fill({x[0]}, {self.value(a[1], a[0].type.elem)})", ATOM
        if n == "substr":
            s = a[0].name if self.builder(a[0]) else self.paren(a[0], 16)
            if isinstance(a[2], ir.Intrinsic) and a[2].name == "len" and a[2].args[0] == a[0]:
                return f"{s}.substring({x[1]})", 16
            return f"{s}.substring({x[1]}, {x[2]})", 16
        if n in ("to_string", "char_to_string"):
            return f"String.valueOf({x[0]})", ATOM
        if n == "parse_int":
            return (f"Integer.parseInt({x[0]})" if e.type.kind is Kind.INT
                    else f"Long.parseLong({x[0]})"), ATOM
        if n == "str_compare":
            return f"{self.paren(a[0], 16)}.compareTo({x[1]})", 16
        if n in CHAR_TESTS:
            return f"Character.{CHAR_TESTS[n]}({x[0]})", ATOM
        if n in ("to_upper", "to_lower"):
            suffix = "UpperCase" if n == "to_upper" else "LowerCase"
            if a[0].type.kind is Kind.CHAR:
                return f"Character.to{suffix}({x[0]})", ATOM
            return f"{self.paren(a[0], 16)}.to{suffix}()", 16
        if n == "str_reverse":
            return f"new StringBuilder({x[0]}).reverse().toString()", 16
        if n == "str_repeat":
            return f"{self.paren(a[0], 16)}.repeat({x[1]})", 16
        if n in ("max_range", "min_range"):
            which = "max" if n == "max_range" else "min"
            if a[0].type.kind is Kind.STRING:
                raise Unsupported(f"the {which}imum character of a string has no Java one-liner")
            if a[0].type.kind is Kind.LIST:
                self.imports.add("java.util.Collections")
                return f"Collections.{which}({self.paren(a[0], 16)}.subList({x[1]}, {x[2]}))", ATOM
            self.imports.add("java.util.Arrays")
            get = {Kind.INT: "getAsInt", Kind.LONG: "getAsLong", Kind.DOUBLE: "getAsDouble"}.get(
                e.type.kind)
            if get is None:
                raise Unsupported(f"{which} of an array of {e.type}")
            if isinstance(a[1], ir.Lit) and a[1].value == 0 and isinstance(a[2], ir.Intrinsic) \
                    and a[2].name == "len":
                return f"Arrays.stream({x[0]}).{which}().{get}()", 16
            return f"Arrays.stream({x[0]}, {x[1]}, {x[2]}).{which}().{get}()", 16
        if n == "sum_range":
            whole = _is_zero_lit(a[1]) and isinstance(a[2], ir.Intrinsic) and a[2].name == "len"
            # ints summed as a long (C++ `accumulate(.., 0LL)`): each element widens first
            widen = e.type.kind is Kind.LONG and a[0].type.elem.kind is Kind.INT
            if not widen and a[0].type.elem != e.type:
                raise Unsupported(f"a sum of {a[0].type.elem} elements as a {e.type}")
            if a[0].type.kind is Kind.LIST:
                conv = {Kind.INT: "mapToInt(Integer::intValue)",
                        Kind.LONG: "mapToLong(Long::longValue)",
                        Kind.DOUBLE: "mapToDouble(Double::doubleValue)"}.get(e.type.kind)
                if widen:
                    conv = "mapToLong(Integer::longValue)"
                if conv is None or not whole:
                    raise Unsupported(f"sum of a list of {e.type}")
                return f"{self.paren(a[0], 16)}.stream().{conv}.sum()", 16
            if e.type.kind not in (Kind.INT, Kind.LONG, Kind.DOUBLE):
                raise Unsupported(f"sum of an array of {e.type}")
            self.imports.add("java.util.Arrays")
            stream = f"Arrays.stream({x[0]})" if whole else f"Arrays.stream({x[0]}, {x[1]}, {x[2]})"
            return f"{stream}{'.asLongStream()' if widen else ''}.sum()", 16
        if n == "copy":
            if a[0].type.kind is Kind.ARRAY and e.type.kind is Kind.LIST and \
                    e.type.elem.kind in (Kind.INT, Kind.LONG, Kind.DOUBLE):
                self.imports.update({"java.util.ArrayList", "java.util.Arrays",
                                     "java.util.stream.Collectors"})
                return (f"Arrays.stream({x[0]}).boxed().collect(Collectors.toCollection("
                        "ArrayList::new))"), 16
            if a[0].type.kind is not e.type.kind:
                raise Unsupported(f"copying a {a[0].type} into a {e.type}")
            if a[0].type.kind is Kind.LIST:
                self.imports.add("java.util.ArrayList")
                return f"new ArrayList<>({x[0]})", ATOM
            return f"{self.paren(a[0], 16)}.clone()", 16
        if n == "to_char_array":
            return f"{self.paren(a[0], 16)}.toCharArray()", 16
        if n == "chars_to_string":
            return f"new String({x[0]})", ATOM
        if n == "empty":
            return self.new_collection(e.type, ordered=True), ATOM
        if n == "print":
            parts = [self.paren(p, 13) for p in a]
            if a and a[0].type.kind is not Kind.STRING:
                parts.insert(0, '""')  # string concatenation, not char / int arithmetic
            return f"System.out.print({' + '.join(parts) or chr(34) * 2})", ATOM
        if n == "map_get_strict":
            return f"{self.paren(a[0], 16)}.get({x[1]})", 16
        if n == "map_get_insert":
            key = self.fresh("absent")
            return (f"{self.paren(a[0], 16)}.computeIfAbsent({x[1]}, {key} -> "
                    f"{self.default_value(e.type)})", 16)
        if n == "set_add":
            return f"{self.paren(a[0], 16)}.add({x[1]})", 16
        if n == "remove_key":
            return f"{self.paren(a[0], 16)}.remove({x[1]})", 16
        if n in ("pair_first", "pair_second"):
            return f"{self.paren(a[0], 16)}.{'getKey' if n == 'pair_first' else 'getValue'}()", 16
        if n == "contains" and a[0].type.kind in (Kind.MAP, Kind.SET):
            method = "containsKey" if a[0].type.kind is Kind.MAP else "contains"
            return f"{self.paren(a[0], 16)}.{method}({x[1]})", 16
        if n == "contains":
            if a[0].type.kind is Kind.STRING:
                needle = x[1] if a[1].type.kind in (Kind.CHAR, Kind.STRING) else None
                return f"{self.paren(a[0], 16)}.indexOf({needle}) >= 0", 10
            if a[0].type.kind is Kind.LIST:
                return f"{self.paren(a[0], 16)}.contains({x[1]})", 16
            raise Unsupported("`in` on an array has no Java one-liner")
        raise Unsupported(f"{n} has no Java form")


def _boxed(e: ir.Expr) -> bool:
    """An expression Java types as a wrapper object (Integer, ...), not a primitive."""
    if isinstance(e, ir.Index):
        return e.seq.type.kind in (Kind.LIST, Kind.MAP)
    return isinstance(e, ir.Intrinsic) and e.name in ("map_get_insert", "map_get_strict",
                                                      "pair_first", "pair_second")


def _minus_one(e: ir.Expr) -> ir.Expr:
    """`e - 1`, folded into a literal addend (`n - 1` rather than `n - 0 - 1`)."""
    if isinstance(e, ir.Bin) and e.op in ("add", "sub") and isinstance(e.right, ir.Lit) and \
            type(e.right.value) is int:
        d = (e.right.value if e.op == "add" else -e.right.value) - 1  # x + d, wrapping alike
        if d == 0:
            return e.left
        return ir.Bin("add" if d > 0 else "sub", e.left, ir.Lit(abs(d), e.right.type), e.type)
    if isinstance(e, ir.Lit) and type(e.value) is int:
        return ir.Lit(e.value - 1, e.type)
    return ir.Bin("sub", e, ir.Lit(1, ir.INT), ir.INT)


def _whole(args) -> bool:
    """(seq, begin, end) arguments that cover the whole sequence."""
    return _is_zero_lit(args[1]) and isinstance(args[2], ir.Intrinsic) and args[2].name == "len" \
        and args[2].args[0] == args[0]


def _reads_no_elements(e: ir.Expr) -> bool:
    """Evaluating `e` again gives the same value after elements of any array change."""
    return ir.is_pure(e) and not any(isinstance(n, ir.Index) or (
        isinstance(n, ir.Intrinsic) and n.name != "len") for n in ir.walk(e))


def _is_zero_lit(e: ir.Expr) -> bool:
    return isinstance(e, ir.Lit) and e.value == 0 and not isinstance(e.value, bool)


def _leaf(t: Type) -> Type:
    while t.is_sequence:
        t = t.elem
    return t


def _real_string(e: ir.Expr) -> bool:
    return e.type.kind is Kind.STRING and not (
        isinstance(e, ir.Intrinsic) and e.name in ("to_string", "char_to_string"))


def _unwrap(e: ir.Expr) -> ir.Expr:
    if isinstance(e, ir.Intrinsic) and e.name in ("to_string", "char_to_string") and \
            e.args[0].type.kind is not Kind.BOOL:
        return e.args[0]
    return e

"""Printing the IR as one free C++ function (C++17, `using namespace std` not assumed)."""

from __future__ import annotations

from migrate.engines.rules import ir
from migrate.engines.rules.back_cfamily import ATOM, CAST_PREC, CBack, doc_lines, string_literal
from migrate.engines.rules.ir import Unsupported
from migrate.units import Kind, Type

PRIM = {Kind.INT: "int", Kind.LONG: "long long", Kind.DOUBLE: "double", Kind.FLOAT: "float",
        Kind.BOOL: "bool", Kind.CHAR: "char", Kind.STRING: "std::string", Kind.VOID: "void"}
CONSTS = {"INT_MAX": ("INT_MAX", "<climits>"), "INT_MIN": ("INT_MIN", "<climits>"),
          "LONG_MAX": ("LLONG_MAX", "<climits>"), "LONG_MIN": ("LLONG_MIN", "<climits>"),
          "DOUBLE_MAX": ("DBL_MAX", "<cfloat>"), "DOUBLE_MIN": ("DBL_MIN", "<cfloat>"),
          "INF": ("std::numeric_limits<double>::infinity()", "<limits>"),
          "PI": ("M_PI", "<cmath>"), "E": ("M_E", "<cmath>")}
MATH = {"sqrt", "cbrt", "exp", "log", "log10", "log2", "sin", "cos", "tan", "asin", "acos",
        "atan", "floor", "ceil", "pow", "atan2", "hypot"}
CHAR_TESTS = {"is_digit": "isdigit", "is_alpha": "isalpha", "is_alnum": "isalnum",
              "is_upper": "isupper", "is_lower": "islower", "is_space": "isspace"}
# sequence uses that need the length, so a parameter must be a vector, not a pointer
LENGTH_USES = {"len", "sort", "reverse", "fill", "copy", "append", "pop_back", "pop_front",
               "contains",
               "chars_to_string"}


CPP_RESERVED = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t char32_t
class compl const constexpr const_cast continue decltype default delete do double dynamic_cast
else enum explicit export extern false float for friend goto if inline int long mutable
namespace new noexcept not not_eq nullptr operator or or_eq private protected public register
reinterpret_cast return short signed sizeof static static_assert static_cast struct switch
template this thread_local throw true try typedef typeid typename union unsigned using virtual
void volatile wchar_t while xor xor_eq std max min abs sort swap fill reverse pow sqrt floor
ceil log exp string vector INT_MAX INT_MIN LLONG_MAX LLONG_MIN NULL main
""".split())


_ZERO = {Kind.INT: 0, Kind.LONG: 0, Kind.DOUBLE: 0.0, Kind.FLOAT: 0.0, Kind.BOOL: False,
         Kind.CHAR: "\0", Kind.STRING: ""}


class CppBack(CBack):
    reserved = CPP_RESERVED
    def __init__(self, fn: ir.FunctionIR):
        super().__init__(fn)
        self.pointer_params = self.find_pointer_params()

    def find_pointer_params(self) -> set[str]:
        """Array parameters only ever indexed: printed `T name[]` (GfG harnesses pass pointers).

        Passing one on to the function itself keeps it a pointer when the receiving
        parameter is one too (binary searches recurse with the same array)."""
        params = [p.name for p in self.fn.params]
        candidates = {p.name for p in self.fn.params
                      if p.type.kind is Kind.ARRAY and p.type.dims == 1}
        self_calls: list[tuple[str, str]] = []  # (argument, receiving parameter)
        for n in ir.walk_all(self.fn.body):
            if isinstance(n, ir.Intrinsic) and n.name in LENGTH_USES:
                for arg in n.args[:1]:
                    if isinstance(arg, ir.Name):
                        candidates.discard(arg.name)
            elif isinstance(n, ir.ForEach) and isinstance(n.iterable, ir.Name):
                candidates.discard(n.iterable.name)
            elif isinstance(n, (ir.Assign, ir.Decl)):
                value = n.value if isinstance(n, ir.Assign) else n.init
                if isinstance(value, ir.Name):
                    candidates.discard(value.name)
                if isinstance(n, ir.Assign) and isinstance(n.target, ir.Name):
                    candidates.discard(n.target.name)
            elif isinstance(n, ir.Call):
                recursive = n.name == self.fn.name and len(n.args) == len(params)
                for i, arg in enumerate(n.args):
                    if isinstance(arg, ir.Name):
                        if recursive:
                            self_calls.append((arg.name, params[i]))
                        else:
                            candidates.discard(arg.name)
            elif isinstance(n, ir.Return) and isinstance(n.value, ir.Name):
                candidates.discard(n.value.name)
        changed = True
        while changed:
            changed = False
            for arg, receiver in self_calls:
                if (arg in candidates) != (receiver in candidates):
                    candidates.discard(arg)
                    candidates.discard(receiver)
                    changed = True
        return candidates

    def type_name(self, t: Type) -> str:
        if t.is_sequence:
            self.imports.add("<vector>")
            return f"std::vector<{self.type_name(t.elem)}>"
        if t.kind is Kind.STRING:
            self.imports.add("<string>")
        if t.kind in PRIM:
            return PRIM[t.kind]
        # std::map / std::set iterate in ascending key order, as the IR's maps and sets do
        if t.kind is Kind.MAP:
            self.imports.add("<map>")
            return f"std::map<{self.type_name(t.key)}, {self.type_name(t.elem)}>"
        if t.kind is Kind.SET:
            self.imports.add("<set>")
            return f"std::set<{self.type_name(t.elem)}>"
        if t.kind is Kind.PAIR:
            self.imports.add("<utility>")
            return f"std::pair<{self.type_name(t.key)}, {self.type_name(t.elem)}>"
        raise Unsupported(f"no C++ type for {t}")

    def emit_doc(self):
        for line in doc_lines(self.fn.doc):
            self.lines.append(("// " + line).rstrip())

    def header(self) -> str:
        params = []
        for p in self.fn.params:
            if p.name in self.pointer_params:
                params.append(f"{self.type_name(p.type.elem)} {p.name}[]")
            elif p.type.is_sequence:
                params.append(f"{self.type_name(p.type)}& {p.name}")
            else:
                params.append(f"{self.type_name(p.type)} {p.name}")
            if p.default is not None:
                params[-1] += f" = {self.literal(p.default)[0]}"
        return f"{self.type_name(self.fn.returns)} {self.fn.name}({', '.join(params)})"

    def implicit_ok(self, src, dst):
        return True

    def assign(self, s: ir.Assign) -> str:
        if s.op in ("band", "bor", "bxor") and s.target.type.kind is Kind.BOOL and \
                isinstance(s.target, ir.Index):
            # std::vector<bool> elements are proxies without compound operators
            full = ir.Bin(s.op, s.target, s.value, s.target.type)
            return f"{self.lvalue(s.target)} = {self.expr(full)[0]}"
        return super().assign(s)

    # ------------------------------------------------------------------ statements

    def decl(self, s: ir.Decl) -> str:
        tn = self.type_name(s.type)
        if s.init is None or (isinstance(s.init, ir.Intrinsic) and s.init.name == "empty"):
            return f"{tn} {s.name}"
        if isinstance(s.init, ir.NewArray):
            args = self.vector_args(s.init)
            return f"{tn} {s.name}" + (f"({args})" if args else "")
        if isinstance(s.init, ir.ArrayLit):
            return f"{tn} {s.name} = {self.brace(s.init)}"
        return f"{tn} {s.name} = {self.value(s.init, s.type)}"

    def foreach_head(self, s: ir.ForEach) -> str:
        if isinstance(s.iterable, ir.Name) and s.iterable.name in self.pointer_params:
            raise Unsupported("for-each over a pointer parameter")
        return f"for ({self.type_name(s.type)} {s.var} : {self.expr(s.iterable)[0]})"

    def check_failure(self, message: str) -> str:
        # not C's `assert`, which NDEBUG compiles away
        self.imports.add("<stdexcept>")
        return f"throw std::logic_error({string_literal('assertion failed: ' + message)})"

    def swap(self, s: ir.SwapVars, depth: int):
        self.imports.add("<utility>")
        self.put(depth, f"std::swap({self.expr(s.a)[0]}, {self.expr(s.b)[0]});")

    # ------------------------------------------------------------------ expressions

    def int_literal(self, v: int, k: Kind):
        if k is Kind.INT and not -(2**31) <= v < 2**31:
            raise Unsupported(f"literal {v} does not fit an int")
        if not -(2**63) <= v < 2**63:
            raise Unsupported(f"literal {v} does not fit a long long")
        if v == -(2**31) and k is Kind.INT:
            self.imports.add("<climits>")
            return "INT_MIN", ATOM
        if v == -(2**63):
            self.imports.add("<climits>")
            return "LLONG_MIN", ATOM
        return str(v) + ("LL" if k is Kind.LONG else ""), (15 if v < 0 else ATOM)

    def const(self, e: ir.Const) -> str:
        text, header = CONSTS[e.name]
        self.imports.add(header)
        return text

    def bool_to_num(self, e: ir.Cast):
        return f"({self.type_name(e.type)}) {self.paren(e.expr, CAST_PREC)}", CAST_PREC

    def floor_op(self, e: ir.Bin):
        a, b = e.left, e.right
        if ir.is_int(e.type) and self.nonneg(a) and self.nonneg(b):
            op = "/" if e.op == "div_floor" else "%"
            return f"{self.paren(a, 13)} {op} {self.paren(b, 14)}", 13
        if not (ir.is_pure(a) and ir.is_pure(b)):
            raise Unsupported("floor division / modulo of operands with side effects")
        if not ir.is_int(e.type):
            if e.op == "mod_floor":
                self.imports.add("<cmath>")
                x, y = self.expr(a)[0], self.expr(b)[0]
                return f"fmod(fmod({x}, {y}) + {y}, {y})", ATOM
            raise Unsupported("floor division of floating-point values")
        x, y = self.paren(a, 13), self.paren(b, 14)
        mod = f"(({x} % {y}) + {y}) % {y}"
        if e.op == "mod_floor":
            return mod, 13
        if isinstance(b, ir.Lit) and b.value > 0:
            # truncation rounds up exactly when a negative remainder is left
            return f"{x} / {y} - ({x} % {y} < 0)", 12
        # a - floormod(a, b) is an exact multiple of b, so this division is exact
        return f"({self.paren(a, 12)} - {mod}) / {y}", 13

    def fmod(self, e: ir.Bin):
        self.imports.add("<cmath>")
        return f"fmod({self.expr(e.left)[0]}, {self.expr(e.right)[0]})", ATOM

    def ushr(self, e: ir.Bin):
        if e.type.kind is Kind.INT:
            return (f"(int) ((unsigned int) {self.paren(e.left, CAST_PREC)} >> "
                    f"{self.paren(e.right, 12)})", CAST_PREC)
        return (f"(long long) ((unsigned long long) {self.paren(e.left, CAST_PREC)} >> "
                f"{self.paren(e.right, 12)})", CAST_PREC)

    def int_pow(self, e: ir.Bin):
        self.imports.add("<cmath>")
        return (f"({self.type_name(e.type)}) pow({self.expr(e.left)[0]}, {self.expr(e.right)[0]})",
                CAST_PREC)

    def string_eq(self, e: ir.Bin):
        if isinstance(e.left, ir.Lit) and isinstance(e.right, ir.Lit):
            raise Unsupported("comparing two string literals")
        return super().binary(ir.Bin(e.op, e.left, e.right, e.type)) if False else (
            f"{self.paren(e.left, 10)} {'==' if e.op == 'eq' else '!='} {self.paren(e.right, 10)}",
            9)

    def string_order(self, e: ir.Bin):
        if isinstance(e.left, ir.Lit) and isinstance(e.right, ir.Lit):
            raise Unsupported("comparing two string literals")
        sym = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}[e.op]
        return f"{self.paren(e.left, 11)} {sym} {self.paren(e.right, 11)}", 10

    def concat(self, e: ir.Bin):
        left, right = e.left, e.right
        if _real_string(left) and isinstance(right, ir.Intrinsic) and right.name == \
                "char_to_string":
            right = right.args[0]
        lt = self.paren(left, 12)
        if isinstance(left, ir.Lit) and (isinstance(right, ir.Lit) or right.type.kind is
                                         Kind.CHAR):
            lt = f"std::string({lt})"
        return f"{lt} + {self.paren(right, 13)}", 12

    def new_array(self, e: ir.NewArray) -> str:
        return f"{self.type_name(e.type)}({self.vector_args(e)})"

    def vector_args(self, e: ir.NewArray) -> str:
        """Constructor arguments of a (nested) zero- or value-filled vector."""
        if len(e.dims) == 1 and isinstance(e.dims[0], ir.Lit) and e.dims[0].value == 0 and \
                e.fill is None:
            return ""
        if len(e.dims) > e.type.dims:
            raise Unsupported("more sizes than dimensions")
        inner_t = e.type.elem
        size = self.expr(e.dims[0])[0]
        if len(e.dims) == 1:
            if e.fill is None:
                return size
            return f"{size}, {self.value(e.fill, inner_t)}"
        inner = ir.NewArray(e.dims[1:], inner_t, e.fill)
        return f"{size}, {self.new_array(inner)}"

    def brace(self, e: ir.ArrayLit) -> str:
        items = [self.brace(x) if isinstance(x, ir.ArrayLit) else self.value(x, e.type.elem)
                 for x in e.elems]
        return "{" + ", ".join(items) + "}"

    def array_lit(self, e: ir.ArrayLit) -> str:
        return f"{self.type_name(e.type)}{self.brace(e)}"

    def index(self, e: ir.Index):
        if e.seq.type.kind is Kind.MAP:
            # a read that must not insert: the value, or the zero of an absent key
            if not (ir.is_pure(e.seq) and ir.is_pure(e.index)):
                raise Unsupported("reading a map entry whose key has effects")
            m, k = self.paren(e.seq, 16), self.expr(e.index)[0]
            zero = self.literal(ir.Lit(_ZERO[e.type.kind], e.type))[0] \
                if e.type.kind in _ZERO else None
            if zero is None:
                raise Unsupported(f"the zero value of {e.type}")
            return f"({m}.count({k}) ? {m}.at({k}) : {zero})", ATOM
        return super().index(e)

    def unary(self, e: ir.Unary):
        inner = e.operand
        if e.op == "not" and isinstance(inner, ir.Intrinsic) and inner.name == "contains" and \
                ir.is_collection(inner.args[0].type):
            return (f"{self.paren(inner.args[0], 16)}.count({self.expr(inner.args[1])[0]}) == 0",
                    9)
        return super().unary(e)

    def lvalue(self, e: ir.Expr) -> str:
        if isinstance(e, ir.Index) and e.seq.type.kind is Kind.MAP:
            return f"{self.paren(e.seq, 16)}[{self.expr(e.index)[0]}]"  # a store inserts
        return super().lvalue(e)

    def seq_range(self, seq: ir.Expr, begin: ir.Expr | None, end: ir.Expr | None) -> str:
        s = self.paren(seq, 16)
        is_ptr = isinstance(seq, ir.Name) and seq.name in self.pointer_params
        first = s if is_ptr else f"{s}.begin()"
        b = first if begin is None or _is_zero(begin) else f"{first} + {self.paren(begin, 13)}"
        if end is None:
            if is_ptr:
                raise Unsupported("the whole of a pointer parameter")
            return f"{b}, {s}.end()"
        return f"{b}, {first} + {self.paren(end, 13)}"

    def intrinsic(self, e: ir.Intrinsic):
        n, a = e.name, e.args
        x = [self.expr(arg)[0] for arg in a]
        if n == "print":
            self.imports.add("<iostream>")
            return "std::cout" + "".join(f" << {self.paren(p, 12)}" for p in a), 11
        if n in ("min", "max"):
            self.imports.add("<algorithm>")
            if len(x) == 2:
                return f"std::{n}({x[0]}, {x[1]})", ATOM
            return f"std::{n}({{{', '.join(x)}}})", ATOM
        if n == "abs":
            self.imports.add("<cmath>" if ir.is_float(e.type) else "<cstdlib>")
            return f"{'fabs' if ir.is_float(e.type) else 'std::abs'}({x[0]})", ATOM
        if n in MATH:
            self.imports.add("<cmath>")
            return f"{n}({', '.join(x)})", ATOM
        if n == "ord_of_string":
            # at(size()) throws std::out_of_range unless exactly one character, as ord() does
            s = self.paren(a[0], 16)
            return f"(int) {s}.at({s}.size() == 1 ? 0 : {s}.size())", CAST_PREC
        if n == "round_half_even":
            # nearbyint follows the rounding mode, which is ties-to-even unless changed
            self.imports.add("<cmath>")
            return f"std::nearbyint({x[0]})", ATOM
        if n == "len":
            if isinstance(a[0], ir.Name) and a[0].name in self.pointer_params:
                raise Unsupported("length of a pointer parameter")
            return f"(int) {self.paren(a[0], 16)}.size()", CAST_PREC
        if n == "append":
            return f"{self.paren(a[0], 16)}.push_back({x[1]})", 16
        if n == "pop_back":
            return f"{self.paren(a[0], 16)}.pop_back()", 16
        if n == "pop_front":
            seq = self.paren(a[0], 16)
            return f"{seq}.erase({seq}.begin())", 16
        if n == "remove_at":
            seq = self.paren(a[0], 16)
            return f"{seq}.erase({seq}.begin() + {self.paren(a[1], 13)})", 16
        if n in ("sort", "reverse"):
            self.imports.add("<algorithm>")
            return f"std::{n}({self.seq_range(a[0], None, None)})", ATOM
        if n == "sort_range":
            self.imports.add("<algorithm>")
            return f"std::sort({self.seq_range(a[0], a[1], a[2])})", ATOM
        if n == "popcount":
            return f"__builtin_popcount{'ll' if a[0].type.kind is Kind.LONG else ''}({x[0]})", ATOM
        if n == "round_half_away":
            self.imports.add("<cmath>")
            return f"std::round({x[0]})", ATOM
        if n == "sort_desc":
            self.imports.add("<algorithm>")
            self.imports.add("<functional>")
            whole = _is_zero(a[1]) and isinstance(a[2], ir.Intrinsic) and a[2].name == "len" and \
                a[2].args[0] == a[0]
            rng = self.seq_range(a[0], None, None) if whole else self.seq_range(a[0], a[1], a[2])
            return f"std::sort({rng}, std::greater<>())", ATOM
        if n == "fill":
            self.imports.add("<algorithm>")
            return (f"std::fill({self.seq_range(a[0], None, None)}, "
                    f"{self.value(a[1], a[0].type.elem)})", ATOM)
        if n in ("max_range", "min_range"):
            self.imports.add("<algorithm>")
            fn = "max_element" if n == "max_range" else "min_element"
            end = None if (isinstance(a[2], ir.Intrinsic) and a[2].name == "len") else a[2]
            return f"*std::{fn}({self.seq_range(a[0], a[1], end)})", 15
        if n == "sum_range":
            self.imports.add("<numeric>")
            zero = {Kind.INT: "0", Kind.LONG: "0LL", Kind.DOUBLE: "0.0"}.get(e.type.kind)
            if zero is None:
                raise Unsupported(f"sum of {e.type} values")
            end = None if (isinstance(a[2], ir.Intrinsic) and a[2].name == "len") else a[2]
            return f"std::accumulate({self.seq_range(a[0], a[1], end)}, {zero})", ATOM
        if n == "substr":
            s = self.paren(a[0], 16)
            if isinstance(a[2], ir.Intrinsic) and a[2].name == "len" and a[2].args[0] == a[0]:
                return f"{s}.substr({x[1]})", 16
            if _is_zero(a[1]):
                return f"{s}.substr(0, {x[2]})", 16
            return f"{s}.substr({x[1]}, {self.paren(a[2], 12)} - {self.paren(a[1], 13)})", 16
        if n == "to_string":
            self.imports.add("<string>")
            if a[0].type.kind is Kind.BOOL:
                return f"std::string({self.paren(a[0], 4)} ? \"true\" : \"false\")", ATOM
            return f"std::to_string({x[0]})", ATOM
        if n == "char_to_string":
            self.imports.add("<string>")
            return f"std::string(1, {x[0]})", ATOM
        if n == "parse_int":
            return (f"std::stoi({x[0]})" if e.type.kind is Kind.INT else f"std::stoll({x[0]})"), \
                ATOM
        if n == "str_compare":
            return f"{self.paren(a[0], 16)}.compare({x[1]})", 16
        if n in CHAR_TESTS:
            self.imports.add("<cctype>")
            return f"{CHAR_TESTS[n]}((unsigned char) {self.paren(a[0], CAST_PREC)})", ATOM
        if n in ("to_upper", "to_lower"):
            if a[0].type.kind is not Kind.CHAR:
                raise Unsupported("upper / lower case of a whole string")
            self.imports.add("<cctype>")
            fn = "toupper" if n == "to_upper" else "tolower"
            return f"(char) {fn}((unsigned char) {self.paren(a[0], CAST_PREC)})", CAST_PREC
        if n == "str_reverse":
            s = self.paren(a[0], 16)
            return f"std::string({s}.rbegin(), {s}.rend())", ATOM
        if n == "copy":
            return x[0], ATOM
        if n == "to_char_array":
            self.imports.add("<vector>")
            s = self.paren(a[0], 16)
            if isinstance(a[0], ir.Lit):
                s = f"std::string({s})"
            return f"std::vector<char>({s}.begin(), {s}.end())", ATOM
        if n == "chars_to_string":
            if isinstance(a[0], ir.Name) and a[0].name in self.pointer_params:
                raise Unsupported("string from a pointer parameter")
            s = self.paren(a[0], 16)
            return f"std::string({s}.begin(), {s}.end())", ATOM
        if n == "empty":
            return "{}", ATOM
        if n == "map_get_strict":
            return f"{self.paren(a[0], 16)}.at({x[1]})", 16
        if n == "map_get_insert":
            return f"{self.paren(a[0], 16)}[{x[1]}]", 16
        if n == "set_add":
            return f"{self.paren(a[0], 16)}.insert({x[1]})", 16
        if n == "remove_key":
            return f"{self.paren(a[0], 16)}.erase({x[1]})", 16
        if n in ("pair_first", "pair_second"):
            return f"{self.paren(a[0], 16)}.{'first' if n == 'pair_first' else 'second'}", 16
        if n == "contains" and ir.is_collection(a[0].type):
            return f"{self.paren(a[0], 16)}.count({x[1]}) != 0", 9
        if n == "contains":
            if a[0].type.kind is Kind.STRING:
                s = self.paren(a[0], 16)
                if isinstance(a[0], ir.Lit):
                    s = f"std::string({s})"
                return f"{s}.find({x[1]}) != std::string::npos", 9
            self.imports.add("<algorithm>")
            return f"std::find({self.seq_range(a[0], None, None)}, {x[1]}) != " \
                   f"{self.paren(a[0], 16)}.end()", 9
        raise Unsupported(f"{n} has no C++ form")

    def binary(self, e: ir.Bin):
        text, prec = super().binary(e)
        return text, prec

    def operand(self, e, min_prec, parent):
        # char tests return int in C++: compare them as bools
        if isinstance(e, ir.Intrinsic) and e.name in CHAR_TESTS and parent.op in ("eq", "ne"):
            return f"(bool) {self.expr(e)[0]}"
        return super().operand(e, min_prec, parent)


def _is_zero(e: ir.Expr) -> bool:
    return isinstance(e, ir.Lit) and e.value == 0 and not isinstance(e.value, bool)


def _real_string(e: ir.Expr) -> bool:
    return e.type.kind is Kind.STRING and not isinstance(e, ir.Lit) and not (
        isinstance(e, ir.Intrinsic) and e.name == "char_to_string")

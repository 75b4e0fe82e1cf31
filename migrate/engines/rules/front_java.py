"""Java front-end: a method declaration's tree to the IR."""

from __future__ import annotations

from migrate.engines.rules import ir
from migrate.engines.rules.front_cfamily import CFront, named, text
from migrate.engines.rules.ir import BOOL, CHAR, DOUBLE, FLOAT, INT, LONG, STRING, VOID
from migrate.units import Kind, Type

PRIMITIVES = {
    "int": INT, "short": INT, "byte": INT, "long": LONG, "double": DOUBLE, "float": FLOAT,
    "boolean": BOOL, "char": CHAR, "void": VOID, "String": STRING, "Integer": INT, "Long": LONG,
    "Double": DOUBLE, "Float": FLOAT, "Boolean": BOOL, "Character": CHAR, "Short": INT,
}
LIST_TYPES = {"List", "ArrayList", "LinkedList", "Vector"}
# Hash containers have no defined order; a linked one iterates in insertion order, which the
# IR's ascending order does not reproduce, so LinkedHashMap / LinkedHashSet are declined.
MAP_TYPES = {"Map", "HashMap", "TreeMap"}
SET_TYPES = {"Set", "HashSet", "TreeSet"}
KEY_KINDS = (Kind.INT, Kind.LONG, Kind.CHAR, Kind.STRING, Kind.BOOL)
CONSTANTS = {
    "Integer.MAX_VALUE": ir.Const("INT_MAX", INT), "Integer.MIN_VALUE": ir.Const("INT_MIN", INT),
    "Long.MAX_VALUE": ir.Const("LONG_MAX", LONG), "Long.MIN_VALUE": ir.Const("LONG_MIN", LONG),
    "Double.MAX_VALUE": ir.Const("DOUBLE_MAX", DOUBLE),
    "Double.MIN_VALUE": ir.Const("DOUBLE_MIN", DOUBLE),
    "Double.POSITIVE_INFINITY": ir.Const("INF", DOUBLE),
    "Double.NEGATIVE_INFINITY": ir.Unary("neg", ir.Const("INF", DOUBLE), DOUBLE),
    "Math.PI": ir.Const("PI", DOUBLE), "Math.E": ir.Const("E", DOUBLE),
}
CHAR_TESTS = {
    "isDigit": "is_digit", "isLetter": "is_alpha", "isLetterOrDigit": "is_alnum",
    "isUpperCase": "is_upper", "isLowerCase": "is_lower", "isWhitespace": "is_space",
    "isAlphabetic": "is_alpha",
}


class JavaFront(CFront):
    language = "java"

    def find_function(self, root):
        for node in _walk(root):
            if node.type in ("method_declaration", "constructor_declaration"):
                if node.type == "constructor_declaration":
                    self.fail(node, "constructors are not supported")
                return node
        raise ir.Unsupported("no method declaration found")

    def header(self, fn):
        name = text(fn.child_by_field_name("name"))
        returns = self.parse_type(fn.child_by_field_name("type"), None)
        if ir.is_collection(returns) or returns.kind is Kind.PAIR:
            self.fail(fn, f"returning a {returns} is not supported")
        params = []
        for p in named(fn.child_by_field_name("parameters")):
            if p.type != "formal_parameter":
                self.fail(p, "variable-arity parameters are not supported")
            pname = text(p.child_by_field_name("name"))
            t = self.parse_type(p.child_by_field_name("type"), p.child_by_field_name("dimensions"))
            if ir.is_collection(t) or t.kind is Kind.PAIR:
                self.fail(p, f"a {t} parameter is not supported")
            params.append(ir.Param(pname, t, by_reference=t.is_sequence))
        if fn.child_by_field_name("type_parameters") is not None:
            self.fail(fn, "generic methods are not supported")
        return name, params, returns

    def parse_type(self, node, dims) -> Type:
        t = self.base_type(node)
        if dims is not None:
            for _ in range(text(dims).count("[")):
                t = ir.array_of(t)
        return t

    def base_type(self, node) -> Type:
        if node.type == "array_type":
            return self.parse_type(node.child_by_field_name("element"),
                                   node.child_by_field_name("dimensions"))
        if node.type == "generic_type":
            base = text(named(node)[0])
            args = named(node.child_by_field_name("type_arguments") or named(node)[1])
            if base in LIST_TYPES and len(args) == 1:
                return ir.list_of(self.base_type(args[0]))
            targs = [self.base_type(a) for a in args]
            if base in MAP_TYPES and len(targs) == 2 and targs[0].kind in KEY_KINDS:
                return ir.map_of(targs[0], targs[1])
            if base in SET_TYPES and len(targs) == 1 and targs[0].kind in KEY_KINDS:
                return ir.set_of(targs[0])
            if base.replace(" ", "") in ("Map.Entry", "Entry") and len(targs) == 2:
                return ir.pair_of(targs[0], targs[1])
            self.fail(node, f"type {text(node)} is not supported")
        raw = text(node)
        if raw in PRIMITIVES:
            return PRIMITIVES[raw]
        self.fail(node, f"type {raw} is not supported")

    cast_type = base_type

    def declarator(self, type_node, decl):
        name = text(decl.child_by_field_name("name"))
        t = self.parse_type(type_node, decl.child_by_field_name("dimensions"))
        value = decl.child_by_field_name("value")
        return name, t, value

    def foreach_var(self, node) -> str:
        return text(node.child_by_field_name("name"))

    def subscript(self, node) -> ir.Expr:
        seq = self.expr(node.child_by_field_name("array"))
        idx = self.expr(node.child_by_field_name("index"))
        if seq.type.kind is Kind.STRING:
            self.fail(node, "indexing a String")
        return self.index_of(seq, idx, node)

    def constant(self, name):
        return None

    def library_expr(self, node) -> ir.Expr:
        t = node.type
        if t == "field_access":
            full = text(node).replace(" ", "")
            if full in CONSTANTS:
                return CONSTANTS[full]
            obj = self.expr(node.child_by_field_name("object"))
            field = text(node.child_by_field_name("field"))
            if field == "length" and obj.type.kind is Kind.ARRAY:
                return self.length(obj)
            self.fail(node, f"field access `{full}` is not supported")
        if t == "array_creation_expression":
            return self.new_array(node)
        if t == "method_invocation":
            return self.invocation(node)
        if t == "object_creation_expression":
            tnode = node.child_by_field_name("type")
            raw = text(tnode).replace(" ", "")
            if raw.endswith("<>") and raw[:-2] in LIST_TYPES and not named(
                    node.child_by_field_name("arguments")):
                # `new ArrayList<>()`: the element type comes from the declaration
                return ir.NewArray((ir.Lit(0, INT),), ir.list_of(ir.UNKNOWN))
            if raw.endswith("<>") and raw[:-2] in MAP_TYPES | SET_TYPES and not named(
                    node.child_by_field_name("arguments")):
                kind = Kind.MAP if raw[:-2] in MAP_TYPES else Kind.SET
                return ir.Intrinsic("empty", (), Type(kind, ir.UNKNOWN,
                                                      ir.UNKNOWN if kind is Kind.MAP else None))
            made = self.base_type(tnode)
            args = named(node.child_by_field_name("arguments"))
            if ir.is_collection(made) and not args:
                return ir.Intrinsic("empty", (), made)
            if made.kind is Kind.LIST and not args:
                return ir.NewArray((ir.Lit(0, INT),), made)
            if made.kind is Kind.STRING and len(args) == 1:
                value = self.expr(args[0])
                if value.type == ir.array_of(CHAR):
                    return ir.Intrinsic("chars_to_string", (value,), STRING)
                return self.convert(value, STRING, node)
            self.fail(node, f"`new {text(tnode)}(...)` is not supported")
        if t == "array_initializer":
            self.fail(node, "array initializer without a type")
        super().library_expr(node)

    def length(self, seq: ir.Expr) -> ir.Expr:
        if isinstance(seq, ir.Name):
            self.needs_length.add(seq.name)
        return ir.Intrinsic("len", (seq,), INT)

    def new_array(self, node) -> ir.Expr:
        elem = self.base_type(node.child_by_field_name("type"))
        dims = []
        empties = 0
        for i, child in enumerate(node.children):
            f = node.field_name_for_child(i)
            if f == "dimensions":
                if child.type == "dimensions_expr":
                    dims.append(self.convert(self.expr(named(child)[0]), INT, child))
                else:
                    empties += text(child).count("[")
        t = elem
        for _ in range(len(dims) + empties):
            t = ir.array_of(t)
        value = node.child_by_field_name("value")
        if value is not None:
            return self.initializer(value, t, node)
        if empties:
            self.fail(node, "partially sized multi-dimensional arrays are not supported")
        return ir.NewArray(tuple(dims), t)

    def invocation(self, node) -> ir.Expr:
        obj_node = node.child_by_field_name("object")
        name = text(node.child_by_field_name("name"))
        arg_nodes = named(node.child_by_field_name("arguments"))
        if obj_node is None:
            args = [self.expr(a) for a in arg_nodes]
            return self.call_user(name, args, node)
        owner = text(obj_node).replace(" ", "")
        if owner == "this":
            return self.call_user(name, [self.expr(a) for a in arg_nodes], node)
        if owner == "Math":
            args = [self.expr(a) for a in arg_nodes]
            if name == "floorDiv" and len(args) == 2:
                rt = ir.promote(args[0].type, args[1].type)
                return ir.Bin("div_floor", self.convert(args[0], rt, node),
                              self.convert(args[1], rt, node), rt)
            if name == "floorMod" and len(args) == 2:
                rt = ir.promote(args[0].type, args[1].type)
                return ir.Bin("mod_floor", self.convert(args[0], rt, node),
                              self.convert(args[1], rt, node), rt)
            made = self.math_call(name, args, node)
            if made is not None:
                return made
            self.fail(node, f"Math.{name} is not supported")
        if owner == "Character":
            args = [self.expr(a) for a in arg_nodes]
            if name in CHAR_TESTS and len(args) == 1 and args[0].type.kind is Kind.CHAR:
                return ir.Intrinsic(CHAR_TESTS[name], (args[0],), BOOL)
            if name in ("toUpperCase", "toLowerCase") and args and args[0].type.kind is Kind.CHAR:
                return ir.Intrinsic("to_upper" if "Upper" in name else "to_lower", (args[0],),
                                    CHAR)
            if name == "getNumericValue" and args and args[0].type.kind is Kind.CHAR:
                self.fail(node, "Character.getNumericValue is not supported")
            self.fail(node, f"Character.{name} is not supported")
        if owner in ("Integer", "Long", "String", "Double") and name in ("parseInt", "valueOf",
                                                                        "toString", "parseLong"):
            args = [self.expr(a) for a in arg_nodes]
            if len(args) == 1 and name in ("parseInt", "parseLong") and args[0].type == STRING:
                return ir.Intrinsic("parse_int", (args[0],), INT if name == "parseInt" else LONG)
            if len(args) == 1 and owner == "String" and args[0].type == ir.array_of(CHAR):
                return ir.Intrinsic("chars_to_string", (args[0],), STRING)
            if len(args) == 1 and (name == "toString" or owner == "String"):
                return self.to_string_operand(args[0], node)
            self.fail(node, f"{owner}.{name} is not supported")
        if owner == "Arrays":
            args = [self.expr(a) for a in arg_nodes]
            if name == "sort" and len(args) == 1 and args[0].type.is_sequence:
                return ir.Intrinsic("sort", (args[0],), VOID)
            if name == "sort" and len(args) == 3:
                return ir.Intrinsic("sort_range", (args[0], args[1], args[2]), VOID)
            if name == "fill" and len(args) == 2 and args[0].type.is_sequence:
                return ir.Intrinsic("fill", (args[0], self.convert(args[1], args[0].type.elem,
                                                                    node)), VOID)
            self.fail(node, f"Arrays.{name} is not supported")
        if name in ("sum", "max", "min") and obj_node.type == "method_invocation" and \
                text(obj_node).replace(" ", "").startswith("Arrays.stream("):
            inner = [self.expr(a) for a in named(obj_node.child_by_field_name("arguments"))]
            if len(inner) == 1 and inner[0].type.is_sequence and not arg_nodes and name == "sum":
                seq = inner[0]
                return ir.Intrinsic("sum_range", (seq, ir.Lit(0, INT), self.length(seq)),
                                    seq.type.elem)
            self.fail(node, f"Arrays.stream(...).{name}() is not supported")
        if owner == "Collections" and name == "sort" and len(arg_nodes) == 2 and \
                text(arg_nodes[1]).replace(" ", "") == "Collections.reverseOrder()":
            seq = self.expr(arg_nodes[0])
            # a descending order the targets reproduce: no NaN or signed zeros among the elements
            if seq.type.kind is Kind.LIST and \
                    seq.type.elem.kind in (Kind.INT, Kind.LONG, Kind.CHAR, Kind.STRING):
                return ir.Intrinsic("sort_desc", (seq, ir.Lit(0, INT), self.length(seq)), VOID)
            self.fail(node, f"a descending sort of a {seq.type} is not supported")
        if owner == "Collections" and name == "sort":
            args = [self.expr(a) for a in arg_nodes]
            if len(args) == 1 and args[0].type.kind is Kind.LIST:
                return ir.Intrinsic("sort", (args[0],), VOID)
        obj = self.expr(obj_node)
        args = [self.expr(a) for a in arg_nodes]
        ok = obj.type.kind
        if ok is Kind.STRING:
            return self.string_method(obj, name, args, node)
        if ir.is_collection(obj.type) or ok is Kind.PAIR:
            return self.collection_method(obj, name, args, node)
        if ok is Kind.LIST:
            if name == "size" and not args:
                return self.length(obj)
            if name == "get" and len(args) == 1:
                return self.index_of(obj, args[0], node)
            if name == "add" and len(args) == 1:
                return ir.Intrinsic("append", (obj, self.convert(args[0], obj.type.elem, node)),
                                    VOID)
            if name == "set" and len(args) == 2:
                self.fail(node, "List.set used as a value is not supported")
        self.fail(node, f"method {name} on a {obj.type} is not supported")

    def expr(self, node) -> ir.Expr:
        if node.type == "binary_expression" and \
                text(node.child_by_field_name("operator")) in ("==", "!="):
            test = self.absent_test(node)
            if test is not None:
                return test
        return super().expr(node)

    def absent_test(self, node) -> ir.Expr | None:
        """`m.get(k) == null` / `!= null`: whether k is (not) a key of the map m."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for a, b in ((left, right), (right, left)):
            if b.type != "null_literal" or a.type != "method_invocation" or \
                    text(a.child_by_field_name("name")) != "get" or \
                    a.child_by_field_name("object") is None:
                continue
            obj = self.expr(a.child_by_field_name("object"))
            args = named(a.child_by_field_name("arguments"))
            if obj.type.kind is not Kind.MAP or len(args) != 1:
                return None
            has = ir.Intrinsic("contains", (obj, self.convert(self.expr(args[0]), obj.type.key,
                                                              node)), BOOL)
            return has if text(node.child_by_field_name("operator")) == "!=" else ir.negate(has)
        return None

    def collection_method(self, obj: ir.Expr, name: str, args: list[ir.Expr], node) -> ir.Expr:
        """Map / Set / Map.Entry methods used as values (see `collection_stmt` for statements)."""
        t = obj.type
        if t.kind is Kind.PAIR and not args and name in ("getKey", "getValue"):
            return ir.Intrinsic("pair_first" if name == "getKey" else "pair_second", (obj,),
                                t.key if name == "getKey" else t.elem)
        key_t = t.key if t.kind is Kind.MAP else t.elem
        if name == "size" and not args:
            return ir.Intrinsic("len", (obj,), INT)
        if name == "isEmpty" and not args:
            return ir.Bin("eq", ir.Intrinsic("len", (obj,), INT), ir.Lit(0, INT), BOOL)
        if name in ("containsKey", "contains") and len(args) == 1 and \
                (name == "contains") == (t.kind is Kind.SET):
            return ir.Intrinsic("contains", (obj, self.convert(args[0], key_t, node)), BOOL)
        if t.kind is Kind.MAP and name == "get" and len(args) == 1:
            # Java's get gives null for an absent key, which unboxing turns into an exception
            return ir.Intrinsic("map_get_strict", (obj, self.convert(args[0], key_t, node)),
                                t.elem)
        if t.kind is Kind.MAP and name == "getOrDefault" and len(args) == 2:
            key = self.convert(args[0], key_t, node)
            default = self.convert(args[1], t.elem, node)
            if isinstance(default, ir.Lit) and default.value in (0, 0.0, False, "\0", ""):
                return ir.Index(obj, key, t.elem)  # the IR's read: the zero when absent
            if not ir.is_pure(key):
                self.fail(node, "getOrDefault with a key that has effects")
            return ir.Cond(ir.Intrinsic("contains", (obj, key), BOOL),
                           ir.Intrinsic("map_get_strict", (obj, key), t.elem), default, t.elem)
        if t.kind is Kind.MAP and name == "entrySet" and not args:
            return obj  # a for-each over a map sees its entries
        if name in ("put", "add", "remove"):
            self.fail(node, f"{name}() used as a value (its result) is not supported")
        self.fail(node, f"method {name} on a {t} is not supported")

    def collection_stmt(self, node) -> list[ir.Stmt] | None:
        """`m.put(k, v);`, `s.add(x);`, `c.remove(k);` as statements, else None."""
        obj_node = node.child_by_field_name("object")
        name = text(node.child_by_field_name("name"))
        if obj_node is None or name not in ("put", "add", "remove"):
            return None
        obj = self.expr(obj_node)
        t = obj.type
        if not ir.is_collection(t):
            return None
        args = [self.expr(a) for a in named(node.child_by_field_name("arguments"))]
        key_t = t.key if t.kind is Kind.MAP else t.elem
        if name == "put" and t.kind is Kind.MAP and len(args) == 2:
            return [ir.Assign(ir.Index(obj, self.convert(args[0], key_t, node), t.elem),
                              self.convert(args[1], t.elem, node))]
        if name == "add" and t.kind is Kind.SET and len(args) == 1:
            return [ir.ExprStmt(ir.Intrinsic("set_add", (obj, self.convert(args[0], key_t, node)),
                                             VOID))]
        if name == "remove" and len(args) == 1:
            return [ir.ExprStmt(ir.Intrinsic("remove_key", (obj, self.convert(args[0], key_t,
                                                                             node)), VOID))]
        self.fail(node, f"method {name} on a {t} is not supported")

    def expr_stmt(self, node):
        if node.type == "method_invocation":
            done = self.collection_stmt(node)
            if done is not None:
                return done
            obj_node = node.child_by_field_name("object")
            name = text(node.child_by_field_name("name"))
            if obj_node is not None and name == "set":
                obj = self.expr(obj_node)
                args = [self.expr(a) for a in named(node.child_by_field_name("arguments"))]
                if obj.type.kind is Kind.LIST and len(args) == 2:
                    target = self.index_of(obj, args[0], node)
                    return [ir.Assign(target, self.convert(args[1], obj.type.elem, node))]
        return super().expr_stmt(node)

    def string_method(self, s: ir.Expr, name: str, args: list[ir.Expr], node) -> ir.Expr:
        if name == "length" and not args:
            return ir.Intrinsic("len", (s,), INT)
        if name == "charAt" and len(args) == 1:
            return self.index_of(s, args[0], node)
        if name == "substring" and len(args) in (1, 2):
            end = args[1] if len(args) == 2 else ir.Intrinsic("len", (s,), INT)
            return ir.Intrinsic("substr", (s, args[0], end), STRING)
        if name == "equals" and len(args) == 1 and args[0].type == STRING:
            return ir.Bin("eq", s, args[0], BOOL)
        if name == "compareTo" and len(args) == 1 and args[0].type == STRING:
            return ir.Intrinsic("str_compare", (s, args[0]), INT)
        if name == "isEmpty" and not args:
            return ir.Bin("eq", ir.Intrinsic("len", (s,), INT), ir.Lit(0, INT), BOOL)
        if name in ("toUpperCase", "toLowerCase") and not args:
            return ir.Intrinsic("to_upper" if "Upper" in name else "to_lower", (s,), STRING)
        if name == "toCharArray" and not args:
            return ir.Intrinsic("to_char_array", (s,), ir.array_of(CHAR))
        self.fail(node, f"String.{name} is not supported")


def _walk(node):
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(reversed(cur.children))

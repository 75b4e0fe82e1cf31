"""C++ front-end: a function definition's tree to the IR."""

from __future__ import annotations

import re

from migrate.engines.rules import ir
from migrate.engines.rules.cpp_values import copy_on_write
from migrate.engines.rules.front_cfamily import CFront, iter_nodes, named, text
from migrate.engines.rules.ir import BOOL, CHAR, DOUBLE, FLOAT, INT, LONG, STRING, VOID  # noqa: F401
from migrate.units import Kind, Type

PRIMITIVES = {
    "int": INT, "short": INT, "long": LONG, "double": DOUBLE, "float": FLOAT, "bool": BOOL,
    "char": CHAR, "void": VOID, "size_t": LONG, "int64_t": LONG, "int32_t": INT,
    "long long": LONG, "long int": LONG, "long long int": LONG, "short int": INT,
    "long double": DOUBLE, "string": STRING, "std::string": STRING, "unsigned": INT,
    "signed": INT, "uint64_t": LONG, "uint32_t": INT,
}
CONSTANTS = {
    "INT_MAX": ir.Const("INT_MAX", INT), "INT_MIN": ir.Const("INT_MIN", INT),
    "LLONG_MAX": ir.Const("LONG_MAX", LONG), "LLONG_MIN": ir.Const("LONG_MIN", LONG),
    "LONG_MAX": ir.Const("LONG_MAX", LONG), "LONG_MIN": ir.Const("LONG_MIN", LONG),
    "DBL_MAX": ir.Const("DOUBLE_MAX", DOUBLE), "FLT_MAX": ir.Const("DOUBLE_MAX", DOUBLE),
    "M_PI": ir.Const("PI", DOUBLE), "INFINITY": ir.Const("INF", DOUBLE),
}
CHAR_TESTS = {"isdigit": "is_digit", "isalpha": "is_alpha", "isalnum": "is_alnum",
              "isupper": "is_upper", "islower": "is_lower", "isspace": "is_space"}
VECTOR_NAMES = {"vector", "std::vector"}
MAP_NAMES = {"map", "unordered_map"}
ADAPTERS = {"stack", "queue"}  # growable lists whose pop takes the last / the first element
SET_NAMES = {"set", "unordered_set"}
POPCOUNTS = {"__builtin_popcount": INT, "__builtin_popcountl": LONG, "__builtin_popcountll": LONG}


def _unparen(node):
    while node.type == "parenthesized_expression":
        node = named(node)[0]
    return node


def _all_zero(node) -> bool:
    """`0`, `{0}`, `{{0}}`: an initializer that zero-fills the whole array."""
    if node.type == "initializer_list":
        return all(_all_zero(c) for c in named(node))
    return node.type in ("number_literal", "false") and text(node) in ("0", "false")


class CppFront(CFront):
    language = "cpp"

    def __init__(self, resolve_call):
        super().__init__(resolve_call)
        self.iterators: set[str] = set()  # iterator-loop variables (read through -> / *)
        self.adapters: dict[str, str] = {}  # stack / queue variables: name -> which
        self.observed_cache: dict[str, bool] = {}
        self.heap_arrays: set[str] = set()  # pointers declared from `new T[n]`, read as arrays
        self.find_iters: dict[str, ir.Expr] = {}  # `auto it = find(...)`: index -> sequence
        self.value_params: set[str] = set()  # vectors passed by value: the callee's own copy

    def lower(self, root, doc: str | None) -> ir.FunctionIR:
        return copy_on_write(super().lower(root, doc), self.value_params)

    def find_function(self, root):
        stack = [root]
        while stack:
            node = stack.pop()
            if node.type == "function_definition":
                return node
            stack.extend(reversed(node.children))
        raise ir.Unsupported("no function definition found")

    def header(self, fn):
        type_node = fn.child_by_field_name("type")
        decl = fn.child_by_field_name("declarator")
        if type_node is None:
            self.fail(fn, "constructors and destructors are not supported")
        returns = self.spec_type(type_node)
        if ir.is_collection(returns) or returns.kind is Kind.PAIR:
            self.fail(type_node, f"returning a {returns} is not supported")
        if returns.kind is Kind.LIST and not self.returns_grown(fn):
            returns = self.demote(returns)
        while decl.type in ("pointer_declarator", "reference_declarator"):
            if decl.type == "pointer_declarator":
                self.fail(decl, "returning a pointer is not supported")
            decl = named(decl)[-1]
        if decl.type != "function_declarator":
            self.fail(decl, "unrecognised function declarator")
        name_node = decl.child_by_field_name("declarator")
        name = text(name_node)
        if "::" in name or name_node.type not in ("identifier",):
            self.fail(decl, "qualified or operator function names are not supported")
        params = []
        for p in named(decl.child_by_field_name("parameters")):
            if p.type not in ("parameter_declaration", "optional_parameter_declaration"):
                self.fail(p, f"parameter `{text(p)}` is not supported")
            pname, t, by_ref = self.param_decl(p)
            if ir.is_collection(t) or t.kind is Kind.PAIR:
                self.fail(p, f"a {t} parameter is not supported")
            if t.kind is Kind.LIST and pname not in self.grown:
                t = self.demote(t)  # a vector the function never grows is an array
            default = None
            if p.type == "optional_parameter_declaration":
                default = self.default_value(p.child_by_field_name("default_value"), t, p)
            elif params and params[-1].default is not None:
                self.fail(p, "a parameter without a default after one with a default")
            params.append(ir.Param(pname, t, by_reference=by_ref or t.is_sequence,
                                   default=default))
        return name, params, returns

    def default_value(self, node, t: Type, where) -> ir.Lit:
        """A default argument: a literal of the parameter's scalar type (overloads in Java)."""
        value = self.convert(self.expr(node), t, where) if node is not None else None
        if not isinstance(value, ir.Lit) or t.is_sequence or t.kind is Kind.STRING:
            self.fail(where, f"default value `{text(node) if node else ''}` is not supported")
        return value

    def param_decl(self, p):
        t = self.spec_type(p.child_by_field_name("type"))
        decl = p.child_by_field_name("declarator")
        if decl is None:
            self.fail(p, "unnamed parameter")
        by_ref = False
        while True:
            if decl.type == "reference_declarator":
                by_ref = True
                decl = named(decl)[-1]
            elif decl.type == "pointer_declarator":
                t = self.sequence_of(t, p)
                decl = decl.child_by_field_name("declarator")
            elif decl.type == "array_declarator":
                inner = decl.child_by_field_name("declarator")
                t = self.nest_array(t, decl)
                decl = inner
            else:
                break
        if decl.type != "identifier":
            self.fail(p, f"parameter `{text(p)}` is not supported")
        if by_ref and not t.is_sequence and t.kind is not Kind.STRING:
            self.fail(p, f"reference parameter `{text(p)}` (the caller's variable changes) is "
                         "not supported")
        if t.is_sequence and p.child_by_field_name("declarator").type == "identifier":
            self.value_params.add(text(decl))
        return text(decl), t, by_ref

    def returns_grown(self, fn) -> bool:
        """True when a `return` hands back a vector that the function grows."""
        stack = [fn]
        while stack:
            node = stack.pop()
            if node.type == "return_statement":
                value = named(node)
                if value and value[0].type == "identifier" and text(value[0]) in self.grown:
                    return True
            stack.extend(node.children)
        return False

    def nest_array(self, t: Type, decl) -> Type:
        # int a[][M]: the outer declarator is the first dimension; nesting gives T[][]
        return self.sequence_of(t, decl)

    def sequence_of(self, t: Type, node) -> Type:
        if t.kind is Kind.CHAR:
            # char* / char[] are C strings in the GfG style; treat as an array of char
            return ir.array_of(CHAR)
        return ir.array_of(t)

    def spec_type(self, node) -> Type:
        raw = " ".join(text(node).replace("std::", "").split())
        if node.type == "qualified_identifier" and node.child_by_field_name("scope") is not None \
                and text(node.child_by_field_name("scope")) == "std":
            # `std::vector<int>`: the same type as `vector<int>` under `using namespace std`
            inner = node.child_by_field_name("name")
            if inner is not None and inner.type == "template_type":
                return self.spec_type(inner)
        if node.type == "template_type":
            base = text(node.child_by_field_name("name")).replace("std::", "")
            args = named(node.child_by_field_name("arguments"))
            targs = [self.spec_type(a) for a in args]
            if base in ("vector", *ADAPTERS) and len(targs) == 1:
                return ir.list_of(targs[0])
            if base in MAP_NAMES and len(targs) == 2 and self.key_type(targs[0]):
                return ir.map_of(targs[0], targs[1])
            if base in SET_NAMES and len(targs) == 1 and self.key_type(targs[0]):
                return ir.set_of(targs[0])
            if base == "pair" and len(targs) == 2 and not any(
                    t.is_sequence or ir.is_collection(t) for t in targs):
                return ir.pair_of(targs[0], targs[1])
            self.fail(node, f"type {raw} is not supported")
        if node.type == "type_descriptor":
            inner = node.child_by_field_name("type")
            t = self.spec_type(inner)
            decl = node.child_by_field_name("declarator")
            if decl is not None:
                self.fail(node, f"type {text(node)} is not supported")
            return t
        if node.type == "placeholder_type_specifier":
            self.fail(node, "`auto` declarations are not supported")
        if raw.startswith("unsigned"):
            rest = raw[len("unsigned"):].strip() or "int"
            if rest in PRIMITIVES and PRIMITIVES[rest].kind in ir.INTEGRAL:
                self.notes.append(f"`{raw}` read as a signed {PRIMITIVES[rest]}: values past "
                                  "the signed range are not reproduced")
                return PRIMITIVES[rest]
            if rest == "char":
                return CHAR
        if raw.startswith("const "):
            raw = raw[6:]
        if raw in PRIMITIVES:
            return PRIMITIVES[raw]
        self.fail(node, f"type {raw} is not supported")

    @staticmethod
    def key_type(t: Type) -> bool:
        """Keys every target compares by value (not arrays, whose == is identity in Java)."""
        return t.kind in (Kind.INT, Kind.LONG, Kind.CHAR, Kind.STRING, Kind.BOOL)

    def cast_type(self, node) -> Type:
        return self.spec_type(node)

    def declarator(self, type_node, decl):
        if type_node.type == "placeholder_type_specifier" and decl.type == "init_declarator":
            found = self.find_declaration(decl)
            if found is not None:
                return found
        if decl.type == "function_declarator":
            return self.vexing_declarator(type_node, decl)
        t = self.spec_type(type_node)
        init = None
        if decl.type == "init_declarator":
            init = decl.child_by_field_name("value")
            decl = decl.child_by_field_name("declarator")
        dims = []
        heap = False
        while decl.type in ("array_declarator", "pointer_declarator", "reference_declarator"):
            if decl.type == "array_declarator":
                size = decl.child_by_field_name("size")
                dims.append(size)
                decl = decl.child_by_field_name("declarator")
            elif decl.type == "reference_declarator":
                self.fail(decl, "local references are not supported")
            elif not dims and not heap and init is not None and init.type == "new_expression" \
                    and init.child_by_field_name("declarator") is not None:
                # `int *p = new int[n]`: an array in every target (the pointer's arithmetic,
                # `*p` and copies into other pointers still decline where they are used)
                heap = True
                decl = decl.child_by_field_name("declarator")
            else:
                self.fail(decl, "pointers are not supported")
        name = text(decl)
        for _ in dims:
            t = ir.array_of(t)
        if heap:
            t = ir.array_of(t)
            self.heap_arrays.add(name)
        if t.kind is Kind.LIST and name not in self.grown:
            t = self.demote(t)
        if dims and init is None:
            if any(d is None for d in dims):
                self.fail(decl, "array without a size")
            # the outermost declarator holds the last size: dims are innermost-last reversed
            sizes = tuple(self.convert(self.expr(d), INT, d) for d in reversed(dims))
            # C++ leaves a local array uninitialised; the translation zero-fills it
            return name, t, ir.NewArray(sizes, t)
        if init is not None and init.type == "argument_list":
            return name, t, self.constructor(t, named(init), decl)
        if init is not None and init.type == "initializer_list" and t.is_sequence:
            items = named(init)
            if dims and all(d is not None for d in dims) and all(_all_zero(it) for it in items) \
                    and len(items) <= 1:
                sizes = tuple(self.convert(self.expr(d), INT, d) for d in dims)
                return name, t, ir.NewArray(tuple(reversed(sizes)), t)
            size = self.convert(self.expr(dims[0]), INT, dims[0]) if dims and \
                dims[0] is not None else None
            if size is not None and len(dims) == 1 and not (
                    isinstance(size, ir.Lit) and size.value == len(items)):
                # `int a[n] = {1, 2}`: the listed elements first, every other one zero
                if isinstance(size, ir.Lit) and size.value < len(items):
                    self.fail(init, "array initializer longer than the array")
                values = [self.convert(self.expr(it), t.elem, init) for it in items]
                if not all(isinstance(v, ir.Lit) for v in values):
                    self.fail(init, "partial array initializer with computed values")
                self.after_decl.extend(
                    ir.Assign(ir.Index(ir.Name(name, t), ir.Lit(i, INT), t.elem), v)
                    for i, v in enumerate(values) if v.value not in (0, False))
                return name, t, ir.NewArray((size,), t)
        if init is None and t.kind is Kind.LIST and \
                text(type_node).replace("std::", "").split("<")[0].strip() not in ADAPTERS:
            return name, t, ir.NewArray((ir.Lit(0, INT),), t)
        adapter = text(type_node).replace("std::", "").split("<")[0].strip()
        if adapter in ADAPTERS:
            if dims or init is not None:
                self.fail(decl, f"a {adapter} with an initial value is not supported")
            self.adapters[name] = adapter
            return name, ir.list_of(t.elem), ir.NewArray((ir.Lit(0, INT),), ir.list_of(t.elem))
        if ir.is_collection(t) or t.kind is Kind.PAIR:
            if dims:
                self.fail(decl, f"an array of {t} is not supported")
            if init is not None or t.kind is Kind.PAIR:
                self.fail(decl, f"initial value of a {t} is not supported")
            return name, t, ir.Intrinsic("empty", (), t)
        return name, t, init

    def demote(self, t: Type) -> Type:
        """A vector never grown or shrunk behaves like a fixed array."""
        elem = t.elem
        if elem is not None and elem.kind is Kind.LIST:
            elem = self.demote(elem)
        return ir.array_of(elem)

    def constructor(self, t: Type, args, node) -> ir.Expr:
        """`vector<T> v(n)`, `v(n, x)`, nested `vector<vector<T>> v(n, vector<T>(m, x))`."""
        if not t.is_sequence:
            if len(args) == 1:
                return self.convert(self.expr(args[0]), t, node)
            self.fail(node, f"constructor of {t} is not supported")
        if len(args) not in (1, 2):
            self.fail(node, "vector constructor form is not supported")
        size = self.convert(self.expr(args[0]), INT, node)
        if len(args) == 1:
            return ir.NewArray((size,), t)
        fill_node = args[1]
        if t.elem.is_sequence:
            if fill_node.type == "call_expression":
                inner_args = named(fill_node.child_by_field_name("arguments"))
                inner = self.constructor(t.elem, inner_args, fill_node)
                if isinstance(inner, ir.NewArray):
                    return ir.NewArray((size, *inner.dims), t, inner.fill)
            self.fail(node, "nested vector initial value is not supported")
        fill = self.convert(self.expr(fill_node), t.elem, node)
        if isinstance(fill, ir.Lit) and fill.value in (0, 0.0, False):
            fill = None
        return ir.NewArray((size,), t, fill)

    def foreach_var(self, node) -> str:
        decl = node.child_by_field_name("declarator")
        while decl.type == "reference_declarator":
            decl = named(decl)[-1]
        return text(decl)

    def foreach(self, node):
        tnode = node.child_by_field_name("type")
        if tnode is not None and tnode.type != "placeholder_type_specifier":
            self.spec_type(tnode)
        decl = node.child_by_field_name("declarator")
        if decl.type == "reference_declarator" and self.writes_name(
                node.child_by_field_name("body"), self.foreach_var(node)):
            self.fail(node, "range loop over references (the body may modify the elements) is "
                            "not supported")
        return super().foreach(node)

    @staticmethod
    def writes_name(body, name: str) -> bool:
        """Whether `body` assigns, increments or changes a member of the variable `name`."""
        for n in iter_nodes(body):
            target = None
            if n.type == "assignment_expression":
                target = n.child_by_field_name("left")
            elif n.type == "update_expression":
                target = named(n)[0] if named(n) else None
            while target is not None and target.type in ("field_expression",
                                                         "subscript_expression"):
                target = target.child_by_field_name("argument")
            if target is not None and target.type == "identifier" and text(target) == name:
                return True
        return False

    def for_stmt(self, node):
        """`for (auto it = m.begin(); it != m.end(); it++)` reading `it->first` / `it->second`
        is a range loop over the map's entries (or `*it` over a set's elements)."""
        loop = self.iterator_loop(node)
        if loop is None:
            return super().for_stmt(node)
        var, coll = loop
        elem = ir.pair_of(coll.type.key, coll.type.elem) if coll.type.kind is Kind.MAP \
            else coll.type.elem
        if self.scope.lookup(var) is not None:
            self.fail(node, f"loop variable `{var}` hides a variable of an outer scope")
        self.scope.push()
        self.scope.declare(var, elem)
        self.iterators.add(var)
        body = self.block(node.child_by_field_name("body"))
        self.iterators.discard(var)
        self.scope.pop()
        return [ir.ForEach(var, elem, coll, tuple(body))]

    def iterator_loop(self, node):
        """(iterator name, collection) of an iterator loop over a whole map or set, else None."""
        init = node.child_by_field_name("initializer")
        cond = node.child_by_field_name("condition")
        update = node.child_by_field_name("update")
        if init is None or cond is None or update is None or init.type != "declaration":
            return None
        decls = [c for i, c in enumerate(init.children)
                 if init.field_name_for_child(i) == "declarator"]
        tnode = init.child_by_field_name("type")
        if len(decls) != 1 or decls[0].type != "init_declarator" or tnode is None or \
                tnode.type != "placeholder_type_specifier":
            return None
        var = text(decls[0].child_by_field_name("declarator"))
        begin = self.container_call(decls[0].child_by_field_name("value"), "begin")
        if begin is None or cond.type != "binary_expression" or \
                text(cond.child_by_field_name("operator")) != "!=":
            return None
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        if text(left) != var or self.container_call(right, "end") != begin:
            return None
        if update.type != "update_expression" or "++" not in text(update) or \
                text(named(update)[0]) != var:
            return None
        coll = self.scope.lookup(begin)
        if coll is None or not ir.is_collection(coll):
            return None
        # `it` may only be read through -> / *: no erase(it), no copies, no arithmetic
        for n in iter_nodes(node.child_by_field_name("body")):
            if n.type == "identifier" and text(n) == var:
                parent = n.parent
                ok = (parent.type == "field_expression" and "->" in text(parent)
                      and parent.child_by_field_name("argument") == n
                      and coll.kind is Kind.MAP) or (
                    parent.type == "pointer_expression" and text(parent).lstrip().startswith("*")
                    and coll.kind is Kind.SET)
                if not ok:
                    self.fail(n, f"iterator `{var}` used other than to read its element")
        return var, ir.Name(begin, coll)

    @staticmethod
    def container_call(node, method: str) -> str | None:
        """The variable name of `v.begin()` / `v.end()` (by `method`), else None."""
        if node is None or node.type != "call_expression" or \
                named(node.child_by_field_name("arguments")):
            return None
        fn = node.child_by_field_name("function")
        if fn.type != "field_expression" or "->" in text(fn) or \
                text(fn.child_by_field_name("field")) != method:
            return None
        obj = fn.child_by_field_name("argument")
        return text(obj) if obj.type == "identifier" else None

    def map_read_inserts(self, name: str) -> bool:
        """Whether a read `m[k]` must insert k: the function observes m's keys other than by
        `m[...]` (find, count, size, iteration), so the insertion C++ does is visible."""
        if name not in self.observed_cache:
            seen = False
            for n in iter_nodes(self.fn_node):
                if n.type == "identifier" and text(n) == name:
                    parent = n.parent
                    if parent.type == "subscript_expression" and \
                            parent.child_by_field_name("argument") == n:
                        continue
                    if parent.type in ("init_declarator", "declaration") or (
                            parent.type == "init_declarator"):
                        continue
                    seen = True
                    break
            self.observed_cache[name] = seen
        return self.observed_cache[name]

    def constant(self, name):
        return CONSTANTS.get(name)

    def subscript(self, node) -> ir.Expr:
        seq = self.expr(node.child_by_field_name("argument"))
        idx_nodes = named(node.child_by_field_name("indices"))
        if len(idx_nodes) != 1:
            self.fail(node, "multi-index subscript")
        if seq.type.kind is Kind.MAP:
            key = self.convert(self.expr(idx_nodes[0]), seq.type.key, node)
            if isinstance(seq, ir.Name) and self.map_read_inserts(seq.name):
                return ir.Intrinsic("map_get_insert", (seq, key), seq.type.elem)
            return ir.Index(seq, key, seq.type.elem)
        return self.index_of(seq, self.expr(idx_nodes[0]), node)

    def length(self, seq: ir.Expr) -> ir.Expr:
        if isinstance(seq, ir.Name):
            self.needs_length.add(seq.name)
        return ir.Intrinsic("len", (seq,), INT)

    def library_expr(self, node) -> ir.Expr:
        t = node.type
        if t == "call_expression":
            return self.call(node)
        if t == "sizeof_expression":
            self.fail(node, "sizeof outside memset is not supported")
        if t == "new_expression":
            return self.new_array(node)
        if t == "qualified_identifier":
            name = text(node).replace("std::", "")
            if name in CONSTANTS:
                return CONSTANTS[name]
        if t == "null":
            self.fail(node, "NULL is not supported")
        if t == "field_expression":
            field = text(node.child_by_field_name("field"))
            base = node.child_by_field_name("argument")
            arrow = "->" in text(node)[len(text(base)):]
            if arrow and not (base.type == "identifier" and text(base) in self.iterators):
                self.fail(node, "pointer member access is not supported")
            obj = self.expr(base)
            if obj.type.kind is Kind.PAIR and field in ("first", "second"):
                return ir.Intrinsic("pair_" + field, (obj,),
                                    obj.type.key if field == "first" else obj.type.elem)
            self.fail(node, f"member `{field}` of a {obj.type} is not supported")
        if t == "pointer_expression":
            inner = named(node)[-1]
            if text(node).lstrip().startswith("*") and inner.type == "identifier" and \
                    text(inner) in self.iterators:
                return self.expr(inner)
            if text(node).lstrip().startswith("*") and inner.type == "identifier" and \
                    text(inner) in self.find_iters:
                seq = self.find_iters[text(inner)]
                return ir.Index(seq, ir.Name(text(inner), INT),
                                CHAR if seq.type.kind is Kind.STRING else seq.type.elem)
            if text(node).lstrip().startswith("*") and inner.type == "call_expression":
                fname = text(inner.child_by_field_name("function")).replace("std::", "")
                if fname in ("max_element", "min_element"):
                    seq, begin, end = self.iter_range(named(inner.child_by_field_name(
                        "arguments")), inner)
                    begin = begin or ir.Lit(0, INT)
                    end = end or self.length(seq)
                    elem = CHAR if seq.type.kind is Kind.STRING else seq.type.elem
                    if elem is None:
                        self.fail(node, f"{fname} over a {seq.type}")
                    return ir.Intrinsic("max_range" if fname == "max_element" else "min_range",
                                        (seq, begin, end), elem)
            self.fail(node, "pointers are not supported")
        if t == "concatenated_string":
            self.fail(node, "concatenated string literals are not supported")
        super().library_expr(node)

    def expr(self, node) -> ir.Expr:
        if node.type == "binary_expression" and \
                text(node.child_by_field_name("operator")) in ("==", "!="):
            found = self.find_vs_end(node)
            if found is not None:
                return found
        if node.type == "binary_expression" and \
                text(node.child_by_field_name("operator")) in ("==", "!="):
            found = self.find_vs_npos(node)
            if found is not None:
                return found
        if node.type == "binary_expression" and self.find_iters:
            made = self.iterator_binary(node)
            if made is not None:
                return made
        if node.type == "type_identifier" and self.scope.lookup(text(node)) is not None:
            return self.identifier(node)  # a variable in a constructor call read as a declaration
        if node.type == "identifier" and text(node) in self.find_iters:
            self.fail(node, f"iterator `{text(node)}` used other than compared, read through * "
                            "or erased")
        return super().expr(node)

    def iterator_binary(self, node) -> ir.Expr | None:
        """A comparison or difference of iterators where one is a `find` result: of indexes."""
        op = text(node.child_by_field_name("operator"))
        ops = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "-": "sub"}
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        sides = [_unparen(left), _unparen(right)] if op != "-" else [_unparen(left)]
        if op not in ops or not any(n.type == "identifier" and text(n) in self.find_iters
                                    for n in sides):
            return None
        s1, i1 = self.iter_index(left)
        s2, i2 = self.iter_index(right)
        if s1 != s2:
            self.fail(node, "iterators of two different sequences")
        if op == "-" and isinstance(i2, ir.Lit) and i2.value == 0:
            return i1  # `it - v.begin()`: the index itself
        return ir.Bin(ops[op], i1, i2, INT if op == "-" else BOOL)

    def find_vs_end(self, node) -> ir.Expr | None:
        """`c.find(x) != c.end()` (or `==`) on a map or set: a membership test."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for a, b in ((left, right), (right, left)):
            if a.type != "call_expression" or self.container_call(b, "end") is None:
                continue
            fn = a.child_by_field_name("function")
            args = named(a.child_by_field_name("arguments"))
            if fn.type != "field_expression" or "->" in text(fn) or len(args) != 1 or \
                    text(fn.child_by_field_name("field")) != "find" or \
                    text(fn.child_by_field_name("argument")) != self.container_call(b, "end"):
                continue
            coll = self.expr(fn.child_by_field_name("argument"))
            if not ir.is_collection(coll.type):
                return None
            test = self.membership(coll, self.expr(args[0]), node)
            return test if text(node.child_by_field_name("operator")) == "!=" else ir.negate(test)
        return None

    def find_vs_npos(self, node) -> ir.Expr | None:
        """`s.find(x) != string::npos` (or `==`): whether the string holds a character or a
        substring. Other uses of find's position decline (npos is the largest size_t, which
        the targets' -1 only matches under == and !=)."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for a, b in ((left, right), (right, left)):
            if text(b).replace("std::", "").replace(" ", "") != "string::npos" or \
                    a.type != "call_expression":
                continue
            fn = a.child_by_field_name("function")
            args = named(a.child_by_field_name("arguments"))
            if fn.type != "field_expression" or text(fn.child_by_field_name("field")) != "find" \
                    or len(args) != 1 or "->" in text(fn):
                continue
            s = self.expr(fn.child_by_field_name("argument"))
            item = self.expr(args[0])
            if s.type.kind is not Kind.STRING or item.type.kind not in (Kind.CHAR, Kind.STRING):
                continue
            test = ir.Intrinsic("contains", (s, item), BOOL)
            return test if text(node.child_by_field_name("operator")) == "!=" else ir.negate(test)
        return None

    def membership(self, coll: ir.Expr, item: ir.Expr, node) -> ir.Expr:
        key_t = coll.type.key if coll.type.kind is Kind.MAP else coll.type.elem
        return ir.Intrinsic("contains", (coll, self.convert(item, key_t, node)), BOOL)

    def output(self, node) -> ir.Expr | None:
        """`cout << a << b` / `printf("...%d...", x)` as a print of pieces, else None."""
        if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "<<":
            chain = []
            cur = node
            while cur.type == "binary_expression" and \
                    text(cur.child_by_field_name("operator")) == "<<":
                chain.append(cur.child_by_field_name("right"))
                cur = cur.child_by_field_name("left")
            if text(cur).replace("std::", "") != "cout":
                return None
            pieces = []
            for part in reversed(chain):
                if text(part).replace("std::", "") == "endl":
                    pieces.append(ir.Lit("\n", STRING))
                else:
                    pieces.append(self.printable(self.expr(part), part))
            return ir.Intrinsic("print", tuple(pieces), VOID)
        if node.type == "call_expression" and \
                text(node.child_by_field_name("function")).replace("std::", "") == "printf":
            args = named(node.child_by_field_name("arguments"))
            if not args or args[0].type != "string_literal":
                self.fail(node, "printf without a literal format")
            fmt = self.string_value(args[0])
            values = [self.expr(a) for a in args[1:]]
            pieces: list[ir.Expr] = []
            literal = ""
            i = 0
            while i < len(fmt):
                if fmt[i] != "%":
                    literal += fmt[i]
                    i += 1
                    continue
                spec = re.match(r"%(l{0,2}[di]|c|s|%)", fmt[i:])
                if spec is None:
                    self.fail(node, f"printf conversion `{fmt[i:i + 3]}` is not supported")
                i += len(spec.group())
                if spec.group() == "%%":
                    literal += "%"
                    continue
                if not values:
                    self.fail(node, "printf with fewer arguments than conversions")
                value = values.pop(0)
                want = {"c": Kind.CHAR, "s": Kind.STRING}.get(spec.group()[-1])
                if (want is None and not ir.is_int(value.type)) or (
                        want is not None and value.type.kind is not want):
                    self.fail(node, f"printf `{spec.group()}` of a {value.type}")
                if literal:
                    pieces.append(ir.Lit(literal, STRING))
                    literal = ""
                pieces.append(value)
            if values:
                self.fail(node, "printf with more arguments than conversions")
            if literal:
                pieces.append(ir.Lit(literal, STRING))
            return ir.Intrinsic("print", tuple(pieces), VOID)
        return None

    def printable(self, e: ir.Expr, node) -> ir.Expr:
        """A piece `cout` prints the way every target prints it (bool as 1 / 0)."""
        if e.type.kind is Kind.BOOL:
            return ir.Cast(e, INT)
        if e.type.kind in (Kind.INT, Kind.LONG, Kind.CHAR, Kind.STRING):
            return e
        self.fail(node, f"printing a {e.type} (its text differs between languages) is not "
                        "supported")

    def expr_stmt(self, node):
        printed = self.output(node)
        if printed is not None:
            return [ir.ExprStmt(printed)]
        if node.type == "delete_expression":
            freed = named(node)
            if len(freed) == 1 and freed[0].type == "identifier" and \
                    text(freed[0]) in self.heap_arrays:
                return []  # the targets collect the array once nothing refers to it
            self.fail(node, "delete of anything but an array from `new T[n]` is not supported")
        if node.type == "call_expression" and \
                node.child_by_field_name("function").type == "field_expression":
            fn = node.child_by_field_name("function")
            args = named(node.child_by_field_name("arguments"))
            if text(fn.child_by_field_name("field")) in ("push_back", "append") and \
                    len(args) == 1 and "->" not in text(fn):
                target = self.expr(fn.child_by_field_name("argument"))
                if target.type.kind is Kind.STRING and isinstance(target, ir.Name):
                    value = self.expr(args[0])
                    if text(fn.child_by_field_name("field")) == "push_back" and \
                            value.type.kind is not Kind.CHAR:
                        value = self.convert(value, CHAR, node, explicit=True)
                    return [ir.Assign(target, self.to_string_operand(value, node), "add")]
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            fname = text(fn).replace("std::", "")
            args = named(node.child_by_field_name("arguments"))
            if fname == "memset" and len(args) == 3:
                arr = self.expr(args[0])
                value = self.expr(args[1])
                if not arr.type.is_sequence or not isinstance(arr, ir.Name):
                    self.fail(node, "memset of something other than an array variable")
                leaf = arr.type
                while leaf.is_sequence:
                    leaf = leaf.elem
                if not (isinstance(value, ir.Lit) and value.value in (0, -1)):
                    self.fail(node, "memset with a byte pattern other than 0 or -1")
                if leaf.kind is Kind.BOOL and value.value == -1:
                    self.fail(node, "memset of bools with -1")
                # every byte 0 (or 0xFF) is the integer 0 (or -1) at any width
                fill = ir.Lit(value.value, leaf) if ir.is_int(leaf) else (
                    ir.Lit(value.value != 0, BOOL) if leaf.kind is Kind.BOOL else None)
                if fill is None:
                    self.fail(node, f"memset of {arr.type} is not supported")
                size = text(args[2]).replace(" ", "")
                if size != f"sizeof({text(args[0])})":
                    self.fail(node, "memset of part of an array is not supported")
                return [self.fill_all(arr, fill, node)]
            if fname == "swap" and len(args) == 2:
                a, b = self.lvalue(args[0]), self.lvalue(args[1])
                if a.type != b.type:
                    self.fail(node, "swap of different types")
                return [ir.SwapVars(a, b, a.type)]
        return super().expr_stmt(node)

    def fill_all(self, arr: ir.Expr, fill: ir.Lit, node) -> ir.Stmt:
        """Every scalar of a (nested) array set to `fill`: a loop over rows per extra dimension."""
        if not arr.type.elem.is_sequence:
            return ir.ExprStmt(ir.Intrinsic("fill", (arr, fill), VOID))
        base = arr.name if isinstance(arr, ir.Name) else "a"
        row = f"{base}_row"
        taken = {text(n) for n in iter_nodes(self.fn_node) if n.type == "identifier"}
        while row in taken or self.scope.lookup(row) is not None:
            row += "_"
        self.scope.push()
        self.scope.declare(row, arr.type.elem)
        inner = self.fill_all(ir.Name(row, arr.type.elem), fill, node)
        self.scope.pop()
        return ir.ForEach(row, arr.type.elem, arr, (inner,))

    def iter_range(self, args, node) -> tuple[ir.Expr, ir.Expr | None, ir.Expr | None]:
        """(sequence, begin, end) of `a, a + n` or `v.begin(), v.end()` ranges."""
        if len(args) < 2:
            self.fail(node, "iterator range expected")
        s1, o1, k1 = self.iter_split(args[0])
        s2, o2, k2 = self.iter_split(args[1])
        if s1 != s2 or k1 != "begin":
            self.fail(node, "iterator range over two different sequences")
        begin = o1
        end = None if k2 == "end" else (o2 if o2 is not None else ir.Lit(0, INT))
        return s1, begin, end

    def iter_split(self, n) -> tuple[ir.Expr, ir.Expr | None, str]:
        """(sequence, offset, "begin" | "end") of an iterator: `a + i`, `v.begin() + i`,
        `v.end()`, `v.end() - k`, or a variable holding the result of `find` (an index)."""
        if n.type == "parenthesized_expression":
            return self.iter_split(named(n)[0])
        if n.type == "identifier" and text(n) in self.find_iters:
            return self.find_iters[text(n)], ir.Name(text(n), INT), "begin"
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn.type == "field_expression" and not named(n.child_by_field_name("arguments")):
                field = text(fn.child_by_field_name("field"))
                base = self.expr(fn.child_by_field_name("argument"))
                if field == "begin":
                    return base, None, "begin"
                if field == "end":
                    return base, None, "end"
        if n.type == "binary_expression" and text(n.child_by_field_name("operator")) == "+":
            b, off, kind = self.iter_split(n.child_by_field_name("left"))
            extra = self.convert(self.expr(n.child_by_field_name("right")), INT, n)
            if kind == "end":
                self.fail(n, "end() + offset")
            return b, extra if off is None else ir.Bin("add", off, extra, INT), "begin"
        if n.type == "binary_expression" and text(n.child_by_field_name("operator")) == "-":
            b, off, kind = self.iter_split(n.child_by_field_name("left"))
            extra = self.convert(self.expr(n.child_by_field_name("right")), INT, n)
            if kind == "end" and off is None:
                return b, ir.Bin("sub", self.length(b), extra, INT), "begin"
            if kind == "begin" and off is not None:
                # `a + i - 4`: C++ groups it as `(a + i) - 4`, an element index of i - 4
                return b, ir.Bin("sub", off, extra, INT), "begin"
            self.fail(n, "iterator arithmetic is not supported")
        e = self.expr(n)
        if e.type.is_sequence:
            return e, None, "begin"
        self.fail(n, "iterator expected")

    def iter_index(self, n) -> tuple[ir.Expr, ir.Expr]:
        """(sequence, element index) of an iterator; `end()` is the index past the last."""
        seq, off, kind = self.iter_split(n)
        if kind == "end":
            return seq, self.length(seq)
        return seq, off if off is not None else ir.Lit(0, INT)

    def vexing_declarator(self, type_node, decl):
        """`vector<int> v(n);` parses as a function declaration (`n` could name a type); when
        every "parameter type" is a variable in scope it is a constructor call."""
        args = []
        for p in named(decl.child_by_field_name("parameters")):
            ptype = p.child_by_field_name("type")
            if p.type != "parameter_declaration" or p.child_by_field_name("declarator") is not None \
                    or ptype is None or ptype.type != "type_identifier" or \
                    self.scope.lookup(text(ptype)) is None:
                self.fail(decl, "a local function declaration is not supported")
            args.append(ptype)
        target = decl.child_by_field_name("declarator")
        if target.type != "identifier" or not args:
            self.fail(decl, "a local function declaration is not supported")
        t = self.spec_type(type_node)
        if t.kind is Kind.LIST and text(target) not in self.grown:
            t = self.demote(t)
        return text(target), t, self.constructor(t, args, decl)

    def find_declaration(self, decl):
        """`auto it = find(first, last, x)`: an index, found by a loop. `it` may then only be
        compared with iterators of the same sequence, read through `*it`, or erased: an index
        is what such an iterator is while C++ keeps it valid."""
        value = decl.child_by_field_name("value")
        target = decl.child_by_field_name("declarator")
        if value is None or value.type != "call_expression" or target.type != "identifier" or \
                text(value.child_by_field_name("function")).replace("std::", "") != "find":
            return None
        args = named(value.child_by_field_name("arguments"))
        if len(args) != 3:
            return None
        name = text(target)
        if name in self.find_iters or self.scope.lookup(name) is not None:
            self.fail(decl, f"a second variable `{name}` is not supported")
        seq, begin, end = self.iter_range(args[:2], value)
        elem = CHAR if seq.type.kind is Kind.STRING else seq.type.elem
        if elem is None or not isinstance(seq, ir.Name):
            self.fail(value, f"find over a {seq.type} is not supported")
        end = end if end is not None else self.length(seq)
        item = self.convert(self.expr(args[2]), elem, args[2])
        # the bound and the value are read on every step: they must be free of effects
        if not (ir.is_pure(item) and ir.is_pure(end)):
            self.fail(value, "find with a bound or value that has effects is not supported")
        pos = ir.Name(name, INT)
        self.after_decl.append(ir.While(
            ir.Bin("and", ir.Bin("lt", pos, end, BOOL),
                   ir.Bin("ne", ir.Index(seq, pos, elem), item, BOOL), BOOL),
            (ir.Assign(pos, ir.Lit(1, INT), "add"),)))
        self.find_iters[name] = seq
        return name, INT, begin if begin is not None else ir.Lit(0, INT)

    def call(self, node) -> ir.Expr:
        fn = node.child_by_field_name("function")
        arg_nodes = named(node.child_by_field_name("arguments"))
        if fn.type == "field_expression":
            obj = self.expr(fn.child_by_field_name("argument"))
            if text(fn).find("->") >= 0:
                self.fail(node, "pointer member access is not supported")
            method = text(fn.child_by_field_name("field"))
            if method == "erase" and obj.type.kind is Kind.LIST and len(arg_nodes) == 1:
                # `v.erase(it)` removes the element an iterator points to
                seq, index = self.iter_index(arg_nodes[0])
                if seq != obj:
                    self.fail(node, "erase with an iterator of another sequence")
                return ir.Intrinsic("remove_at", (obj, index), VOID)
            args = [self.expr(a) for a in arg_nodes]
            return self.method(obj, method, args, node)
        fname = text(fn).replace("std::", "")
        if fname in ("sort", "stable_sort", "reverse") and len(arg_nodes) in (2, 3):
            if len(arg_nodes) == 3 and fname == "reverse":
                self.fail(node, "reverse takes no comparator")
            seq, begin, end = self.iter_range(arg_nodes, node)
            if seq.type.kind is Kind.STRING:
                self.fail(node, f"{fname} of a string in place is not supported")
            if fname == "reverse" and (begin is not None or end is not None):
                self.fail(node, "reverse of part of a sequence is not supported")
            if fname == "reverse":
                return ir.Intrinsic("reverse", (seq,), VOID)
            # equal elements of a scalar or string sequence cannot be told apart, so a stable
            # sort and an unstable one leave the same sequence
            descending = len(arg_nodes) == 3 and self.comparator_descends(arg_nodes[2], seq.type.elem)
            if begin is None and end is None and not descending:
                return ir.Intrinsic("sort", (seq,), VOID)
            return ir.Intrinsic("sort_desc" if descending else "sort_range",
                                (seq, begin or ir.Lit(0, INT), end or self.length(seq)), VOID)
        if fname == "accumulate" and len(arg_nodes) == 3:
            return self.accumulate(arg_nodes, node)
        if fname in ("max_element", "min_element") and len(arg_nodes) == 2:
            self.fail(node, f"{fname} returns an iterator; only `*{fname}(...)` is supported")
        args = [self.expr(a) for a in arg_nodes]
        if fname in CHAR_TESTS and len(args) == 1:
            return ir.Intrinsic(CHAR_TESTS[fname], (self.as_char(args[0], node),), BOOL)
        if fname in ("toupper", "tolower") and len(args) == 1:
            return ir.Intrinsic("to_upper" if fname == "toupper" else "to_lower",
                                (self.as_char(args[0], node),), CHAR)
        if fname == "to_string" and len(args) == 1:
            if args[0].type.kind not in (Kind.INT, Kind.LONG):
                self.fail(node, "to_string of a non-integer (prints 6 decimals) is not supported")
            return ir.Intrinsic("to_string", (args[0],), STRING)
        if fname in ("stoi", "stol", "stoll", "atoi") and len(args) == 1 and \
                args[0].type == STRING:
            return ir.Intrinsic("parse_int", (args[0],), INT if fname in ("stoi", "atoi")
                                else LONG)
        if fname == "strlen" and len(args) == 1:
            self.fail(node, "strlen of a char array is not supported")
        if fname in ("round", "lround", "llround") and len(args) == 1:
            return self.round_call(fname, args[0], node)
        if fname in POPCOUNTS and len(args) == 1:
            self.check_numeric(args[0], node)
            if not ir.is_int(args[0].type):
                self.fail(node, f"{fname} of a {args[0].type}")
            # the argument converts to the builtin's unsigned width: the same bits, wrapped
            width = POPCOUNTS[fname]
            return ir.Intrinsic("popcount", (self.convert(args[0], width, node, explicit=True),), INT)
        made = self.math_call(fname, args, node)
        if made is not None:
            if fname in ("max", "min") and len(args) == 2 and args[0].type != args[1].type \
                    and not all(isinstance(a, ir.Lit) or a.type.kind is not Kind.UNKNOWN
                                for a in args):
                self.fail(node, "std::max of different types")
            return made
        if fname in ("max", "min") and len(arg_nodes) == 1 and arg_nodes[0].type == \
                "initializer_list":
            items = [self.expr(a) for a in named(arg_nodes[0])]
            made = self.math_call(fname, items, node)
            if made is not None:
                return made
        if fname in ("abs",) and args:
            pass
        return self.call_user(fname, args, node)

    def accumulate(self, arg_nodes, node) -> ir.Expr:
        """`accumulate(first, last, init)` of integers: init plus the sum of the range.

        C++ adds in the type of `init`: of the element type, or long for int elements (each
        widens first). A narrower init truncates every step and declines; so does floating
        point, since the targets' sums (Java's compensated DoubleStream.sum) round differently
        from adding in order.
        """
        seq, begin, end = self.iter_range(arg_nodes[:2], node)
        init = self.expr(arg_nodes[2])
        elem = seq.type.elem
        if elem is None or elem.kind not in (Kind.INT, Kind.LONG) or not (
                init.type == elem or (init.type == LONG and elem == INT)):
            self.fail(node, f"accumulate of {elem} elements from a {init.type} is not supported")
        total = ir.Intrinsic("sum_range", (seq, begin or ir.Lit(0, INT), end or self.length(seq)),
                             init.type)
        if isinstance(init, ir.Lit) and init.value == 0:
            return total
        return ir.Bin("add", init, total, init.type)

    def round_call(self, fname: str, arg: ir.Expr, node) -> ir.Expr:
        """`round(x)` (a double, or a float for a float x), `lround` / `llround` (a long)."""
        self.check_numeric(arg, node)
        rounded = ir.Intrinsic("round_half_away", (self.convert(arg, DOUBLE, node),), DOUBLE)
        if fname != "round":
            return ir.Cast(rounded, LONG)
        # a float's nearest integer is a float again: later float arithmetic stays float
        return ir.Cast(rounded, FLOAT) if arg.type.kind is Kind.FLOAT else rounded

    def new_array(self, node) -> ir.Expr:
        """`new T[n]`, `new T[n]()`, `new T[n]{}` of a scalar T: a new array of zeros.

        C++ leaves the elements of the first form unset (reading one is undefined), so the
        targets' zero-filled arrays keep every defined behaviour.
        """
        decl = node.child_by_field_name("declarator")
        args = node.child_by_field_name("arguments")
        if decl is None or decl.type != "new_declarator" or node.child_by_field_name("placement") \
                is not None or any(c.type == "new_declarator" for c in named(decl)):
            self.fail(node, "`new` of anything but a one-dimensional array is not supported")
        if args is not None and named(args):
            self.fail(node, "`new T[n]` with initial values is not supported")
        elem = self.spec_type(node.child_by_field_name("type"))
        if elem.kind not in (Kind.INT, Kind.LONG, Kind.DOUBLE, Kind.FLOAT, Kind.BOOL, Kind.CHAR):
            self.fail(node, f"`new` of an array of {elem} is not supported")
        length = decl.child_by_field_name("length")
        return ir.NewArray((self.convert(self.expr(length), INT, length),), ir.array_of(elem))

    def comparator_descends(self, node, elem: Type | None) -> bool:
        """`greater<T>()` (True) or `less<T>()` (False) as a sort's comparator; others decline.

        `T` must be the element type: `greater<int>` over `long` elements compares truncated
        values, an order the targets' sorts do not reproduce.
        """
        fn = node.child_by_field_name("function") if node.type == "call_expression" else None
        if fn is not None and fn.type == "qualified_identifier" and \
                text(fn.child_by_field_name("scope")) == "std":
            fn = fn.child_by_field_name("name")
        if fn is None or fn.type != "template_function" or \
                named(node.child_by_field_name("arguments")):
            self.fail(node, "sort with a comparator other than greater<T>() / less<T>() "
                            "is not supported")
        which = text(fn.child_by_field_name("name"))
        targs = named(fn.child_by_field_name("arguments"))
        if which not in ("greater", "less") or len(targs) > 1:
            self.fail(node, "sort with a comparator other than greater<T>() / less<T>() "
                            "is not supported")
        if elem is None or elem.kind not in (Kind.INT, Kind.LONG, Kind.CHAR, Kind.DOUBLE,
                                             Kind.FLOAT, Kind.STRING):
            self.fail(node, f"sort of {elem} elements with a comparator is not supported")
        if targs and self.spec_type(targs[0]) != elem:
            self.fail(node, f"{which}<{text(targs[0])}> over {elem} elements is not supported")
        return which == "greater"

    def as_char(self, e: ir.Expr, node) -> ir.Expr:
        if e.type.kind is Kind.CHAR:
            return e
        if ir.is_int(e.type):
            return ir.Cast(e, CHAR)
        self.fail(node, "character function on a non-character")

    def method(self, obj: ir.Expr, method: str, args: list[ir.Expr], node) -> ir.Expr:
        ok = obj.type.kind
        adapter = self.adapters.get(obj.name) if isinstance(obj, ir.Name) else None
        if adapter is not None:
            return self.adapter_method(obj, adapter, method, args, node)
        if method in ("size", "length") and not args and (ok is Kind.STRING or obj.type.is_sequence):
            return self.length(obj)
        if ok is Kind.STRING:
            if method == "substr" and len(args) in (1, 2):
                begin = self.convert(args[0], INT, node)
                if len(args) == 1:
                    end = ir.Intrinsic("len", (obj,), INT)
                else:
                    count = self.convert(args[1], INT, node)
                    # substr takes a count and clips it at the end of the string
                    end = ir.Intrinsic("min", (ir.Bin("add", begin, count, INT),
                                               ir.Intrinsic("len", (obj,), INT)), INT)
                    if isinstance(begin, ir.Lit) and begin.value == 0:
                        end = ir.Intrinsic("min", (count, ir.Intrinsic("len", (obj,), INT)), INT)
                return ir.Intrinsic("substr", (obj, begin, end), STRING)
            if method == "at" and len(args) == 1:
                return self.index_of(obj, args[0], node)
            if method == "compare" and len(args) == 1 and args[0].type == STRING:
                return ir.Intrinsic("str_compare", (obj, args[0]), INT)
            if method == "empty" and not args:
                return ir.Bin("eq", ir.Intrinsic("len", (obj,), INT), ir.Lit(0, INT), BOOL)
            if method == "push_back" and len(args) == 1:
                self.fail(node, "string push_back used as a value is not supported")
        if obj.type.is_sequence:
            if method == "push_back" and len(args) == 1:
                if ok is not Kind.LIST:
                    self.fail(node, "push_back on a fixed array")
                return ir.Intrinsic("append", (obj, self.convert(args[0], obj.type.elem, node)),
                                    VOID)
            if method == "pop_back" and not args:
                return ir.Intrinsic("pop_back", (obj,), VOID)
            if method == "at" and len(args) == 1:
                return self.index_of(obj, args[0], node)
            if method == "back" and not args:
                return ir.Index(obj, ir.Bin("sub", self.length(obj), ir.Lit(1, INT), INT),
                                obj.type.elem)
            if method == "empty" and not args:
                return ir.Bin("eq", self.length(obj), ir.Lit(0, INT), BOOL)
        if ir.is_collection(obj.type):
            key_t = obj.type.key if ok is Kind.MAP else obj.type.elem
            if method == "size" and not args:
                return ir.Intrinsic("len", (obj,), INT)
            if method == "empty" and not args:
                return ir.Bin("eq", ir.Intrinsic("len", (obj,), INT), ir.Lit(0, INT), BOOL)
            if method == "count" and len(args) == 1:
                # 0 or 1: the number of entries with that key
                return ir.Cast(self.membership(obj, args[0], node), INT)
            if method == "insert" and len(args) == 1 and ok is Kind.SET:
                return ir.Intrinsic("set_add", (obj, self.convert(args[0], key_t, node)), VOID)
            if method == "erase" and len(args) == 1:
                return ir.Intrinsic("remove_key", (obj, self.convert(args[0], key_t, node)), VOID)
            if method == "find":
                self.fail(node, "find() returns an iterator; only `find(x) != end()` is "
                                "supported")
        self.fail(node, f"method {method} on a {obj.type} is not supported")

    def adapter_method(self, obj: ir.Expr, adapter: str, method: str, args, node) -> ir.Expr:
        """std::stack / std::queue on a growable list: push at the end, pop the last (stack) or
        the first (queue) element; top / front / back read without removing."""
        last = ir.Index(obj, ir.Bin("sub", ir.Intrinsic("len", (obj,), INT), ir.Lit(1, INT), INT),
                        obj.type.elem)
        if method == "push" and len(args) == 1:
            return ir.Intrinsic("append", (obj, self.convert(args[0], obj.type.elem, node)), VOID)
        if method == "pop" and not args:
            return ir.Intrinsic("pop_back" if adapter == "stack" else "pop_front", (obj,), VOID)
        if method == "top" and not args and adapter == "stack":
            return last
        if method == "front" and not args and adapter == "queue":
            return ir.Index(obj, ir.Lit(0, INT), obj.type.elem)
        if method == "back" and not args and adapter == "queue":
            return last
        if method == "size" and not args:
            return ir.Intrinsic("len", (obj,), INT)
        if method == "empty" and not args:
            return ir.Bin("eq", ir.Intrinsic("len", (obj,), INT), ir.Lit(0, INT), BOOL)
        self.fail(node, f"method {method} of a {adapter} is not supported")

    def unary(self, op, operand, node):
        if op == "*":
            self.fail(node, "pointer dereference is not supported")
        return super().unary(op, operand, node)

    def binary(self, op, left, right, node):
        if op == "add" and (left.type.kind is Kind.STRING or right.type.kind is Kind.STRING):
            # std::string + char appends the character; + int is an error or pointer math
            for side in (left, right):
                if side.type.kind not in (Kind.STRING, Kind.CHAR):
                    self.fail(node, f"adding a {side.type} to a string is not supported")
            if isinstance(left, ir.Lit) and isinstance(right, ir.Lit):
                self.fail(node, "adding two literals")
        return super().binary(op, left, right, node)

    def identifier(self, node):
        return super().identifier(node)


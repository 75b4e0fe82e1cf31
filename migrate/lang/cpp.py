"""C++: free functions, member functions and out-of-class definitions, via tree-sitter-cpp."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from migrate.lang.base import LanguageSupport
from migrate.lang.treesitter import FileExtraction, PendingFunction, split_doc_comments
from migrate.lang.typenames import parse_type
from migrate.units import (
    UNKNOWN,
    VOID,
    ClassInfo,
    Kind,
    Language,
    Param,
    ParsedFile,
    Signature,
    SourceFile,
    Type,
    array_of,
)

if TYPE_CHECKING:
    import tree_sitter

_INT, _LONG = Type(Kind.INT), Type(Kind.LONG)
# Sizes as g++ on 64-bit Linux defines them; unsigned, short and long double fit no Kind.
SCALARS: dict[str, Type] = {
    "int": _INT,
    "signed": _INT,
    "signed int": _INT,
    "int32_t": _INT,
    "long": _LONG,
    "long int": _LONG,
    "signed long": _LONG,
    "signed long int": _LONG,
    "long long": _LONG,
    "long long int": _LONG,
    "signed long long": _LONG,
    "signed long long int": _LONG,
    "int64_t": _LONG,
    "float": Type(Kind.FLOAT),
    "double": Type(Kind.DOUBLE),
    "bool": Type(Kind.BOOL),
    "char": Type(Kind.CHAR),
    "string": Type(Kind.STRING),
    "void": VOID,
}
SEQUENCES: dict[str, Kind] = {"vector": Kind.LIST, "array": Kind.ARRAY}
QUALIFIERS = frozenset({"const", "volatile", "struct", "class", "typename", "constexpr"})

CLASSES = frozenset({"class_specifier", "struct_specifier", "union_specifier"})
CONTAINERS = frozenset(
    {
        "translation_unit",
        "declaration_list",
        "preproc_if",
        "preproc_ifdef",
        "preproc_else",
        "preproc_elif",
        "preproc_elifdef",
    }
)
DECLARATIONS = frozenset({"declaration", "field_declaration", "type_definition"})
WRAPPERS = frozenset(
    {
        "pointer_declarator",
        "reference_declarator",
        "parenthesized_declarator",
        "attributed_declarator",
    }
)
COMMENTS = frozenset({"comment"})
ANCHORS = DECLARATIONS | {"template_declaration"}


@lru_cache(maxsize=4096)  # spellings repeat across a repository
def cpp_type(text: str) -> Type:
    return parse_type(text, SCALARS, SEQUENCES, prefixes=("std::",), ignore_words=QUALIFIERS)


@dataclass
class _Scope:
    """Where the walker stands: enclosing names, and the class being walked if any."""

    enclosing: tuple[str, ...] = ()
    cls: _Class | None = None
    template: bool = False


@dataclass
class _Class:
    name: str
    access: str
    constructors: list[int] = field(default_factory=list)  # required-parameter counts


class CppSupport(LanguageSupport):
    language = Language.CPP
    extensions = (".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h")

    def grammar(self) -> tree_sitter.Language:
        import tree_sitter
        import tree_sitter_cpp

        return tree_sitter.Language(tree_sitter_cpp.language())

    def extract(self, source: SourceFile) -> ParsedFile:
        """Every function with a body; prototypes and lambdas are left out."""
        state = FileExtraction(source, self.parser)
        walker = _Walker(state)
        walker.items(state.root, _Scope())
        walker.resolve_out_of_class()
        return state.finish(Language.CPP)


class _Walker:
    def __init__(self, state: FileExtraction):
        self.s = state
        self.class_names: set[str] = set()  # qualified, "::"-joined
        self.namespaces: set[str] = set()
        self.static_members: set[str] = set()  # "A::f" of members declared static

    # ------------------------------------------------------------------ containers

    def items(self, node: tree_sitter.Node, scope: _Scope) -> None:
        for child in node.children:
            kind = child.type
            if kind == "function_definition":
                self.function(child, child, scope)
            elif kind == "template_declaration":
                self.items(child, replace(scope, template=True))
            elif kind in CLASSES:
                self.klass(child, scope)
            elif kind in DECLARATIONS:
                self.declaration(child, scope)
            elif kind == "namespace_definition":
                self.namespace(child, scope)
            elif kind == "linkage_specification":  # extern "C" { ... }
                body = child.child_by_field_name("body")
                if body is not None and body.type == "function_definition":
                    self.function(body, body, scope)
                elif body is not None:
                    self.items(body, scope)
            elif kind in CONTAINERS:
                self.items(child, scope)
            elif kind == "preproc_include":
                self.s.imports.append(self.s.text(child).strip())
            elif kind == "access_specifier" and scope.cls is not None:
                scope.cls.access = self.s.text(child).strip()
            elif kind == "friend_declaration":
                for inner in child.named_children:
                    if inner.type == "function_definition":
                        self.function(child, inner, _Scope(scope.enclosing[:-1]), friend=True)
            elif kind == "ERROR":
                self.s.report_errors(child)
                self.items(child, scope)
            elif child.has_error or child.is_missing:
                self.s.report_errors(child)

    def namespace(self, node: tree_sitter.Node, scope: _Scope) -> None:
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        names = tuple(self.s.text(name_node).split("::")) if name_node is not None else ()
        inner = (*scope.enclosing, *(n.strip() for n in names))
        if names:
            self.namespaces.add("::".join(inner))
        if body is not None:
            self.items(body, _Scope(inner))

    def klass(self, node: tree_sitter.Node, scope: _Scope) -> None:
        body = node.child_by_field_name("body")
        if body is None:
            return  # a forward declaration or an elaborated type
        name_node = node.child_by_field_name("name")
        if name_node is not None and name_node.type == "template_type":
            name_node = name_node.child_by_field_name("name")
        name = self.s.text(name_node).split("::")[-1] if name_node is not None else "(anonymous)"
        qualified = (*scope.enclosing, name)
        self.class_names.add("::".join(qualified))
        bases = ()
        for child in node.children:
            if child.type == "base_class_clause":
                bases = tuple(
                    self.s.text(b)
                    for b in child.named_children
                    if b.type not in ("access_specifier", "virtual", "comment")
                )
        anchor = node  # comments sit beside `struct S {...} s;` or a template, not inside
        while anchor.parent is not None and anchor.parent.type in ANCHORS:
            anchor = anchor.parent
        _, _, docstring, _ = split_doc_comments(self.s.leading_comments(anchor, COMMENTS), self.s.text)
        info = _Class(name, "private" if node.type == "class_specifier" else "public")
        index = len(self.s.classes)
        self.s.classes.append(ClassInfo(name, "::".join(qualified), node.start_point.row + 1))
        self.items(body, _Scope(qualified, info))
        self.s.classes[index] = ClassInfo(
            name=name,
            qualified_name="::".join(qualified),
            line=node.start_point.row + 1,
            bases=bases,
            docstring=docstring,
            has_default_constructor=not info.constructors or 0 in info.constructors,
        )

    def declaration(self, node: tree_sitter.Node, scope: _Scope) -> None:
        """Class definitions used as types, and member prototypes (for static / constructors)."""
        type_node = node.child_by_field_name("type")
        if type_node is not None and type_node.type in CLASSES:
            self.klass(type_node, scope)
        if node.has_error:
            self.s.report_errors(node)
        cls = scope.cls
        if cls is None:
            return
        static = any(c.type == "storage_class_specifier" and self.s.text(c) == "static" for c in node.children)
        for declarator in node.children_by_field_name("declarator"):
            function = _unwrap(declarator)
            if function is None:
                continue
            _, name = self.name_of(function.child_by_field_name("declarator"))
            if static:
                self.static_members.add("::".join((*scope.enclosing, name)))
            if name == cls.name and type_node is None:
                cls.constructors.append(self.required(function))

    # ------------------------------------------------------------------ functions

    def function(
        self,
        outer: tree_sitter.Node,
        node: tree_sitter.Node,
        scope: _Scope,
        friend: bool = False,
    ) -> None:
        if outer.parent is not None and outer.parent.type == "template_declaration":
            outer = outer.parent
            while outer.parent is not None and outer.parent.type == "template_declaration":
                outer = outer.parent
        declarator = node.child_by_field_name("declarator")
        returns_wrappers: list[str] = []
        function = declarator
        while function is not None and function.type in WRAPPERS:
            returns_wrappers.append(function.type)
            function = _inner(function)
        if function is None or function.type != "function_declarator":
            if node.has_error:
                self.s.report_errors(node)
            return  # not a function after all (a macro call the grammar misread)
        name_node = function.child_by_field_name("declarator")
        scope_parts, name = self.name_of(name_node)
        enclosing = (*scope.enclosing, *scope_parts)
        qualified = "::".join((*enclosing, name))
        body = node.child_by_field_name("body")
        if node.has_error:
            self.s.reject_function(outer, qualified)
            return
        if body is None:
            return  # = default, = delete
        cls = scope.cls
        class_name = cls.name if cls is not None else (scope_parts[-1] if scope_parts else None)
        is_constructor = class_name is not None and name == class_name
        is_destructor = name.startswith("~")
        modifiers: list[str] = []
        decorators: list[str] = []
        if scope.template:
            modifiers.append("template")
        if cls is not None:
            modifiers.append(cls.access)
        if friend:
            modifiers.append("friend")
        for child in node.children:
            kind = child.type
            if kind == "storage_class_specifier" or kind == "virtual":
                modifiers.append(self.s.text(child))
            elif kind == "type_qualifier" and self.s.text(child) in ("constexpr", "consteval"):
                modifiers.append(self.s.text(child))
            elif kind == "explicit_function_specifier":
                modifiers.append("explicit")
            elif kind == "attribute_declaration":  # [[nodiscard]]: C++'s decorators
                decorators.extend(self.s.text(a) for a in child.named_children)
        for child in function.children:
            kind = child.type
            if kind == "type_qualifier":
                modifiers.append(self.s.text(child))  # a const member function
            elif kind in ("virtual_specifier", "noexcept"):
                modifiers.append(self.s.text(child).split("(")[0])
        if is_constructor:
            modifiers.append("constructor")
        if is_destructor:
            modifiers.append("destructor")
        static = "static" in modifiers
        params_node = function.child_by_field_name("parameters")
        params = self.parameters(params_node)
        if is_constructor and cls is not None:
            cls.constructors.append(self.required(function))
        type_node = node.child_by_field_name("type")
        trailing = next((c for c in function.children if c.type == "trailing_return_type"), None)
        if trailing is not None and self.s.text(type_node) == "auto":
            type_node = trailing.named_children[0] if trailing.named_children else type_node
        if type_node is None:
            returns, declared_returns = VOID, None
        else:
            declared_returns = self.s.text(type_node)
            returns = cpp_type(declared_returns)
            for wrapper in returns_wrappers:
                if wrapper == "pointer_declarator":
                    declared_returns += "*"
                    returns = UNKNOWN  # a returned pointer may be an array or one object
                elif wrapper == "reference_declarator":
                    declared_returns += "&"
            if any(c.type == "type_qualifier" and self.s.text(c) == "const" for c in node.children):
                declared_returns = "const " + declared_returns
        comments = self.s.leading_comments(outer, COMMENTS)
        first_doc, _, docstring, others = split_doc_comments(comments, self.s.text)
        span = self.s.span(first_doc if first_doc is not None else outer, node)
        if cls is not None:
            is_method = not (static or friend or is_constructor)
        else:
            is_method = False  # settled for out-of-class definitions by resolve_out_of_class
        self.s.functions.append(
            PendingFunction(
                name=name,
                qualified_name=qualified,
                span=span,
                source=self.s.slice(span.start_byte, span.end_byte),
                body=self.s.text(body),
                signature=Signature(params=tuple(params), returns=returns, declared_returns=declared_returns),
                enclosing=enclosing,
                modifiers=tuple(modifiers),
                decorators=tuple(decorators),
                docstring=docstring,
                comments=others,
                is_method=is_method,
                extra={"scope": "::".join(enclosing)} if scope_parts and cls is None else {},
            )
        )

    def resolve_out_of_class(self) -> None:
        """`int A::f() {...}` is a method unless A is a namespace or f was declared static.

        When A is declared in another file (a header), a method is the likely reading.
        """
        for i, pending in enumerate(self.s.functions):
            owner = pending.extra.get("scope")
            if owner is None or owner in self.namespaces:
                continue
            is_method = not ("constructor" in pending.modifiers or pending.qualified_name in self.static_members)
            self.s.functions[i] = replace(pending, is_method=is_method)

    # ------------------------------------------------------------------ names and types

    def name_of(self, node: tree_sitter.Node | None) -> tuple[tuple[str, ...], str]:
        """(scope parts, simple name) of a declarator name such as `ns::A::f` or `A<T>::f`."""
        parts: list[str] = []
        while node is not None and node.type == "qualified_identifier":
            scope = node.child_by_field_name("scope")
            if scope is not None:
                if scope.type == "template_type":
                    scope = scope.child_by_field_name("name")
                parts.append(self.s.text(scope))
            node = node.child_by_field_name("name")
        if node is None:
            return tuple(parts), "<unnamed>"
        if node.type == "template_function":
            node = node.child_by_field_name("name")
        return tuple(parts), self.s.text(node).replace(" ", "")

    def required(self, function: tree_sitter.Node) -> int:
        params = function.child_by_field_name("parameters")
        if params is None:
            return 0
        return sum(1 for p in params.named_children if p.type == "parameter_declaration" and not _is_void(self.s, p))

    def parameters(self, node: tree_sitter.Node | None) -> list[Param]:
        params: list[Param] = []
        if node is None:
            return params
        for index, child in enumerate(node.named_children):
            kind = child.type
            if kind in ("variadic_parameter_declaration", "variadic_parameter"):
                params.append(Param("...", UNKNOWN, self.s.text(child)))
                continue
            if kind not in ("parameter_declaration", "optional_parameter_declaration"):
                continue
            if _is_void(self.s, child):
                continue
            type_node = child.child_by_field_name("type")
            declarator = child.child_by_field_name("declarator")
            const = any(c.type == "type_qualifier" and self.s.text(c) == "const" for c in child.children)
            wrappers: list[str] = []
            name = f"arg{index}"
            current = declarator
            while current is not None:
                kind = current.type
                if kind in ("identifier", "field_identifier"):
                    name = self.s.text(current)
                    break
                if kind in ("pointer_declarator", "abstract_pointer_declarator"):
                    wrappers.append("pointer")
                elif kind in ("array_declarator", "abstract_array_declarator"):
                    wrappers.append("array")
                elif kind in ("reference_declarator", "abstract_reference_declarator"):
                    token = current.children[0].type if current.children else "&"
                    wrappers.append("rvalue" if token == "&&" else "reference")
                elif kind not in ("parenthesized_declarator", "abstract_parenthesized_declarator"):
                    break
                current = _inner(current)
            type_ = cpp_type(self.s.text(type_node))
            if type_ == VOID and wrappers:
                type_ = UNKNOWN  # void*: untyped memory, not an array of anything
            else:
                for wrapper in wrappers:
                    if wrapper in ("pointer", "array"):
                        type_ = array_of(type_)
            end = (declarator or type_node or child).end_byte
            params.append(
                Param(
                    name=name,
                    type=type_,
                    declared=self.s.slice(child.start_byte, end),
                    # An array parameter is a pointer too: the callee can write its elements.
                    by_reference=not const and any(w in ("pointer", "array", "reference") for w in wrappers),
                )
            )
        return params


def _inner(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The declarator a wrapper declarator wraps."""
    inner = node.child_by_field_name("declarator")
    if inner is not None:
        return inner
    named = [c for c in node.named_children if c.type not in ("type_qualifier", "attribute")]
    return named[-1] if named else None


def _unwrap(node: tree_sitter.Node) -> tree_sitter.Node | None:
    while node is not None and node.type in WRAPPERS:
        node = _inner(node)
    return node if node is not None and node.type == "function_declarator" else None


def _is_void(state: FileExtraction, param: tree_sitter.Node) -> bool:
    """`f(void)`: a C spelling of no parameters."""
    return param.child_by_field_name("declarator") is None and (state.text(param.child_by_field_name("type")) == "void")

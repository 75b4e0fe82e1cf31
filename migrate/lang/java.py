"""Java: methods and constructors of every class, found with tree-sitter-java."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from migrate.lang.base import LanguageSupport
from migrate.lang.treesitter import FileExtraction, PendingFunction, split_doc_comments
from migrate.lang.typenames import parse_type
from migrate.units import (
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

SCALARS: dict[str, Type] = {
    "int": Type(Kind.INT),
    "Integer": Type(Kind.INT),
    "long": Type(Kind.LONG),
    "Long": Type(Kind.LONG),
    "float": Type(Kind.FLOAT),
    "Float": Type(Kind.FLOAT),
    "double": Type(Kind.DOUBLE),
    "Double": Type(Kind.DOUBLE),
    "boolean": Type(Kind.BOOL),
    "Boolean": Type(Kind.BOOL),
    "char": Type(Kind.CHAR),
    "Character": Type(Kind.CHAR),
    "String": Type(Kind.STRING),
    "void": VOID,
}
SEQUENCES: dict[str, Kind] = {
    "List": Kind.LIST,
    "ArrayList": Kind.LIST,
    "LinkedList": Kind.LIST,
    "Vector": Kind.LIST,
}
PREFIXES = ("java.util.", "java.lang.")

COMMENTS = frozenset({"line_comment", "block_comment"})
TYPE_DECLARATIONS = frozenset(
    {
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
        "record_declaration",
        "annotation_type_declaration",
    }
)
PARAMETERS = frozenset({"formal_parameter", "spread_parameter"})
FUNCTIONS = frozenset({"method_declaration", "constructor_declaration", "compact_constructor_declaration"})


@lru_cache(maxsize=4096)  # spellings repeat across a repository
def java_type(text: str) -> Type:
    return parse_type(text, SCALARS, SEQUENCES, prefixes=PREFIXES)


class JavaSupport(LanguageSupport):
    language = Language.JAVA
    extensions = (".java",)

    def grammar(self) -> tree_sitter.Language:
        import tree_sitter
        import tree_sitter_java

        return tree_sitter.Language(tree_sitter_java.language())

    def extract(self, source: SourceFile) -> ParsedFile:
        """Every method and constructor with a body, in every (nested) type of the file."""
        state = FileExtraction(source, self.parser)
        _Walker(state).members(state.root, (), in_interface=False)
        return state.finish(Language.JAVA)


class _Walker:
    def __init__(self, state: FileExtraction):
        self.s = state

    def members(self, node: tree_sitter.Node, enclosing: tuple[str, ...], in_interface: bool):
        """Walk a program or a type body; returns the parameter counts of its constructors."""
        constructors: list[int] = []  # parameter counts
        for child in node.children:
            kind = child.type
            if kind in FUNCTIONS:
                count = self.function(child, enclosing, in_interface)
                if kind != "method_declaration":
                    constructors.append(count)
            elif kind in TYPE_DECLARATIONS:
                self.type_declaration(child, enclosing)
            elif kind == "enum_body_declarations":
                constructors.extend(self.members(child, enclosing, in_interface) or ())
            elif kind == "import_declaration" and not enclosing:
                self.s.imports.append(self.s.text(child))
            elif kind == "ERROR":
                self.s.report_errors(child)
                self.members(child, enclosing, in_interface)
            elif child.has_error or child.is_missing:
                self.s.report_errors(child)
        return constructors

    def type_declaration(self, node: tree_sitter.Node, enclosing: tuple[str, ...]):
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            self.s.report_errors(node)
            return
        name = self.s.text(name_node)
        qualified = (*enclosing, name)
        bases: list[str] = []
        for field_name in ("superclass", "interfaces"):
            clause = node.child_by_field_name(field_name)
            if clause is not None:
                for part in clause.named_children:
                    if part.type == "type_list":
                        bases.extend(self.s.text(t) for t in part.named_children)
                    else:
                        bases.append(self.s.text(part))
        for child in node.children:
            if child.type == "extends_interfaces":  # interface I extends J, K
                for part in child.named_children:
                    bases.extend(self.s.text(t) for t in part.named_children)
        _, _, docstring, _ = split_doc_comments(self.s.leading_comments(node, COMMENTS), self.s.text)
        index = len(self.s.classes)
        self.s.classes.append(ClassInfo(name, ".".join(qualified), node.start_point.row + 1))
        interface = node.type in ("interface_declaration", "annotation_type_declaration")
        instantiable = not interface and node.type != "enum_declaration"
        constructors = self.members(body, qualified, in_interface=interface)
        if node.type == "record_declaration":
            # A record's canonical constructor takes every component.
            params = node.child_by_field_name("parameters")
            if params is not None and params.named_child_count:
                constructors.append(params.named_child_count)
        modifiers = next((c for c in node.children if c.type == "modifiers"), None)
        if modifiers is not None and "abstract" in self.s.text(modifiers).split():
            instantiable = False
        default = instantiable and (not constructors or 0 in constructors)
        self.s.classes[index] = ClassInfo(
            name=name,
            qualified_name=".".join(qualified),
            line=node.start_point.row + 1,
            bases=tuple(bases),
            docstring=docstring,
            has_default_constructor=default,
        )
        for child in node.children:  # header errors; the body reported its own
            if child != body and (child.has_error or child.is_missing):
                self.s.report_errors(child)

    # ------------------------------------------------------------------ methods

    def function(self, node: tree_sitter.Node, enclosing: tuple[str, ...], in_interface: bool):
        """Record one method or constructor; returns its parameter count."""
        name_node = node.child_by_field_name("name")
        name = self.s.text(name_node) or "<unnamed>"
        qualified = ".".join((*enclosing, name))
        params_node = node.child_by_field_name("parameters")
        count = 0
        if params_node is not None:
            count = sum(1 for p in params_node.named_children if p.type in PARAMETERS)
        body = node.child_by_field_name("body")
        if node.has_error or name_node is None:
            self.s.reject_function(node, qualified)
            return count
        if body is None:
            return count  # abstract, native or interface method: nothing to translate
        modifiers: list[str] = []
        decorators: list[str] = []
        for child in node.children:
            if child.type == "modifiers":
                for mod in child.children:
                    if mod.type in ("marker_annotation", "annotation"):
                        decorators.append(self.s.text(mod)[1:].strip())
                    elif mod.type not in COMMENTS:
                        modifiers.append(self.s.text(mod))
        is_constructor = node.type != "method_declaration"
        if is_constructor:
            modifiers.append("constructor")
        static = "static" in modifiers
        params = tuple(
            self.parameter(p) for p in (params_node.named_children if params_node else ()) if p.type in PARAMETERS
        )
        if is_constructor:
            returns, declared_returns = VOID, None
        else:
            type_node = node.child_by_field_name("type")
            declared_returns = self.s.text(type_node)
            returns = java_type(declared_returns)
            dims = node.child_by_field_name("dimensions")  # int f()[] (legacy spelling)
            if dims is not None:
                for _ in range(self.s.text(dims).count("[")):
                    returns = array_of(returns)
                declared_returns += self.s.text(dims)
        comments = self.s.leading_comments(node, COMMENTS)
        first_doc, _, docstring, others = split_doc_comments(comments, self.s.text)
        span = self.s.span(first_doc if first_doc is not None else node, node)
        self.s.functions.append(
            PendingFunction(
                name=name,
                qualified_name=qualified,
                span=span,
                source=self.s.slice(span.start_byte, span.end_byte),
                body=self.s.text(body),
                signature=Signature(params=params, returns=returns, declared_returns=declared_returns),
                enclosing=enclosing,
                modifiers=tuple(modifiers),
                decorators=tuple(decorators),
                docstring=docstring,
                comments=others,
                is_method=not static and not is_constructor,
            )
        )
        return count

    def parameter(self, node: tree_sitter.Node) -> Param:
        declared = self.s.text(node)
        if node.type == "spread_parameter":  # int... xs
            type_node = next(
                (c for c in node.named_children if c.type not in ("modifiers", "variable_declarator")),
                None,
            )
            declarator = next((c for c in node.named_children if c.type == "variable_declarator"), None)
            name_node = declarator.child_by_field_name("name") if declarator is not None else None
            return Param(self.s.text(name_node), array_of(java_type(self.s.text(type_node))), declared)
        type_ = java_type(self.s.text(node.child_by_field_name("type")))
        dims = node.child_by_field_name("dimensions")  # int arr[]
        if dims is not None:
            for _ in range(self.s.text(dims).count("[")):
                type_ = array_of(type_)
        return Param(self.s.text(node.child_by_field_name("name")), type_, declared)

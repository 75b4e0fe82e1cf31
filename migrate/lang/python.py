"""Python: functions and methods of a module, found with tree-sitter-python."""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from migrate.lang.base import LanguageSupport
from migrate.lang.treesitter import FileExtraction, PendingFunction
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
)

if TYPE_CHECKING:
    import tree_sitter

SCALARS: dict[str, Type] = {
    "int": Type(Kind.INT),
    "float": Type(Kind.DOUBLE),  # a Python float is an IEEE double
    "bool": Type(Kind.BOOL),
    "str": Type(Kind.STRING),
    "None": VOID,
}
SEQUENCES: dict[str, Kind] = {
    "list": Kind.LIST,
    "List": Kind.LIST,
    "Sequence": Kind.LIST,
    "MutableSequence": Kind.LIST,
}
PREFIXES = ("typing.", "collections.abc.", "builtins.")

IMPORTS = frozenset({"import_statement", "import_from_statement", "future_import_statement"})
# Statements whose blocks may define module- or class-level functions (`if TYPE_CHECKING:`).
COMPOUND = frozenset(
    {
        "if_statement",
        "elif_clause",
        "else_clause",
        "try_statement",
        "except_clause",
        "except_group_clause",
        "finally_clause",
        "with_statement",
    }
)
NOT_METHODS = frozenset({"staticmethod", "classmethod"})


@lru_cache(maxsize=4096)  # spellings repeat across a repository
def annotation_type(text: str) -> Type:
    """The Type of a Python annotation; quoted (forward-reference) annotations too."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return parse_type(text, SCALARS, SEQUENCES, brackets="[]", array_suffix=False, prefixes=PREFIXES)


@dataclass
class _Class:
    """What the walk of one class body learns about it."""

    qualified: tuple[str, ...]
    default_constructor: bool = True
    init: str | None = None  # the qualified name of its own __init__, if it has one


def _has_required_field(body: tree_sitter.Node) -> bool:
    """A dataclass body with an annotated field and no default (`x: int`)."""
    for statement in body.named_children:
        if statement.type == "expression_statement" and statement.named_child_count == 1:
            inner = statement.named_children[0]
            if (
                inner.type == "assignment"
                and inner.child_by_field_name("type") is not None
                and inner.child_by_field_name("right") is None
            ):
                return True
    return False


class PythonSupport(LanguageSupport):
    language = Language.PYTHON
    extensions = (".py",)

    def grammar(self) -> tree_sitter.Language:
        import tree_sitter
        import tree_sitter_python

        return tree_sitter.Language(tree_sitter_python.language())

    def extract(self, source: SourceFile) -> ParsedFile:
        """Every `def` at module level and in classes (nested ones stay in their parent)."""
        state = FileExtraction(source, self.parser)
        _Walker(state).block(state.root, (), None)
        return state.finish(Language.PYTHON)


class _Walker:
    def __init__(self, state: FileExtraction):
        self.s = state

    def block(self, node: tree_sitter.Node, enclosing: tuple[str, ...], cls: _Class | None):
        for child in node.children:
            kind = child.type
            if kind == "function_definition":
                self.function(child, child, (), enclosing, cls)
            elif kind == "decorated_definition":
                definition = child.child_by_field_name("definition")
                decorators = tuple(self.s.text(d)[1:].strip() for d in child.children if d.type == "decorator")
                if definition is None:
                    self.s.report_errors(child)
                elif definition.type == "function_definition":
                    self.function(child, definition, decorators, enclosing, cls)
                elif definition.type == "class_definition":
                    self.klass(child, definition, enclosing, decorators)
            elif kind == "class_definition":
                self.klass(child, child, enclosing)
            elif kind in IMPORTS and not enclosing:
                self.s.imports.append(self.s.text(child))
                if child.has_error:
                    self.s.report_errors(child)
            elif kind in COMPOUND:
                self.block(child, enclosing, cls)
            elif kind == "block":
                self.block(child, enclosing, cls)
            elif child.has_error or child.is_missing or child.is_error:
                if kind == "ERROR":
                    # An unparsable region may still hold whole definitions.
                    self.s.report_errors(child)
                    self.block(child, enclosing, cls)
                else:
                    self.s.report_errors(child)

    # ------------------------------------------------------------------ classes

    def klass(
        self,
        outer: tree_sitter.Node,
        node: tree_sitter.Node,
        enclosing: tuple[str, ...],
        decorators: tuple[str, ...] = (),
    ):
        name = self.s.text(node.child_by_field_name("name"))
        qualified = (*enclosing, name)
        body = node.child_by_field_name("body")
        bases = ()
        superclasses = node.child_by_field_name("superclasses")
        if superclasses is not None:
            bases = tuple(
                self.s.text(arg)
                for arg in superclasses.named_children
                if arg.type not in ("keyword_argument", "comment")
            )
        info = _Class(qualified)
        index = len(self.s.classes)
        self.s.classes.append(ClassInfo(name=name, qualified_name=".".join(qualified), line=node.start_point.row + 1))
        if body is not None:
            self.block(body, qualified, info)
            if info.init is None and any(d.split("(")[0].endswith("dataclass") for d in decorators):
                # The generated __init__ takes every field that has no default.
                info.default_constructor = not _has_required_field(body)
        self.s.classes[index] = ClassInfo(
            name=name,
            qualified_name=".".join(qualified),
            line=node.start_point.row + 1,
            bases=bases,
            docstring=self.docstring(body),
            has_default_constructor=info.default_constructor,
        )
        for child in node.children:  # errors in the header; the body reports its own
            if child != body and (child.has_error or child.is_missing):
                self.s.report_errors(child)

    # ------------------------------------------------------------------ functions

    def function(
        self,
        outer: tree_sitter.Node,
        node: tree_sitter.Node,
        decorators: tuple[str, ...],
        enclosing: tuple[str, ...],
        cls: _Class | None,
    ):
        name_node = node.child_by_field_name("name")
        name = self.s.text(name_node) or "<unnamed>"
        qualified = ".".join((*enclosing, name))
        body = node.child_by_field_name("body")
        if outer.has_error or name_node is None or body is None or body.start_byte == body.end_byte:
            self.s.reject_function(outer, qualified)  # an empty body: the error lies after it
            return
        plain = {d.split("(")[0].strip() for d in decorators}
        is_method = cls is not None and not (plain & NOT_METHODS)
        skip_first = cls is not None and "staticmethod" not in plain
        params, required = self.parameters(node.child_by_field_name("parameters"), skip_first)
        if cls is not None and name == "__init__":
            cls.init = qualified
            cls.default_constructor = cls.default_constructor and not required
        modifiers = []
        if node.children and node.children[0].type == "async":
            modifiers.append("async")
        if cls is not None and "staticmethod" in plain:
            modifiers.append("static")
        if cls is not None and "classmethod" in plain:
            modifiers.append("classmethod")
        returns_node = node.child_by_field_name("return_type")
        declared_returns = self.s.text(returns_node) if returns_node is not None else None
        span = self.s.span(outer, node)
        self.s.functions.append(
            PendingFunction(
                name=name,
                qualified_name=qualified,
                span=span,
                source=self.s.slice(span.start_byte, span.end_byte),
                body=self.s.block_text(body),
                signature=Signature(
                    params=tuple(params),
                    returns=self.returns(declared_returns, name, cls),
                    declared_returns=declared_returns,
                ),
                enclosing=enclosing,
                modifiers=tuple(modifiers),
                decorators=decorators,
                docstring=self.docstring(body),
                comments=self.comments_above(outer),
                is_method=is_method,
            )
        )

    @staticmethod
    def returns(declared: str | None, name: str, cls: _Class | None) -> Type:
        if declared:
            return annotation_type(declared)
        if cls is not None and name == "__init__":
            return VOID  # the language forbids __init__ to return anything else
        return UNKNOWN

    def parameters(self, node: tree_sitter.Node | None, skip_first: bool) -> tuple[list[Param], bool]:
        """The parameters (without self / cls) and whether any of them has no default."""
        params: list[Param] = []
        required = False
        if node is None:
            return params, required
        first = True
        for child in node.named_children:
            kind = child.type
            if kind in ("positional_separator", "keyword_separator", "comment"):
                continue
            annotation = None
            if kind == "identifier":
                name = self.s.text(child)
                has_default = False
            elif kind in ("typed_parameter", "typed_default_parameter", "default_parameter"):
                name_node = child.child_by_field_name("name")
                if name_node is None:  # typed_parameter keeps its name as a plain child
                    name_node = child.named_children[0]
                name = self.s.text(name_node)
                type_node = child.child_by_field_name("type")
                annotation = self.s.text(type_node) if type_node is not None else None
                has_default = kind != "typed_parameter"
                if name.startswith("*"):
                    has_default = True
            elif kind in ("list_splat_pattern", "dictionary_splat_pattern"):
                name = self.s.text(child)
                has_default = True
            else:
                continue
            if first and skip_first:
                first = False
                continue
            first = False
            required = required or not has_default
            params.append(
                Param(
                    name=name,
                    # `*args: int` annotates each element of a tuple: no Kind for that.
                    type=annotation_type(annotation) if annotation and name[0] != "*" else UNKNOWN,
                    declared=annotation,
                )
            )
        return params, required

    # ------------------------------------------------------------------ docs

    def docstring(self, body: tree_sitter.Node | None) -> str | None:
        if body is None:
            return None
        for child in body.named_children:
            if child.type == "comment":
                continue
            if child.type != "expression_statement" or child.named_child_count != 1:
                return None
            literal = child.named_children[0]
            if literal.type not in ("string", "concatenated_string"):
                return None
            try:
                value = ast.literal_eval(self.s.text(literal))
            except (SyntaxError, ValueError):
                return None
            return inspect.cleandoc(value) if isinstance(value, str) else None
        return None

    def comments_above(self, node: tree_sitter.Node) -> tuple[str, ...]:
        """`#` lines right above a definition (or its decorators), with no blank line between."""
        data = self.s.data
        end = self.s.line_start(node.start_byte)
        if end != data.rfind(b"\n", 0, node.start_byte) + 1:
            return ()  # something precedes the definition on its own line
        lines: list[str] = []
        while end > 0:
            start = data.rfind(b"\n", 0, end - 1) + 1
            line = data[start : end - 1].decode("utf-8", "replace").strip()
            if not line.startswith("#"):
                break
            lines.append(line)
            end = start
        lines.reverse()
        return tuple(lines)

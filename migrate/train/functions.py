"""Functions as a translation model reads them: standalone, in TransCoder code tokens.

Training data must look like what the model will translate, which is mostly free
functions (GfG-style `static int f(...)` in Java, plain functions in C++ and Python).
`model_tokens` turns an extracted function into that shape: Java access modifiers and
annotations become a single `static`, C++ storage specifiers go, Python loses `self`,
type hints and docstrings (`self.helper(...)` becomes `helper(...)`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from migrate.units import Function, Language, SourceFile

JAVA_DROP = {"public", "private", "protected", "final", "synchronized", "abstract", "native", "strictfp", "default"}
CPP_DROP = {"static", "inline", "virtual", "explicit", "constexpr", "friend", "extern"}
CPP_SKIP_NAMES = {"main"}


@dataclass(frozen=True)
class CodeFunction:
    """One function ready for a corpus: its code tokens and where it came from."""

    language: Language
    name: str
    tokens: tuple[str, ...]
    origin: str  # "<source>:<file>::<qualified name>"
    standalone: bool  # a free / static function (not an instance method)


def _strip_java(tokens: list[str]) -> list[str]:
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "@" and i + 1 < len(tokens):  # annotation, maybe with arguments
            i += 2
            while i + 1 < len(tokens) and tokens[i] == ".":
                i += 2
            if i < len(tokens) and tokens[i] == "(":
                depth = 0
                while i < len(tokens):
                    depth += tokens[i] == "("
                    depth -= tokens[i] == ")"
                    i += 1
                    if depth == 0:
                        break
            continue
        if t in JAVA_DROP or t == "static":
            i += 1
            continue
        break
    return ["static", *tokens[i:]]


def _strip_cpp(tokens: list[str]) -> list[str]:
    i = 0
    while i < len(tokens) and tokens[i] in CPP_DROP:
        i += 1
    return tokens[i:]


class _Unself(ast.NodeTransformer):
    """`self.x` -> `x`, annotations and docstrings removed."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            return ast.copy_location(ast.Name(id=node.attr, ctx=node.ctx), node)
        return node

    def _function(self, node):
        args = node.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                a.annotation = None
        node.returns = None
        node.decorator_list = []
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            if isinstance(body[0].value.value, str):
                body = body[1:] or [ast.Pass()]
        node.body = body
        self.generic_visit(node)
        return node

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        self.generic_visit(node)
        if node.value is None:
            return ast.Pass()
        return ast.copy_location(ast.Assign(targets=[node.target], value=node.value, lineno=node.lineno), node)


def python_standalone(source: str, is_method: bool) -> str | None:
    """The function as plain Python (no self, hints or docstring); None if unparsable."""
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(source))
    except (SyntaxError, ValueError):
        return None
    fn = tree.body[0] if tree.body else None
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    if is_method and fn.args.args and fn.args.args[0].arg in ("self", "cls"):
        fn.args.args = fn.args.args[1:]
    fn = _Unself().visit(fn)
    tree.body = [fn]
    ast.fix_missing_locations(tree)
    try:
        return ast.unparse(tree)
    except (ValueError, RecursionError):
        return None


def uses_self(source: str) -> bool:
    import re

    body = source.split(":", 1)[-1] if ":" in source else source
    return re.search(r"\bself\b", body.split("\n", 1)[-1]) is not None


def model_tokens(fn: Function) -> list[str] | None:
    """Code tokens of a function in standalone form; None when it is no use for training."""
    from migrate.lang import codetok

    if not fn.body.strip():
        return None
    source = fn.source
    if fn.language is Language.PYTHON:
        source = python_standalone(source, fn.is_method or bool(fn.enclosing))
        if source is None:
            return None
    try:
        tokens = codetok.tokenize(source, fn.language)
    except (codetok.TokenizeError, ValueError, RecursionError):
        return None
    if fn.language is Language.JAVA:
        tokens = _strip_java(tokens)
    elif fn.language is Language.CPP:
        if fn.name in CPP_SKIP_NAMES:
            return None
        tokens = _strip_cpp(tokens)
        if "{" not in tokens:
            return None  # a declaration, not a definition
    return tokens


def source_files(root: Path, language: Language, exclude: tuple[str, ...] = ()) -> Iterator[SourceFile]:
    """Decoded files of one language under a folder, or inside a .zip archive."""
    if root.is_file() and root.suffix == ".zip":
        yield from _zip_files(root, language, exclude)
        return
    from migrate.walk import walk

    other = next(lang for lang in Language if lang is not language)
    result = walk(root, target=other, languages=frozenset({language}), exclude=exclude)
    yield from result.files


def _zip_files(path: Path, language: Language, exclude: tuple[str, ...]) -> Iterator[SourceFile]:
    import zipfile

    import pathspec

    from migrate.lang import language_of

    spec = pathspec.PathSpec.from_lines("gitwildmatch", exclude) if exclude else None
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or language_of(name) is not language or info.file_size > 1_000_000:
                continue
            if spec is not None and spec.match_file(name):
                continue
            data = archive.read(info)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
            yield SourceFile(name, path / name, language, text, "utf-8", len(data))


def extract_functions(files, label: str) -> Iterator[tuple[Function, list[str]]]:
    """(function, model tokens) for every usable function of the files."""
    from migrate.lang import get

    for sf in files:
        try:
            parsed = get(sf.language).extract(sf)
        except Exception:  # noqa: BLE001 - one unreadable file must not stop a corpus build
            continue
        for fn in parsed.functions:
            tokens = model_tokens(fn)
            if tokens:
                yield fn, tokens


def is_standalone(fn: Function) -> bool:
    if fn.language is Language.PYTHON:
        return not fn.enclosing or not uses_self(fn.source)
    if fn.language is Language.JAVA:
        return "static" in fn.modifiers
    return not fn.is_method

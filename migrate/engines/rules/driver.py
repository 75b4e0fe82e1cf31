"""Wiring of one translation: parse, pick the front-end and back-end, resolve calls."""

from __future__ import annotations

import dataclasses
from functools import cache

from migrate.engines.rules import ir
from migrate.units import Function, Language, TranslationContext, Type


@cache
def parser(language: Language):
    import tree_sitter

    if language is Language.PYTHON:
        import tree_sitter_python as grammar
    elif language is Language.JAVA:
        import tree_sitter_java as grammar
    else:
        import tree_sitter_cpp as grammar
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


def parse(language: Language, source: str):
    return parser(language).parse(source.encode("utf-8")).root_node


def translate_ir(function: Function, context: TranslationContext):
    """(code, imports, FunctionIR) of one function, or `ir.Unsupported`."""
    if function.is_method and function.name.startswith("__"):
        raise ir.Unsupported(f"special method `{function.name}` is not supported")
    root = parse(function.language, function.source)
    if root.has_error:
        raise ir.Unsupported("the function does not parse cleanly")
    resolver = CallResolver(function, context)
    fn_ir = lower(function, root, resolver)
    if function.is_method:
        # lowering declines any use of fields or `self`, so what remains is stateless
        fn_ir = dataclasses.replace(fn_ir, notes=fn_ir.notes + (
            "a method that never uses its object: translated as a static / free function",))
    code, imports = emit(fn_ir, context.target)
    return code, imports | resolver.imports, fn_ir


def lower(function: Function, root, resolver) -> ir.FunctionIR:
    doc = function.docstring
    if not doc and function.comments:
        doc = "\n".join(_strip_comment(c) for c in function.comments)
    if doc and _is_license(doc):
        doc = None  # a file's licence header is not the function's documentation
    if function.language is Language.JAVA:
        from migrate.engines.rules.front_java import JavaFront

        return JavaFront(resolver).lower(root, _strip_doc(doc))
    if function.language is Language.CPP:
        from migrate.engines.rules.front_cpp import CppFront

        return CppFront(resolver).lower(root, _strip_doc(doc))
    from migrate.engines.rules.front_python import PythonFront

    return PythonFront(resolver, function).lower(root, doc)


def emit(fn_ir: ir.FunctionIR, target: Language) -> tuple[str, set[str]]:
    if target is Language.JAVA:
        from migrate.engines.rules.back_java import JavaBack

        back = JavaBack(fn_ir)
    elif target is Language.CPP:
        from migrate.engines.rules.back_cpp import CppBack

        back = CppBack(fn_ir)
    else:
        from migrate.engines.rules.back_python import PythonBack

        back = PythonBack(fn_ir)
    code = back.function()
    return code, set(back.imports)


class CallResolver:
    """Finds the callee of a call by name: same file first, then the rest of the run."""

    def __init__(self, function: Function, context: TranslationContext):
        self.function = function
        self.context = context
        self.imports: set[str] = set()
        self._headers: dict[str, tuple[Type, tuple[Type | None, ...]]] = {}

    def __call__(self, name: str, arity: int):
        same = [f for f in self.context.same_file(self.function) if f.name == name]
        if self.function.name == name and self.function not in same:
            same.append(self.function)
        others = [f for f in self.context.functions if f.name == name and f not in same]
        for pool, local in ((same, True), (others, False)):
            for callee in pool:
                if callee.is_method and callee is not self.function and \
                        callee.enclosing != self.function.enclosing:
                    continue
                types = self.header(callee)
                if types is None or not (
                        len(types[1]) - _defaults(callee) <= arity <= len(types[1])):
                    continue
                printed = name
                if not local:
                    ref = self.context.references.get(callee.id)
                    if ref is None:
                        continue
                    printed = ref.call_name
                    if ref.import_line:
                        self.imports.add(ref.import_line)
                return printed, types[0], types[1][:arity]
        return None

    def header(self, callee: Function):
        if callee.id in self._headers:
            return self._headers[callee.id]
        result = None
        try:
            if callee.language is Language.PYTHON:
                from migrate.lang.pytypes import infer_signature

                sig = infer_signature(callee, self.context.same_file(callee))
                result = (sig.returns, tuple(p.type for p in sig.params))
            else:
                root = parse(callee.language, callee.source)
                if callee.language is Language.JAVA:
                    from migrate.engines.rules.front_java import JavaFront as Front
                else:
                    from migrate.engines.rules.front_cpp import CppFront as Front
                front = Front(lambda *_: None)
                _, params, returns = front.header(front.find_function(root))
                result = (returns, tuple(p.type for p in params))
        except ir.Unsupported:
            result = None
        self._headers[callee.id] = result
        return result


def _is_license(text: str) -> bool:
    low = text.lower()
    return "copyright" in low or "licensed under" in low or "all rights reserved" in low


def _strip_comment(line: str) -> str:
    line = line.strip()
    for prefix in ("///", "//", "#"):
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    return line


def _strip_doc(doc: str | None) -> str | None:
    """The text of a Javadoc / block comment without its `/** * */` decoration."""
    if not doc:
        return doc
    text = doc.strip()
    if text.startswith("/*"):
        text = text[2:].lstrip("*")
        if text.endswith("*/"):
            text = text[:-2]
        lines = [line.strip() for line in text.splitlines()]
        lines = [line[1:].strip() if line.startswith("*") else line for line in lines]
        text = "\n".join(lines).strip()
    elif text.startswith("//"):
        text = "\n".join(_strip_comment(line) for line in text.splitlines())
    return text or None


def _defaults(callee: Function) -> int:
    """How many trailing parameters a call may leave out (Python literal defaults).

    The rules engine translates a literal default to an overload (Java), a default argument
    (C++) or itself (Python), so a shorter call is valid in every target.
    """
    if callee.language is not Language.PYTHON:
        return 0
    from migrate.lang.pytypes import parse_function

    fn = parse_function(callee)
    return len(fn.args.defaults) if fn is not None else 0

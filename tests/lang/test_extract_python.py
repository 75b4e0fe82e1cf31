"""Golden tests for Python extraction: inline source in, functions out."""

from __future__ import annotations

import pickle
import textwrap

from migrate.lang import get
from migrate.units import UNKNOWN, VOID, Kind, Language, Type, list_of

PY = Language.PYTHON
INT, DOUBLE, STR, BOOL = Type(Kind.INT), Type(Kind.DOUBLE), Type(Kind.STRING), Type(Kind.BOOL)

MODULE = textwrap.dedent(
    '''\
    """A small stock module."""
    import math
    from typing import List

    # Reorder threshold helper.
    # Kept for the old reports.
    def threshold(levels: List[int], factor: float = 1.5) -> int:
        """Highest level times a factor.

        Rounded down.
        """
        best = max(levels)

        def scale(x):
            return x * factor

        return int(scale(best))


    class Stock(Base):
        """One item's stock."""

        def __init__(self, count):
            self.count = count

        @staticmethod
        def parse(text: str) -> "Stock":
            return Stock(int(text))

        @classmethod
        def empty(cls) -> "Stock":
            return cls(0)

        async def refresh(self, grid: list[list[float]]) -> None:
            pass

        class Lot:
            def size(self) -> bool:
                return True


    def untyped(a, b=2, *rest, **options):
        return a
    '''
)


def test_names_and_qualified_names(extract):
    parsed = extract(PY, MODULE, "stock.py")
    assert [f.qualified_name for f in parsed.functions] == [
        "threshold",
        "Stock.__init__",
        "Stock.parse",
        "Stock.empty",
        "Stock.refresh",
        "Stock.Lot.size",
        "untyped",
    ]
    assert [f.id for f in parsed.functions][:2] == ["stock.py::threshold", "stock.py::Stock.__init__"]
    lot = parsed.functions[5]
    assert lot.name == "size" and lot.enclosing == ("Stock", "Lot")


def test_nested_function_stays_in_parent(extract):
    parsed = extract(PY, MODULE)
    assert "scale" not in [f.name for f in parsed.functions]
    assert "def scale(x):" in parsed.functions[0].body


def test_types_from_annotations(extract):
    threshold, init, parse, _, refresh, size, untyped = extract(PY, MODULE).functions
    sig = threshold.signature
    assert [(p.name, p.type, p.declared) for p in sig.params] == [
        ("levels", list_of(INT), "List[int]"),
        ("factor", DOUBLE, "float"),
    ]
    assert sig.returns == INT and sig.declared_returns == "int"
    assert [p.type for p in parse.signature.params] == [STR]
    assert parse.signature.returns == UNKNOWN  # a user class
    assert refresh.signature.params[0].type == list_of(list_of(DOUBLE))
    assert refresh.signature.returns == VOID
    assert size.signature.returns == BOOL
    assert [p.name for p in untyped.signature.params] == ["a", "b", "*rest", "**options"]
    assert all(p.type == UNKNOWN and p.declared is None for p in untyped.signature.params)
    assert untyped.signature.returns == UNKNOWN and untyped.signature.declared_returns is None
    assert [p.name for p in init.signature.params] == ["count"]  # self is not a parameter
    assert init.signature.returns == VOID  # __init__ returns None, annotated or not


def test_methods_and_modifiers(extract):
    threshold, init, parse, empty, refresh, size, _ = extract(PY, MODULE).functions
    assert not threshold.is_method
    assert init.is_method and refresh.is_method and size.is_method
    assert not parse.is_method and parse.modifiers == ("static",)
    assert parse.decorators == ("staticmethod",)
    assert not empty.is_method and "classmethod" in empty.modifiers
    assert empty.signature.params == ()  # cls is not a parameter
    assert refresh.modifiers == ("async",)


def test_docstrings_comments_spans(extract):
    parsed = extract(PY, MODULE)
    threshold, init, parse = parsed.functions[:3]
    assert threshold.docstring == "Highest level times a factor.\n\nRounded down."
    assert threshold.comments == ("# Reorder threshold helper.", "# Kept for the old reports.")
    assert init.docstring is None and init.comments == ()
    assert (threshold.span.start_line, threshold.span.end_line) == (7, 17)
    assert threshold.source.startswith("def threshold(") and threshold.source.endswith("return int(scale(best))")
    # The span starts at the decorator, with its indentation, and covers `source` exactly.
    assert parse.span.start_line == 26 and parse.source.startswith("    @staticmethod\n")
    data = MODULE.encode()
    for f in parsed.functions:
        assert data[f.span.start_byte : f.span.end_byte].decode() == f.source
        assert f.body.strip() in f.source
    assert threshold.imports == ("import math", "from typing import List") == parsed.imports


def test_classes(extract):
    classes = extract(PY, MODULE).classes
    assert [(c.qualified_name, c.line) for c in classes] == [("Stock", 20), ("Stock.Lot", 37)]
    stock = classes[0]
    assert stock.bases == ("Base",) and stock.docstring == "One item's stock."
    assert not stock.has_default_constructor  # __init__ needs `count`
    assert classes[1].has_default_constructor


def test_overloads_get_suffixes(extract):
    text = "if FAST:\n    def f(x):\n        return 1\nelse:\n    def f(x):\n        return 2\n"
    ids = [f.id for f in extract(PY, text, "m.py").functions]
    assert ids == ["m.py::f", "m.py::f#2"]


def test_syntax_errors_keep_the_rest(extract):
    text = textwrap.dedent(
        """\
        def good(x):
            return x

        def broken(x):
            y = (x +
            return y

        def also_good(x):
            return x * 2

        value = = 3
        """
    )
    parsed = extract(PY, text)
    assert [f.name for f in parsed.functions] == ["good", "also_good"]
    issues = parsed.syntax_issues
    assert [(i.start_line, i.end_line) for i in issues] == [(4, 6), (11, 11)]
    assert "broken" in issues[0].message


def test_empty_file(extract):
    parsed = extract(PY, "")
    assert parsed.functions == () and parsed.syntax_issues == ()


def test_non_ascii_offsets_are_bytes(extract):
    text = "# café\ndef f(s: str) -> str:\n    return 'é' + s\n"
    (f,) = extract(PY, text).functions
    assert text.encode()[f.span.start_byte : f.span.end_byte].decode() == f.source
    assert f.comments == ("# café",)


def test_support_pickles_after_use(extract):
    support = get(PY)
    extract(PY, "def f(): pass\n")
    clone = pickle.loads(pickle.dumps(support))
    assert clone.language is PY


def test_star_args_annotation_is_not_the_element_type(extract):
    (f,) = extract(PY, "def f(*xs: int, **kw: str) -> int:\n    return 0\n").functions
    assert [(p.name, p.type, p.declared) for p in f.signature.params] == [
        ("*xs", UNKNOWN, "int"),
        ("**kw", UNKNOWN, "str"),
    ]


def test_dataclass_constructor(extract):
    text = textwrap.dedent(
        """\
        from dataclasses import dataclass

        @dataclass
        class Point:
            x: int
            y: int = 0

        @dataclass(frozen=True)
        class Origin:
            label: str = "o"
        """
    )
    point, origin = extract(PY, text).classes
    assert not point.has_default_constructor and origin.has_default_constructor

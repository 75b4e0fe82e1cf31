"""Golden tests for Java extraction."""

from __future__ import annotations

import textwrap

from migrate.units import UNKNOWN, VOID, Kind, Language, Type, array_of, list_of

JAVA = Language.JAVA
INT, LONG, DOUBLE, FLOAT = Type(Kind.INT), Type(Kind.LONG), Type(Kind.DOUBLE), Type(Kind.FLOAT)
BOOL, CHAR, STR = Type(Kind.BOOL), Type(Kind.CHAR), Type(Kind.STRING)

SOURCE = textwrap.dedent(
    """\
    package shop.stock;

    import java.util.ArrayList;
    import java.util.List;

    /** Ledger of stock movements. */
    public class Ledger extends Base implements Comparable<Ledger> {
        private int total;

        public Ledger() {
            total = 0;
        }

        Ledger(int start) { total = start; }

        // Running sum.
        /**
         * Adds every amount.
         * @param amounts the movements
         */
        @Deprecated
        public static long sum(int[] amounts, int n) {
            long s = 0;
            for (int i = 0; i < n; i++) s += amounts[i];
            return s;
        }

        double mean(double grid[][], float w, boolean strict, char c, String name) {
            return 0.0;
        }

        List<Integer> copy(ArrayList<List<Long>> rows, short small, byte tiny, int... extra) {
            return new ArrayList<>();
        }

        public abstract void later();

        static class Page {
            int size() { return 1; }
            int size(int scale) { return scale; }
        }
    }

    interface Shape {
        double area();
        default String label() { return "shape"; }
    }
    """
)


def test_names_ids_and_nesting(extract):
    parsed = extract(JAVA, SOURCE, "shop/Ledger.java")
    assert [f.qualified_name for f in parsed.functions] == [
        "Ledger.Ledger",
        "Ledger.Ledger",
        "Ledger.sum",
        "Ledger.mean",
        "Ledger.copy",
        "Ledger.Page.size",
        "Ledger.Page.size",
        "Shape.label",
    ]
    ids = [f.id for f in parsed.functions]
    assert ids[:2] == ["shop/Ledger.java::Ledger.Ledger", "shop/Ledger.java::Ledger.Ledger#2"]
    assert ids[5:7] == ["shop/Ledger.java::Ledger.Page.size", "shop/Ledger.java::Ledger.Page.size#2"]
    assert parsed.functions[5].enclosing == ("Ledger", "Page")


def test_constructors(extract):
    ctor, ctor2 = extract(JAVA, SOURCE).functions[:2]
    assert ctor.name == "Ledger" and "constructor" in ctor.modifiers and "public" in ctor.modifiers
    assert not ctor.is_method and ctor.signature.returns == VOID
    assert [p.type for p in ctor2.signature.params] == [INT]


def test_types(extract):
    functions = extract(JAVA, SOURCE).functions
    sum_, mean, copy = functions[2:5]
    assert [(p.name, p.type, p.declared) for p in sum_.signature.params] == [
        ("amounts", array_of(INT), "int[] amounts"),
        ("n", INT, "int n"),
    ]
    assert sum_.signature.returns == LONG and sum_.signature.declared_returns == "long"
    assert [p.type for p in mean.signature.params] == [
        array_of(array_of(DOUBLE)),
        FLOAT,
        BOOL,
        CHAR,
        STR,
    ]
    assert [p.type for p in copy.signature.params] == [
        list_of(list_of(LONG)),
        UNKNOWN,  # short does not fit INT honestly
        UNKNOWN,  # nor does byte
        array_of(INT),
    ]
    assert copy.signature.returns == list_of(INT)


def test_modifiers_docs_and_spans(extract):
    parsed = extract(JAVA, SOURCE)
    sum_ = parsed.functions[2]
    assert sum_.modifiers == ("public", "static") and sum_.decorators == ("Deprecated",)
    assert not sum_.is_method
    assert sum_.docstring == "Adds every amount.\n@param amounts the movements"
    assert sum_.comments == ("// Running sum.",)
    # The span starts at the Javadoc and ends at the closing brace.
    assert (sum_.span.start_line, sum_.span.end_line) == (17, 26)
    assert sum_.source.lstrip().startswith("/**") and sum_.source.endswith("}")
    assert sum_.body.startswith("{") and "return s;" in sum_.body
    assert parsed.functions[3].is_method and parsed.functions[3].docstring is None
    for f in parsed.functions:
        assert SOURCE.encode()[f.span.start_byte : f.span.end_byte].decode() == f.source
    assert parsed.imports == ("import java.util.ArrayList;", "import java.util.List;")
    assert sum_.imports == parsed.imports


def test_abstract_and_interface_methods_skipped(extract):
    names = [f.name for f in extract(JAVA, SOURCE).functions]
    assert "later" not in names and "area" not in names
    label = extract(JAVA, SOURCE).functions[-1]
    assert label.is_method and "default" in label.modifiers


def test_classes(extract):
    classes = extract(JAVA, SOURCE).classes
    assert [c.qualified_name for c in classes] == ["Ledger", "Ledger.Page", "Shape"]
    ledger, page, shape = classes
    assert ledger.bases == ("Base", "Comparable<Ledger>") and ledger.line == 7
    assert ledger.docstring == "Ledger of stock movements."
    assert ledger.has_default_constructor and page.has_default_constructor
    assert not shape.has_default_constructor


def test_no_default_constructor(extract):
    text = "class P { P(int x) {} int get() { return 1; } }"
    (cls,) = extract(JAVA, text).classes
    assert not cls.has_default_constructor


def test_syntax_errors(extract):
    text = textwrap.dedent(
        """\
        class A {
          int a() { return 1; }
          int b() { return (1 + ; }
          int c() { return 3; }
          int d() { int[] x = {1, 2; return 0; }
          int e() { return 5; }
        }
        """
    )
    parsed = extract(JAVA, text)
    assert [f.name for f in parsed.functions] == ["a", "c", "e"]
    assert [(i.start_line, i.end_line) for i in parsed.syntax_issues] == [(3, 3), (5, 5)]
    assert "A.b" in parsed.syntax_issues[0].message


def test_abstract_class_has_no_default_constructor(extract):
    text = 'abstract class Shape { abstract double area(); String name() { return "s"; } }'
    parsed = extract(JAVA, text)
    assert [f.name for f in parsed.functions] == ["name"]
    assert not parsed.classes[0].has_default_constructor

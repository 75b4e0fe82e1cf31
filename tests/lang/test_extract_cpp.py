"""Golden tests for C++ extraction."""

from __future__ import annotations

import textwrap

from migrate.units import UNKNOWN, VOID, Kind, Language, Type, array_of, list_of

CPP = Language.CPP
INT, LONG, DOUBLE, FLOAT = Type(Kind.INT), Type(Kind.LONG), Type(Kind.DOUBLE), Type(Kind.FLOAT)
BOOL, CHAR, STR = Type(Kind.BOOL), Type(Kind.CHAR), Type(Kind.STRING)

SOURCE = textwrap.dedent(
    """\
    #include <vector>
    #include <string>
    #include "grid.h"
    using namespace std;

    int proto(int x);

    namespace geo {

    // Area of a rectangle.
    inline long long area(long long w, long h) { return w * h; }

    /** Sums a fixed-width matrix. */
    template <typename T>
    int total(int m[][3], int rows, T unused) {
        int s = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < 3; j++) s += m[i][j];
        return s;
    }

    class Grid : public Base {
     public:
      Grid() : cells(0) {}
      Grid(int n);
      virtual double mean(const vector<double>& xs, float w) const override { return 0; }
      static int count();
     private:
      bool check(char c, string name, std::string other, int* out, int64_t big) { return true; }
      int cells;
    };

    int Grid::count() { return 1; }
    Grid::Grid(int n) : cells(n) {}
    void Grid_helper(vector<vector<int>> &g, unsigned u, short s, void* raw) {}

    }  // namespace geo

    int Shape::perimeter(int scale) { return scale; }
    int f(int x) { return x; }
    double f(double x) { return x; }
    int main(void) { return 0; }
    """
)


def test_names_and_qualified_names(extract):
    parsed = extract(CPP, SOURCE, "src/geo.cpp")
    assert [f.qualified_name for f in parsed.functions] == [
        "geo::area",
        "geo::total",
        "geo::Grid::Grid",
        "geo::Grid::mean",
        "geo::Grid::check",
        "geo::Grid::count",
        "geo::Grid::Grid",
        "geo::Grid_helper",
        "Shape::perimeter",
        "f",
        "f",
        "main",
    ]
    ids = [f.id for f in parsed.functions]
    assert ids[6] == "src/geo.cpp::geo::Grid::Grid#2"
    assert ids[9:11] == ["src/geo.cpp::f", "src/geo.cpp::f#2"]
    count = parsed.functions[5]
    assert count.name == "count" and count.enclosing == ("geo", "Grid")


def test_prototypes_are_skipped(extract):
    names = [f.name for f in extract(CPP, SOURCE).functions]
    assert "proto" not in names


def test_types_and_references(extract):
    functions = extract(CPP, SOURCE).functions
    area, total, _, mean, check = functions[:5]
    helper = functions[7]
    assert [(p.name, p.type, p.declared) for p in area.signature.params] == [
        ("w", LONG, "long long w"),
        ("h", LONG, "long h"),
    ]
    assert area.signature.returns == LONG and area.signature.declared_returns == "long long"
    assert [p.type for p in total.signature.params] == [array_of(array_of(INT)), INT, UNKNOWN]
    assert total.signature.params[0].declared == "int m[][3]"
    assert total.signature.params[0].by_reference  # an array parameter is a pointer
    xs, w = mean.signature.params
    assert xs.type == list_of(DOUBLE) and not xs.by_reference  # const &
    assert w.type == FLOAT and mean.signature.returns == DOUBLE
    assert [p.type for p in check.signature.params] == [CHAR, STR, STR, array_of(INT), LONG]
    assert [p.by_reference for p in check.signature.params] == [False, False, False, True, False]
    assert [p.type for p in helper.signature.params] == [
        list_of(list_of(INT)),
        UNKNOWN,  # unsigned
        UNKNOWN,  # short
        UNKNOWN,  # void*
    ]
    assert helper.signature.params[0].by_reference and helper.signature.returns == VOID
    assert functions[-1].signature.params == ()  # main(void)


def test_methods_modifiers_docs(extract):
    functions = extract(CPP, SOURCE).functions
    area, total, ctor, mean, check, count, ctor2, helper, perimeter = functions[:9]
    assert not area.is_method and area.modifiers == ("inline",)
    assert area.docstring == "Area of a rectangle." and area.comments == ()
    assert total.docstring == "Sums a fixed-width matrix." and "template" in total.modifiers
    assert total.source.startswith("/** Sums") and total.span.start_line == 13
    assert "constructor" in ctor.modifiers and not ctor.is_method
    assert ctor.signature.returns == VOID and ctor.signature.declared_returns is None
    assert mean.is_method
    assert {"public", "virtual", "const", "override"} <= set(mean.modifiers)
    assert check.is_method and "private" in check.modifiers
    assert not count.is_method  # declared static inside the class
    assert "constructor" in ctor2.modifiers and not ctor2.is_method
    assert not helper.is_method
    assert perimeter.is_method  # Shape is declared elsewhere: a method is the likely reading


def test_spans_bodies_imports(extract):
    parsed = extract(CPP, SOURCE)
    for f in parsed.functions:
        assert SOURCE.encode()[f.span.start_byte : f.span.end_byte].decode() == f.source
        assert f.body.startswith("{") and f.body.endswith("}")
    area = parsed.functions[0]
    assert (area.span.start_line, area.span.end_line) == (10, 11)  # from its comment
    assert parsed.imports == ("#include <vector>", "#include <string>", '#include "grid.h"')


def test_classes(extract):
    (grid,) = extract(CPP, SOURCE).classes
    assert grid.qualified_name == "geo::Grid" and grid.bases == ("Base",)
    assert grid.has_default_constructor and grid.line == 22


def test_class_without_default_constructor(extract):
    text = "struct P {\n  P(int x) : v(x) {}\n  int v;\n};\n"
    (cls,) = extract(CPP, text).classes
    assert not cls.has_default_constructor


def test_header_guards_and_extern_c(extract):
    text = textwrap.dedent(
        """\
        #ifndef UTIL_H
        #define UTIL_H
        #include <cmath>
        extern "C" {
        int twice(int x) { return 2 * x; }
        }
        #endif
        """
    )
    parsed = extract(CPP, text, "util.h")
    assert [f.name for f in parsed.functions] == ["twice"]
    assert parsed.imports == ("#include <cmath>",)


def test_syntax_errors(extract):
    text = textwrap.dedent(
        """\
        int a() { return 1; }
        int b() { return (1 + ; }
        int c() { return 3; }
        int d() { if (x { return 1; } }
        int e() { return 5; }
        """
    )
    parsed = extract(CPP, text)
    assert [f.name for f in parsed.functions] == ["a", "c", "e"]
    assert [(i.start_line, i.end_line) for i in parsed.syntax_issues] == [(2, 2), (4, 4)]


def test_trailing_return_type(extract):
    (f,) = extract(CPP, "auto pick(int x) -> std::vector<long> { return {}; }\n").functions
    assert f.signature.returns == list_of(LONG) and f.signature.declared_returns == "std::vector<long>"


def test_out_of_class_template_member(extract):
    text = "template <class T>\nclass Box { public: static int make(); int size() const; };\n"
    text += "template <class T>\nint Box<T>::size() const { return 1; }\n"
    text += "template <class T>\nint Box<T>::make() { return 2; }\n"
    size, make = extract(CPP, text).functions
    assert size.qualified_name == "Box::size" and size.is_method and "template" in size.modifiers
    assert make.qualified_name == "Box::make" and not make.is_method


def test_attributes_are_decorators(extract):
    (f,) = extract(CPP, "[[nodiscard]] static int f(int x) { return x; }\n").functions
    assert f.decorators == ("nodiscard",) and f.modifiers == ("static",)

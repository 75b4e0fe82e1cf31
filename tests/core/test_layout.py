from migrate.layout import identifier, pascal_case, plan_outputs, references, snake_case
from migrate.units import Language


def test_names_follow_target_conventions():
    assert pascal_case("stock_levels") == "StockLevels"
    assert snake_case("BinarySearch") == "binary_search"
    assert snake_case("HTTPServer2") == "http_server2"
    assert identifier("class", Language.JAVA) == "class_"
    assert identifier("3d-geometry", Language.PYTHON) == "_3d_geometry"


def test_python_module_becomes_java_class_in_package(factories):
    f = factories.function("inventory/stock.py", "restock")
    plan = plan_outputs([factories.parsed("inventory/stock.py", (f,))], Language.JAVA)
    module = plan.modules["inventory/stock.py"]
    assert module.output == "inventory/Stock.java"
    assert module.package == ("inventory",)
    assert references(plan, (f,))[f.id].call_name == "inventory.Stock.restock"


def test_java_to_python_and_cpp_paths(factories):
    f = factories.function("geo/BinarySearch.java", "find", Language.JAVA, enclosing=("BinarySearch",))
    parsed = [factories.parsed("geo/BinarySearch.java", (f,), Language.JAVA, classes=("BinarySearch",))]
    py = plan_outputs(parsed, Language.PYTHON)
    assert py.modules["geo/BinarySearch.java"].output == "geo/binary_search.py"
    ref = references(py, (f,))[f.id]
    assert (ref.call_name, ref.import_line) == ("geo.binary_search.find", "geo.binary_search")
    cpp = plan_outputs(parsed, Language.CPP)
    assert cpp.modules["geo/BinarySearch.java"].output == "geo/BinarySearch.hpp"
    ref = references(cpp, (f,))[f.id]
    assert (ref.call_name, ref.import_line) == ("geo::BinarySearch::find", '"geo/BinarySearch.hpp"')


def test_output_name_clashes_are_resolved_in_sorted_order_and_reported(factories):
    parsed = [
        factories.parsed("geo/area.h", (factories.function("geo/area.h", "f", Language.CPP),), Language.CPP),
        factories.parsed("geo/area.cpp", (factories.function("geo/area.cpp", "g", Language.CPP),), Language.CPP),
        factories.parsed("geo/decls.h", (), Language.CPP),
    ]
    plan = plan_outputs(parsed, Language.JAVA)
    assert plan.modules["geo/area.cpp"].output == "geo/Area.java"
    assert plan.modules["geo/area.h"].output == "geo/Area_2.java"
    assert plan.collisions == ("geo/area.h -> geo/Area_2.java (geo/Area.java is taken by geo/area.cpp)",)
    assert "geo/decls.h" not in plan.modules  # prototypes only: no output file


def test_python_class_named_like_its_module_gets_a_distinct_java_outer_class(factories):
    parsed = [factories.parsed("stock.py", (factories.function("stock.py", "f"),), classes=("Stock",))]
    plan = plan_outputs(parsed, Language.JAVA)
    assert plan.modules["stock.py"].module == "StockModule"


def test_instance_methods_get_no_cross_file_reference(factories):
    m = factories.function("shop.py", "total", enclosing=("Cart",), is_method=True)
    plan = plan_outputs([factories.parsed("shop.py", (m,), classes=("Cart",))], Language.JAVA)
    assert references(plan, (m,)) == {}


def test_java_source_root_is_dropped_when_the_package_matches(factories):
    from dataclasses import replace

    f = factories.function("src/main/java/shop/Cart.java", "total", Language.JAVA, enclosing=("Cart",))
    parsed = factories.parsed("src/main/java/shop/Cart.java", (f,), Language.JAVA, classes=("Cart",))
    parsed = replace(parsed, source=replace(parsed.source, text="package shop;\nclass Cart {}\n"))
    plan = plan_outputs([parsed], Language.PYTHON)
    assert plan.modules["src/main/java/shop/Cart.java"].output == "shop/cart.py"

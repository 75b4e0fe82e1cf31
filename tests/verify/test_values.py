"""The canonical encoding and the cross-language comparison rules."""

import pytest

from migrate.verify import values


def tag(v):
    return values.encode(v)


@pytest.mark.parametrize("a, b", [
    (True, 1),  # Python True against C++ 1
    (1e16, 10000000000000000.0),  # Java 1.0E16 against Python 1e+16: same number
    ({"t": "char", "v": "a"}, "a"),  # a char against a one-character string
    (0.1 + 0.2, 0.3),  # within the relative tolerance
    ([1, 2, 3], (1, 2, 3)),  # list against tuple: both sequences
    (float("nan"), float("nan")),
    (3, 3.0),
])
def test_equal_values_across_languages(a, b):
    a = a if isinstance(a, dict) else tag(a)
    assert values.equal(a, tag(b))
    assert values.equal(tag(b), a)


@pytest.mark.parametrize("a, b", [
    (3, 3.5),  # Python true division against integer division
    (-4, -3),  # floor against truncation
    ("ab", "ba"),
    ([1, 2], [1, 2, 3]),
    (float("inf"), float("-inf")),
    (1.0, 1.001),
    (None, 0),
])
def test_different_values(a, b):
    assert not values.equal(tag(a), tag(b))


def test_encode_tags():
    assert tag(None) == {"t": "null", "v": None}
    assert tag(True) == {"t": "bool", "v": True}
    assert tag(float("-inf")) == {"t": "float", "v": "-inf"}
    assert tag([1, "a"]) == {"t": "seq", "v": [{"t": "int", "v": 1}, {"t": "str", "v": "a"}]}
    assert tag({1}) == {"t": "other", "v": "{1}"}


def test_char_code_equals_char():
    assert values.equal({"t": "char", "v": "b"}, tag(98))
    assert not values.equal({"t": "char", "v": "b"}, tag(97))


def test_short_rendering_is_cut():
    assert values.short(tag(list(range(200))), 20).endswith("...")

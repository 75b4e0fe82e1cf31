"""The one canonical encoding of values crossing language boundaries, and how to compare them.

Inputs go to a harness as plain JSON arrays of arguments: the harness knows each
parameter's type, so `3` becomes an `int`, a `long` or a `double` as the callee needs.
Results come back *tagged*, because the comparison must know what each side produced:

    {"t": "int",   "v": 42}          any integer (bool excluded), any width
    {"t": "float", "v": 0.5}         float or double; "nan", "inf", "-inf" as strings
    {"t": "bool",  "v": true}
    {"t": "char",  "v": "a"}         Java/C++ char (C++ bytes above 127 as U+0080..U+00FF)
    {"t": "str",   "v": "abc"}
    {"t": "seq",   "v": [ ... ]}     arrays, lists, vectors, tuples: tagged elements
    {"t": "null",  "v": null}        void, None, null
    {"t": "other", "v": "repr"}      anything else (compared by its text)

Values are compared, never printed text (see shared/reference/SEMANTICS.md): Python
`True` equals C++ `1`, Java `1.0E16` equals Python `1e+16` (both are the number 1e16),
a `char` equals a one-character string, and floats agree within a relative tolerance.

The Python harness embeds `encode` below verbatim (see `harness/python.py`), so Python
values are tagged by this very code; the Java and C++ harnesses implement the same tags.
"""

from __future__ import annotations

import json
import math
from typing import Any

Tagged = dict


def encode(value):
    """Tag a Python value (the Python harness runs this exact function)."""
    if value is None:
        return {"t": "null", "v": None}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": value}
    if isinstance(value, float):
        if value != value:
            return {"t": "float", "v": "nan"}
        if value in (float("inf"), float("-inf")):
            return {"t": "float", "v": "inf" if value > 0 else "-inf"}
        return {"t": "float", "v": value}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, (list, tuple)):
        return {"t": "seq", "v": [encode(v) for v in value]}
    if isinstance(value, (bytes, bytearray)):
        return {"t": "seq", "v": [{"t": "int", "v": b} for b in value]}
    return {"t": "other", "v": repr(value)}


def dumps(value: Any) -> str:
    """Canonical JSON text of a tagged value or an argument list (stable, compact)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True, sort_keys=True)


def _number(tagged: Tagged) -> float | int | None:
    """The numeric value of an int, bool, float or char (as its code), else None."""
    t, v = tagged.get("t"), tagged.get("v")
    if t == "int":
        return int(v)
    if t == "bool":
        return int(bool(v))
    if t == "float":
        return float(v)  # float("nan"), float("inf") parse the string forms
    return None


def equal(expected: Tagged, actual: Tagged, rel_tol: float = 1e-6, abs_tol: float = 1e-9) -> bool:
    """Whether two tagged values are the same value under the cross-language rules."""
    te, ta = expected.get("t"), actual.get("t")
    if te in ("char", "str") and ta in ("char", "str"):
        return expected["v"] == actual["v"]
    if te == "seq" and ta == "seq":
        ve, va = expected["v"], actual["v"]
        return len(ve) == len(va) and all(
            equal(e, a, rel_tol, abs_tol) for e, a in zip(ve, va, strict=True)
        )
    if te == "seq" and ta == "str" or te == "str" and ta == "seq":
        # A C++ char array against a string: compare character by character.
        seq, text = (expected, actual) if te == "seq" else (actual, expected)
        return equal(seq, {"t": "seq", "v": [{"t": "char", "v": c} for c in text["v"]]},
                     rel_tol, abs_tol)
    ne, na = _number(expected), _number(actual)
    if ne is not None and na is not None:
        if te == "float" or ta == "float":
            a, b = float(ne), float(na)
            if math.isnan(a) or math.isnan(b):
                return math.isnan(a) and math.isnan(b)
            if math.isinf(a) or math.isinf(b):
                return a == b
            return abs(a - b) <= max(rel_tol * max(abs(a), abs(b)), abs_tol)
        return ne == na
    if te == "char" and ta in ("int", "bool") or ta == "char" and te in ("int", "bool"):
        # A C++ char returned where the other side returns its code (Java `c + 1`).
        ch, num = (expected, actual) if te == "char" else (actual, expected)
        return len(ch["v"]) == 1 and ord(ch["v"]) == _number(num)
    if te == "null" and ta == "null":
        return True
    return te == ta and expected.get("v") == actual.get("v")


def short(tagged: Any, limit: int = 200) -> str:
    """A readable rendering for reports: the value without its tags, cut to `limit`."""

    def plain(t: Any) -> Any:
        if isinstance(t, dict) and "t" in t:
            if t["t"] == "seq":
                return [plain(x) for x in t["v"]]
            return t["v"]
        return t

    text = json.dumps(plain(tagged), ensure_ascii=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."

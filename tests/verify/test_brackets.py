"""The bracket check that keeps a broken candidate out of its batch's compilation."""

from __future__ import annotations

import pytest

from migrate.verify.brackets import unbalanced


@pytest.mark.parametrize("code", [
    "int f(int a[]) { return a[0]; }",
    'std::string s() { return "}{)("; }',
    "char c() { return '}'; }",
    "int f() { return 1'000; }  // digit separators are not char literals",
    "int f() { /* } */ return 0; }",
    "int f() {\n// }\nreturn '\\'';\n}",
    "int f() {\n#if X\n  if (a) {\n#else\n  if (b) {\n#endif\n  }\n  return 0;\n}",
])
def test_balanced_code_passes(code):
    assert unbalanced(code) is None


@pytest.mark.parametrize("code, message", [
    ("int f() { return 1; }\n}", "line 2: unmatched '}'"),
    ("int f() {\n  if (x) {\n  return 1;\n}", "line 1: '{' is never closed"),
    ("int f() { return g(1]; }", "line 1: unmatched ']'"),
])
def test_unbalanced_code_is_named_with_its_line(code, message):
    assert unbalanced(code) == message

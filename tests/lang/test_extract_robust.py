"""Properties that hold for any input text, broken or not."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrate.units import Language

SAMPLES = {
    Language.PYTHON: (
        "import os\n\nclass A:\n    def f(self, x: int) -> int:\n        '''Doc.'''\n        return x\n\n"
        "    @staticmethod\n    def g(a, b=1):\n        return [a, b]\n\n\ndef h(s: str) -> str:\n"
        "    # note\n    while s:\n        s = s[1:]\n    return s\n"
    ),
    Language.JAVA: (
        "import java.util.*;\n/** K. */\nclass K {\n  K() {}\n  /** Doc. */\n  static int f(int[] a) {"
        " return a[0]; }\n  long g(List<Integer> xs) { for (int x : xs) { } return 0L; }\n"
        "  class In { void m() { int y = 1; } }\n}\n"
    ),
    Language.CPP: (
        "#include <vector>\nnamespace n {\n// Doc.\nint f(int a[], int k) { return a[k]; }\n"
        "struct S { S() {} int g() const { return 1; } static int h(); };\nint S::h() { return 2; }\n}\n"
        "template <class T> T id(T x) { return x; }\n"
    ),
}


def mutate(text: str, start: int, length: int, insert: str) -> str:
    start %= len(text) + 1
    return text[:start] + insert + text[start + length :]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    language=st.sampled_from(list(SAMPLES)),
    start=st.integers(min_value=0, max_value=400),
    length=st.integers(min_value=0, max_value=12),
    insert=st.sampled_from(["", "{", "}", "(", ")", ";", ":", "\n", "def ", "é", "\t", "class X"]),
)
def test_damaged_sources_never_break_extraction(extract, language, start, length, insert):
    text = mutate(SAMPLES[language], start, length, insert)
    parsed = extract(language, text, "m.src")
    data = text.encode("utf-8")
    ids = [f.id for f in parsed.functions]
    assert len(ids) == len(set(ids))
    for f in parsed.functions:
        assert data[f.span.start_byte : f.span.end_byte].decode("utf-8") == f.source
        assert 1 <= f.span.start_line <= f.span.end_line <= text.count("\n") + 1
        assert f.body and f.body in f.source
        assert f.id.startswith("m.src::") and f.qualified_name.endswith(f.name)
    for issue in parsed.syntax_issues:
        assert 1 <= issue.start_line <= issue.end_line and issue.message


def test_crlf_line_endings_change_nothing_but_bytes(extract):
    for language, text in SAMPLES.items():
        unix = extract(language, text)
        windows = extract(language, text.replace("\n", "\r\n"))
        assert windows.syntax_issues == ()

        def facts(parsed):
            return [
                (f.qualified_name, f.span.start_line, f.span.end_line, f.docstring, f.comments)
                for f in parsed.functions
            ]

        assert facts(windows) == facts(unix), language

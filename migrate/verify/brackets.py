"""Unbalanced brackets in C++ or Java code, found before the compiler sees it.

Candidates of one batch share a compilation (C++: one file, each unit in its own
namespace). A candidate with one `}` too many closes its namespace early, and the
compiler then reports errors on the lines of the units after it, which blame would
attribute to them; one with a `{` too few or too many can leave nothing after it
compilable. Such a candidate cannot compile anyway, so it is set aside with this
message before the batch is built. Model output is where these come from.
"""

from __future__ import annotations

PAIRS = {")": "(", "]": "[", "}": "{"}


def unbalanced(code: str) -> str | None:
    """Why `code`'s brackets do not match ("line 7: unmatched '}'"), or None.

    Skips string and character literals and comments. Code with preprocessor
    conditionals (whose branches may each open a brace), Java text blocks or C++ raw
    strings is not judged.
    """
    if '"""' in code or 'R"' in code:
        return None
    if any(line.lstrip().startswith(("#if", "#el")) for line in code.splitlines()):
        return None
    stack: list[tuple[str, int]] = []
    line, i, n = 1, 0, len(code)
    while i < n:
        ch = code[i]
        if ch == "\n":
            line += 1
        elif code.startswith("//", i):
            end = code.find("\n", i)
            i = n if end < 0 else end
            continue
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            stop = n if end < 0 else end + 2
            line += code.count("\n", i, stop)
            i = stop
            continue
        elif ch == '"' or (ch == "'" and not (i > 0 and code[i - 1].isdigit())):  # 1'000 is a number
            i = _literal_end(code, i)
            continue
        elif ch in "([{":
            stack.append((ch, line))
        elif ch in PAIRS:
            if not stack or stack[-1][0] != PAIRS[ch]:
                return f"line {line}: unmatched '{ch}'"
            stack.pop()
        i += 1
    if stack:
        opener, at = stack[-1]
        return f"line {at}: '{opener}' is never closed"
    return None


def _literal_end(code: str, start: int) -> int:
    """The index after the string or character literal opening at `start`."""
    quote, i = code[start], start + 1
    while i < len(code):
        if code[i] == "\\":
            i += 2
            continue
        if code[i] == quote or code[i] == "\n":  # an unterminated literal ends at its line
            return i + 1
        i += 1
    return i

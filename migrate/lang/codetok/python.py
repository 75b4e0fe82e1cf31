"""Python code tokens: the `tokenize` module's tokens plus NEW_LINE / INDENT / DEDENT.

    def f(a):            ->  def f ( a ) : NEW_LINE INDENT return a + 1 NEW_LINE DEDENT
        return a + 1

Comments and docstrings are dropped, string literals become single tokens (see
`literals`). One deliberate difference from TransCoder: a block left empty by a dropped
docstring gets `pass`, so the tokens still describe valid code.
"""

from __future__ import annotations

import io
import keyword
import re
import tokenize as pytokenize
from collections.abc import Sequence

from migrate.lang.codetok.errors import TokenizeError
from migrate.lang.codetok.literals import PYTHON_SPECIALS, encode_literal, split_words

NEW_LINE, INDENT, DEDENT = "NEW_LINE", "INDENT", "DEDENT"
STRING_PREFIXES = frozenset(
    {"", "r", "u", "f", "b", "rb", "br", "fr", "rf"}
    | {"R", "U", "F", "B", "Rb", "bR", "RB", "BR", "rB", "Br", "Fr", "fR", "FR", "Rf", "rF", "RF"}
)


def _normalise_indentation(code: str) -> str:
    """Make a definition cut out of a class (first line unindented) tokenizable."""
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    lines = code.split("\n")
    if len(lines) > 1 and lines[0] and not lines[0][0].isspace():
        # Decorators cut at the column of the def: indent them like the def line.
        for i, line in enumerate(lines):
            stripped = line.lstrip()
            if stripped.startswith(("def ", "async def ", "class ")):
                pad = line[: len(line) - len(stripped)]
                lines[:i] = [pad + x for x in lines[:i]]
                break
    # No textwrap.dedent: it would also shift the lines of multi-line strings. A
    # definition indented as a whole yields a leading INDENT, removed in `tokenize`.
    return "\n".join(lines)


def _is_string_statement(stream: list, index: int, tokens: list[str]) -> bool:
    """A docstring, or any statement that is a lone string literal."""
    if tokens and tokens[-1] not in (NEW_LINE, INDENT, DEDENT):
        return False
    for tok in stream[index + 1 :]:
        if tok.type in (pytokenize.NL, pytokenize.COMMENT):
            continue
        return tok.type in (pytokenize.NEWLINE, pytokenize.ENDMARKER)
    return True


def tokenize(code: str) -> list[str]:
    """Code tokens of Python source (a whole file or one definition)."""
    code = _normalise_indentation(code)
    if not code.endswith("\n"):
        code += "\n"
    tokens: list[str] = []
    skip_newline = False
    try:
        stream = list(pytokenize.generate_tokens(io.StringIO(code).readline))
    except (pytokenize.TokenError, IndentationError, SyntaxError) as exc:
        raise TokenizeError(f"Python tokenizer failed: {exc}") from exc
    for index, tok in enumerate(stream):
        kind, text = tok.type, tok.string
        if kind in (pytokenize.NL, pytokenize.COMMENT, pytokenize.ENCODING):
            continue
        if kind == pytokenize.NEWLINE:
            if skip_newline:
                skip_newline = False
                continue
            tokens.append(NEW_LINE)
        elif kind == pytokenize.STRING:
            if _is_string_statement(stream, index, tokens):
                skip_newline = True  # a docstring (or bare string statement): dropped
                continue
            tokens.append(encode_literal(text, PYTHON_SPECIALS))
        elif kind == pytokenize.INDENT:
            tokens.append(INDENT)
        elif kind == pytokenize.DEDENT:
            if tokens and tokens[-1] == INDENT:
                tokens.extend(["pass", NEW_LINE])  # the block held only a docstring
            tokens.append(DEDENT)
        elif kind == pytokenize.ENDMARKER:
            break
        elif kind == pytokenize.ERRORTOKEN and not text.strip():
            continue
        else:
            tokens.append(text)
    if tokens and tokens[0] == INDENT:  # the whole definition was indented (a method)
        tokens = tokens[1:-1] if tokens[-1] == DEDENT else tokens[1:]
    return tokens


# --------------------------------------------------------------------------- detokenize

_NAME = re.compile(r"^\w+$")
_OPEN, _CLOSE = "([{", ")]}"


def _is_operand_end(tok: str | None) -> bool:
    """Ends an expression: a name, number, literal or closing bracket (not a keyword)."""
    if tok is None:
        return False
    if tok in _CLOSE:
        return True
    if tok[0] in "\"'" or (_NAME.match(tok) and not keyword.iskeyword(tok)):
        return True
    if tok in ("True", "False", "None"):
        return True
    return bool(re.match(r"^[A-Za-z]{1,3}[\"']", tok))  # prefixed literal


def _join_line(tokens: Sequence[tuple[str, bool]]) -> str:
    """One logical line of tokens with PEP 8-like spacing that never merges tokens."""
    out: list[str] = []
    stack: list[str] = []
    prev: str | None = None
    prev2: str | None = None
    for tok, is_lit in tokens:
        space = True
        if prev is None:
            space = False
        elif tok in (")", "]", "}", ",", ";") and not is_lit:
            space = False
        elif tok == ":" and not is_lit:
            space = False
        elif prev in ("(", "[", "{"):
            space = False
        elif prev == ":" and stack and stack[-1] == "[":
            space = False  # slices
        elif tok == ":" or (tok == "=" and stack and stack[-1] == "("):
            space = False
        elif prev == "=" and stack and stack[-1] == "(":
            space = False  # keyword argument
        elif tok == "." and not is_lit and not (prev and prev[0].isdigit()):
            space = not _is_operand_end(prev)
        elif prev == ".":
            space = False
        elif tok in ("(", "[") and not is_lit:
            space = not _is_operand_end(prev)
        elif prev in ("-", "+", "~", "*", "**") and (
            prev2 is None
            or prev2 in ("(", "[", "{", ",", "=", ":")
            or (prev2 and not _is_operand_end(prev2) and prev2 not in ("lambda",))
        ):
            space = False  # unary operator or star-argument
        elif prev == "@" and len(out) == 1:
            space = False  # decorator
        if space:
            out.append(" ")
        out.append(tok)
        if not is_lit:
            if tok in _OPEN:
                stack.append(tok)
            elif tok in _CLOSE and stack:
                stack.pop()
        prev2, prev = prev, tok
    return "".join(out)


def detokenize(tokens: Sequence[str] | str, indent: str = "    ") -> str:
    """Readable Python source from code tokens (a list or the space-joined text)."""
    text = tokens if isinstance(tokens, str) else " ".join(tokens)
    words = split_words(text, STRING_PREFIXES)
    lines: list[str] = []
    level = 0
    current: list[tuple[str, bool]] = []

    def flush() -> None:
        if current:
            lines.append(indent * level + _join_line(current))
            current.clear()

    for tok, is_lit in words:
        if not is_lit and tok == NEW_LINE:
            flush()
        elif not is_lit and tok == INDENT:
            flush()
            level += 1
        elif not is_lit and tok == DEDENT:
            flush()
            level = max(0, level - 1)
        else:
            current.append((tok, is_lit))
    flush()
    return "\n".join(lines) + ("\n" if lines else "")


def function_name(tokens: Sequence[str]) -> str | None:
    """The name after the first `def`."""
    for i, tok in enumerate(tokens[:-1]):
        if tok == "def":
            return tokens[i + 1]
    return None

"""Java and C++ code tokens: tree-sitter leaves, literals whole, comments dropped.

    static int f(int a) { return a + 1; }
    ->  static int f ( int a ) { return a + 1 ; }

Detokenizing re-creates readable code: one statement per line, blocks indented by
brace depth, `} else {` kept together, array initialisers and generic/template
arguments kept inline, and no space where a C-family programmer would not put one.
Spaces are only ever removed between tokens that cannot fuse into another token, so
the result re-tokenizes to the same tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from migrate.lang.codetok.errors import TokenizeError
from migrate.lang.codetok.literals import CLIKE_SPECIALS, encode_literal, split_words

NEW_LINE = "NEW_LINE"


@dataclass(frozen=True)
class Dialect:
    name: str
    literal_types: frozenset[str]  # nodes taken whole and encoded as one token
    comment_types: frozenset[str]
    string_prefixes: frozenset[str]
    control: frozenset[str]  # keywords followed by a parenthesis with a space
    type_names: frozenset[str]  # lower-case names that open template arguments


JAVA = Dialect(
    name="java",
    literal_types=frozenset({"string_literal", "character_literal", "text_block"}),
    comment_types=frozenset({"comment", "line_comment", "block_comment"}),
    string_prefixes=frozenset({""}),
    control=frozenset(
        {
            "if",
            "for",
            "while",
            "switch",
            "catch",
            "synchronized",
            "return",
            "try",
            "throw",
            "case",
            "assert",
            "new",
            "else",
            "do",
        }
    ),
    type_names=frozenset(),
)
CPP = Dialect(
    name="cpp",
    literal_types=frozenset({"string_literal", "char_literal", "raw_string_literal", "system_lib_string"}),
    comment_types=frozenset({"comment"}),
    string_prefixes=frozenset({"", "L", "u", "U", "u8", "R", "LR", "uR", "UR", "u8R"}),
    control=frozenset(
        {
            "if",
            "for",
            "while",
            "switch",
            "catch",
            "return",
            "throw",
            "case",
            "delete",
            "new",
            "else",
            "do",
            "co_return",
            "co_yield",
        }
    ),
    type_names=frozenset(
        {
            "vector",
            "map",
            "set",
            "pair",
            "unordered_map",
            "unordered_set",
            "multiset",
            "multimap",
            "list",
            "deque",
            "queue",
            "stack",
            "priority_queue",
            "array",
            "tuple",
            "function",
            "greater",
            "less",
            "bitset",
            "basic_string",
            "optional",
            "shared_ptr",
            "unique_ptr",
            "make_pair",
            "static_cast",
            "dynamic_cast",
            "reinterpret_cast",
            "const_cast",
            "numeric_limits",
            "make_tuple",
            "hash",
            "initializer_list",
            "get",
            "max",
            "min",
            "swap",
            "accumulate",
            "sort",
            "make_shared",
            "make_unique",
        }
    ),
)


@cache
def _parser(dialect: str):
    import tree_sitter

    if dialect == "java":
        import tree_sitter_java as grammar
    else:
        import tree_sitter_cpp as grammar
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


def tokenize(code: str, dialect: Dialect) -> list[str]:
    """Code tokens of Java or C++ source (a whole file or one definition)."""
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    try:
        tree = _parser(dialect.name).parse(code.encode("utf-8"))
    except Exception as exc:  # tree-sitter only fails on resource limits
        raise TokenizeError(f"{dialect.name} parser failed: {exc}") from exc
    tokens: list[str] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in dialect.comment_types:
            continue
        if kind in dialect.literal_types:
            tokens.append(encode_literal(node.text.decode("utf-8", "replace"), CLIKE_SPECIALS))
        elif node.child_count == 0:
            text = node.text.decode("utf-8", "replace") if not node.is_missing else ""
            if kind == "preproc_arg" or "\n" in text:
                pieces = text.replace("\n", f" {NEW_LINE} ").split()
                tokens.extend(pieces)
            elif text.strip():
                tokens.append(text.strip())
        else:
            if kind.startswith("preproc_") and kind not in ("preproc_arg", "preproc_defined"):
                stack.append(_LineEnd)
            stack.extend(reversed(node.children))
        if node is _LineEnd and (not tokens or tokens[-1] != NEW_LINE):
            tokens.append(NEW_LINE)
    return tokens


class _LineEndMarker:
    type = "__line_end__"
    child_count = 0
    is_missing = True
    text = b""
    children: tuple = ()


_LineEnd = _LineEndMarker()

# --------------------------------------------------------------------------- detokenize

_OP_CHARS = set("+-*/%&|^!~<>=?:.")
_WORD = re.compile(r"^[A-Za-z_$][\w$]*$")
_NUMBER = re.compile(r"^\.?\d")
_TEMPLATE_INNER = re.compile(r"^([A-Za-z_$][\w$]*|\d\w*|::|\.|,|\?|\*|&|&&|\[|\]|<|>|>>)$")
_TYPE_WORDS = {
    "extends",
    "super",
    "const",
    "unsigned",
    "signed",
    "long",
    "short",
    "int",
    "char",
    "double",
    "float",
    "bool",
    "boolean",
    "byte",
    "void",
    "auto",
    "struct",
}


def _operand_end(tok: str | None, dialect: Dialect) -> bool:
    if tok is None:
        return False
    if tok in (")", "]") or tok[-1] in "\"'":
        return True
    return bool(_WORD.match(tok) or _NUMBER.match(tok)) and tok not in dialect.control


def _template_spans(tokens: Sequence[tuple[str, bool]], dialect: Dialect) -> dict[int, int]:
    """Indices of `<` that open generic / template arguments -> index of the closing `>`."""
    spans: dict[int, int] = {}
    for i, (tok, lit) in enumerate(tokens):
        if lit or tok != "<" or i == 0:
            continue
        name = tokens[i - 1][0]
        if not _WORD.match(name):
            continue
        if not (
            name[0].isupper()
            or name in dialect.type_names
            or dialect.name == "java"
            and i >= 2
            and tokens[i - 2][0] == "."
        ):
            continue
        depth = 0
        for j in range(i, min(len(tokens), i + 40)):
            t, tl = tokens[j]
            if tl or not (_TEMPLATE_INNER.match(t) or t in _TYPE_WORDS):
                break
            if t == "<":
                depth += 1
            elif t == ">":
                depth -= 1
            elif t == ">>":
                depth -= 2
            if depth <= 0:
                if depth == 0:
                    spans[i] = j
                break
    return spans


def _can_touch(left: str, right: str) -> bool:
    """False when writing the two tokens together would lex differently."""
    if not left or not right:
        return True
    a, b = left[-1], right[0]
    if a in _OP_CHARS and b in _OP_CHARS:
        return False
    if (a.isalnum() or a in "_$") and (b.isalnum() or b in "_$\"'"):
        return False
    if a == "." and b.isdigit() or a.isdigit() and b == ".":
        return False
    return True


def detokenize(tokens: Sequence[str] | str, dialect: Dialect, indent: str = "    ") -> str:
    """Readable Java / C++ source from code tokens (a list or the space-joined text)."""
    text = tokens if isinstance(tokens, str) else " ".join(tokens)
    words = split_words(text, dialect.string_prefixes)
    templates = _template_spans(words, dialect)
    template_close = set(templates.values())
    in_template = [False] * len(words)
    for start, end in templates.items():
        for k in range(start, end + 1):
            in_template[k] = True

    lines: list[str] = []
    line: list[str] = []
    level = 0
    parens = 0  # ( and [ depth: `;` inside `for (...)` does not end a line
    braces: list[bool] = []  # per open `{`: True for an initialiser kept inline
    prev: str | None = None
    prev2: str | None = None

    def newline() -> None:
        nonlocal prev, prev2
        if line:
            lines.append(indent * level + "".join(line).rstrip())
            line.clear()
        prev = prev2 = None

    for i, (tok, lit) in enumerate(words):
        if not lit and tok == NEW_LINE:
            newline()
            continue
        inline_brace = bool(braces) and braces[-1]
        if not lit and tok == "}" and not inline_brace:
            newline()
            level = max(0, level - 1)
        glue = False  # template brackets may touch: `List<List<T>>` re-lexes the same
        if prev is None:
            space = False
        elif lit:
            space = prev not in ("(", "[", ".", "::", "->") and not (prev == "{" and inline_brace)
        elif tok in (")", "]", ",", ";") or (tok == "}" and inline_brace):
            space = False
        elif prev in ("(", "[", ".", "::", "->", "~", "!") or (prev == "{" and inline_brace):
            space = False
        elif tok in (".", "::", "->") or (tok in ("++", "--") and _operand_end(prev, dialect)):
            space = tok == "::" and prev in dialect.control
        elif tok in ("(", "[") and (_operand_end(prev, dialect) or (i - 1) in template_close):
            space = False
        elif in_template[i] and (i in templates or prev == "<" or tok in (">", ">>")):
            space = False  # List<, <T, T>
            glue = prev in ("<", ">", ">>") and tok in ("<", ">", ">>")
        elif prev in ("-", "+", "*", "&", "++", "--") and (
            prev2 is None
            or prev2 in ("(", "[", ",", "=", "return", "{", "?", ":", "<<", ">>")
            or (not _operand_end(prev2, dialect) and (i - 2) not in template_close)
        ):
            # unary / dereference / address-of / prefix increment; tree-sitter-cpp would
            # read `-1` as one number literal, so a sign stays apart from a number there
            space = dialect.name == "cpp" and prev in ("-", "+") and tok[:1].isdigit()
        elif tok == ":" and line and line[0] in ("case", "default"):
            space = False
        else:
            space = True
        if prev is not None and (space or (not glue and not _can_touch(prev, tok))):
            line.append(" ")
        line.append(tok)
        if not lit:
            if tok in ("(", "["):
                parens += 1
            elif tok in (")", "]"):
                parens = max(0, parens - 1)
        prev2, prev = prev, tok
        if lit:
            continue
        if tok == "{":
            inline = (
                prev2 in ("=", ",", "{", "(", "[", "]", "return")
                and (prev2 != "{" or (braces and braces[-1]))
                or (
                    dialect.name == "cpp"
                    and prev2 is not None
                    and _WORD.match(prev2) is not None
                    and prev2 not in dialect.control
                    and prev2 not in ("const", "override", "noexcept", "try")
                )
            )
            braces.append(bool(inline))
            if not inline:
                newline()
                level += 1
        elif tok == "}":
            was_inline = braces.pop() if braces else False
            if not was_inline:
                nxt = words[i + 1][0] if i + 1 < len(words) else None
                if nxt not in (";", ",", ")", "else", "while", "catch", "finally"):
                    newline()
        elif tok == ";" and parens == 0 and not (braces and braces[-1]):
            newline()
    newline()
    return "\n".join(lines) + ("\n" if lines else "")


def function_name(tokens: Sequence[str]) -> str | None:
    """The token before the first `(`."""
    for i, tok in enumerate(tokens):
        if tok == "(":
            return tokens[i - 1] if i > 0 else None
    return None

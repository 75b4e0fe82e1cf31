"""Declared type spellings ("List<Integer>", "std::vector<int>", "list[int]") to `units.Type`.

Only spellings whose meaning fits a `Kind` exactly are mapped; everything else (short,
unsigned, Optional[...], maps, user classes, template parameters) is UNKNOWN, so later
stages never trust a guess that the source did not make.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from migrate.units import UNKNOWN, VOID, Kind, Type, array_of

# The scalar types, once for every module that spells them (type inference, the rules IR).
INT = Type(Kind.INT)
LONG = Type(Kind.LONG)
FLOAT = Type(Kind.FLOAT)
DOUBLE = Type(Kind.DOUBLE)
BOOL = Type(Kind.BOOL)
CHAR = Type(Kind.CHAR)
STRING = Type(Kind.STRING)
__all__ = ["INT", "LONG", "FLOAT", "DOUBLE", "BOOL", "CHAR", "STRING", "VOID", "UNKNOWN",
           "normalize", "split_args", "parse_type"]

_SPACES = re.compile(r"\s+")
_TIGHT = re.compile(r"\s*([<>\[\],:])\s*")


def normalize(text: str) -> str:
    """One space between words, none around punctuation.

    "std :: vector< int >" becomes "std::vector<int>".
    """
    return _TIGHT.sub(r"\1", _SPACES.sub(" ", text.strip()))


def split_args(text: str, open_: str, close: str) -> list[str]:
    """Top-level comma-separated parts of a generic argument list."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in open_ or ch in "([":
            depth += 1
        elif ch in close or ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_type(
    text: str,
    scalars: Mapping[str, Type],
    sequences: Mapping[str, Kind],
    *,
    brackets: str = "<>",
    array_suffix: bool = True,
    prefixes: tuple[str, ...] = (),
    ignore_words: frozenset[str] = frozenset(),
) -> Type:
    """Map one type spelling.

    `scalars` maps bare names, `sequences` maps generic names to ARRAY or LIST (their
    first argument is the element type). `prefixes` are namespace spellings to drop
    ("std::", "java.util."); `ignore_words` are qualifiers to drop ("const", "final").
    """
    text = normalize(text)
    if ignore_words:
        text = " ".join(w for w in text.split(" ") if w not in ignore_words)
    dims = 0
    if array_suffix:
        while text.endswith("[]"):
            dims += 1
            text = text[:-2].rstrip()
    open_, close = brackets
    args: list[str] = []
    if text.endswith(close) and open_ in text:
        cut = text.index(open_)
        args = split_args(text[cut + 1 : -1], open_, close)
        text = text[:cut]
    for prefix in prefixes:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    kind = sequences.get(text)
    if kind is not None:
        elem = (
            parse_type(
                args[0],
                scalars,
                sequences,
                brackets=brackets,
                array_suffix=array_suffix,
                prefixes=prefixes,
                ignore_words=ignore_words,
            )
            if args
            else UNKNOWN
        )
        result = Type(kind, elem)
    elif args:
        result = UNKNOWN  # Map<K, V>, Optional[int], user generics
    else:
        result = scalars.get(text, UNKNOWN)
    for _ in range(dims):
        result = array_of(result)
    return result

"""String literals as single code tokens, and finding them again in detokenized text.

A literal becomes one token whose pieces are separated by single spaces (so subword
models see words), with its own spaces written `▁`, newlines `STRNEWLINE` and tabs
`TABSYMBOL` (TransCoder's `process_string`). Punctuation and symbols are split off
as sacrebleu's `tokenize_v14_international` does, except inside the protected
sequences of each language (comment markers, quotes, escapes), which stay whole.
Decoding a literal token is exact: delete the spaces, then map the marks back.

Unlike TransCoder, escaped quotes and backslashes (`\\"`, `\\'`, `\\\\`) are protected
in every language and scanned left to right, so `"\\\\"` keeps its closing quote.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

SPACE = "\u2581"
NEWLINE = "STRNEWLINE"
TAB = "TABSYMBOL"

# Sequences kept whole inside literals, in TransCoder's numbering.
PYTHON_SPECIALS = {"#": "STOKEN00", "\\n": "STOKEN1", '"""': "STOKEN2", "'''": "STOKEN3"}
CLIKE_SPECIALS = {
    "//": "STOKEN00",
    "/*": "STOKEN01",
    "*/": "STOKEN02",
    "/**": "STOKEN03",
    "**/": "STOKEN04",
    '"""': "STOKEN05",
    "\\n": "STOKEN06",
    "\\r": "STOKEN07",
    ";": "STOKEN08",
    "{": "STOKEN09",
    "}": "STOKEN10",
    "\\'": "STOKEN11",
    '\\"': "STOKEN12",
    "\\\\": "STOKEN13",
}
# Escapes protected in every language (see the module docstring).
ESCAPES = {"\\'": "STOKENQ1", '\\"': "STOKENQ2", "\\\\": "STOKENBS"}


@cache
def _v14_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    punct = []
    symbols = []
    for code in range(sys.maxunicode + 1):
        cat = unicodedata.category(chr(code))
        if cat.startswith("P"):
            punct.append(chr(code))
        elif cat.startswith("S"):
            symbols.append(chr(code))
    p = re.escape("".join(punct))
    s = re.escape("".join(symbols))
    return (
        re.compile(rf"([^\d])([{p}])"),
        re.compile(rf"([{p}])([^\d])"),
        re.compile(rf"([{s}])"),
    )


def split_punctuation(text: str) -> str:
    """sacrebleu's international tokenizer: punctuation and symbols become words."""
    nondigit_punct, punct_nondigit, symbol = _v14_patterns()
    text = nondigit_punct.sub(r"\1 \2 ", text)
    text = punct_nondigit.sub(r" \1 \2", text)
    text = symbol.sub(r" \1 ", text)
    return text.strip()


def encode_literal(text: str, specials: dict[str, str]) -> str:
    """One literal (prefix and quotes included) -> one token with inner spaces."""
    table = {**specials, **ESCAPES}
    keys = sorted(table, key=len, reverse=True)
    parts: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and text[i : i + 2] in table:
            # a protected escape is one unit, so `\\"` cannot lose its closing quote
            parts.append(f" {table[text[i : i + 2]]} ")
            i += 2
            continue
        for key in keys:
            if not key.startswith("\\") and text.startswith(key, i):
                parts.append(f" {table[key]} ")
                i += len(key)
                break
        else:
            if char == " ":
                parts.append(f" {SPACE} ")
            elif char == "\n":
                parts.append(f" {NEWLINE} ")
            elif char == "\t":
                parts.append(f" {TAB} ")
            elif char != "\r":
                parts.append(char)
            i += 1
    out = " ".join("".join(parts).split())
    out = " ".join(split_punctuation(out).split())
    for key in sorted(table, key=lambda k: len(table[k]), reverse=True):
        out = out.replace(table[key], key)
    prefix = re.match(r"[A-Za-z0-9_]+ (?=[\"'])", out)
    if prefix:  # L"..", u8"..", rb'..': the prefix stays glued to its quote
        out = prefix.group(0)[:-1] + out[prefix.end() :]
    return out


def decode_literal(token: str) -> str:
    """Inverse of `encode_literal`."""
    return token.replace(NEWLINE, "\n").replace(TAB, "\t").replace(" ", "").replace(SPACE, " ")


_PREFIX = re.compile(r"^([A-Za-z0-9_]{0,3})(\"\"\"|'''|\"|')")


def _closes(word: str, quote: str) -> bool:
    """True if `word` ends with `quote` and that quote is not escaped."""
    if not word.endswith(quote):
        return False
    body = word[: -len(quote)]
    backslashes = len(body) - len(body.rstrip("\\"))
    return backslashes % 2 == 0


def split_words(text: str, prefixes: frozenset[str]) -> list[tuple[str, bool]]:
    """Space-joined token text -> (token, is_literal) pairs, literals decoded.

    A literal starts at a word that opens with an allowed prefix and a quote, and ends
    at the first word (possibly the same one) that closes it with the same quote. An
    unterminated quote is left as an ordinary token.
    """
    words = text.split()
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        word = words[i]
        m = _PREFIX.match(word)
        if m and m.group(1) in prefixes:
            quote = m.group(2)
            rest = word[m.end() :]
            if rest and _closes(rest, quote):
                out.append((decode_literal(word), True))
                i += 1
                continue
            for j in range(i + 1, len(words)):
                if _closes(words[j], quote) and words[j] not in ("\\" + quote,):
                    out.append((decode_literal(" ".join(words[i : j + 1])), True))
                    i = j + 1
                    break
            else:
                out.append((word, False))
                i += 1
            continue
        out.append((word, False))
        i += 1
    return out

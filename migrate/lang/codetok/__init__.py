"""TransCoder-style code tokens for Python, Java and C++, and readable code back.

`tokenize(code, language)` gives the tokens a translation model reads;
`detokenize(tokens, language)` turns a model's tokens (a list, or the space-joined
text it decodes to) into formatted source. String literals are single tokens whose
inner pieces are space-separated; see `literals`.
"""

from __future__ import annotations

from collections.abc import Sequence

from migrate.lang.codetok.errors import TokenizeError
from migrate.units import Language

__all__ = ["TokenizeError", "detokenize", "function_name", "tokenize"]


def _language(language: Language | str) -> Language:
    try:
        return Language(str(language))
    except ValueError as exc:
        raise ValueError(f"no code tokenizer for language {language!r}") from exc


def tokenize(code: str, language: Language | str) -> list[str]:
    """Code tokens; comments and docstrings dropped. Raises TokenizeError."""
    lang = _language(language)
    if lang is Language.PYTHON:
        from migrate.lang.codetok import python

        return python.tokenize(code)
    from migrate.lang.codetok import clike

    return clike.tokenize(code, clike.JAVA if lang is Language.JAVA else clike.CPP)


def detokenize(tokens: Sequence[str] | str, language: Language | str) -> str:
    """Formatted source from code tokens."""
    lang = _language(language)
    if lang is Language.PYTHON:
        from migrate.lang.codetok import python

        return python.detokenize(tokens)
    from migrate.lang.codetok import clike

    return clike.detokenize(tokens, clike.JAVA if lang is Language.JAVA else clike.CPP)


def function_name(tokens: Sequence[str], language: Language | str) -> str | None:
    """The name a tokenized definition declares (TransCoder's `get_function_name`)."""
    lang = _language(language)
    if lang is Language.PYTHON:
        from migrate.lang.codetok import python

        return python.function_name(tokens)
    from migrate.lang.codetok import clike

    return clike.function_name(tokens)

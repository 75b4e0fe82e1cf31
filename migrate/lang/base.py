"""The one abstract class behind which each supported language lives."""

from __future__ import annotations

import abc
from functools import cached_property
from typing import TYPE_CHECKING

from migrate.units import Language, ParsedFile, SourceFile

if TYPE_CHECKING:
    import tree_sitter


class LanguageSupport(abc.ABC):
    """Everything one language knows: grammar, extraction, naming conventions.

    Instances hold no unpicklable state until `parser` is first used, so they can be
    sent to worker processes (the parser is rebuilt there).
    """

    language: Language
    extensions: tuple[str, ...]  # lower-case, with the dot: (".py",)

    @abc.abstractmethod
    def grammar(self) -> tree_sitter.Language:
        """The tree-sitter grammar, from its pip wheel."""

    @cached_property
    def parser(self) -> tree_sitter.Parser:
        import tree_sitter

        return tree_sitter.Parser(self.grammar())

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("parser", None)  # tree-sitter parsers do not pickle
        return state

    @abc.abstractmethod
    def extract(self, source: SourceFile) -> ParsedFile:
        """Every function and method of a file; syntax errors become `syntax_issues`."""

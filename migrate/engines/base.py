"""The protocol every candidate generator follows."""

from __future__ import annotations

import abc
from collections.abc import Sequence

from migrate.units import EngineResult, Function, TranslationContext


class Engine(abc.ABC):
    """A batch of functions in, an n-best list of candidates per function out.

    An engine never raises for one bad function: it returns an `EngineResult` with
    `declined` set to a precise reason. It raises `errors.EngineError` only when it
    cannot work at all (a missing model file, say).
    """

    name: str

    @abc.abstractmethod
    def translate(
        self, functions: Sequence[Function], context: TranslationContext
    ) -> list[EngineResult]:
        """One result per function, in the order given."""

    def available(self) -> str | None:
        """None when the engine can run here, else why not (shown to the user)."""
        return None

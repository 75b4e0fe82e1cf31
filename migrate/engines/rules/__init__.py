"""The rules engine: a syntax-directed translator through one small typed IR.

Each function is parsed again with tree-sitter, lowered to `ir` by the front-end of its
language (front_python / front_java / front_cpp), and printed by the back-end of the
target (back_python / back_java / back_cpp). Anything the engine cannot translate
faithfully raises `ir.Unsupported` inside, which becomes a declined result with the
reason; the engine never raises for one function.
"""

from __future__ import annotations

from collections.abc import Sequence

from migrate.engines.base import Engine
from migrate.units import (
    Candidate,
    EngineResult,
    Function,
    Language,
    Param,
    Signature,
    TranslationContext,
)

__all__ = ["RulesEngine", "translate_function"]


class RulesEngine(Engine):
    """Deterministic translation; one candidate (rank 0) or a precise reason to decline."""

    name = "rules"

    def translate(
        self, functions: Sequence[Function], context: TranslationContext
    ) -> list[EngineResult]:
        results = []
        for function in functions:
            results.append(translate_function(function, context))
        return results


def translate_function(function: Function, context: TranslationContext) -> EngineResult:
    """One function to an `EngineResult`: a candidate, or declined with the reason."""
    from migrate.engines.rules import ir
    from migrate.engines.rules.driver import translate_ir

    if function.language is context.target:
        return EngineResult(function.id, RulesEngine.name,
                            declined=f"already in {context.target.display}")
    try:
        code, imports, fn_ir = translate_ir(function, context)
    except ir.Unsupported as exc:
        return EngineResult(function.id, RulesEngine.name, declined=str(exc))
    except RecursionError:
        return EngineResult(function.id, RulesEngine.name,
                            declined="expression nesting too deep to translate")
    except Exception as exc:  # a bug of ours must not stop the run: report it as the reason
        return EngineResult(
            function.id, RulesEngine.name,
            declined=f"internal error of the rules engine: {type(exc).__name__}: {exc}",
        )
    signature = Signature(
        params=tuple(Param(p.name, p.type, by_reference=p.by_reference) for p in fn_ir.params),
        returns=fn_ir.returns,
        type_notes=fn_ir.notes,
    )
    candidate = Candidate(
        function_id=function.id,
        engine=RulesEngine.name,
        target=context.target,
        code=code,
        rank=0,
        imports=tuple(sorted(imports)),
        notes=fn_ir.notes,
        signature=signature,
    )
    return EngineResult(function.id, RulesEngine.name, candidates=(candidate,))


def target_language(value: str | Language) -> Language:
    return value if isinstance(value, Language) else Language(value)

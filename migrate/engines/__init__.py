"""Candidate generators and the order in which their candidates are preferred."""

from __future__ import annotations

from pathlib import Path

from migrate.engines.base import Engine
from migrate.errors import EngineError

__all__ = ["Engine", "ENGINE_ORDER", "DEFAULT_MODEL", "build_engines"]

# Ties between equally verified candidates go to the earlier engine: the deterministic
# translator first, since its output is predictable and reviewable.
ENGINE_ORDER = ("rules", "transcoder")

# The model `--engine auto` uses when the user names none (shipped in models/ once trained).
DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "default.pt"


def build_engines(
    name: str,
    *,
    model: Path | None = None,
    bpe_codes: Path | None = None,
    beam: int = 1,
    device: str = "auto",
    batch_tokens: int = 4000,
) -> tuple[list[Engine], list[str]]:
    """The engines a run uses, and notices about ones left out (for the report)."""
    from migrate.engines.rules import RulesEngine

    notices: list[str] = []
    engines: list[Engine] = []
    if name in ("rules", "auto"):
        engines.append(RulesEngine())
    if name in ("transcoder", "auto"):
        path = model or (DEFAULT_MODEL if DEFAULT_MODEL.is_file() else None)
        # `auto` without a shipped model is the rules engine alone: nothing to warn about.
        if path is None and name == "transcoder":
            raise EngineError(
                "the transcoder engine needs a model: pass --model PATH "
                f"(no default model at {DEFAULT_MODEL})"
            )
        if path is not None:
            try:
                from migrate.engines.transcoder import TranscoderEngine
            except ImportError as exc:
                if name == "transcoder":
                    raise EngineError(f"the transcoder engine cannot load: {exc}") from exc
                notices.append(f"transcoder engine not used: {exc}")
            else:
                engine = TranscoderEngine(
                    model_path=path, bpe_codes=bpe_codes, beam=beam, device=device,
                    batch_tokens=batch_tokens,
                )
                problem = engine.available()
                if problem is None:
                    engines.append(engine)
                elif name == "transcoder":
                    raise EngineError(f"the transcoder engine cannot run: {problem}")
                else:
                    notices.append(f"transcoder engine not used: {problem}")
    return engines, notices

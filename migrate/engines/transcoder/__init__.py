"""The TransCoder-style neural engine: code tokens -> subwords -> beam search -> code.

Loads our own self-describing checkpoints, or an official TransCoder / TransCoder-ST
checkpoint together with its fastBPE codes. Every beam hypothesis becomes a candidate,
best first; the verifier decides which one is right. torch is imported only when the
engine runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from migrate.engines.base import Engine
from migrate.errors import EngineError
from migrate.units import Candidate, EngineResult, Function, Language, TranslationContext

__all__ = ["TranscoderEngine"]


class TranscoderEngine(Engine):
    """Neural translation with a TransCoder-style encoder-decoder."""

    name = "transcoder"

    def __init__(
        self,
        model_path: str | Path | None,
        bpe_codes: str | Path | None = None,
        beam: int = 5,
        device: str = "auto",
        batch_tokens: int = 6000,
        half: bool = False,
        length_penalty: float = 0.5,
        max_len_a: float = 1.5,
        max_len_b: int = 10,
        layer_norm_eps: float = 1e-5,
        dtype: str | None = None,
    ):
        if device not in ("auto", "cpu", "cuda") and not str(device).startswith("cuda:"):
            raise EngineError(f"device must be auto, cpu or cuda, not {device!r}")
        if beam < 1:
            raise EngineError(f"beam must be at least 1, not {beam}")
        self.model_path = Path(model_path) if model_path else None
        self.bpe_codes = Path(bpe_codes) if bpe_codes else None
        self.beam = beam
        self.device = device
        self.batch_tokens = batch_tokens
        self.half = half
        self.length_penalty = length_penalty
        self.max_len_a = max_len_a
        self.max_len_b = max_len_b
        self.layer_norm_eps = layer_norm_eps
        if dtype not in (None, "float32", "float16", "bfloat16"):
            raise EngineError(f"dtype must be float32, float16 or bfloat16, not {dtype!r}")
        # None: float32, or float16 on a GPU when `half` is set. bfloat16 also pays off
        # on CPUs with bf16 matrix units (AMX), for batched decoding above all.
        self.dtype = dtype
        self._loaded = None

    # ----------------------------------------------------------------- setup

    def available(self) -> str | None:
        try:
            import torch  # noqa: F401
        except ImportError:
            return "the transcoder engine needs torch (pip install 'migrate[neural]')"
        if self.model_path is None:
            return "no transcoder model given (pass a model path)"
        if not self.model_path.is_file():
            return f"transcoder model not found: {self.model_path}"
        if self.bpe_codes is not None and not self.bpe_codes.is_file():
            return f"BPE codes not found: {self.bpe_codes}"
        return None

    def _resolve_device(self) -> str:
        import torch

        if self.device == "auto":
            return "cuda" if torch.cuda.is_available() else "cpu"
        if str(self.device).startswith("cuda") and not torch.cuda.is_available():
            raise EngineError("device cuda was asked for but torch sees no GPU")
        return self.device

    def load(self):
        """Load the model once (raises EngineError when it cannot be used at all)."""
        if self._loaded is not None:
            return self._loaded
        reason = self.available()
        if reason:
            raise EngineError(reason)
        from migrate.engines.transcoder import checkpoint

        loaded = checkpoint.load(self.model_path, bpe_codes=self.bpe_codes, layer_norm_eps=self.layer_norm_eps)
        device = self._resolve_device()
        import torch

        model = loaded.model.to(device)
        dtype = self.dtype or ("float16" if self.half and device.startswith("cuda") else None)
        if dtype:
            model = model.to(getattr(torch, dtype))
        model.eval()
        loaded.model = model
        self._loaded = loaded
        return loaded

    # ----------------------------------------------------------------- translate

    def translate(self, functions: Sequence[Function], context: TranslationContext) -> list[EngineResult]:
        from migrate.engines.transcoder.decode import DecodeOptions
        from migrate.lang import codetok

        loaded = self.load()
        cfg = loaded.config
        limit = cfg.length_limit
        target = context.target
        results: list[EngineResult | None] = [None] * len(functions)
        todo: list[int] = []
        sources: list[list[int]] = []
        src_langs: list[int] = []

        def decline(i: int, reason: str) -> None:
            results[i] = EngineResult(functions[i].id, self.name, declined=reason)

        for i, fn in enumerate(functions):
            if target.value not in loaded.languages:
                decline(i, f"the model cannot translate into {target.display}")
                continue
            if fn.language.value not in loaded.languages:
                decline(i, f"the model cannot translate from {fn.language.display}")
                continue
            if fn.language is target:
                decline(i, f"{fn.name} is already {target.display}")
                continue
            try:
                tokens = codetok.tokenize(fn.source, fn.language)
            except codetok.TokenizeError as exc:
                decline(i, f"could not tokenize the source: {exc}")
                continue
            if not tokens:
                decline(i, "the source has no code tokens")
                continue
            ids = [cfg.eos_index, *loaded.subwords.encode(" ".join(tokens)), cfg.eos_index]
            if len(ids) > limit:
                decline(
                    i,
                    f"too long for the model: {len(ids)} subword tokens, the limit is {limit}",
                )
                continue
            todo.append(i)
            sources.append(ids)
            src_langs.append(loaded.languages[fn.language.value])

        options = DecodeOptions(
            beam=self.beam,
            length_penalty=self.length_penalty,
            max_len_a=self.max_len_a,
            max_len_b=self.max_len_b,
            batch_tokens=self.batch_tokens,
        )
        tgt_id = loaded.languages.get(target.value, 0)
        for i, hyps in zip(todo, self._decode(loaded, sources, src_langs, tgt_id, options), strict=False):
            if isinstance(hyps, str):
                decline(i, hyps)
            else:
                results[i] = self._result(functions[i], target, loaded, hyps)
        return [r for r in results if r is not None]

    def _decode(self, loaded, sources, src_langs, tgt_id, options) -> list:
        """Hypotheses per source; a batch that fails is retried one function at a time."""
        from migrate.engines.transcoder.decode import translate_ids

        if not sources:
            return []
        tgt = [tgt_id] * len(sources)
        try:
            return translate_ids(loaded.model, sources, src_langs, tgt, options)
        except (RuntimeError, ValueError):
            out: list = []
            for src, lang in zip(sources, src_langs, strict=False):
                try:
                    out.extend(translate_ids(loaded.model, [src], [lang], [tgt_id], options))
                except (RuntimeError, ValueError) as exc:
                    out.append(f"decoding failed: {str(exc).splitlines()[0]}")
            return out

    def _result(self, fn: Function, target: Language, loaded, hyps) -> EngineResult:
        from migrate.lang import codetok

        candidates: list[Candidate] = []
        seen: set[str] = set()
        for hyp in hyps:
            text = loaded.subwords.decode(list(hyp.ids)).strip()
            if not text:
                continue
            code = codetok.detokenize(text, target)
            if not code.strip():
                continue
            code, notes = as_target_definition(code, target)
            if code in seen:
                continue  # another segmentation of the same code
            seen.add(code)
            emitted = codetok.function_name(text.split(), target)
            if emitted:
                note = f"model named the function {emitted!r}"
                if emitted != fn.name:
                    # Callers use the source's name: rename the definition and its
                    # recursive calls back, as TransCoder's own evaluation does.
                    note += f" (source name {fn.name!r}; renamed back)"
                    code = re.sub(rf"\b{re.escape(emitted)}\b", fn.name, code)
                notes = (note, *notes)
            if not hyp.finished:
                notes = (*notes, "output stopped at the length limit")
            candidates.append(
                Candidate(
                    function_id=fn.id,
                    engine=self.name,
                    target=target,
                    code=code,
                    rank=len(candidates),
                    score=hyp.score,
                    notes=notes,
                )
            )
        if not candidates:
            return EngineResult(fn.id, self.name, declined="the model produced empty output")
        return EngineResult(fn.id, self.name, candidates=tuple(candidates))


_HEADER = re.compile(r"^[^({;]*")


def as_target_definition(code: str, target: Language) -> tuple[str, tuple[str, ...]]:
    """Make a Java method `static` and a C++ function free; notes say what changed."""
    header = _HEADER.match(code.lstrip()).group(0)
    if target is Language.JAVA and not re.search(r"\bstatic\b", header):
        return "static " + code.lstrip(), ("added `static`: the model emitted an instance method",)
    if target is Language.CPP:
        qualified = re.search(r"(\w+(?:<[^()]*>)?)::(~?\w+)\s*$", header)
        if qualified and "(" in code:
            start = len(code) - len(code.lstrip()) + qualified.start()
            fixed = code[:start] + code[start + len(qualified.group(1)) + 2 :]
            return fixed, (f"removed the class qualifier {qualified.group(1)}::",)
    return code, ()

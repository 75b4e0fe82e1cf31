"""SentencePiece subwords for our own models: one model shared by Python, Java and C++.

The model is trained on code-token lines (tokens joined by spaces, as `codetok` makes
them) with ids laid out like the official dictionaries, so the transformer needs no
remapping: <s>=0, </s>=1 (also BOS), <pad>=2, <unk>=3. NEW_LINE / INDENT / DEDENT are
single pieces. Normalisation is off, and unknown characters fall back to bytes, so any
line decodes back to itself.

SentencePiece writes spaces as U+2581, the very character `codetok` uses for a space
inside a string literal; those are swapped for a private-use character on the way in and
back on the way out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from migrate.errors import EngineError

STRING_SPACE = "\u2581"  # codetok's space-in-a-literal mark
ESCAPED_SPACE = "\ue000"  # what SentencePiece sees instead
USER_SYMBOLS = ("NEW_LINE", "INDENT", "DEDENT")


def _escape(text: str) -> str:
    return text.replace(STRING_SPACE, ESCAPED_SPACE)


def _unescape(text: str) -> str:
    return text.replace(ESCAPED_SPACE, STRING_SPACE)


class SentencePieceSubwords:
    """Code-token text <-> model ids through a serialized SentencePiece model."""

    kind = "sentencepiece"

    def __init__(self, model_bytes: bytes):
        import sentencepiece

        self.model_bytes = bytes(model_bytes)
        self.sp = sentencepiece.SentencePieceProcessor()
        try:
            self.sp.LoadFromSerializedProto(self.model_bytes)
        except Exception as exc:  # sentencepiece raises bare RuntimeError / OSError
            raise EngineError(f"cannot load the SentencePiece model: {exc}") from exc
        if (self.sp.bos_id(), self.sp.eos_id(), self.sp.pad_id(), self.sp.unk_id()) != (0, 1, 2, 3):
            raise EngineError(
                "SentencePiece model must use <s>=0 </s>=1 <pad>=2 <unk>=3 (train it with train_sentencepiece)"
            )

    @classmethod
    def from_file(cls, path: str | Path) -> SentencePieceSubwords:
        try:
            return cls(Path(path).read_bytes())
        except OSError as exc:
            raise EngineError(f"cannot read SentencePiece model {path}: {exc}") from exc

    @property
    def n_words(self) -> int:
        return self.sp.get_piece_size()

    def encode(self, text: str) -> list[int]:
        """Ids of a space-joined token line (no </s> added)."""
        return list(self.sp.encode(_escape(text), out_type=int))

    def pieces(self, text: str) -> list[str]:
        return list(self.sp.encode(_escape(text), out_type=str))

    def decode(self, ids: Sequence[int]) -> str:
        specials = {0, 1, 2}
        return _unescape(self.sp.decode([i for i in ids if i not in specials]))

    def to_checkpoint(self) -> dict:
        import torch

        data = torch.frombuffer(bytearray(self.model_bytes), dtype=torch.uint8).clone()
        return {"kind": "sentencepiece", "model": data}


def train_sentencepiece(
    texts: Iterable[str],
    vocab_size: int,
    path: str | Path,
    model_type: str = "unigram",
    seed_sentencepieces: int | None = None,
) -> SentencePieceSubwords:
    """Train a shared model on code-token lines; writes `path` (the .model file).

    `vocab_size` is a ceiling: small corpora get fewer pieces rather than an error.
    """
    import io

    import sentencepiece

    lines = [_escape(t) for t in texts if t.strip()]
    if not lines:
        raise EngineError("no text to train SentencePiece on")
    buffer = io.BytesIO()
    options = dict(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type=model_type,
        bos_id=0,
        eos_id=1,
        pad_id=2,
        unk_id=3,
        user_defined_symbols=list(USER_SYMBOLS),
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        byte_fallback=True,
        character_coverage=0.9999,
        max_sentence_length=1 << 20,
        hard_vocab_limit=False,
        split_digits=False,
        num_threads=1,
        minloglevel=2,
    )
    if seed_sentencepieces is not None:
        options["seed_sentencepiece_size"] = seed_sentencepieces
    try:
        sentencepiece.SentencePieceTrainer.train(**options)
    except RuntimeError as exc:
        raise EngineError(f"SentencePiece training failed: {exc}") from exc
    Path(path).write_bytes(buffer.getvalue())
    return SentencePieceSubwords(buffer.getvalue())

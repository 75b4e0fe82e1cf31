"""fastBPE-compatible subwords for the official TransCoder checkpoints, in plain Python.

The codes file holds one merge per line, `LEFT RIGHT COUNT`; a merge's rank is its line
index. A word is split into characters, `</w>` is glued to the last one, and the pair of
adjacent symbols with the lowest rank is merged (every non-overlapping occurrence, left
to right) until no adjacent pair has a rank. Every subword but the last then carries the
continuation mark `@@`, and the last loses `</w>`:

    "NEW_LINE" -> ["NEW_LINE"]        "retur" -> ["re@@", "tur"]  (per the ranks)

Removing BPE is deleting `"@@ "` (and a final `"@@"`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from migrate.errors import EngineError

END_WORD = "</w>"
CONTINUE = "@@"


class FastBPE:
    """Applies a merge table to words; results are cached per word."""

    def __init__(self, merges: Sequence[tuple[str, str]], text: str | None = None):
        self.ranks: dict[tuple[str, str], int] = {}
        for rank, pair in enumerate(merges):
            self.ranks.setdefault(pair, rank)  # a repeated pair keeps its first rank
        self.text = text if text is not None else "".join(f"{a} {b} 0\n" for a, b in merges)
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_text(cls, text: str) -> FastBPE:
        merges = []
        for number, line in enumerate(text.splitlines(), 1):
            parts = line.split(" ")
            if not line.strip():
                continue
            if len(parts) < 2:
                raise EngineError(f"BPE codes line {number} is not 'LEFT RIGHT COUNT': {line!r}")
            merges.append((parts[0], parts[1]))
        return cls(merges, text)

    @classmethod
    def from_file(cls, path: str | Path) -> FastBPE:
        try:
            return cls.from_text(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise EngineError(f"cannot read BPE codes {path}: {exc}") from exc

    def apply_word(self, word: str) -> tuple[str, ...]:
        """Subwords of one word, with `@@` on all but the last."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        symbols = list(word[:-1]) + [word[-1] + END_WORD]
        ranks = self.ranks
        while len(symbols) > 1:
            best = None
            best_rank = -1
            for pair in zip(symbols, symbols[1:], strict=False):
                rank = ranks.get(pair, -1)
                if rank >= 0 and (best_rank < 0 or rank < best_rank):
                    best, best_rank = pair, rank
            if best is None:
                break
            merged: list[str] = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and symbols[i] == best[0] and symbols[i + 1] == best[1]:
                    merged.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    merged.append(symbols[i])
                    i += 1
            symbols = merged
        out = tuple(s + CONTINUE for s in symbols[:-1]) + (symbols[-1][: -len(END_WORD)],)
        if len(self._cache) < 200_000:
            self._cache[word] = out
        return out

    def apply(self, text: str) -> str:
        """A space-separated line of words -> the same line in subwords (fastBPE `apply`)."""
        return " ".join(piece for word in text.split() for piece in self.apply_word(word))


def remove_bpe(text: str) -> str:
    """Undo `apply`: glue continued subwords back together."""
    text = text.replace(CONTINUE + " ", "")
    return text[: -len(CONTINUE)] if text.endswith(CONTINUE) else text


class BpeSubwords:
    """Code-token text <-> model ids through fastBPE and a word list (id = index)."""

    kind = "bpe"

    def __init__(self, bpe: FastBPE, vocab: Sequence[str], unk_index: int = 3):
        self.bpe = bpe
        self.id2word = list(vocab)
        self.word2id = {w: i for i, w in enumerate(self.id2word)}
        self.unk_index = unk_index

    @property
    def n_words(self) -> int:
        return len(self.id2word)

    def encode(self, text: str) -> list[int]:
        """Ids of the subwords of a space-joined token line (no </s> added)."""
        unk = self.unk_index
        return [self.word2id.get(p, unk) for p in self.bpe.apply(text).split(" ") if p]

    def pieces(self, text: str) -> list[str]:
        return [p for p in self.bpe.apply(text).split(" ") if p]

    def decode(self, ids: Sequence[int]) -> str:
        words = [self.id2word[i] if 0 <= i < len(self.id2word) else "<unk>" for i in ids]
        return remove_bpe(" ".join(words))

    def to_checkpoint(self) -> dict:
        return {"kind": "bpe", "codes": self.bpe.text, "vocab": list(self.id2word)}

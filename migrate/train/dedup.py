"""Exact and near-duplicate detection over code-token sequences (MinHash + LSH).

A function is a set of k-token shingles; MinHash estimates the Jaccard similarity of
two sets, and LSH bands find candidate pairs without comparing every pair. Candidates
are confirmed with the exact Jaccard similarity of their shingle sets.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

SHINGLE = 5  # tokens per shingle
N_HASHES = 64
BANDS = 16  # 16 bands x 4 rows: pairs above ~0.6 Jaccard collide with high probability
_PRIME = 4294967291  # largest prime below 2**32; shingle hashes are 32-bit
_IDENT = re.compile(r"^[A-Za-z_]\w*$")


def _params() -> tuple[list[int], list[int]]:
    # Fixed, seed-free coefficients so signatures agree across runs and machines;
    # a < 2**31 and x < 2**32 keep a*x + b inside uint64 for numpy.
    a, b = [], []
    for i in range(N_HASHES):
        h = hashlib.sha256(f"minhash-{i}".encode()).digest()
        a.append(int.from_bytes(h[:4], "little") % (1 << 31) or 1)
        b.append(int.from_bytes(h[4:8], "little") % _PRIME)
    return a, b


_A, _B = _params()


def normalize(tokens: Sequence[str], name: str | None = None) -> list[str]:
    """Tokens with the function's own name blanked, so a renamed copy still matches."""
    return ["FUNC" if name and t == name else t for t in tokens]


def shingles(tokens: Sequence[str], k: int = SHINGLE) -> set[int]:
    if len(tokens) < k:
        return {_h64(" ".join(tokens))}
    return {_h64(" ".join(tokens[i : i + k])) for i in range(len(tokens) - k + 1)}


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=4).digest(), "little")


def minhash(sh: set[int]) -> tuple[int, ...]:
    import numpy as np

    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    a = np.asarray(_A, dtype=np.uint64)[:, None]
    b = np.asarray(_B, dtype=np.uint64)[:, None]
    return tuple(int(v) for v in ((a * x[None, :] + b) % np.uint64(_PRIME)).min(axis=1))


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def exact_key(tokens: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode()).hexdigest()


class NearDuplicateIndex:
    """Shingle sets indexed by LSH bands; `query` returns the best Jaccard match."""

    def __init__(self, threshold: float = 0.7):
        self.threshold = threshold
        self.sets: list[set[int]] = []
        self.labels: list[str] = []
        self.buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
        self.exact: dict[str, int] = {}

    def add(self, tokens: Sequence[str], label: str) -> None:
        sh = shingles(tokens)
        index = len(self.sets)
        self.sets.append(sh)
        self.labels.append(label)
        self.exact.setdefault(exact_key(tokens), index)
        for band in _bands(minhash(sh)):
            self.buckets.setdefault(band, []).append(index)

    def query(self, tokens: Sequence[str]) -> tuple[str, str, float] | None:
        """("exact" | "near", label, similarity) of a match at or above the threshold."""
        hit = self.exact.get(exact_key(tokens))
        if hit is not None:
            return "exact", self.labels[hit], 1.0
        sh = shingles(tokens)
        best: tuple[float, int] | None = None
        seen: set[int] = set()
        for band in _bands(minhash(sh)):
            for index in self.buckets.get(band, ()):
                if index in seen:
                    continue
                seen.add(index)
                sim = jaccard(sh, self.sets[index])
                if sim >= self.threshold and (best is None or sim > best[0]):
                    best = (sim, index)
        if best is None:
            return None
        return "near", self.labels[best[1]], best[0]


def _bands(signature: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
    rows = len(signature) // BANDS
    return [(b, signature[b * rows : (b + 1) * rows]) for b in range(BANDS)]

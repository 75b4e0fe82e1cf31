"""Compact binary shards of subword ids: one flat uint16 array plus int64 offsets.

A shard named NAME is `NAME.ids.npy` (all sequences concatenated, no separators)
and `NAME.offsets.npy` (n+1 boundaries). Parallel data is two shards with the same
number of sequences, row i of one aligned with row i of the other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from migrate.errors import ConfigError


def write(folder: Path, name: str, sequences: Sequence[Sequence[int]]) -> dict:
    """Write one shard; returns its manifest entry (count, tokens, sha256)."""
    import numpy as np

    lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64, count=len(sequences))
    offsets = np.zeros(len(sequences) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.fromiter((i for s in sequences for i in s), dtype=np.int64, count=int(offsets[-1]))
    if flat.size and flat.max() >= 1 << 16:
        raise ConfigError("vocabulary too large for uint16 shards (at most 65536 subwords)")
    ids = flat.astype(np.uint16)
    np.save(folder / f"{name}.ids.npy", ids)
    np.save(folder / f"{name}.offsets.npy", offsets)
    digest = hashlib.sha256(ids.tobytes() + offsets.tobytes()).hexdigest()
    return {"sequences": len(sequences), "tokens": int(offsets[-1]), "sha256": digest}


class Shard:
    """Read access to one shard (memory-mapped)."""

    def __init__(self, folder: Path, name: str):
        import numpy as np

        ids_path = folder / f"{name}.ids.npy"
        if not ids_path.is_file():
            raise ConfigError(f"corpus shard {ids_path} not found (build it with `migrate corpus build`)")
        self.name = name
        self.ids = np.load(ids_path, mmap_mode="r")
        self.offsets = np.load(folder / f"{name}.offsets.npy")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def length(self, i: int) -> int:
        return int(self.offsets[i + 1] - self.offsets[i])

    def lengths(self):
        import numpy as np

        return np.diff(self.offsets)

    def __getitem__(self, i: int) -> list[int]:
        return self.ids[self.offsets[i] : self.offsets[i + 1]].astype("int64").tolist()

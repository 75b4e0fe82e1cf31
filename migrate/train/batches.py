"""Deterministic, resumable batch streams over corpus shards.

A stream's batches for epoch e depend only on (seed, stream name, e): indices are
shuffled, grouped by length in chunks (little padding), cut under a token budget and
the batches shuffled. Its whole state is (epoch, cursor), so a resumed run reads
exactly the batches an uninterrupted one would have read.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from migrate.errors import ConfigError

SORT_CHUNK = 2000  # sentences sorted together by length


class Stream:
    def __init__(
        self,
        name: str,
        shards: Sequence,  # train.shards.Shard; one for monolingual data, two aligned for pairs
        max_len: int,  # longest sequence including both </s>
        tokens_per_batch: int,
        max_batch_size: int,
        seed: int,
    ):
        self.name = name
        self.shards = list(shards)
        count = len(self.shards[0])
        if any(len(s) != count for s in self.shards):
            raise ConfigError(f"stream {name}: aligned shards differ in length")
        lengths = [s.lengths() for s in self.shards]
        self.lengths = [max(int(col[i]) for col in lengths) + 2 for i in range(count)]
        self.usable = [i for i in range(count) if self.lengths[i] <= max_len]
        if not self.usable:
            raise ConfigError(f"stream {name}: no sequence fits max_len {max_len}")
        self.tokens_per_batch = tokens_per_batch
        self.max_batch_size = max_batch_size
        self.seed = seed
        self.epoch = 0
        self.cursor = 0
        self._plan: list[list[int]] | None = None

    def _make_plan(self, epoch: int) -> list[list[int]]:
        rng = random.Random(f"{self.seed}:{self.name}:{epoch}")
        order = list(self.usable)
        rng.shuffle(order)
        batches: list[list[int]] = []
        for start in range(0, len(order), SORT_CHUNK):
            chunk = sorted(order[start : start + SORT_CHUNK], key=lambda i: (self.lengths[i], i))
            current: list[int] = []
            longest = 0
            for i in chunk:
                longer = max(longest, self.lengths[i])
                if current and (
                    (len(current) + 1) * longer > self.tokens_per_batch or len(current) >= self.max_batch_size
                ):
                    batches.append(current)
                    current, longer = [], self.lengths[i]
                current.append(i)
                longest = longer
            if current:
                batches.append(current)
        rng.shuffle(batches)
        return batches

    def next(self) -> list[int]:
        """Indices of the next batch (the same on every data-parallel rank)."""
        if self._plan is None:
            self._plan = self._make_plan(self.epoch)
        if self.cursor >= len(self._plan):
            self.epoch += 1
            self.cursor = 0
            self._plan = self._make_plan(self.epoch)
        batch = self._plan[self.cursor]
        self.cursor += 1
        return batch

    def sequences(self, batch: Sequence[int], which: int = 0) -> list[list[int]]:
        return [self.shards[which][i] for i in batch]

    def state(self) -> dict:
        return {"epoch": self.epoch, "cursor": self.cursor}

    def load_state(self, state: dict) -> None:
        self.epoch = int(state["epoch"])
        self.cursor = int(state["cursor"])
        self._plan = None

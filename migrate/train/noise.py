"""Input corruption for the denoising (DAE) and masked-LM objectives, as in TransCoder.

Sequences here are plain id lists WITHOUT the surrounding </s>; callers add them.
All randomness comes from the `random.Random` passed in, so a resumed run corrupts
the same sentences the same way.
"""

from __future__ import annotations

import random

MASK_INDEX = 0  # <s>: never used as a sentence start (</s> is BOS), so free to be the mask


def shuffle_words(ids: list[int], k: float, rng: random.Random) -> list[int]:
    """Local permutation: each position moves by less than `k` (uniform(0, k) noise + argsort)."""
    if k <= 0 or len(ids) < 2:
        return list(ids)
    keys = [i + rng.uniform(0, k) for i in range(len(ids))]
    return [ids[i] for i in sorted(range(len(ids)), key=keys.__getitem__)]


def drop_words(ids: list[int], p: float, rng: random.Random) -> list[int]:
    if p <= 0 or not ids:
        return list(ids)
    kept = [t for t in ids if rng.random() >= p]
    return kept or [ids[rng.randrange(len(ids))]]


def blank_words(ids: list[int], p: float, rng: random.Random) -> list[int]:
    if p <= 0:
        return list(ids)
    return [MASK_INDEX if rng.random() < p else t for t in ids]


def add_noise(ids: list[int], shuffle: float, dropout: float, blank: float, rng: random.Random) -> list[int]:
    """TransCoder's `add_noise` order: shuffle, then drop, then blank."""
    return blank_words(drop_words(shuffle_words(ids, shuffle, rng), dropout, rng), blank, rng)


def mask_for_mlm(
    ids: list[int], n_words: int, rng: random.Random, p: float = 0.15, keep_rand: tuple = (0.8, 0.1, 0.1)
) -> tuple[list[int], list[int]]:
    """(corrupted ids, target positions): 15% chosen; of those 80% mask, 10% keep, 10% random."""
    out = list(ids)
    chosen = [i for i in range(len(ids)) if rng.random() < p]
    if not chosen and ids:
        chosen = [rng.randrange(len(ids))]
    mask_p, keep_p, _ = keep_rand
    for i in chosen:
        r = rng.random()
        if r < mask_p:
            out[i] = MASK_INDEX
        elif r >= mask_p + keep_p:
            out[i] = rng.randrange(4, n_words)  # never a special token
    return out, chosen

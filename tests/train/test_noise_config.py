"""Noise functions and schedules: small pure functions with exact expectations."""

from __future__ import annotations

import random

import pytest

from migrate.errors import ConfigError
from migrate.train import noise
from migrate.train.config import Schedule


def test_shuffle_is_a_local_permutation():
    rng = random.Random(0)
    ids = list(range(100, 160))
    out = noise.shuffle_words(ids, 3, rng)
    assert sorted(out) == ids and out != ids
    assert all(abs(out.index(t) - ids.index(t)) < 3 for t in ids)


def test_drop_never_empties_and_blank_uses_the_mask():
    rng = random.Random(0)
    assert len(noise.drop_words([5, 6, 7], 1.0, rng)) == 1
    blanked = noise.blank_words(list(range(10, 1010)), 0.3, rng)
    share = blanked.count(noise.MASK_INDEX) / 1000
    assert 0.25 < share < 0.35


def test_mlm_masking_targets_chosen_positions_only():
    rng = random.Random(0)
    ids = list(range(10, 2010))
    out, chosen = noise.mask_for_mlm(ids, 5000, rng)
    assert 0.12 < len(chosen) / len(ids) < 0.18
    changed = {i for i in range(len(ids)) if out[i] != ids[i]}
    assert changed <= set(chosen)
    assert sum(out[i] == noise.MASK_INDEX for i in chosen) / len(chosen) == pytest.approx(0.8, abs=0.06)


def test_schedule_is_piecewise_linear_then_constant():
    s = Schedule.parse("0:1,30000:0.1,100000:0")
    assert s(0) == 1 and s(15000) == pytest.approx(0.55) and s(30000) == pytest.approx(0.1)
    assert s(65000) == pytest.approx(0.05) and s(100000) == 0 and s(10**7) == 0
    assert Schedule.parse(0.5)(123) == 0.5


@pytest.mark.parametrize("spec", ["1:1", "0:1,0:2", "abc", "0:1,x:2"])
def test_bad_schedules_are_config_errors(spec):
    with pytest.raises(ConfigError):
        Schedule.parse(spec)

"""Regression gate: on a slice of the GfG suite, translations compile in every direction.

Runs `scripts/gfg_compile_rate.py` logic on the first problems of each folder; the full
measurement is the script itself.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from migrate.units import Language

ROOT = Path(__file__).resolve().parents[3]
GFG = ROOT / ".." / "shared" / "benchmarks" / "gfg"

pytestmark = [pytest.mark.gfg, pytest.mark.toolchain, pytest.mark.slow]


def script():
    spec = importlib.util.spec_from_file_location("gfg_compile_rate",
                                                  ROOT / "scripts" / "gfg_compile_rate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("direction", ["cpp-java", "cpp-python", "java-cpp", "java-python",
                                       "python-cpp", "python-java"])
def test_compile_rate_on_a_slice(direction, tmp_path):
    if not GFG.is_dir():
        pytest.skip("../shared/benchmarks/gfg not found")
    gfg = script()
    src, tgt = (Language(x) for x in direction.split("-"))
    rows = gfg.translate_direction(GFG, src, tgt)[:40]
    gfg.CHECK[tgt](rows)
    rate = sum(bool(r.get("compiles")) for r in rows) / len(rows)
    translated = [r for r in rows if "code" in r]
    assert rate >= 0.6, [r.get("declined") or r.get("error") for r in rows if not r.get("compiles")]
    # whatever the engine emits must compile: a wrong candidate is worse than a decline
    assert all(r.get("compiles") for r in translated), [
        (r["id"], r.get("error")) for r in translated if not r.get("compiles")]

"""Self-training pairs: only translations that pass verification become `st` shards."""

from __future__ import annotations

import json
import shutil

import pytest

from migrate.train.shards import Shard
from migrate.units import Language


@pytest.mark.slow
@pytest.mark.toolchain
def test_verified_translations_become_st_shards(tiny_corpus, tmp_path):
    from migrate.engines.transcoder.spm import SentencePieceSubwords
    from migrate.train.selftrain import build_pairs

    corpus = tmp_path / "corpus"
    shutil.copytree(tiny_corpus, corpus)
    src = tmp_path / "funcs.py"
    src.write_text(
        "def add_three(a, b, c):\n    total = a + b\n    return total + c\n\n\n"
        "def clamp_value(x, lo, hi):\n    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n"
        "    return x\n"
    )
    entry = build_pairs(src, Language.PYTHON, [Language.JAVA], corpus)
    assert entry["pairs"] == {"python-java": 2}
    manifest = json.loads((corpus / "manifest.json").read_text())
    assert manifest["st"][0]["pairs"] == {"python-java": 2}
    spm = SentencePieceSubwords.from_file(corpus / "spm.model")
    java = [spm.decode(Shard(corpus, "st.java-python.java")[i]) for i in range(2)]
    python = [spm.decode(Shard(corpus, "st.java-python.python")[i]) for i in range(2)]
    assert all(t.startswith("static ") for t in java)
    assert all(t.startswith("def ") for t in python)


@pytest.mark.slow
@pytest.mark.toolchain
def test_aligned_solutions_both_directions_add_up(tiny_corpus, tiny_sources, tmp_path):
    """An aligned .jsonl is a source too (one language's side, held-out problems left
    out), and the second direction of a pair adds to the shards of the first."""
    from migrate.train.corpus import _held_out

    corpus = tmp_path / "corpus"
    shutil.copytree(tiny_corpus, corpus)
    aligned = tiny_sources["aligned"]
    rows = [json.loads(line) for line in aligned.read_text().splitlines()]
    kept = sum(not _held_out(f"{r['problem']}/{r['variant']}", 0.2) for r in rows)
    assert 0 < kept < len(rows)
    first = build_pairs_quiet(aligned, Language.JAVA, Language.PYTHON, corpus)
    second = build_pairs_quiet(aligned, Language.PYTHON, Language.JAVA, corpus)
    assert 0 < first["tried"] <= kept and 0 < second["tried"] <= kept
    total = first["pairs"]["java-python"] + second["pairs"]["python-java"]
    assert len(Shard(corpus, "st.java-python.java")) == len(Shard(corpus, "st.java-python.python")) == total
    manifest = json.loads((corpus / "manifest.json").read_text())
    assert manifest["shards"]["st.java-python.java"]["sequences"] == total


def build_pairs_quiet(src, source, target, corpus):
    from migrate.train.selftrain import build_pairs

    return build_pairs(src, source, [target], corpus)

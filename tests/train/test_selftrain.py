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

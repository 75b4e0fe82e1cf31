"""Corpus building: benchmark functions are refused, duplicates dropped, shards readable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate.train import dedup
from migrate.train.shards import Shard

REPO = Path(__file__).resolve().parents[2]
GFG = REPO.parent / "shared" / "benchmarks" / "gfg"


def test_near_duplicate_index_finds_renamed_and_edited_copies():
    a = "static int f ( int a , int b ) { int s = 0 ; for ( int i = a ; i < b ; i ++ ) s += i ; return s ; }".split()
    renamed = [("g" if t == "f" else t) for t in a]
    edited = [("2" if t == "0" else t) for t in a]
    other = "def h ( x ) : NEW_LINE INDENT return x * x NEW_LINE DEDENT".split()
    index = dedup.NearDuplicateIndex(0.6)
    index.add(dedup.normalize(a, "f"), "A")
    assert index.query(dedup.normalize(renamed, "g"))[:2] == ("exact", "A")
    kind, label, sim = index.query(dedup.normalize(edited, "f"))
    assert (kind, label) == ("near", "A") and 0.6 <= sim < 1
    assert index.query(dedup.normalize(other, "h")) is None


def test_corpus_refuses_benchmark_functions(tiny_corpus):
    manifest = json.loads((tiny_corpus / "manifest.json").read_text())
    refused = {r["origin"].split("::")[-1]: r for r in manifest["refused_sample"]}
    assert refused["Funcs.myGcd"]["kind"] == "exact"  # renamed copy of P0's f_gold
    assert refused["countDigitsSum"]["kind"] == "near"  # P1's f_gold with another constant
    assert manifest["counts"]["dropped"]["benchmark exact duplicate"] >= 1
    assert manifest["counts"]["dropped"]["benchmark near duplicate"] >= 1
    assert manifest["counts"]["benchmark_refused"] == len(manifest["refused_sample"])


def test_corpus_shards_decode_to_kept_functions(tiny_corpus):
    from migrate.engines.transcoder.spm import SentencePieceSubwords

    manifest = json.loads((tiny_corpus / "manifest.json").read_text())
    spm = SentencePieceSubwords.from_file(tiny_corpus / "spm.model")
    texts = [spm.decode(Shard(tiny_corpus, "mono.java")[i]) for i in range(len(Shard(tiny_corpus, "mono.java")))]
    assert len(texts) == manifest["shards"]["mono.java"]["sequences"] == manifest["counts"]["kept"]["java"]
    assert all(t.startswith("static ") for t in texts)  # standalone form
    assert not any("myGcd" in t for t in texts)
    cpp = [spm.decode(Shard(tiny_corpus, "mono.cpp")[i]) for i in range(len(Shard(tiny_corpus, "mono.cpp")))]
    assert not any("countDigitsSum" in t for t in cpp)
    # aligned pairs stay aligned: the same function name on both sides
    src, tgt = Shard(tiny_corpus, "para.train.cpp-java.cpp"), Shard(tiny_corpus, "para.train.cpp-java.java")
    assert len(src) == len(tgt) > 0
    for i in range(len(src)):
        name = spm.decode(src[i]).split("(")[0].split()[-1]
        assert name in spm.decode(tgt[i])


def test_corpus_near_duplicates_inside_the_corpus_are_dropped(tiny_corpus):
    manifest = json.loads((tiny_corpus / "manifest.json").read_text())
    assert (
        manifest["counts"]["dropped"].get("near duplicate", 0) + manifest["counts"]["dropped"].get("exact duplicate", 0)
        > 0
    )


@pytest.mark.gfg
def test_corpus_refuses_real_gfg_functions(tmp_path):
    if not GFG.is_dir():
        pytest.skip("../shared/benchmarks/gfg not found")
    from migrate.train.corpus import BuildOptions, build

    gold = (GFG / "java" / "BINARY_SEARCH.java").read_text()
    body = gold[gold.index("static int f_gold") : gold.index("//TOFILL")].replace("f_gold", "binarySearch")
    tree = tmp_path / "src"
    tree.mkdir()
    (tree / "Search.java").write_text(
        "public class Search {\n" + body + "\n static int twice(int x) { int y = x * 2; return y + 0; }\n}\n"
    )
    out = tmp_path / "corpus"
    manifest = build([tree], out, BuildOptions(vocab_size=400, min_tokens=5), [GFG])
    assert manifest["counts"]["benchmark_refused"] == 1
    assert manifest["refused_sample"][0]["match"].endswith("BINARY_SEARCH.java")
    assert manifest["counts"]["kept"]["java"] == 1

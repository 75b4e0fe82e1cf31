"""Our checkpoint format: self-describing, loads with nothing else, refuses bad files clearly."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from migrate.engines.transcoder import checkpoint  # noqa: E402
from migrate.engines.transcoder.bpe import BpeSubwords, FastBPE  # noqa: E402
from migrate.engines.transcoder.decode import DecodeOptions, translate_ids  # noqa: E402
from migrate.errors import EngineError  # noqa: E402

pytestmark = pytest.mark.torch


def _same_outputs(a, b):
    sources = [[1, 5, 9, 12, 1], [1, 7, 7, 1]]
    opts = DecodeOptions(beam=2)
    out_a = translate_ids(a, sources, [0, 2], [1, 1], opts)
    out_b = translate_ids(b, sources, [0, 2], [1, 1], opts)
    return [[h.ids for h in x] for x in out_a] == [[h.ids for h in x] for x in out_b]


def test_sentencepiece_checkpoint_round_trip(tmp_path, spm_subwords, make_model, languages):
    model = make_model(spm_subwords.n_words, seed=5, activation="gelu", layer_norm_eps=1e-12)
    path = tmp_path / "m.pt"
    checkpoint.save(path, model, languages, spm_subwords, meta={"trained_on": "nothing"})
    loaded = checkpoint.load(path)
    assert loaded.config == model.cfg
    assert loaded.languages == languages
    assert loaded.meta == {"trained_on": "nothing"}
    assert loaded.subwords.encode("return a + b") == spm_subwords.encode("return a + b")
    for key, value in model.state_dict().items():
        assert torch.equal(loaded.model.state_dict()[key], value)
    assert _same_outputs(model, loaded.model)


def test_bpe_checkpoint_round_trip(tmp_path, make_model, languages):
    vocab = ["<s>", "</s>", "<pad>", "<unk>"] + [f"w{i}" for i in range(28)]
    subwords = BpeSubwords(FastBPE.from_text("w 1 5\nw1 2 4\n"), vocab)
    model = make_model(len(vocab), seed=2)
    path = tmp_path / "bpe.pt"
    checkpoint.save(path, model, languages, subwords)
    loaded = checkpoint.load(path)
    assert loaded.subwords.to_checkpoint() == subwords.to_checkpoint()
    assert loaded.subwords.encode("w12 w3") == subwords.encode("w12 w3")


def test_file_is_safe_to_load(tmp_path, spm_subwords, make_model, languages):
    path = tmp_path / "m.pt"
    checkpoint.save(path, make_model(spm_subwords.n_words), languages, spm_subwords)
    raw = torch.load(path, weights_only=True)  # plain tensors and values only
    assert raw["format"] == "migrate-transcoder" and raw["tokenizer"]["kind"] == "sentencepiece"


def test_missing_and_corrupt_files_raise_engine_error(tmp_path):
    with pytest.raises(EngineError, match="not found"):
        checkpoint.load(tmp_path / "absent.pt")
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"\x00garbage")
    with pytest.raises(EngineError, match="cannot read"):
        checkpoint.load(bad)
    other = tmp_path / "other.pt"
    torch.save({"weights": torch.zeros(2)}, other)
    with pytest.raises(EngineError, match="neither"):
        checkpoint.load(other)


def test_tokenizer_and_model_sizes_must_agree(tmp_path, spm_subwords, make_model, languages):
    path = tmp_path / "m.pt"
    checkpoint.save(path, make_model(spm_subwords.n_words + 1), languages, spm_subwords)
    with pytest.raises(EngineError, match="tokenizer has"):
        checkpoint.load(path)


def test_official_params_fallbacks():
    raw = {
        "params": {
            "emb_dim": 64,
            "emb_dim_encoder": 0,
            "n_layers": 3,
            "n_heads": 4,
            "lang2id": {"cpp_sa": 0, "java_sa": 1, "python_sa": 2},
            "n_langs": 3,
            "gelu_activation": True,
        },
        "dico_id2word": {i: str(i) for i in range(10)},
        "decoder": {"module.embeddings.weight": torch.zeros(10, 64)},
    }
    cfg = checkpoint.official_config(raw, layer_norm_eps=1e-12)
    assert (cfg.enc_dim, cfg.dec_dim, cfg.enc_layers, cfg.dec_layers) == (64, 64, 3, 3)
    assert cfg.activation == "gelu" and cfg.layer_norm_eps == 1e-12 and cfg.max_len == 512
    assert checkpoint.official_languages(raw["params"]) == {"cpp": 0, "java": 1, "python": 2}

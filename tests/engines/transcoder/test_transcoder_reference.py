"""Our model equals the reference implementation on a tiny official-layout checkpoint.

The fixture holds the outputs of facebookresearch/CodeGen's TransformerModel on
`tiny_transcoder.pth`: encoder output and decoder logits of a teacher-forced batch
(to 1e-4), greedy ids and beam-search n-best ids (exactly), at both layer-norm epsilons.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from migrate.engines.transcoder import checkpoint  # noqa: E402
from migrate.engines.transcoder.decode import DecodeOptions, decode_batch, pad_batch  # noqa: E402

pytestmark = pytest.mark.torch

FIXTURE = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "transcoder-reference"
EPSILONS = [1e-5, 1e-12]


@pytest.fixture(scope="module")
def fixture_dir() -> Path:
    if not FIXTURE.is_dir():
        pytest.skip("../shared/fixtures/transcoder-reference not found")
    return FIXTURE


@pytest.fixture(scope="module")
def expected(fixture_dir) -> dict:
    return json.loads((fixture_dir / "expected.json").read_text())


@pytest.fixture(scope="module")
def raw(fixture_dir) -> dict:
    return torch.load(fixture_dir / "tiny_transcoder.pth", map_location="cpu", weights_only=False)


def _model(raw, eps):
    return checkpoint.build_official_model(raw, layer_norm_eps=eps)


@pytest.mark.parametrize("eps", EPSILONS)
def test_encoder_and_decoder_match_reference(raw, expected, fixture_dir, eps):
    model = _model(raw, eps)
    tensors = torch.load(fixture_dir / f"expected_tensors_eps={eps:g}.pt", map_location="cpu")
    src, src_len = pad_batch(expected["source_ids_with_eos"], model.cfg.pad_index)
    tgt, tgt_len = pad_batch(expected["teacher_forced_target_ids"], model.cfg.pad_index)
    bs = src.size(0)
    src_lang = torch.full((bs,), expected["source_lang_id"])
    tgt_lang = torch.full((bs,), expected["target_lang_id"])
    with torch.inference_mode():
        enc = model.encode(src, src_len, src_lang)
        logits = model(src, src_len, src_lang, tgt, tgt_len, tgt_lang)
    torch.testing.assert_close(enc, tensors["encoder_output"], atol=1e-4, rtol=0)
    # The reference keeps (time, batch, vocab); ours is batch-major.
    torch.testing.assert_close(logits.transpose(0, 1), tensors["decoder_logits"], atol=1e-4, rtol=0)


def _decode(raw, expected, eps, beam):
    model = _model(raw, eps)
    sources = expected["source_ids_with_eos"]
    n = len(sources)
    max_len = expected["generate_max_len"]
    options = DecodeOptions(beam=beam, length_penalty=0.5, early_stopping=False)
    return decode_batch(
        model,
        sources,
        [expected["source_lang_id"]] * n,
        [expected["target_lang_id"]] * n,
        [max_len] * n,
        options,
    )


@pytest.mark.parametrize("eps", EPSILONS)
def test_greedy_ids_match_reference(raw, expected, eps):
    out = _decode(raw, expected, eps, beam=1)
    got = [[1, *hyps[0].ids, 1] for hyps in out]
    assert got == expected["decoded"][f"eps={eps:g}"]["greedy"]


@pytest.mark.parametrize("eps", EPSILONS)
def test_beam_nbest_ids_match_reference(raw, expected, eps):
    out = _decode(raw, expected, eps, beam=3)
    got = [[[1, *h.ids, 1] for h in hyps] for hyps in out]
    assert got == expected["decoded"][f"eps={eps:g}"]["beam3_lp0.5"]
    for hyps in out:  # best first
        scores = [h.score for h in hyps]
        assert scores == sorted(scores, reverse=True)


def test_full_loader_reads_official_layout(fixture_dir, tmp_path):
    codes = tmp_path / "codes"
    codes.write_text("i n 10\nin t</w> 5\n")
    loaded = checkpoint.load(fixture_dir / "tiny_transcoder.pth", bpe_codes=codes)
    assert loaded.languages == {"cpp": 0, "java": 1, "python": 2}
    assert loaded.config.n_words == 50
    assert loaded.config.max_positions == 2048
    assert loaded.subwords.encode("int f ( )") == [14, 15, 16, 17]


def test_official_layout_without_codes_is_refused(fixture_dir):
    from migrate.errors import EngineError

    with pytest.raises(EngineError, match="BPE codes"):
        checkpoint.load(fixture_dir / "tiny_transcoder.pth")


def test_position_table_is_resized_as_codegen_does(raw):
    from migrate.engines.transcoder.checkpoint import adapt_official_state_dict

    short = {k: v for k, v in raw["encoder"].items()}
    table = short["module.position_embeddings.weight"][:512].clone()
    short["module.position_embeddings.weight"] = table
    adapted = adapt_official_state_dict(short, decoder=False)
    grown = adapted["embed.position_embeddings.weight"]
    assert grown.shape[0] == 2048
    assert torch.equal(grown[:512], table)
    assert torch.equal(grown[1000], table[-1])


def test_converted_checkpoint_still_matches_reference(fixture_dir, expected, tmp_path):
    codes = tmp_path / "codes"
    codes.write_text("i n 10\n")
    out = tmp_path / "converted.pt"
    checkpoint.convert_official(fixture_dir / "tiny_transcoder.pth", codes, out, layer_norm_eps=1e-12)
    loaded = checkpoint.load(out)  # our format: no codes file needed any more
    assert loaded.config.layer_norm_eps == 1e-12
    sources = expected["source_ids_with_eos"]
    n = len(sources)
    out_ids = decode_batch(
        loaded.model,
        sources,
        [expected["source_lang_id"]] * n,
        [expected["target_lang_id"]] * n,
        [expected["generate_max_len"]] * n,
        DecodeOptions(beam=3),
    )
    got = [[[1, *h.ids, 1] for h in hyps] for hyps in out_ids]
    assert got == expected["decoded"]["eps=1e-12"]["beam3_lp0.5"]

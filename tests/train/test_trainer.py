"""The training loop on tiny data: objectives learn, resume is exact, DDP equals one process."""

from __future__ import annotations

import random

import pytest

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch

OBJECTIVES = {
    "supervised": '[[objective]]\nkind = "supervised"\ndirections = ["java-cpp", "cpp-java"]\n',
    "dae": '[[objective]]\nkind = "dae"\nlanguages = ["java", "python"]\n',
    "mlm": '[[objective]]\nkind = "mlm"\nlanguages = ["cpp"]\n',
    "bt": '[[objective]]\nkind = "bt"\ndirections = ["java-cpp"]\nmax_len_a = 0.5\n',
    "st": '[[objective]]\nkind = "st"\ndirections = ["cpp-python"]\ncorpus = "{st}"\n',
}


CONFIG = {}


@pytest.fixture(autouse=True)
def _config_maker(make_config):
    CONFIG["make"] = make_config


def _config(corpus, folder, objectives, steps=6, dropout=0.0, adam_eps=1e-8):
    folder.mkdir(parents=True, exist_ok=True)
    return CONFIG["make"](corpus, folder, objectives, steps, dropout, adam_eps)


def _trainer(corpus, folder, objectives, steps=6, dropout=0.0, adam_eps=1e-8):
    from migrate.train.config import load
    from migrate.train.trainer import Trainer

    config = _config(corpus, folder, objectives, steps, dropout, adam_eps)
    return Trainer(load(config), log=lambda m: None, device="cpu")


def _fixed_loss(trainer, key):
    """The task's loss on one fixed batch with fixed noise, without touching the run's state."""
    obj, task, stream = trainer.tasks[key]
    saved_stream, saved_rng = stream.state(), trainer.rng.getstate()
    stream.load_state({"epoch": 0, "cursor": 0})
    trainer.rng = random.Random(1234)
    trainer.model.eval()  # no dropout in the measurement
    with torch.no_grad():
        _, value, _ = trainer._task_loss(key)
    trainer.model.train()
    stream.load_state(saved_stream)
    trainer.rng.setstate(saved_rng)
    return value


@pytest.mark.parametrize("kind", ["supervised", "dae", "mlm", "bt", "st"])
def test_each_objective_lowers_its_loss(kind, tiny_corpus, tmp_path):
    objectives = OBJECTIVES[kind]
    if kind == "st":
        # Verified pairs live in `st.*` shards; the aligned pairs of the tiny corpus stand in.
        import shutil

        st = tmp_path / "st"
        st.mkdir()
        for side in ("cpp", "python"):
            for part in ("ids", "offsets"):
                shutil.copy(
                    tiny_corpus / f"para.train.cpp-python.{side}.{part}.npy", st / f"st.cpp-python.{side}.{part}.npy"
                )
        objectives = objectives.format(st=st)
    trainer = _trainer(tiny_corpus, tmp_path, objectives, steps=30)
    key = next(iter(trainer.tasks))
    before = _fixed_loss(trainer, key)
    trainer.run()
    after = _fixed_loss(trainer, key)
    assert after < before - 0.5, (kind, before, after)


def _weights(trainer):
    return {k: v.detach().clone() for k, v in trainer.model.state_dict().items()}


def test_resume_gives_the_same_weights_as_an_uninterrupted_run(tiny_corpus, tmp_path):
    objectives = OBJECTIVES["supervised"] + OBJECTIVES["dae"] + OBJECTIVES["mlm"]
    # dropout on, so the torch RNG state matters too
    straight = _trainer(tiny_corpus, tmp_path / "a", objectives, steps=8, dropout=0.1)
    straight.run()

    first = _trainer(tiny_corpus, tmp_path / "b", objectives, steps=8, dropout=0.1)
    first.run(steps=3)
    first.save()
    second = _trainer(tiny_corpus, tmp_path / "b", objectives, steps=8, dropout=0.1)
    assert second.resume()
    assert second.step == 3
    second.run()
    a, b = _weights(straight), _weights(second)
    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), k


def test_a_stopped_run_that_is_not_resumed_differs(tiny_corpus, tmp_path):
    """Guards the test above: a restart from scratch does not end where resuming does."""
    objectives = OBJECTIVES["supervised"]
    straight = _trainer(tiny_corpus, tmp_path / "a", objectives, steps=6)
    straight.run()
    restarted = _trainer(tiny_corpus, tmp_path / "b", objectives, steps=3)
    restarted.run()
    pairs = zip(_weights(straight).values(), _weights(restarted).values(), strict=True)
    assert any(not torch.equal(x, y) for x, y in pairs)


def test_checkpoint_export_loads_in_the_engine(tiny_corpus, tmp_path):
    from migrate.engines.transcoder import checkpoint

    trainer = _trainer(tiny_corpus, tmp_path, OBJECTIVES["supervised"], steps=2)
    trainer.run()
    trainer.export(tmp_path / "model.pt")
    loaded = checkpoint.load(tmp_path / "model.pt")
    assert loaded.languages == {"cpp": 0, "java": 1, "python": 2}
    assert loaded.subwords.n_words == trainer.n_words
    for k, v in trainer.model.state_dict().items():
        assert torch.equal(loaded.model.state_dict()[k], v)


@pytest.mark.slow
def test_two_process_ddp_matches_one_process(tiny_corpus, tmp_path):
    from migrate.train.trainer import run_local_parallel

    objectives = OBJECTIVES["supervised"] + OBJECTIVES["dae"] + OBJECTIVES["mlm"] + OBJECTIVES["bt"]
    # Adam divides by sqrt(v) + eps: with the default 1e-8 float noise in near-zero
    # gradients becomes steps of size lr; a larger eps keeps the comparison well-conditioned.
    eps = 1e-4
    run_local_parallel(_config(tiny_corpus, tmp_path / "ddp", objectives, 4, 0.0, eps), procs=2, fresh=True)
    ddp_trainer = _trainer(tiny_corpus, tmp_path / "ddp", objectives, steps=4, adam_eps=eps)
    assert ddp_trainer.resume() and ddp_trainer.step == 4
    single = _trainer(tiny_corpus, tmp_path / "single", objectives, steps=4, adam_eps=eps)
    single.run()
    ddp, one = _weights(ddp_trainer), _weights(single)
    # The summed gradients agree to float precision at every step (padding widths differ
    # between the slices, so the sums are not bitwise equal), and so do the weights.
    assert len(ddp_trainer.grad_norms) == len(single.grad_norms) == 4
    for a, b in zip(ddp_trainer.grad_norms, single.grad_norms, strict=False):
        assert a == pytest.approx(b, rel=1e-4)
    for k in one:
        assert torch.allclose(ddp[k], one[k], atol=1e-5), k
    assert any(
        not torch.equal(one[k], _trainer(tiny_corpus, tmp_path / "init", objectives).model.state_dict()[k]) for k in one
    )


def test_decoder_from_encoder_copies_shared_parts_only():
    from migrate.engines.transcoder.model import Seq2Seq, TransformerConfig
    from migrate.train.trainer import decoder_from_encoder

    model = Seq2Seq(
        TransformerConfig(
            n_words=50,
            n_langs=3,
            enc_dim=16,
            dec_dim=16,
            enc_layers=1,
            dec_layers=1,
            n_heads=2,
            max_positions=32,
            max_len=32,
        )
    ).init_weights(1)
    state = decoder_from_encoder(model.state_dict())
    assert torch.equal(
        state["decoder.layers.0.self_attn.q_lin.weight"], state["encoder.layers.0.self_attn.q_lin.weight"]
    )
    assert torch.equal(state["decoder.embed.embeddings.weight"], state["encoder.embed.embeddings.weight"])
    original = model.state_dict()
    assert torch.equal(
        state["decoder.layers.0.cross_attn.q_lin.weight"], original["decoder.layers.0.cross_attn.q_lin.weight"]
    )


@pytest.mark.slow
@pytest.mark.gfg
@pytest.mark.toolchain
def test_validation_by_migrate_eval_on_a_few_problems(tiny_corpus, tmp_path):
    from pathlib import Path

    gfg = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "gfg"
    if not gfg.is_dir():
        pytest.skip("../shared/benchmarks/gfg not found")
    config = _config(tiny_corpus, tmp_path, OBJECTIVES["supervised"], steps=1)
    config.write_text(
        config.read_text() + f'\n[validate]\neval_suite = "{gfg}"\neval_limit = 2\neval_pairs = "java:cpp"\n'
    )
    from migrate.train.config import load
    from migrate.train.trainer import Trainer

    trainer = Trainer(load(config), log=lambda m: None, device="cpu")
    trainer.run()
    ca = trainer.evaluate()
    assert set(ca) == {"java->cpp"} and 0.0 <= ca["java->cpp"] <= 100.0
    assert '"ca"' in (tmp_path / "ckpt" / "valid.jsonl").read_text()

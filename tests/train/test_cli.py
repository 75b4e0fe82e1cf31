"""`migrate corpus build` and `migrate train` through the real entry point."""

from __future__ import annotations

import json
import sys

import pytest


def _run(monkeypatch, capsys, *args):
    from migrate.cli import main

    monkeypatch.setattr(sys, "argv", ["migrate", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        main()
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out, captured.err


def test_corpus_build_command_reports_refusals(tiny_sources, tmp_path, monkeypatch, capsys):
    out = tmp_path / "corpus"
    code, stdout, err = _run(
        monkeypatch, capsys, "corpus", "build", tiny_sources["tree"], tiny_sources["aligned"],
        "--out", out, "--vocab-size", "400", "--benchmarks", tiny_sources["bench"],
    )  # fmt: skip
    assert code == 0, err
    assert "refused as benchmark functions: 2" in stdout
    assert json.loads((out / "manifest.json").read_text())["counts"]["benchmark_refused"] == 2


def test_corpus_build_missing_source_is_a_user_error(tmp_path, monkeypatch, capsys):
    code, _, err = _run(monkeypatch, capsys, "corpus", "build", tmp_path / "nope", "--out", tmp_path / "c")
    assert code == 2 and "does not exist" in err


@pytest.mark.torch
def test_train_command_runs_resumes_and_exports(tiny_corpus, tmp_path, monkeypatch, capsys, make_config):
    from migrate.engines.transcoder import checkpoint

    objectives = '[[objective]]\nkind = "supervised"\ndirections = ["java-cpp"]\n'
    config = make_config(tiny_corpus, tmp_path, objectives, steps=3)
    text = config.read_text().replace("every = 0\n", f'every = 1\nexport = "{tmp_path / "model.pt"}"\n', 1)
    config.write_text(text)
    code, stdout, err = _run(monkeypatch, capsys, "train", "--config", config)
    assert code == 0, err
    assert "java-cpp" in stdout
    assert checkpoint.load(tmp_path / "model.pt").meta["step"] == "3"
    code, stdout, err = _run(monkeypatch, capsys, "train", "--config", config, "--steps", "5")
    assert code == 0, err
    assert "resumed from step-0000003.pt at step 3" in stdout
    assert checkpoint.load(tmp_path / "model.pt").meta["step"] == "5"


def test_train_command_rejects_a_bad_config(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[data]\ncorpus = "x"\n[checkpoint]\ndir = "y"\n[[objective]]\nkind = "magic"\n')
    code, _, err = _run(monkeypatch, capsys, "train", "--config", bad)
    assert code == 2 and "objective kind must be one of" in err

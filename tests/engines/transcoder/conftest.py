"""Small seeded models and tokenizers made on the fly (no downloads, no shared files)."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

JAVA_SNIPPETS = [
    "static int add(int a, int b) { return a + b; }",
    "static boolean isEven(int n) { if (n % 2 == 0) return true; else return false; }",
    'static String greet(String name) { return "Hello " + name + "!"; }',
    "static int sum(int[] arr, int n) { int s = 0; for (int i = 0; i < n; i++) s += arr[i]; return s; }",
]
CPP_SNIPPETS = [
    "int add(int a, int b) { return a + b; }",
    "bool isEven(int n) { return n % 2 == 0; }",
    "int sum(vector<int>& v) { int s = 0; for (int x : v) s += x; return s; }",
    'string greet(string name) { return "Hello " + name; }',
]


def code_lines() -> list[str]:
    """Code-token lines of the three languages: json's sources plus small snippets."""
    from migrate.lang import codetok

    lines = []
    stdlib = Path(sysconfig.get_paths()["stdlib"]) / "json"
    for path in sorted(stdlib.glob("*.py")):
        lines.append(" ".join(codetok.tokenize(path.read_text(encoding="utf-8"), "python")))
    lines += [" ".join(codetok.tokenize(s, "java")) for s in JAVA_SNIPPETS]
    lines += [" ".join(codetok.tokenize(s, "cpp")) for s in CPP_SNIPPETS]
    return lines


@pytest.fixture(scope="session")
def spm_subwords(tmp_path_factory):
    pytest.importorskip("sentencepiece")
    from migrate.engines.transcoder.spm import train_sentencepiece

    path = tmp_path_factory.mktemp("spm") / "code.model"
    return train_sentencepiece(code_lines(), 400, path)


def tiny_model(n_words: int, seed: int = 0, **overrides):
    from migrate.engines.transcoder.model import Seq2Seq, TransformerConfig

    settings = dict(
        n_words=n_words,
        n_langs=3,
        enc_dim=32,
        dec_dim=32,
        enc_layers=2,
        dec_layers=2,
        n_heads=4,
        max_positions=256,
        max_len=200,
    )
    settings.update(overrides)
    return Seq2Seq(TransformerConfig(**settings)).init_weights(seed).eval()


LANGUAGES = {"cpp": 0, "java": 1, "python": 2}


@pytest.fixture(scope="session")
def make_model():
    """`tiny_model` itself, so tests build models of their own sizes."""
    pytest.importorskip("torch")
    return tiny_model


@pytest.fixture(scope="session")
def languages() -> dict[str, int]:
    return dict(LANGUAGES)


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory, spm_subwords):
    pytest.importorskip("torch")
    from migrate.engines.transcoder import checkpoint

    path = tmp_path_factory.mktemp("model") / "tiny.pt"
    checkpoint.save(
        path, tiny_model(spm_subwords.n_words), LANGUAGES, spm_subwords, meta={"note": "random weights, for tests"}
    )
    return path


@pytest.fixture(autouse=True)
def _one_torch_thread():
    """Tiny models run fastest on one thread; on a busy 2-core machine, far faster."""
    try:
        import torch
    except ImportError:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)

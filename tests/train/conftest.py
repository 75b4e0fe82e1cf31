"""A tiny corpus (a few dozen generated functions per language) and tiny model configs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OPS = ["+", "-", "*", "^", "|", "&"]


def _java(i: int) -> str:
    op, op2 = OPS[i % 6], OPS[(i // 6) % 6]
    loop = i % 3
    if loop == 0:
        lines = ["int s = 0;", "for (int k = 0; k < n; k++) {", f"  s = s {op} arr[k] {op2} {i};", "}", "return s;"]
        body = "\n    ".join(lines)
    elif loop == 1:
        body = (
            "int best = arr[0];\n    for (int k = 1; k < n; k++) {\n"
            f"      if (arr[k] > best) best = arr[k] {op} {i};\n    }}\n    return best {op2} n;"
        )
    else:
        body = (
            f"int c = 0;\n    while (n > {i % 5}) {{\n"
            f"      c = c {op} n;\n      n = n / 2;\n    }}\n    return c {op2} {i};"
        )
    return f"static int fun{i}(int arr[], int n) {{\n    {body}\n  }}"


def _cpp(i: int) -> str:
    return _java(i).replace("static int", "int", 1)


def _python(i: int) -> str:
    op, op2 = OPS[i % 6], OPS[(i // 6) % 6]
    loop = i % 3
    if loop == 0:
        body = f"s = 0\n    for k in range(n):\n        s = s {op} arr[k] {op2} {i}\n    return s"
    elif loop == 1:
        body = (
            "best = arr[0]\n    for k in range(1, n):\n        if arr[k] > best:\n"
            f"            best = arr[k] {op} {i}\n    return best {op2} n"
        )
    else:
        body = f"c = 0\n    while n > {i % 5}:\n        c = c {op} n\n        n = n // 2\n    return c {op2} {i}"
    return f"def fun{i}(arr, n):\n    {body}\n"


N_FUNCTIONS = 36

# Two functions unlike the generated ones: the fake benchmark holds them (renamed, and
# with a changed constant), and the source tree holds them too, so the corpus must refuse them.
GCD_JAVA = """static int myGcd(int a, int b) {
    if (b == 0) return a;
    return myGcd(b, a % b);
  }"""
DIGITS_CPP = """long long countDigitsSum(long long x) {
    long long total = 0;
    while (x > 0) { total += x % 10; x /= 10; }
    return total;
  }"""


@pytest.fixture(scope="session")
def tiny_sources(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny_sources")
    tree = root / "tree"
    tree.mkdir()
    half = N_FUNCTIONS // 2
    (tree / "Funcs.java").write_text(
        "public class Funcs {\n" + "\n".join("  " + _java(i) for i in range(half)) + "\n  " + GCD_JAVA + "\n}\n"
    )
    (tree / "funcs.cpp").write_text("\n".join(_cpp(i) for i in range(half)) + "\n" + DIGITS_CPP + "\n")
    (tree / "funcs.py").write_text("\n\n".join(_python(i) for i in range(half)) + "\n")
    aligned = root / "aligned.jsonl"
    with aligned.open("w") as handle:
        for i in range(half, N_FUNCTIONS):
            row = {
                "problem": f"{i:04d}.Fun",
                "variant": "Solution",
                "java": "class Solution {\n  " + _java(i).replace("static ", "public ") + "\n}\n",
                "cpp": "class Solution {\npublic:\n  " + _cpp(i) + "\n};\n",
                "python": "class Solution:\n    "
                + _python(i).replace("(arr, n)", "(self, arr, n)").replace("\n", "\n    "),
            }
            handle.write(json.dumps(row) + "\n")
    bench = root / "bench"
    for lang in ("java", "cpp", "python"):
        (bench / lang).mkdir(parents=True)
    # The benchmark's f_gold functions: myGcd renamed (an exact match once names are
    # blanked) and countDigitsSum with another base (a near duplicate).
    (bench / "java" / "P0.java").write_text(
        "public class P0 {\n  " + GCD_JAVA.replace("myGcd", "f_gold") + "\n  //TOFILL\n}\n"
    )
    near = DIGITS_CPP.replace("countDigitsSum", "f_gold").replace("x /= 10", "x /= 16")
    (bench / "cpp" / "P1.cpp").write_text("#include <bits/stdc++.h>\nusing namespace std;\n" + near + "\n//TOFILL\n")
    return {"tree": tree, "aligned": aligned, "bench": bench}


@pytest.fixture(scope="session")
def tiny_corpus(tiny_sources, tmp_path_factory) -> Path:
    from migrate.train.corpus import BuildOptions, build

    out = tmp_path_factory.mktemp("tiny_corpus")
    build(
        [tiny_sources["tree"], tiny_sources["aligned"]],
        out,
        BuildOptions(vocab_size=400, valid_fraction=0.2),
        [tiny_sources["bench"]],
    )
    return out


def tiny_config(
    corpus: Path, folder: Path, objectives: str, steps: int = 6, dropout: float = 0.0, adam_eps: float = 1e-8
) -> Path:
    """A TOML config for a 2-layer, 32-dim model on the tiny corpus."""
    text = f"""
[model]
dim = 32
enc_layers = 1
dec_layers = 1
heads = 2
ffn_mult = 2
dropout = {dropout}
max_positions = 256
[data]
corpus = "{corpus}"
max_len = 256
[train]
steps = {steps}
tokens_per_batch = 400
max_batch_size = 8
lr = 3e-3
warmup = 2
adam_eps = {adam_eps}
seed = 0
[checkpoint]
dir = "{folder / "ckpt"}"
every = 0
[log]
every = 0
{objectives}
"""
    path = folder / "config.toml"
    path.write_text(text)
    return path


@pytest.fixture(scope="session")
def make_config():
    """`tiny_config` for tests (test modules cannot import conftest under importlib mode)."""
    return tiny_config

"""TranscoderEngine end to end on real Function values with a tiny seeded model."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.engines.transcoder import TranscoderEngine, as_target_definition
from migrate.errors import EngineError
from migrate.lang import get
from migrate.units import Function, Language, SourceFile, TranslationContext

pytest.importorskip("torch")
pytestmark = pytest.mark.torch

GFG = Path(__file__).resolve().parents[3] / ".." / "shared" / "benchmarks" / "gfg"

PYTHON_SOURCE = '''
def add(a, b):
    """Sum of two numbers."""
    return a + b


def count_even(values):
    total = 0
    for v in values:
        if v % 2 == 0:
            total += 1
    return total
'''


def extract(text: str, language: Language, name: str = "sample") -> tuple[Function, ...]:
    ext = {"python": ".py", "java": ".java", "cpp": ".cpp"}[language.value]
    source = SourceFile(
        path=name + ext,
        absolute=Path("/nonexistent") / (name + ext),
        language=language,
        text=text,
        encoding="utf-8",
        size=len(text.encode()),
    )
    return get(language).extract(source).functions


def test_translate_returns_every_beam_hypothesis_as_a_candidate(tiny_model_path):
    functions = extract(PYTHON_SOURCE, Language.PYTHON)
    assert len(functions) == 2
    engine = TranscoderEngine(tiny_model_path, beam=3, device="cpu")
    assert engine.available() is None
    results = engine.translate(functions, TranslationContext(target=Language.JAVA))
    assert [r.function_id for r in results] == [f.id for f in functions]
    for result in results:
        if result.declined:
            assert result.declined == "the model produced empty output"
            continue
        assert 1 <= len(result.candidates) <= 3
        assert [c.rank for c in result.candidates] == list(range(len(result.candidates)))
        scores = [c.score for c in result.candidates]
        assert scores == sorted(scores, reverse=True)
        for c in result.candidates:
            assert c.engine == "transcoder" and c.target is Language.JAVA
            assert c.code.lstrip().startswith("static") or " static " in c.code.split("(")[0]


def test_translation_is_deterministic_and_batch_independent(tiny_model_path):
    functions = extract(PYTHON_SOURCE, Language.PYTHON)
    context = TranslationContext(target=Language.CPP)
    together = TranscoderEngine(tiny_model_path, beam=2, device="cpu").translate(functions, context)
    alone = [
        TranscoderEngine(tiny_model_path, beam=2, device="cpu", batch_tokens=1).translate([f], context)[0]
        for f in functions
    ]

    def view(results):
        return [[(c.rank, c.code, c.notes) for c in r.candidates] for r in results]

    assert view(together) == view(alone)
    for a, b in zip(together, alone, strict=True):
        assert [c.score for c in a.candidates] == pytest.approx([c.score for c in b.candidates], abs=1e-5)


def test_declines_with_reasons(tiny_model_path, tmp_path):
    long_body = "\n".join(f"    x{i} = x{i - 1} + {i}" for i in range(1, 400))
    source = f"def long_one(x0):\n{long_body}\n    return x0\n"
    functions = extract(source, Language.PYTHON) + extract("static int f(int a) { return a; }", Language.JAVA)
    engine = TranscoderEngine(tiny_model_path, beam=2, device="cpu")
    results = engine.translate(functions, TranslationContext(target=Language.JAVA))
    assert "too long for the model" in results[0].declined
    assert "the limit is 200" in results[0].declined
    assert results[1].declined == "f is already Java"


def test_empty_output_is_declined(tiny_model_path, tmp_path):
    import torch

    from migrate.engines.transcoder import checkpoint

    loaded = checkpoint.load(tiny_model_path)
    with torch.no_grad():
        loaded.model.decoder.out_bias[loaded.config.eos_index] = 1e4  # always stop at once
    path = tmp_path / "mute.pt"
    checkpoint.save(path, loaded.model, loaded.languages, loaded.subwords)
    functions = extract(PYTHON_SOURCE, Language.PYTHON)
    results = TranscoderEngine(path, beam=1, device="cpu").translate(functions, TranslationContext(target=Language.CPP))
    assert all(r.declined == "the model produced empty output" for r in results)


def test_available_explains_a_missing_model(tmp_path):
    engine = TranscoderEngine(tmp_path / "none.pt")
    assert "not found" in engine.available()
    with pytest.raises(EngineError, match="not found"):
        engine.translate([], TranslationContext(target=Language.JAVA))
    assert "no transcoder model" in TranscoderEngine(None).available()


def test_bad_settings_are_user_errors():
    with pytest.raises(EngineError):
        TranscoderEngine("m.pt", device="tpu")
    with pytest.raises(EngineError):
        TranscoderEngine("m.pt", beam=0)


def test_java_methods_become_static_and_cpp_functions_free():
    code, notes = as_target_definition("public int f(int a) {\n    return a;\n}\n", Language.JAVA)
    assert code.startswith("static public int f(") and notes
    code, notes = as_target_definition("static int f(int a) {}\n", Language.JAVA)
    assert code.startswith("static int f(") and not notes
    code, notes = as_target_definition("int Solution::f(int a) {}\n", Language.CPP)
    assert code.startswith("int f(int a)") and "Solution::" in notes[0]


@pytest.mark.gfg
def test_real_gfg_functions_run_through_the_engine(tiny_model_path):
    folder = GFG / "java"
    if not folder.is_dir():
        pytest.skip("../shared/benchmarks/gfg not found")
    functions = []
    for path in sorted(folder.glob("*.java"))[:6]:
        functions += [f for f in extract(path.read_text(), Language.JAVA, path.stem) if f.name == "f_gold"]
    results = TranscoderEngine(tiny_model_path, beam=2, device="cpu").translate(
        functions, TranslationContext(target=Language.PYTHON)
    )
    assert len(results) == len(functions) == 6
    for r in results:
        assert r.candidates or r.declined
        for c in r.candidates:
            assert c.code.endswith("\n") and c.score is not None


def test_bfloat16_weights_on_cpu(tiny_model_path):
    functions = extract(PYTHON_SOURCE, Language.PYTHON)
    engine = TranscoderEngine(tiny_model_path, beam=2, device="cpu", dtype="bfloat16")
    results = engine.translate(functions, TranslationContext(target=Language.JAVA))
    assert len(results) == 2 and all(r.candidates or r.declined for r in results)
    with pytest.raises(EngineError, match="dtype"):
        TranscoderEngine(tiny_model_path, dtype="int8")

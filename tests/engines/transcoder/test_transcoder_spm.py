"""SentencePiece subwords: official-style special ids, exact round trip of code-token lines."""

from __future__ import annotations

import pytest

from migrate.errors import EngineError
from migrate.lang import codetok

pytest.importorskip("sentencepiece")


def test_special_ids_match_the_transformer_layout(spm_subwords):
    sp = spm_subwords.sp
    assert (sp.bos_id(), sp.eos_id(), sp.pad_id(), sp.unk_id()) == (0, 1, 2, 3)
    assert spm_subwords.n_words <= 400
    for symbol in ("NEW_LINE", "INDENT", "DEDENT"):
        assert spm_subwords.pieces(symbol) in ([symbol], ["\u2581" + symbol], ["\u2581", symbol])


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ('def f(s):\n    return s + " a  b\\t"\n', "python"),
        ('static String g(String s) { return s + "x y\\n\u00e9\u4e2d"; }', "java"),
        ("int h(vector<int>& v) { return v[0] >> 1; }", "cpp"),
    ],
)
def test_encode_decode_is_exact(spm_subwords, code, lang):
    text = " ".join(codetok.tokenize(code, lang))
    ids = spm_subwords.encode(text)
    assert all(3 <= i < spm_subwords.n_words for i in ids)
    assert spm_subwords.decode(ids) == text
    assert codetok.detokenize(spm_subwords.decode(ids), lang) == codetok.detokenize(text, lang)


def test_literal_spaces_survive_sentencepiece(spm_subwords):
    text = 'x = " a \u2581 b "'
    assert spm_subwords.decode(spm_subwords.encode(text)) == text


def test_round_trip_through_bytes(spm_subwords, tmp_path):
    from migrate.engines.transcoder.spm import SentencePieceSubwords

    path = tmp_path / "m.model"
    path.write_bytes(spm_subwords.model_bytes)
    again = SentencePieceSubwords.from_file(path)
    assert again.encode("return a + b") == spm_subwords.encode("return a + b")


def test_garbage_model_bytes_raise_engine_error():
    from migrate.engines.transcoder.spm import SentencePieceSubwords

    with pytest.raises(EngineError):
        SentencePieceSubwords(b"not a model")


def test_training_needs_text(tmp_path):
    from migrate.engines.transcoder.spm import train_sentencepiece

    with pytest.raises(EngineError, match="no text"):
        train_sentencepiece(["  ", ""], 100, tmp_path / "x.model")

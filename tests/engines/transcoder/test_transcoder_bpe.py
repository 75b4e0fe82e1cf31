"""fastBPE application in plain Python: splits derived by hand from merge ranks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.engines.transcoder.bpe import BpeSubwords, FastBPE, remove_bpe
from migrate.errors import EngineError

CODES = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "transcoder-bpe" / "codes"

# rank 0: a+b, rank 1: b+c, rank 2: ab+c</w>
SMALL = FastBPE.from_text("a b 10\nb c 9\nab c</w> 8\n")


def test_lowest_rank_merges_first_and_end_of_word_is_a_different_symbol():
    # a b c</w>: only (a, b) has a rank -> ab c</w> -> (ab, c</w>) rank 2 -> abc</w>
    assert SMALL.apply_word("abc") == ("abc",)
    # b c b</w>: (b, c) rank 1 -> bc b</w>; (bc, b</w>) has no rank
    assert SMALL.apply_word("bcb") == ("bc@@", "b")
    # a b a b</w>: (a, b) merges once; the final b is b</w>, so (a, b</w>) is no match
    assert SMALL.apply_word("abab") == ("ab@@", "a@@", "b")
    assert SMALL.apply_word("x") == ("x",)


def test_all_occurrences_of_the_best_pair_merge_left_to_right():
    bpe = FastBPE.from_text("a a 5\n")
    # a a a a</w>: (a, a) merges at 0-1, then at 2-3 is (a, a</w>): not the same pair
    assert bpe.apply_word("aaaa") == ("aa@@", "a@@", "a")
    assert bpe.apply_word("aaaaa") == ("aa@@", "aa@@", "a")


def test_apply_line_and_remove():
    line = "abc bcb x"
    applied = SMALL.apply(line)
    assert applied == "abc bc@@ b x"
    assert remove_bpe(applied) == line
    assert remove_bpe("ab@@") == "ab"


@given(st.lists(st.text(alphabet="abcx_(", min_size=1, max_size=8), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_apply_then_remove_is_identity(words):
    line = " ".join(words)
    assert remove_bpe(SMALL.apply(line)) == line


def test_subwords_map_to_ids_with_unknowns():
    vocab = ["<s>", "</s>", "<pad>", "<unk>", "abc", "bc@@", "b"]
    subwords = BpeSubwords(SMALL, vocab)
    assert subwords.encode("abc bcb zz") == [4, 5, 6, 3, 3]  # z@@ z: both unknown
    assert subwords.decode([4, 5, 6]) == "abc bcb"


def test_malformed_codes_are_rejected():
    with pytest.raises(EngineError, match="line 2"):
        FastBPE.from_text("a b 3\nlonely\n")


@pytest.fixture(scope="module")
def official():
    if not CODES.is_file():
        pytest.skip("../shared/fixtures/transcoder-bpe not found")
    return FastBPE.from_file(CODES)


def test_official_codes_hand_derived_split(official):
    # Ranks from the codes file: (I,N)=0 (N,E)=1 (L,IN)=2 (LIN,E</w>)=3 (NE,W)=4
    # (NEW,_)=13 (NEW_,LINE</w>)=14, so N E W _ L I N E</w> merges all the way up.
    assert official.apply_word("NEW_LINE") == ("NEW_LINE",)
    assert official.ranks[("I", "N")] == 0
    assert official.ranks[("NEW_", "LINE</w>")] == 14


def test_official_codes_round_trip_on_code(official):
    line = 'static int f_gold ( int x ) { return x ^ 0x7fffffffL ; } " Hello \u2581 World ! "'
    applied = official.apply(line)
    assert "@@" in applied
    assert remove_bpe(applied) == line
    for word, pieces in zip(line.split(), (official.apply_word(w) for w in line.split()), strict=False):
        assert "".join(p.removesuffix("@@") for p in pieces) == word
        assert all(p.endswith("@@") for p in pieces[:-1]) and not pieces[-1].endswith("@@")

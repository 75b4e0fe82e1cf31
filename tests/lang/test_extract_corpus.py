"""Extraction over the shared LeetCode corpus: every solution yields its functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate.lang import get
from migrate.units import Language, SourceFile

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "leetcode" / "solutions.jsonl"


@pytest.mark.slow
@pytest.mark.parametrize("language", list(Language), ids=str)
def test_every_clean_solution_yields_functions(language: Language):
    if not CORPUS.is_file():
        pytest.skip("../shared/corpora/leetcode not found")
    support = get(language)
    empty = []
    with CORPUS.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            text = json.loads(line).get(language.value)
            if not text:
                continue
            parsed = support.extract(SourceFile(f"{number}", CORPUS, language, text, "utf-8", len(text)))
            # A solution without functions must be explained by a syntax issue.
            if not parsed.functions and not parsed.syntax_issues:
                empty.append(number)
    assert not empty, f"no function and no syntax issue in solutions {empty[:10]}"

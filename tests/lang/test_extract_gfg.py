"""Extraction over the GfG benchmark finds `f_gold` in every file of every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.lang import get
from migrate.units import Language, SourceFile

GFG = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "gfg"
SUFFIX = {Language.PYTHON: ".py", Language.JAVA: ".java", Language.CPP: ".cpp"}


@pytest.mark.gfg
@pytest.mark.parametrize("language", list(SUFFIX), ids=str)
def test_f_gold_in_every_file(language: Language):
    folder = GFG / language.value
    if not folder.is_dir():
        pytest.skip("../shared/benchmarks/gfg not found")
    support = get(language)
    paths = sorted(folder.glob("*" + SUFFIX[language]))
    assert paths, f"no {language.display} files in {folder}"
    missing = []
    for path in paths:
        # Read directly: one benchmark file is over the walk's default size cap.
        text = path.read_text(encoding="utf-8")
        source = SourceFile(path.name, path, language, text, "utf-8", len(text.encode()))
        parsed = support.extract(source)
        gold = [f for f in parsed.functions if f.name == "f_gold"]
        if len(gold) != 1 or not gold[0].body.strip():
            missing.append(path.name)
    assert not missing, f"f_gold not extracted from {len(missing)} files: {missing[:5]}"

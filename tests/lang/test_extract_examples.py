"""The example repositories: extraction sees every function, and their own tests pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.lang import get
from migrate.units import Language
from migrate.walk import walk

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Functions outside the examples' own tests, per source language.
EXPECTED = {
    Language.PYTHON: 20,
    Language.JAVA: 17,
    Language.CPP: 18,
}


@pytest.mark.parametrize("language", list(EXPECTED), ids=str)
def test_every_example_function_is_extracted(language: Language):
    target = Language.JAVA if language is not Language.JAVA else Language.PYTHON
    result = walk(EXAMPLES / language.value, target=target)
    assert not result.skipped
    functions = []
    for source in result.files:
        parsed = get(language).extract(source)
        assert parsed.syntax_issues == (), source.path
        functions.extend(f for f in parsed.functions if not {"test", "tests"} & set(f.file.split("/")))
    assert len(functions) == EXPECTED[language]
    assert any(f.is_method for f in functions)
    constructors = [f for f in functions if f.name in ("__init__", "Inventory", "Heatmap")]
    assert len(constructors) == 1 and constructors[0].signature.params == ()


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_python_example_tests_pass():
    done = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], EXAMPLES / "python")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.toolchain
@pytest.mark.slow
@pytest.mark.parametrize("language,tool", [("java", "javac"), ("cpp", "g++")])
def test_compiled_example_tests_pass(language: str, tool: str):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not on PATH")
    done = _run(["sh", "run-tests.sh"], EXAMPLES / language)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("OK")

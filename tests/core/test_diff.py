import shutil
import subprocess

import pytest

from migrate.diff import output_patch
from migrate.units import OutputFile


@pytest.fixture
def git():
    if not shutil.which("git"):
        pytest.skip("git not on PATH")


def _apply(parent, patch, check_only=True):
    (parent / "p.patch").write_text(patch)
    args = ["git", "apply", "--check", "p.patch"] if check_only else ["git", "apply", "p.patch"]
    return subprocess.run(args, cwd=parent, capture_output=True, text=True)


def test_new_files_patch_applies_from_the_parent(tmp_path, git):
    out = tmp_path / "repo-java"
    outputs = [OutputFile("a/A.java", "class A {}\n", ("a.py",)), OutputFile("B.java", "x\ny", ("b.py",))]
    patch = output_patch(out, outputs)
    assert "+++ b/repo-java/a/A.java" in patch and "new file mode 100644" in patch
    assert _apply(tmp_path, patch).returncode == 0
    assert _apply(tmp_path, patch, check_only=False).returncode == 0
    assert (out / "a" / "A.java").read_text() == "class A {}\n"
    assert (out / "B.java").read_text() == "x\ny"


def test_changed_and_unchanged_files(tmp_path, git):
    out = tmp_path / "o"
    (out).mkdir()
    (out / "same.py").write_text("x = 1\n")
    (out / "changed.py").write_text("x = 1\ny = 2\n")
    outputs = [OutputFile("same.py", "x = 1\n", ()), OutputFile("changed.py", "x = 1\ny = 3\n", ())]
    patch = output_patch(out, outputs)
    assert "same.py" not in patch
    assert "-y = 2\n+y = 3\n" in patch
    assert _apply(tmp_path, patch).returncode == 0


def test_nothing_to_change_is_an_empty_patch(tmp_path):
    (tmp_path / "f.py").write_text("a\n")
    assert output_patch(tmp_path, [OutputFile("f.py", "a\n", ())]) == ""

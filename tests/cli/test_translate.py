"""`migrate translate` end to end: outputs, reports, dry runs, exit codes, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

PY_LIB = '''\
def clamp(x: int, lo: int, hi: int) -> int:
    """Keep x within [lo, hi]."""
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def total(values: list[int]) -> int:
    s = 0
    for v in values:
        s += v
    return s
'''


@pytest.fixture
def repo(tmp_path):
    src = tmp_path / "legacy"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "mathx.py").write_text(PY_LIB)
    return src


def test_help_explains_every_option(migrate):
    result = migrate("translate", "--help")
    assert result.code == 0
    for option in ("--to", "--from", "--out", "--dry-run", "--diff-out", "--report", "--engine",
                   "--include", "--exclude", "--jobs", "Examples:"):
        assert option in result.out
    assert migrate("--help").code == 0


def test_translates_into_default_folder_beside_src_with_report(migrate, repo, digest):
    before = digest(repo)
    result = migrate("translate", repo, "--to", "java", "--no-verify", "--engine", "rules")
    out = repo.parent / "legacy-java"
    assert (out / "pkg" / "Mathx.java").is_file(), result.err
    report = json.loads((out / "migrate-report.json").read_text())
    assert report["version"] == 1
    names = {f["name"]: f for f in report["functions"]}
    assert set(names) == {"clamp", "total"}
    assert names["clamp"]["file"] == "pkg/mathx.py"
    assert names["clamp"]["output_file"] == "pkg/Mathx.java"
    assert result.code == (0 if all(f["status"] == "translated" for f in report["functions"]) else 1)
    assert "python->java" in result.out
    assert digest(repo) == before  # the source tree is byte-for-byte unchanged


def test_dry_run_writes_nothing_and_its_patch_applies(migrate, repo, tmp_path, digest):
    if not shutil.which("git"):
        pytest.skip("git not on PATH")
    out = tmp_path / "target"
    patch = tmp_path / "review.patch"
    before = digest(repo)
    result = migrate("translate", repo, "--to", "cpp", "--out", out, "--dry-run", "--no-verify", "--engine", "rules",
                     "--diff-out", patch)
    assert result.code in (0, 1), result.err
    assert not out.exists()
    assert digest(repo) == before
    assert "+++ b/target/pkg/mathx.hpp" in result.out
    check = subprocess.run(["git", "apply", "--check", str(patch)], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_single_file_needs_out_outside_its_folder(migrate, repo, tmp_path):
    file = repo / "pkg" / "mathx.py"
    result = migrate("translate", file, "--to", "java", "--no-verify", "--engine", "rules")
    assert result.code == 2
    assert "--out" in result.err
    assert migrate("translate", file, "--to", "java", "--no-verify", "--engine", "rules", "--out", repo / "pkg" / "x").code == 2
    ok = migrate("translate", file, "--to", "java", "--no-verify", "--engine", "rules", "--out", tmp_path / "single")
    assert ok.code in (0, 1)
    assert (tmp_path / "single" / "Mathx.java").is_file()


def test_out_inside_src_is_refused(migrate, repo):
    result = migrate("translate", repo, "--to", "java", "--out", repo / "java")
    assert result.code == 2
    assert "never writes" in result.err


def test_missing_path_is_a_tool_error(migrate, tmp_path):
    result = migrate("translate", tmp_path / "nope", "--to", "java")
    assert result.code == 2
    assert "no such file" in result.err.lower()


def test_bad_option_is_a_tool_error(migrate, repo):
    assert migrate("translate", repo, "--to", "cobol").code == 2


def test_empty_folder_finds_nothing_and_exits_zero(migrate, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = migrate("translate", empty, "--to", "python", "--out", tmp_path / "o", "--no-verify", "--engine", "rules")
    assert result.code == 0
    report = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    assert report["summary"]["functions"] == 0


def test_bad_files_are_reported_and_the_run_goes_on(migrate, repo, tmp_path):
    (repo / "broken.py").write_text("def ok(a: int) -> int:\n    return a + 1\n\ndef bad(:\n    pass\n")
    (repo / "latin.py").write_bytes("# caf\xe9 cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu, na\xefve fa\xe7ade\ndef g(x: int) -> int:\n    return x * 2\n".encode("cp1252"))
    (repo / "blob.py").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (repo / "huge.py").write_text("x = 1\n" * 2_000_000)
    (repo / "notes.rb").write_text("puts 1\n")
    (repo / "loop").symlink_to(repo, target_is_directory=True)
    result = migrate("translate", repo, "--to", "java", "--out", tmp_path / "o", "--no-verify", "--engine", "rules")
    assert result.code in (0, 1), result.err
    report = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    names = {f["name"] for f in report["functions"]}
    assert {"ok", "g", "clamp", "total"} <= names  # good functions around the bad input survive
    assert "bad" not in names
    skipped = {s["path"]: s["reason"] for s in report["skipped_files"]}
    assert skipped["blob.py"] == "binary file"
    assert skipped["huge.py"] == "larger than the size cap"
    assert report["syntax_issues"]["broken.py"][0]["start_line"] >= 4
    assert "broken.py" in result.err  # the user sees it too


def test_report_and_junit_paths(migrate, repo, tmp_path):
    report = tmp_path / "r" / "report.json"
    junit = tmp_path / "r" / "junit.xml"
    result = migrate("translate", repo, "--to", "python", "--out", tmp_path / "o", "--no-verify", "--engine", "rules",
                     "--report", report, "--junit", junit)
    assert result.code in (0, 1)
    assert json.loads(report.read_text())["target"] == "python"
    assert junit.read_text().startswith("<?xml")


@pytest.mark.parametrize("lang,target", [("python", "java"), ("java", "cpp"), ("cpp", "python")])
def test_examples_translate(migrate, tmp_path, lang, target, digest):
    src = EXAMPLES / lang
    if not src.is_dir():
        pytest.skip(f"{src} missing")
    before = digest(src)
    result = migrate("translate", src, "--to", target, "--out", tmp_path / "o", "--no-verify", "--engine", "rules")
    assert result.code in (0, 1), result.err
    report = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    assert report["summary"]["functions"] >= 10
    assert report["summary"]["migrated"] >= report["summary"]["functions"] // 3
    assert digest(src) == before


@pytest.mark.toolchain
@pytest.mark.parametrize("target", ["java", "cpp"])
def test_verified_run_passes_and_reports_tests(migrate, repo, tmp_path, target):
    if not (shutil.which("javac") and shutil.which("g++")):
        pytest.skip("javac and g++ needed")
    junit = tmp_path / "junit.xml"
    result = migrate("translate", repo, "--to", target, "--out", tmp_path / "o", "--engine", "rules",
                     "--junit", junit)
    report = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    statuses = {f["name"]: f["status"] for f in report["functions"]}
    assert statuses == {"clamp": "passed", "total": "passed"}, result.out
    for entry in report["functions"]:
        assert entry["tests"]["passed"] == entry["tests"]["total"] >= 10
        assert entry["candidates"] and entry["candidates"][0]["status"] == "passed"
    assert result.code == 0
    assert 'failures="0"' in junit.read_text()


def test_fail_under_sets_the_bar(migrate, repo, tmp_path):
    (repo / "pkg" / "dyn.py").write_text("def run(code):\n    return eval(code)\n")
    args = ["translate", repo, "--to", "java", "--out", tmp_path / "o", "--no-verify", "--engine", "rules"]
    assert migrate(*args).code == 1  # `run` cannot be translated faithfully
    assert migrate(*args, "--fail-under", "0.5").code == 0
    assert migrate(*args, "--fail-under", "0.9").code == 1
    assert migrate(*args, "--fail-under", "2").code == 2


@pytest.mark.slow
def test_default_engine_runs_end_to_end(migrate, repo, tmp_path):
    result = migrate("translate", repo, "--to", "java", "--out", tmp_path / "o", "--no-verify")
    assert result.code in (0, 1), result.err
    report = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    assert {f["name"] for f in report["functions"]} == {"clamp", "total"}


def test_rerun_reuses_unchanged_functions(migrate, repo, tmp_path):
    args = ["translate", repo, "--to", "java", "--out", tmp_path / "o", "--no-verify", "--engine", "rules"]
    (repo / "pkg" / "other.py").write_text("def twice(x: int) -> int:\n    return 2 * x\n")
    migrate(*args)
    first = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    assert not any(f["cached"] for f in first["functions"])
    (repo / "pkg" / "other.py").write_text("def twice(x: int) -> int:\n    return x + x\n")
    migrate(*args)
    second = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    cached = {f["name"]: f["cached"] for f in second["functions"]}
    assert cached == {"clamp": True, "total": True, "twice": False}
    assert "x + x" in (tmp_path / "o" / "pkg" / "Other.java").read_text()
    migrate(*args, "--no-cache")
    third = json.loads((tmp_path / "o" / "migrate-report.json").read_text())
    assert not any(f["cached"] for f in third["functions"])


def test_float_tolerance_is_checked(migrate, repo):
    assert migrate("translate", repo, "--to", "java", "--float-tolerance", "-1").code == 2
    assert "--float-tolerance" in migrate("translate", "--help").out

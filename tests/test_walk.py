"""Tests for `migrate.walk`: what is read, what is skipped and why."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from migrate.errors import ConfigError, WalkError
from migrate.units import Language, SkipReason
from migrate.walk import decode, python_coding, walk

JAVA, PY, CPP = Language.JAVA, Language.PYTHON, Language.CPP


def write(root: Path, rel: str, content: str | bytes = "def f():\n    return 1\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def paths(result) -> list[str]:
    return [f.path for f in result.files]


def skipped(result) -> dict[str, SkipReason]:
    return {s.path: s.reason for s in result.skipped}


def test_sorted_files_with_languages(tmp_path):
    write(tmp_path, "b.py")
    write(tmp_path, "a/z.cpp", "int f() { return 1; }\n")
    write(tmp_path, "a/y.h", "int g();\n")
    write(tmp_path, "Main.java", "class Main {}\n")
    result = walk(tmp_path, target=JAVA)
    assert paths(result) == ["a/y.h", "a/z.cpp", "b.py"]
    assert [f.language for f in result.files] == [CPP, CPP, PY]
    assert skipped(result) == {"Main.java": SkipReason.TARGET_LANGUAGE}
    first = result.files[2]
    assert first.text.startswith("def f") and first.encoding == "utf-8"
    assert first.absolute == tmp_path / "b.py" and first.size == 22


def test_languages_not_selected(tmp_path):
    write(tmp_path, "a.py")
    write(tmp_path, "b.cpp", "int f();\n")
    result = walk(tmp_path, target=JAVA, languages=frozenset({PY}))
    assert paths(result) == ["a.py"]
    assert skipped(result) == {"b.cpp": SkipReason.NOT_SELECTED}


def test_unknown_extensions_only_counted(tmp_path):
    write(tmp_path, "notes.txt", "hello")
    write(tmp_path, "Makefile", "all:\n")
    write(tmp_path, "a.py")
    result = walk(tmp_path, target=JAVA)
    assert paths(result) == ["a.py"] and result.skipped == () and result.ignored == 2


def test_gitignore_root_and_nested(tmp_path):
    write(tmp_path, ".gitignore", "*.gen.py\ngenerated/\n")
    write(tmp_path, "keep.py")
    write(tmp_path, "x.gen.py")
    write(tmp_path, "generated/a.py")
    write(tmp_path, "pkg/.gitignore", "local_*.py\n!local_keep.py\n/only_here.py\n")
    write(tmp_path, "pkg/local_tmp.py")
    write(tmp_path, "pkg/local_keep.py")
    write(tmp_path, "pkg/only_here.py")
    write(tmp_path, "pkg/sub/only_here.py")  # `/only_here.py` is anchored to pkg/
    write(tmp_path, "pkg/sub/x.gen.py")  # the root rule reaches nested folders
    write(tmp_path, "local_tmp.py")  # the nested rule does not reach up
    result = walk(tmp_path, target=JAVA)
    assert paths(result) == [
        "keep.py",
        "local_tmp.py",
        "pkg/local_keep.py",
        "pkg/sub/only_here.py",
    ]
    assert result.ignored == 4  # generated/ is pruned without counting its files


def test_nested_gitignore_overrides_parent(tmp_path):
    write(tmp_path, ".gitignore", "*.py\n")
    write(tmp_path, "a.py")
    write(tmp_path, "lib/.gitignore", "!*.py\n")
    write(tmp_path, "lib/b.py")
    assert paths(walk(tmp_path, target=JAVA)) == ["lib/b.py"]


def test_include_and_exclude_globs(tmp_path):
    write(tmp_path, "src/a.py")
    write(tmp_path, "src/deep/b.py")
    write(tmp_path, "tests/test_a.py")
    write(tmp_path, "tools/c.cpp", "int f();\n")
    result = walk(tmp_path, target=JAVA, include=("src/**",), exclude=("deep/",))
    assert paths(result) == ["src/a.py"]
    result = walk(tmp_path, target=JAVA, exclude=("tests/", "*.cpp"))
    assert paths(result) == ["src/a.py", "src/deep/b.py"]
    result = walk(tmp_path, target=JAVA, include=("*.cpp",))
    assert paths(result) == ["tools/c.cpp"]


def test_always_skipped_folders(tmp_path):
    for folder in (
        ".git", "node_modules", "__pycache__", "build", "third_party", "cmake-build-debug",
        ".venv", "target",
    ):  # fmt: skip
        write(tmp_path, f"{folder}/x.py")
    write(tmp_path, "env/pyvenv.cfg", "home = /usr\n")
    write(tmp_path, "env/lib/site.py")
    write(tmp_path, "myenv/pyvenv.cfg", "home = /usr\n")
    write(tmp_path, "myenv/y.py")
    write(tmp_path, "env2/real.py")  # no pyvenv.cfg: an ordinary folder
    assert paths(walk(tmp_path, target=JAVA)) == ["env2/real.py"]


def test_binary_file(tmp_path):
    write(tmp_path, "blob.py", b"def f():\n\x00\x01\x02")
    result = walk(tmp_path, target=JAVA)
    assert result.files == () and skipped(result) == {"blob.py": SkipReason.BINARY}


def test_ten_megabyte_file_is_too_large(tmp_path):
    big = tmp_path / "big.py"
    with open(big, "wb") as handle:  # sparse: the walk must decide from the size alone
        handle.truncate(10 * 1024 * 1024)
    write(tmp_path, "small.py")
    result = walk(tmp_path, target=JAVA)
    assert paths(result) == ["small.py"]
    (skip,) = result.skipped
    assert skip.reason is SkipReason.TOO_LARGE and "10,485,760" in skip.detail
    roomy = walk(tmp_path, target=JAVA, max_bytes=20_000_000)
    assert skipped(roomy) == {"big.py": SkipReason.BINARY}  # NUL bytes all the way


def test_cp1252_file_is_decoded(tmp_path):
    text = "# Prix en € — café, naïve, crème brûlée\ndef prix(x):\n    return x\n"
    write(tmp_path, "legacy.py", text.encode("cp1252"))
    (source,) = walk(tmp_path, target=JAVA).files
    assert source.text == text and source.encoding == "cp1252"


def test_utf8_bom_is_removed(tmp_path):
    write(tmp_path, "bom.py", b"\xef\xbb\xbfdef f():\n    return 1\n")
    (source,) = walk(tmp_path, target=JAVA).files
    assert source.text.startswith("def f") and source.encoding == "utf-8-sig"


def test_undecodable_file(tmp_path):
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    write(tmp_path, "noise.py", b"def f():\n    return 1\n# " + noise)
    result = walk(tmp_path, target=JAVA)
    assert result.files == () and skipped(result) == {"noise.py": SkipReason.UNDECODABLE}
    assert decode(b"plain ascii") == ("plain ascii", "utf-8")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop(tmp_path):
    write(tmp_path, "pkg/a.py")
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "again")  # pkg/again -> pkg
    os.symlink("self", tmp_path / "self")  # a link to itself
    result = walk(tmp_path, target=JAVA)
    assert paths(result) == ["pkg/a.py"]
    assert skipped(result) == {
        "pkg/again": SkipReason.SYMLINK_LOOP,
        "self": SkipReason.SYMLINK_LOOP,
    }


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_outside_and_inside(tmp_path):
    src, elsewhere = tmp_path / "src", tmp_path / "elsewhere"
    write(elsewhere, "secret.py")
    write(src, "real/a.py")
    os.symlink(elsewhere / "secret.py", src / "leak.py")
    os.symlink(elsewhere, src / "leakdir")
    os.symlink(src / "real" / "a.py", src / "alias.py")  # inside SRC: read once
    os.symlink(src / "real", src / "mirror")
    result = walk(src, target=JAVA)
    assert paths(result) == ["real/a.py"]
    assert skipped(result) == {
        "leak.py": SkipReason.SYMLINK_OUTSIDE,
        "leakdir": SkipReason.SYMLINK_OUTSIDE,
    }


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    result = walk(tmp_path / "empty", target=JAVA)
    assert result.files == () and result.skipped == () and result.ignored == 0


def test_single_file_source(tmp_path):
    path = write(tmp_path, "deep/one.py")
    result = walk(path, target=CPP)
    assert paths(result) == ["one.py"]


def test_missing_path_raises(tmp_path):
    with pytest.raises(WalkError, match="does not exist"):
        walk(tmp_path / "nope", target=JAVA)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_folder_raises(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        with pytest.raises(WalkError, match="cannot read"):
            walk(locked, target=JAVA)
    finally:
        locked.chmod(0o755)


def test_bad_glob_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="--exclude"):
        walk(tmp_path, target=JAVA, exclude=("!",))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_excluded_symlink_is_not_reported(tmp_path):
    src, elsewhere = tmp_path / "src", tmp_path / "elsewhere"
    write(elsewhere, "x.py")
    write(src, "a.py")
    os.symlink(elsewhere / "x.py", src / "link.py")
    result = walk(src, target=JAVA, exclude=("link.py",))
    assert paths(result) == ["a.py"] and result.skipped == () and result.ignored == 1


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("// Größe der Überweisung\nint f() { return 0; }\n", "latin-1"),
        ("// Author: José\nint f(int x) { return x; }\n", "cp1252"),
        ("/* temperature in °C, ± 2 */\nint f(int x) { return x; }\n", "cp1252"),
    ],
)
def test_western_legacy_encodings_decode_exactly(text, encoding):
    assert decode(text.encode(encoding)) == (text, "cp1252")


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("// 计算数组元素的总和\nint total(int a[], int n) { return 0; }\n", "gbk"),
        ("// 配列の合計を計算する関数です\nint total(int a[], int n) { return 0; }\n", "shift_jis"),
    ],
)
def test_ambiguous_guesses_are_refused_not_misread(text, encoding):
    # charset-normalizer ranks a wrong codec first on comments this short; a wrong
    # decoding would silently corrupt the text, so the file is reported instead.
    assert decode(text.encode(encoding)) is None


def test_gitignore_above_src_inside_the_work_tree(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, ".gitignore", "*.gen.py\n/src/local/\n")
    write(repo, "src/a.py")
    write(repo, "src/a.gen.py")
    write(repo, "src/local/b.py")
    write(repo, "src/pkg/.gitignore", "!keep.gen.py\n")
    write(repo, "src/pkg/keep.gen.py")
    assert paths(walk(repo / "src", target=JAVA)) == ["a.py", "pkg/keep.gen.py"]


def test_gitignore_above_src_outside_a_work_tree_is_not_read(tmp_path):
    write(tmp_path, ".gitignore", "*.py\n")  # no .git: not a repository's rules
    write(tmp_path, "src/a.py")
    assert paths(walk(tmp_path / "src", target=JAVA)) == ["a.py"]


def test_src_inside_an_ignored_folder_is_still_walked(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, ".gitignore", "versions/\n*.gen.py\n")
    write(repo, "versions/3.11/lib/a.py")
    write(repo, "versions/3.11/lib/b.gen.py")
    # The user named the folder: rules that ignore it (and so all of its files) step aside.
    assert paths(walk(repo / "versions" / "3.11", target=JAVA)) == ["lib/a.py", "lib/b.gen.py"]


def test_python_coding_declaration_is_honoured(tmp_path):
    text = "#!/usr/bin/env python\n# -*- coding: koi8-r -*-\nGREETING = 'Привет'\n"
    write(tmp_path, "old.py", text.encode("koi8-r"))
    (source,) = walk(tmp_path, target=JAVA).files
    assert source.text == text and source.encoding == "koi8-r"
    assert python_coding(b"import os\n# coding: latin-1\n") is None  # too late: after code
    assert python_coding(b"# vim: set fileencoding=nonsense :\n") is None

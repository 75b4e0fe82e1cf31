"""Run the real entry point in-process and capture what a user would see."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def migrate(capsys, monkeypatch):
    from migrate.cli import main

    def run(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["migrate", *map(str, args)])
        with pytest.raises(SystemExit) as exc:
            main()
        captured = capsys.readouterr()
        return Result(int(exc.value.code or 0), captured.out, captured.err)

    return run


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and link under root with a hash of its bytes (or link target)."""
    digest = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            digest[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            digest[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest[rel] = "dir"
    return digest


@pytest.fixture
def digest():
    return tree_digest

"""Unified diffs of what a run would create or change in the output folder.

The patch uses git's format with paths relative to the output folder's parent, so
`git apply PATCH` run in that parent creates or updates exactly those files.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from migrate.units import OutputFile


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def output_patch(out: Path, outputs: Sequence[OutputFile]) -> str:
    """The patch taking the output folder from its present state to the run's output."""
    chunks: list[str] = []
    for output in outputs:
        rel = f"{out.name}/{output.path}"
        old = _current(out / output.path)
        if old == output.text:
            continue
        new_lines = output.text.splitlines(keepends=True)
        old_lines = old.splitlines(keepends=True) if old is not None else []
        header = [f"diff --git a/{rel} b/{rel}\n"]
        if old is None:
            header.append("new file mode 100644\n")
        body = list(
            difflib.unified_diff(
                old_lines, new_lines,
                fromfile="/dev/null" if old is None else f"a/{rel}", tofile=f"b/{rel}", n=3,
            )
        )
        fixed = []
        for line in body:
            fixed.append(line)
            if not line.endswith("\n"):  # mark a missing final newline the way git does
                fixed[-1] = line + "\n"
                fixed.append("\\ No newline at end of file\n")
        chunks.append("".join(header + fixed))
    return "".join(chunks)

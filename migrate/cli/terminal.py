"""All terminal output goes through here: results to stdout, status and progress to stderr.

When a stream is not a terminal (a pipe, a CI log, a test) output is plain: no colour,
no cursor movement, no progress animation.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.syntax import Syntax
from rich.table import Table


class Terminal:
    def __init__(self, *, debug: bool = False) -> None:
        self.debug = debug
        # Pipes and CI logs get wide, plain tables instead of ones squeezed to 80 columns.
        self.out = Console(file=sys.stdout, highlight=False, soft_wrap=True,
                           width=None if sys.stdout.isatty() else 160)
        self.err = Console(file=sys.stderr, highlight=False, soft_wrap=True,
                           width=None if sys.stderr.isatty() else 160)

    # status lines --------------------------------------------------------------------
    def info(self, message: str) -> None:
        self.err.print(message, markup=False)

    def warn(self, message: str) -> None:
        self.err.print(f"[bold yellow]warning:[/] {_escape(message)}")

    def error(self, message: str) -> None:
        self.err.print(f"[bold red]error:[/] {_escape(message)}")

    # results ---------------------------------------------------------------------------
    def table(self, table: Table) -> None:
        self.out.print(table)

    def diff(self, patch: str) -> None:
        if self.out.is_terminal:
            self.out.print(Syntax(patch, "diff", theme="ansi_dark", background_color="default"))
        else:
            sys.stdout.write(patch)
            sys.stdout.flush()

    def progress(self) -> StageProgress:
        return StageProgress(self.err)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class StageProgress:
    """The pipeline's `Progress`: one bar per stage, on stderr, only on a terminal."""

    def __init__(self, console: Console) -> None:
        self._enabled = console.is_terminal
        self._bar = Progress(
            TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console, transient=False, disable=not self._enabled,
        )
        self._task = None

    def __enter__(self) -> StageProgress:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.__exit__(*exc)

    def stage(self, name: str, total: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[-1].total)
        self._task = self._bar.add_task(name, total=max(total, 1))
        if total == 0:
            self._bar.update(self._task, completed=1)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, n)

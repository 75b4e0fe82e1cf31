"""Incremental re-runs: a function whose inputs did not change keeps its last outcome.

An outcome is reused when its key is unchanged: the function's whole file (callees and
imports live there), the names of every function in the run (cross-file calls), the
engine and model identity, the settings that shape translation and verification, and a
hash of the product's own source, so upgrading migrate invalidates everything.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path

from migrate import __version__
from migrate.atomic import write_atomic_bytes
from migrate.units import Function, Outcome

CACHE_FOLDER = ".migrate-cache"


@functools.cache
def product_fingerprint() -> str:
    """A hash of the package's own source files."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_identity(engine: str, model: Path | None) -> str:
    """The engine name, plus the model file's path, size and time when a model is used."""
    if engine in ("transcoder", "auto") and model is None:
        from migrate.engines import DEFAULT_MODEL

        model = DEFAULT_MODEL if DEFAULT_MODEL.is_file() else None
    if model is None:
        return engine
    stat = model.stat()
    return f"{engine}:{model.resolve()}:{stat.st_size}:{int(stat.st_mtime)}"


class OutcomeCache:
    """Outcomes of a previous run, one pickle per function key, inside the output folder."""

    def __init__(self, out: Path, run_identity: str, file_texts: dict[str, str], all_ids: list[str]) -> None:
        self.folder = out / CACHE_FOLDER
        ids = hashlib.sha256("\n".join(sorted(all_ids)).encode()).hexdigest()
        self._base = f"{product_fingerprint()}\0{run_identity}\0{ids}"
        self._files = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in file_texts.items()}

    def key(self, function: Function) -> str:
        text = f"{self._base}\0{function.id}\0{self._files.get(function.file, '')}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def get(self, function: Function) -> Outcome | None:
        path = self.folder / f"{self.key(function)}.pickle"
        try:
            with path.open("rb") as handle:
                outcome = pickle.load(handle)  # our own file, in the user's output folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        return outcome if isinstance(outcome, Outcome) and outcome.function == function else None

    def put(self, outcome: Outcome) -> None:
        write_atomic_bytes(self.folder / f"{self.key(outcome.function)}.pickle", pickle.dumps(outcome))

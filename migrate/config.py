"""One settings object for a run, from CLI flags and the scanned repository's config.

The repository may carry defaults in `migrate.toml` (top level) or in `[tool.migrate]` of its
`pyproject.toml`; flags given on the command line win. Everything is validated here, once,
so later stages can trust the values.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from migrate.errors import ConfigError
from migrate.units import Language

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ENGINE_NAMES = ("auto", "rules", "transcoder")
SANDBOX_MODES = ("auto", "required", "off")
DEFAULT_MAX_BYTES = 1_000_000

# Keys a repository's config file may set, with the type each must have.
_FILE_KEYS: dict[str, type | tuple[type, ...]] = {
    "include": list,
    "exclude": list,
    "engine": str,
    "tests": int,
    "max_file_bytes": int,
    "fail_under": (int, float),
    "sandbox": str,
    "float_tolerance": (int, float),
}


@dataclass(frozen=True)
class Settings:
    src: Path
    target: Language
    sources: frozenset[Language]  # languages to translate from
    out: Path | None = None  # None only with --dry-run and no default possible
    dry_run: bool = False
    diff_out: Path | None = None
    report: Path | None = None
    junit: Path | None = None
    engine: str = "auto"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_file_bytes: int = DEFAULT_MAX_BYTES
    verify: bool = True
    incremental: bool = True  # reuse outcomes of unchanged functions from the output's cache
    tests: int = 20
    seed: int = 0
    fail_under: float | None = None
    float_tolerance: float = 1e-6  # relative, for float results compared with the original's
    sandbox: str = "auto"
    # neural engine
    model: Path | None = None
    bpe_codes: Path | None = None
    beam: int = 1
    device: str = "auto"
    batch_tokens: int = 4000

    @property
    def report_path(self) -> Path | None:
        """Where the JSON report goes: as named, else inside the output (not on a dry run)."""
        if self.report is not None:
            return self.report
        if self.dry_run or self.out is None:
            return None
        return self.out / "migrate-report.json"


def read_repo_config(src: Path) -> dict:
    """Defaults from `migrate.toml` or `pyproject.toml [tool.migrate]` at the top of SRC."""
    root = src if src.is_dir() else src.parent
    for name, section in (("migrate.toml", None), ("pyproject.toml", ("tool", "migrate"))):
        path = root / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
        for key in section or ():
            data = data.get(key, {})
        if not data:
            continue
        for key, value in data.items():
            expected = _FILE_KEYS.get(key)
            if expected is None:
                raise ConfigError(
                    f"{path}: unknown setting {key!r}; known: {', '.join(sorted(_FILE_KEYS))}"
                )
            if not isinstance(value, expected):
                raise ConfigError(f"{path}: setting {key!r} has the wrong type")
        return data
    return {}


def merge_repo_config(settings: Settings, given: set[str]) -> Settings:
    """Fill the settings the user did not give on the command line from the repo's config."""
    config = read_repo_config(settings.src)
    updates = {k: v for k, v in config.items() if k not in given}
    for key in ("include", "exclude"):
        if key in updates:
            updates[key] = tuple(str(v) for v in updates[key])
    for key in ("fail_under", "float_tolerance"):
        if key in updates:
            updates[key] = float(updates[key])
    return validate(replace(settings, **updates)) if updates else validate(settings)


def validate(settings: Settings) -> Settings:
    if settings.engine not in ENGINE_NAMES:
        raise ConfigError(f"unknown engine {settings.engine!r}; choose one of {ENGINE_NAMES}")
    if settings.sandbox not in SANDBOX_MODES:
        raise ConfigError(f"unknown sandbox mode {settings.sandbox!r}; choose one of {SANDBOX_MODES}")
    if settings.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    if settings.tests < 1:
        raise ConfigError("--tests must be at least 1")
    if settings.max_file_bytes < 1:
        raise ConfigError("max_file_bytes must be positive")
    if settings.fail_under is not None and not 0.0 <= settings.fail_under <= 1.0:
        raise ConfigError("--fail-under is a share between 0 and 1 (e.g. 0.9)")
    if not settings.float_tolerance >= 0:
        raise ConfigError("--float-tolerance must be a relative tolerance >= 0 (e.g. 1e-6)")
    if settings.beam < 1:
        raise ConfigError("--beam must be at least 1")
    if not settings.sources:
        raise ConfigError("no source language selected")
    return settings

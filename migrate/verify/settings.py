"""The knobs of verification, in one frozen value the pipeline builds from flags."""

from __future__ import annotations

import os
from dataclasses import dataclass

SANDBOX_MODES = ("auto", "required", "off")


@dataclass(frozen=True)
class VerifySettings:
    """How hard and how safely candidates are tested.

    `engine_order` breaks ties in `select`: among candidates with the same test result,
    the engine listed first wins (rules before transcoder by default, because a
    syntax-directed translation that passes is easier to trust than a sampled one).
    """

    tests: int = 20  # usable inputs per function (`--tests N`)
    seed: int = 0
    float_rel_tol: float = 1e-6
    float_abs_tol: float = 1e-9  # for values near zero, where a relative bound means nothing
    test_timeout: float = 2.0  # seconds one call may take before the runner kills it
    startup_timeout: float = 10.0  # extra allowance for the first call (JVM start, imports)
    compile_timeout: float = 120.0  # seconds for one compiler run of one batch
    batch_timeout: float = 300.0  # seconds for one run of one batch's harness, all tests
    sandbox: str = "auto"  # "auto" | "required" | "off"
    jobs: int = 0  # concurrent batches; 0 = every core
    batch_size: int = 64  # functions (or candidates) per compilation unit
    max_raising: int = 2  # inputs on which the original raises that are kept, per function
    engine_order: tuple[str, ...] = ("rules", "transcoder")
    memory_mb: int = 512  # address-space limit of a harness process (C++ and Python)

    def __post_init__(self) -> None:
        from migrate.errors import ConfigError

        if self.sandbox not in SANDBOX_MODES:
            raise ConfigError(
                f"sandbox must be one of {', '.join(SANDBOX_MODES)}, not {self.sandbox!r}"
            )
        if self.tests < 1:
            raise ConfigError(f"--tests must be at least 1, not {self.tests}")
        if self.jobs < 0:
            raise ConfigError(f"jobs must be 0 (every core) or more, not {self.jobs}")
        if self.batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {self.batch_size}")
        if self.float_rel_tol < 0 or self.test_timeout <= 0:
            raise ConfigError("tolerance must be >= 0 and the test timeout > 0")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

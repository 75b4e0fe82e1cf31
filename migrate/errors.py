"""One error tree: a class per stage, user errors apart from tool failures.

Failures of one function are values (see `units.Outcome`), never exceptions; these
classes are for what stops a whole run.
"""


class MigrateError(Exception):
    """Base of every error the tool raises on purpose; the message is for the user."""


class UserError(MigrateError):
    """Bad arguments or input the user can fix (exit code 2)."""


class ConfigError(UserError):
    """Invalid settings from flags or a config file."""


class WalkError(UserError):
    """SRC is missing or unreadable."""


class OutputError(MigrateError):
    """The output folder or a named output file cannot be written."""


class ToolchainError(MigrateError):
    """A compiler or runtime the run needs is missing or broken."""


class EngineError(MigrateError):
    """An engine cannot start at all (e.g. its model file is missing or corrupt)."""


class SandboxError(MigrateError):
    """The sandbox was required and cannot be provided."""

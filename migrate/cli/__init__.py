"""The command-line interface: a click group, one module per command.

Only this package imports click and rich. Heavy modules (tree-sitter, torch) are imported
inside the commands, so `migrate --help` is instant.
"""

from __future__ import annotations

import enum
import sys

import click

from migrate import __version__


class Exit(enum.IntEnum):
    """Named exit codes."""

    OK = 0  # every function met the bar
    SHORTFALL = 1  # some functions were not migrated / verified
    TOOL_ERROR = 2  # bad arguments, unreadable SRC, unwritable output, a bug


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: migrate translate ./legacy --to java --out ./legacy-java",
)
@click.version_option(__version__, prog_name="migrate")
@click.option("--debug", is_flag=True, help="Show tracebacks for tool errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Move legacy code between Python, Java and C++, and prove what was moved.

    Each function is translated, compiled and unit-tested against the original; a report
    says, function by function, what compiled, what passed and why anything did not.
    """
    ctx.obj = {"debug": debug}


def _register() -> None:
    from migrate.cli.eval import eval_command
    from migrate.cli.translate import translate

    cli.add_command(translate)
    cli.add_command(eval_command)

    from migrate.cli.corpus import corpus_command
    from migrate.cli.train import train_command

    cli.add_command(corpus_command)
    cli.add_command(train_command)


_register()


def main() -> None:
    """Console entry point with the one top-level error handler."""
    from migrate.errors import MigrateError

    debug = "--debug" in sys.argv
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(Exit.TOOL_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(Exit.TOOL_ERROR)
    except MigrateError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.TOOL_ERROR)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(Exit.TOOL_ERROR)
    except Exception:  # noqa: BLE001 - the last resort: say it is our bug, not the user's
        if debug:
            raise
        import traceback

        click.echo("error: migrate failed unexpectedly (run with --debug for the traceback):", err=True)
        click.echo(traceback.format_exc().splitlines()[-1], err=True)
        sys.exit(Exit.TOOL_ERROR)
    sys.exit(code if isinstance(code, int) else Exit.OK)

"""The command line: global options, then each command is a thin call into the layers.

Commands that need no terminal UI (validate, lint, cards, stats, ...) never import
Textual, so they start fast. Commands raise errors and never print them: any
`QuizappError`, and a failing progress file or user's file (sqlite3, OS errors), becomes
one located line on stderr and exit status 1 here, in `LazyGroup.invoke`.
"""

import importlib
from pathlib import Path
from typing import Any

import click

from quizapp import __version__
from quizapp.errors import QuizappError, error_line
from quizapp.paths import Settings, bundled_decks_dir, default_db_path

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Each command lives in its own module, imported only when that command runs,
# so that `quizapp` alone reaches the app's first frame without loading them.
COMMANDS = {
    "validate": "quizapp.commands.deck:validate",
    "deck": "quizapp.commands.deck:deck_group",
    "lint": "quizapp.commands.generate:lint",
    "cards": "quizapp.commands.generate:cards",
    "explain": "quizapp.commands.generate:explain",
    "new": "quizapp.commands.deck:new",
    "stats": "quizapp.commands.progress:stats",
    "db": "quizapp.commands.progress:db",
    "config": "quizapp.commands.config:config",
    "schedule": "quizapp.commands.schedule:schedule",
    "optimize": "quizapp.commands.optimize:optimize",
    "forecast": "quizapp.commands.forecast:forecast",
    "quiz": "quizapp.commands.quiz:quiz",
    "results": "quizapp.commands.quiz:results",
    "report": "quizapp.commands.quiz:report",
    "export": "quizapp.commands.export:export",
    "import": "quizapp.commands.imports:import_group",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use, and whose every output
    (click's own messages and file names included) shows control characters as text."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # click's own signature
        from quizapp.terminal import visible_output

        with visible_output():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an error quizapp expects is one line on stderr and exit 1."""
        try:
            return super().invoke(ctx)
        except Exception as error:
            settings = ctx.find_object(Settings)
            line = error_line(error, settings.db_path if settings else default_db_path())
            if line is None:
                raise  # a bug: its traceback is what a report needs
            click.echo(f"quizapp: {line}", err=True)
            ctx.exit(1)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


def _no_decks_folder(ctx: click.Context, decks_dir: Path) -> QuizappError:
    """The --decks folder is missing or a file: which, and where it came from."""
    given = ctx.get_parameter_source("decks_dir")
    source = "QUIZAPP_DECKS" if given is click.core.ParameterSource.ENVIRONMENT else "--decks"
    what = "not a folder" if decks_dir.exists() else "no such folder"
    return QuizappError(f"{what} (the decks folder given by {source}).", path=decks_dir)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="QUIZAPP_DB",
    show_envvar=True,
    help="Progress file (SQLite). Default: progress.sqlite3 in your user data directory.",
)
@click.option(
    "--decks",
    "decks_dir",
    type=click.Path(path_type=Path),  # checked in main: a located message and exit 1
    envvar="QUIZAPP_DECKS",
    show_envvar=True,
    help="Folder of decks to study. Default: the decks bundled with quizapp.",
)
@click.version_option(__version__, "--version", prog_name="quizapp")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, decks_dir: Path | None) -> None:
    """Learn clinical medicine in the terminal.

    Run without a command to open the study app on your decks. Instructors
    check and preview decks with `validate`, `lint` and `cards`. Each command's
    --help says more.

    \b
    Example:
      quizapp                      # study the bundled decks
      quizapp --decks ~/decks      # study your own decks
      quizapp validate ~/decks/iim
    """
    if decks_dir is not None and not decks_dir.is_dir():  # a typo, not an empty library
        raise _no_decks_folder(ctx, decks_dir)
    ctx.obj = Settings(
        db_path=db_path or default_db_path(),
        decks_dir=decks_dir or bundled_decks_dir(),
    )
    if ctx.invoked_subcommand is None:
        from quizapp.commands.app import run_app

        run_app(ctx.obj)

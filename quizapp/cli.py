"""The command line: each command is a thin call into the layers."""

import click


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """quizapp."""

"""Every command's --help explains with an example and fits an 80-column terminal."""

import re

import click
import pytest
from click.testing import CliRunner

from quizapp.cli import main


def _commands(group: click.Group, path: list[str]):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield [*path, name]
        if isinstance(command, click.Group):
            yield from _commands(command, [*path, name])


COMMANDS = [[], *_commands(main, [])]


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "quizapp" for p in COMMANDS])
def test_help_has_an_example_and_fits_80_columns(path):
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert re.search(r"Examples?:\n +quizapp", result.output)
    too_long = [line for line in result.output.splitlines() if len(line) > 80]
    assert not too_long

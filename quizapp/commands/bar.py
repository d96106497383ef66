"""The progress bar of long commands (exports, imports): on stderr, for large jobs only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click


@contextmanager
def progress_bar(count: int, label: str, minimum: int) -> Iterator[Callable[[int], None] | None]:
    """A bar for `count` steps (click shows only the label when stderr is not a terminal);
    None below `minimum` steps, where the work is done before a bar could be read."""
    if count < minimum:
        yield None
        return
    from quizapp.terminal import own_stderr  # the bar's \r and cursor codes, not data

    with click.progressbar(length=count, label=label, file=own_stderr()) as bar:
        yield bar.update

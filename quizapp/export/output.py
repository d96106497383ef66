"""Writing an export file through quizapp.output (one set of rules for every output path),
with the one rule exports add: only a file of the export's own type is ever replaced."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from quizapp.output import OutputError, check_output, write_output


class ExportError(Exception):
    """An export that cannot be made; the message says where and what."""


def check_target(path: Path, suffixes: tuple[str, ...], force: bool) -> None:
    """Refuse a target we must not write: wrong type, or what `check_output` refuses.

    The suffix check is what keeps `--force` from replacing a file an export did not make.
    """
    if path.suffix.lower() not in suffixes:
        wanted = " or ".join(suffixes)
        raise ExportError(f"{path}: the output file must end in {wanted}")
    try:
        check_output(path, force=force)
    except OutputError as error:
        raise ExportError(str(error)) from None


def write_atomically(path: Path, force: bool, write: Callable[[Path], None]) -> None:
    """Let `write` fill a scratch file (libraries such as genanki write to a path), then
    write its bytes to `path` atomically, checking the target again just before."""
    with tempfile.TemporaryDirectory(prefix=".quizapp-export-", dir=path.parent) as scratch:
        temporary = Path(scratch) / path.name
        try:
            write(temporary)
            write_output(path, temporary.read_bytes(), force=force)
        except OutputError as error:
            raise ExportError(str(error)) from None
        except OSError as error:
            raise ExportError(f"{path}: cannot write: {error.strerror or error}") from None

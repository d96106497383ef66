"""Writing an export file through quizapp.output (one set of rules for every output path),
with the one rule exports add: only a file of the export's own type is ever replaced.
`-o -` writes a text format (CSV, Moodle XML, GIFT) to standard output; a binary package
(.apkg, .zip) is refused there, as it would garble a terminal and is no use in a pipe."""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Callable
from pathlib import Path

from quizapp.errors import QuizappError
from quizapp.output import STDOUT, OutputError, check_output, is_stdout, write_output

TEXT_SUFFIXES = (".csv", ".xml", ".gift", ".txt")


class ExportError(QuizappError):
    """An export that cannot be made; the message says where and what."""


def check_target(path: Path, suffixes: tuple[str, ...], force: bool) -> None:
    """Refuse a target we must not write: wrong type, or what `check_output` refuses.

    The suffix check is what keeps `--force` from replacing a file an export did not make.
    """
    if is_stdout(path):
        if not set(suffixes) & set(TEXT_SUFFIXES):
            raise ExportError(
                f"-o -: this export is a binary {' or '.join(suffixes)} file; standard output "
                "takes the text formats (csv, lms --format moodle or gift). Give a file name."
            )
        return
    if path.suffix.lower() not in suffixes:
        wanted = " or ".join(suffixes)
        raise ExportError(f"{path}: the output file must end in {wanted}")
    try:
        check_output(path, force=force)
    except OutputError as error:
        raise ExportError(str(error)) from None


def write_atomically(path: Path, force: bool, write: Callable[[Path], None]) -> None:
    """Let `write` fill a scratch file (libraries such as genanki write to a path), then
    write its bytes to `path` atomically, checking the target again just before; for `-`,
    to standard output (without the byte order mark a CSV file carries for Excel)."""
    folder = None if is_stdout(path) else path.parent
    with tempfile.TemporaryDirectory(prefix=".quizapp-export-", dir=folder) as scratch:
        temporary = Path(scratch) / ("export" if folder is None else path.name)
        try:
            write(temporary)
            data = temporary.read_bytes()
            if folder is None:
                write_output(STDOUT, data.removeprefix(codecs.BOM_UTF8))
            else:
                write_output(path, data, force=force)
        except OutputError as error:
            raise ExportError(str(error)) from None
        except OSError as error:
            raise ExportError(f"{path}: cannot write: {error.strerror or error}") from None

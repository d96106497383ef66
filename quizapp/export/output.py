"""Writing an export file: checked target, whole file or nothing, no silent overwrite."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from quizapp.output import OutputError, check_output


class ExportError(Exception):
    """An export that cannot be made; the message says where and what."""


def check_target(path: Path, suffixes: tuple[str, ...], force: bool) -> None:
    """Refuse a target we must not write: wrong type, a folder, missing folder, or existing.

    The suffix check is what keeps `--force` from replacing a deck or any other file that
    an export did not make: only files of the export's own type are ever replaced.
    """
    if path.suffix.lower() not in suffixes:
        wanted = " or ".join(suffixes)
        raise ExportError(f"{path}: the output file must end in {wanted}")
    try:  # issue 17: only regular files, no links, never a database or a deck, even forced
        check_output(path, force=True)  # an existing file without --force: refused below
    except OutputError as error:
        raise ExportError(str(error)) from None
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"{path}: folder {parent} does not exist")
    if path.exists() and not force:
        raise ExportError(f"{path}: already exists; use --force to replace it")


def write_atomically(path: Path, force: bool, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temporary file beside `path`, then move it into place.

    Without `force` the move cannot replace a file that appeared meanwhile (a hard link
    fails on an existing name); with it, the replacement is atomic.
    """
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        temporary.open("xb").close()  # ours alone; created with the user's usual permissions
        write(temporary)
        if force:
            os.replace(temporary, path)
        else:
            _move_without_replacing(temporary, path)
    except FileExistsError:
        raise ExportError(f"{path}: already exists; use --force to replace it") from None
    except OSError as error:
        raise ExportError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        temporary.unlink(missing_ok=True)


def _move_without_replacing(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then move
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)

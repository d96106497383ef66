"""Where a command may write a file, and writing it there without ever losing one.

Every command with an output path (`results export`, `report -o`, `db backup`, imports
into a class folder, and new exporters) goes through `check_output` / `write_output`:

- `-` means standard output; nothing is written to disk.
- The target is a new path or an existing *regular* file. A folder, FIFO, device or
  socket is refused: `os.replace` would swap a device node for a plain file, and opening
  a FIFO blocks.
- A symbolic link is refused, never followed: the message names the file it points to, so
  the user can give that path if it is what they mean. Following links silently would let
  a link left in a shared folder redirect a write onto the progress file or a deck.
- Some files are never written, not even with `--force`: the progress file and its
  `-wal`/`-shm`/`-journal`, any SQLite database, a deck (`.yaml`/`.yml`) and the files
  the command is reading. "The same file" is decided by device and inode, so a hard link
  or another spelling of the path is caught as well.
- Any other existing file is replaced only with `--force`.
- The write is atomic: a temporary file in the same folder, fsync, `os.replace`, fsync of
  the folder. A crash leaves the old file or the new one, never half of one; the replaced
  file keeps its permission bits.

This module imports only the standard library (and `quizapp.errors`), so every layer may
use it.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path

from quizapp.errors import QuizappError

__all__ = ["STDOUT", "OutputError", "check_output", "is_stdout", "write_output"]

STDOUT = "-"
SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
DECK_SUFFIXES = (".yaml", ".yml")

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputError(QuizappError):
    """An output path that must not be written; the message names the path and the reason."""


def is_stdout(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path) == STDOUT


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _kept_files(keep: Mapping[Path, str]) -> list[tuple[Path, str]]:
    """Each kept file and, for a database, its journal files beside it."""
    kept: list[tuple[Path, str]] = []
    for path, what in keep.items():
        path = Path(path)
        kept.append((path, what))
        kept += [
            (path.with_name(path.name + s), f"the journal of {what}") for s in SQLITE_COMPANIONS
        ]
    return kept


def _refuse_kept(target: Path, keep: Mapping[Path, str]) -> None:
    """The target is one of the files this command must keep (by inode, or by resolved path
    when it does not exist yet)."""
    target_id = _identity(target)
    target_real = os.path.realpath(target)
    for path, what in _kept_files(keep):
        same = (target_id is not None and target_id == _identity(path)) or (
            target_real == os.path.realpath(path)
        )
        if same:
            raise OutputError(f"{target} is {what}; quizapp will not write over it.")


def _refuse_sqlite_companion(target: Path) -> None:
    for suffix in SQLITE_COMPANIONS:
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            owner = target.with_name(target.name[: -len(suffix)])
            if owner.exists():
                raise OutputError(
                    f"{target} belongs to the database {owner} (its {suffix[1:]} file); "
                    "quizapp will not write over it."
                )


def _header(target: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(target, flags)
    except OSError:
        return b""
    try:
        return os.read(fd, len(SQLITE_HEADER))
    finally:
        os.close(fd)


def check_output(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    keep: Mapping[Path, str] | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
    exists_hint: str = "add --force to replace it",
) -> None:
    """Raise OutputError unless writing `path` is safe (see the module docstring).

    `keep` maps files this command must never write to what they are ("your progress
    file"); `inputs` are the files it reads; `exists_hint` ends the message for an existing
    file when `force` is false.
    """
    if is_stdout(path):
        return
    target = Path(path)
    kept = dict(keep or {})
    kept.update({Path(p): "a file this command is reading" for p in inputs})
    _refuse_kept(target, kept)
    _refuse_sqlite_companion(target)
    try:
        info = target.lstat()
    except FileNotFoundError:
        _check_folder(target)
        return
    except OSError as exc:
        raise OutputError(f"cannot use {target}: {exc.strerror}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"{target} is a symbolic link (to {os.readlink(target)}); quizapp does not write "
            "through links. Give the path of the file itself."
        )
    for test, what in _KINDS:
        if test(info.st_mode):
            raise OutputError(f"{target} is {what}, not a regular file; nothing was written.")
    if _header(target) == SQLITE_HEADER:
        raise OutputError(
            f"{target} already exists and is an SQLite database; quizapp will not write "
            "over it (not even with --force)."
        )
    if target.suffix.lower() in DECK_SUFFIXES:
        raise OutputError(
            f"{target} already exists and looks like a deck (YAML); quizapp will not write "
            "over it (not even with --force)."
        )
    if not force:
        raise OutputError(f"{target} already exists; {exists_hint}.")


def _check_folder(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist.")


def write_output(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    force: bool = False,
    keep: Mapping[Path, str] | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Check `path` (see `check_output`), then write `data` atomically, or to stdout for `-`.

    Text is written as UTF-8 exactly as given (no newline translation).
    """
    check_output(path, force=force, keep=keep, inputs=inputs)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if is_stdout(path):  # as text, so it passes through quizapp.terminal on its way
        sys.stdout.write(raw.decode("utf-8", errors="replace"))
        sys.stdout.flush()
        return
    replace_atomically(Path(path), raw)


def _mode_for(target: Path) -> int:
    """The replaced file's permission bits, or what a new file gets under the umask."""
    with suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def replace_atomically(target: Path, raw: bytes) -> None:
    """Temporary file beside the target, fsync, os.replace, fsync of the folder."""
    mode = _mode_for(target)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise OutputError(
            f"cannot write {target}: {exc.strerror or exc}; it was not changed."
        ) from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):  # not possible on every platform; the rename itself is atomic
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

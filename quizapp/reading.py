"""Reading a file quizapp was given, without blocking and without reading without end.

A path can name a FIFO (reading it waits for a writer that may never come), a device such
as /dev/zero (it never ends) or a regular file swapped for either after a check. So the
file is opened non-blocking and checked with fstat on the open descriptor, the object
actually read, and at most a given number of bytes is read.
"""

import os
import stat
from pathlib import Path

from quizapp.errors import QuizappError


class NotRegularFile(QuizappError):
    """The path names no regular file (a folder, FIFO, device, socket); nothing was read."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__("not a regular file", path=path)
        self.mode = mode

    @property
    def is_folder(self) -> bool:
        return stat.S_ISDIR(self.mode)


def read_start(path: str | os.PathLike[str], size: int) -> bytes:
    """At most `size` bytes from the start of a regular file; NotRegularFile otherwise.

    Pass one byte more than a limit to learn whether a file is over it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(Path(path), mode)
        return handle.read(size)

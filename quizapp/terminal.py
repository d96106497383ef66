"""Text on its way to a terminal: control characters are shown, never executed.

Deck text, results files, file names and database contents are data. A terminal executes
some characters in them (ESC starts a sequence that can clear the screen, set the window
title, or plant a hyperlink; C1 characters such as U+009B do the same on some terminals;
a lone carriage return overwrites the line). Everything quizapp prints passes through here:

- the command line writes through `VisibleStream`, which `quizapp.cli` puts around stdout
  and stderr for the whole run; a control character becomes `\\u001b`-style text (valid
  inside JSON strings too, so `--format json` stays parseable), a lone surrogate (from an
  undecodable file name) becomes `\\udcXX`;
- a progress bar (constant text) draws through `own_stderr()`, the stream underneath;
- the study app shows control characters as Unicode control pictures (U+241B for ESC),
  one cell wide, through a Textual line filter (`quizapp.tui.visible_filter`).

Kept as they are: newline, tab, and a carriage return directly before a newline (CSV rows
end in CRLF).

Standard library only, so every layer may use it.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["VisibleStream", "has_unprintable", "own_stderr", "picture", "visible", "visible_output"]

# C0 except tab and newline, DEL, C1, lone surrogates; a CR not followed by a newline
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]|\r(?!\n)")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def has_unprintable(text: str) -> bool:
    """Whether `visible` or `picture` would change the text."""
    return _UNPRINTABLE.search(text) is not None


def visible(text: str) -> str:
    """Control characters (and lone surrogates) as `\\u001b`-style text."""
    return _UNPRINTABLE.sub(_escape, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400..U+241F: NUL ... US, e.g. U+241B for ESC
    if code == 0x7F:
        return "\u2421"  # DELETE
    return "\ufffd"  # C1 and lone surrogates have no picture of their own


def picture(text: str) -> str:
    """Control characters as one-cell Unicode control pictures (for the study app)."""
    return _UNPRINTABLE.sub(_picture, text)


class VisibleStream(io.TextIOBase):
    """A text stream that writes `visible(text)` to the stream it wraps.

    It has no `buffer`, so nothing (click included) can go around it with bytes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None)

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def own_stderr() -> TextIO:
    """The terminal's stderr itself, for quizapp's own control sequences (a progress bar's
    carriage returns and cursor codes), which `VisibleStream` would show as text. Only
    constant text may pass here: never a deck string, a file name or a results value."""
    stream = sys.stderr
    return stream.wrapped if isinstance(stream, VisibleStream) else stream


@contextmanager
def visible_output() -> Iterator[None]:
    """stdout and stderr through `VisibleStream` for the duration (restored after)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = VisibleStream(sys.stdout)
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved

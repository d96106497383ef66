"""Frames as the terminal gets them: when, what text, and in which layout.

A keypress should reach the screen as one frame with the new content laid out; these
helpers find that frame (the study tests and the key-to-frame benchmark share them).
"""

import time
from collections.abc import Callable

from textual.app import App

Layout = tuple[tuple[str, str, tuple[int, int, int, int]], ...]


def laid_out(app: App) -> Layout:
    """Where every visible widget of the current screen sits, by kind and id: two frames
    with the same value show the same layout (the text is checked separately)."""
    placed = app.screen._compositor.visible_widgets
    return tuple(
        sorted((type(w).__name__, w.id or "", tuple(region)) for w, (region, _) in placed.items())
    )


def record_frames(app: App, text: Callable[[], str]) -> list[tuple[float, str, Layout]]:
    """Each frame handed to the (headless) driver: when (rendering done), the text that
    identifies what it shows (`text`), and its layout."""
    frames: list[tuple[float, str, Layout]] = []
    display = app._display

    def timed_display(screen, renderable):
        frames.append((time.perf_counter(), text(), laid_out(app)))
        return display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    return frames


def to_laid_out_frame(
    app: App, frames: list[tuple[float, str, Layout]], posted: float, text: str
) -> tuple[float, int]:
    """Seconds from the key to the first frame that shows `text` in the layout the screen
    settles in (the layout now, after the key's work and what it queued has run), and how
    many frames were drawn after the key up to and including that one."""
    final = laid_out(app)
    after = [f for f in frames if f[0] >= posted]
    for count, (moment, shown, layout) in enumerate(after, start=1):
        if shown == text and layout == final:
            return moment - posted, count
    raise AssertionError(f"no frame showed {text!r} in its final layout")

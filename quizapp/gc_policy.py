"""When Python's cyclic garbage collector may run.

Loading a deck allocates hundreds of thousands of objects and frees almost none, so the
collector's passes over them during a load are pure cost (most of validation time on a
large deck). After loading, the loaded objects live as long as the app: `freeze_loaded`
moves them out of the collector's sight; once the app's first screen shows,
`freeze_started` does the same for the app itself (Textual's stylesheet, the home screen),
and again for the study screen when it first shows, so a full collection during study
walks only what study allocated. Frozen objects are still freed by reference counting;
only reference cycles among them would stay, so only what lives as long as the process
is frozen: the app builds its one study screen once and reuses it (`quizapp.tui.app`),
never a screen that is rebuilt on each visit.

Standard library only, so every layer may use it.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # how many `paused_gc` blocks are open, in any thread
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """No collection inside the block (nested or in several threads at once); the
    collector is enabled again when the last block ends, if it was enabled before."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def freeze_loaded() -> None:
    """Exempt every object alive now from later collections: after loading they are the
    app's long-lived data (modules, decks, cards). No collection first: a full one takes
    tens of milliseconds, and what little garbage loading left is kept, not walked."""
    gc.freeze()


def freeze_started() -> None:
    """Exempt the started app (and everything else alive) from later collections. The
    young generations go first: they hold start-up's short-lived garbage, and walking
    them takes well under a millisecond, unlike a full collection."""
    gc.collect(1)
    gc.freeze()

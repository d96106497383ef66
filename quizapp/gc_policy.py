"""When Python's cyclic garbage collector may run.

Loading a deck allocates hundreds of thousands of objects and frees almost none, so the
collector's passes over them during a load are pure cost (most of validation time on a
large deck). After loading, the loaded objects live as long as the app: `freeze_loaded`
moves them out of the collector's sight, so a full collection during study only walks
what study allocates, and its pauses stay short.

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

"""The keys that choose an option: its letter. Hand-written items have up to 8 options
(A-H), so the range a screen shows ("a-f") follows the item on it."""

from __future__ import annotations

LETTERS = "abcdefgh"


def letter_range(count: int) -> str:
    """'a-f' for six options; the whole range when the count is not known (0)."""
    count = count or len(LETTERS)
    return "a" if count == 1 else f"a-{LETTERS[count - 1]}"

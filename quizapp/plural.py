"""Counts in words, plural right: "1 card", "2 cards" (used by the app and the commands)."""


def plural(count: int, one: str, many: str | None = None) -> str:
    """`count` with the noun that agrees with it; `many` for an irregular plural."""
    return f"{count} {one if count == 1 else many or one + 's'}"

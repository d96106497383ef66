"""References to another deck's entities (format 2 `deck:entity` in a relation's `from` or
`to`): a deck alone cannot check them, so they are checked when the decks are loaded
together, each with a located error naming the missing deck or entity."""

from collections.abc import Iterable

from quizapp.deck.errors import Problem
from quizapp.deck.model import Deck, Link
from quizapp.deck.spec import Suggester


def check_links(decks: Iterable[Deck]) -> list[Problem]:
    """An error for each reference to a deck not loaded, or to an entity its deck lacks."""
    by_id = {deck.id: deck for deck in decks}
    problems = []
    for deck in by_id.values():
        for link in deck.links:
            message = _missing(by_id, link)
            if message:
                problems.append(Problem(link.loc, "error", message))
    return problems


def _missing(decks: dict[str, Deck], link: Link) -> str | None:
    other = decks.get(link.deck)
    ref = f"{link.deck}:{link.entity}"
    if other is None:
        loaded = ", ".join(sorted(decks)) or "none"
        return (
            f"{ref!r} names deck {link.deck!r}, which is not loaded (loaded: {loaded}); "
            "check it together with that deck"
        )
    if link.entity not in other.entities:
        hint = Suggester(other.entities).hint(link.entity)
        return f"deck {link.deck!r} has no entity {link.entity!r}{hint}"
    return None

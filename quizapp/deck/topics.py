"""`--topic` on the command line: a topic named by its id or by its title, in any deck."""

from collections.abc import Iterable

from quizapp.deck.model import Deck
from quizapp.errors import InvalidValue

TOPIC_HELP = (
    "Only cards of this topic: its title (as shown in the app, e.g. 'Myositis antibodies') "
    "or its id; an unknown one lists them all."
)


class UnknownTopic(InvalidValue):
    """A --topic that names no topic of the decks; the message lists what does."""


def match_topics(decks: Iterable[Deck], wanted: Iterable[str]) -> set[tuple[str, str]]:
    """The (deck id, topic id) pairs each wanted name means: a topic id or a title (either
    case-insensitive), in every deck that has it. UnknownTopic if one means nothing."""
    decks = list(decks)
    found: set[tuple[str, str]] = set()
    for name in wanted:
        key = name.strip().casefold()
        pairs = {
            (deck.id, topic.id)
            for deck in decks
            for topic in deck.topics.values()
            if key in (topic.id.casefold(), topic.title.casefold())
        }
        if not pairs:
            known = "; ".join(
                f"{topic.title} ({topic.id})" for deck in decks for topic in deck.topics.values()
            )
            raise UnknownTopic(
                f"--topic: no topic {name!r} in these decks (topics: {known or 'none'})"
            )
        found |= pairs
    return found

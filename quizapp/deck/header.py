"""What screens show of a deck without its model: title, version, topics, sources.

The progress file keeps it per deck (as JSON), so an unchanged deck is listed, studied and
its sources shown without loading the deck. It has the same attributes as the `Deck` it
came from for these fields, so a screen takes either.
"""

import json
from dataclasses import dataclass, field

from quizapp.deck.errors import Location
from quizapp.deck.model import Deck, Source, Topic


@dataclass(frozen=True)
class DeckHeader:
    id: str
    title: str
    version: str
    topics: dict[str, Topic] = field(default_factory=dict, hash=False)
    sources: dict[str, Source] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, deck: Deck) -> "DeckHeader":
        return cls(deck.id, deck.title, deck.version, dict(deck.topics), dict(deck.sources))

    def to_json(self) -> str:
        return json.dumps(
            [
                self.id,
                self.title,
                self.version,
                [[t.id, t.title, t.loc] for t in self.topics.values()],
                [[s.id, s.citation, s.loc, s.doi, s.pmid, s.url] for s in self.sources.values()],
            ],
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> "DeckHeader":
        """The header `to_json` wrote; ValueError or TypeError when the text is damaged."""
        deck_id, title, version, topics, sources = json.loads(text)
        return cls(
            deck_id,
            title,
            version,
            {t: Topic(t, name, Location(*loc)) for t, name, loc in topics},
            {
                s: Source(s, citation, Location(*loc), doi, pmid, url)
                for s, citation, loc, doi, pmid, url in sources
            },
        )

"""What the home screen lists: each loaded deck with today's counts and its topics.

The numbers come from the scheduler, so home shows exactly what a study session on that
deck would serve.
"""

from dataclasses import dataclass

from quizapp.srs.config import load_config
from quizapp.srs.session import Counts, StudySession
from quizapp.workspace.context import Workspace


@dataclass(frozen=True)
class DeckSummary:
    """One row of the home screen; `deck_id` None stands for all decks together."""

    deck_id: str | None
    title: str
    counts: Counts
    topics: tuple[str, ...] = ()


def summarise_decks(workspace: Workspace) -> list[DeckSummary]:
    """All decks first (daily limits apply across decks), then each deck by title."""
    library = workspace.library
    config = load_config(workspace.conn)
    deck_ids = sorted(library.decks, key=lambda d: library.decks[d].title.casefold())

    def counts(ids: list[str]) -> Counts:
        session = StudySession(workspace.conn, config, deck_ids=ids, clock=workspace.clock)
        return session.counts()

    rows = [DeckSummary(None, "All decks", counts(deck_ids))] if len(deck_ids) > 1 else []
    for deck_id in deck_ids:
        deck = library.decks[deck_id]
        topics = tuple(topic.title for topic in deck.topics.values())
        rows.append(DeckSummary(deck_id, deck.title, counts([deck_id]), topics))
    return rows

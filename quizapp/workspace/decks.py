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
    """One row of the home screen; `deck_id` None stands for all decks together.

    `held_by`: the day's limits that hold the row's counts below its decks' own ("new" or
    "review", each with its number), so home can say why "All decks" shows New 0 while a
    deck alone shows New 20: studied alone, a deck has a day's limit of its own, as in Anki.
    """

    deck_id: str | None
    title: str
    counts: Counts
    topics: tuple[str, ...] = ()
    held_by: tuple[tuple[str, int], ...] = ()


def summarise_decks(workspace: Workspace) -> list[DeckSummary]:
    """All decks first (daily limits apply across decks), then each deck by title."""
    library = workspace.library
    config = load_config(workspace.conn)
    deck_ids = sorted(library.decks, key=lambda d: library.decks[d].title.casefold())

    def session(ids: list[str]) -> StudySession:
        return StudySession(workspace.conn, config, deck_ids=ids, clock=workspace.clock)

    rows = []
    for deck_id in deck_ids:
        deck = library.decks[deck_id]
        topics = tuple(topic.title for topic in deck.topics.values())
        rows.append(DeckSummary(deck_id, deck.title, session([deck_id]).counts(), topics))
    if len(deck_ids) > 1:
        together = session(deck_ids)
        rows.insert(0, _all_decks(together.counts(), together.daily_limits(), rows))
    return rows


def _all_decks(counts: Counts, limits: tuple[int, int], decks: list[DeckSummary]) -> DeckSummary:
    """The "All decks" row, with the limits that make it less than the decks' sum."""
    new_limit, review_limit = limits
    held = (
        ("new", new_limit, counts.new, sum(d.counts.new for d in decks)),
        ("review", review_limit, counts.review, sum(d.counts.review for d in decks)),
    )
    held_by = tuple((name, limit) for name, limit, shown, alone in held if shown < alone)
    return DeckSummary(None, "All decks", counts, held_by=held_by)

"""Home's counts are what a study session started from that row serves, when the daily limit
for all decks together caps several decks (the first-time trial read "All decks: New 0" next
to "Metabolic: New 20" as a contradiction: a deck studied alone has a day's limit of its own,
as in Anki). Real decks, a real file, the real scheduler."""

import sqlite3
import tempfile
from pathlib import Path

from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.library import load_library, sync_library
from quizapp.paths import Settings
from quizapp.srs.config import load_config, save_deck_setting, save_setting
from quizapp.srs.session import Queue, StudySession
from quizapp.store.connection import open_store
from quizapp.workspace import Workspace
from quizapp.workspace.decks import summarise_decks
from tests.support.clock import Clock
from tests.support.decks import session_folder
from tests.support.paths import MINI_DECK, SMALL_DECK

DECKS = session_folder(MINI_DECK, SMALL_DECK)  # mini: 3 new cards; small: 189
LIBRARY = load_library(DECKS)


def new_cards_served(conn: sqlite3.Connection, deck_ids: list[str] | None, clock: Clock) -> int:
    """Study a copy of the file to the end of the day: how many new cards come up."""
    copy = sqlite3.connect(":memory:")
    conn.backup(copy)
    session = StudySession(copy, load_config(copy), deck_ids=deck_ids, clock=clock)
    served = 0
    while (entry := session.next_card()) is not None:
        served += entry.queue is Queue.NEW
        session.answer(entry.card_id, Rating.Easy)  # out of today's queue at once
    return served


@settings(max_examples=25, deadline=None)
@given(
    limit=st.integers(1, 6),
    studied=st.integers(0, 6),
    own=st.dictionaries(st.sampled_from(["mini", "small"]), st.integers(0, 5)),
)
def test_every_home_row_counts_the_new_cards_its_session_serves(limit, studied, own) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "progress.sqlite3"
        conn = open_store(db, synchronous="NORMAL")
        sync_library(conn, LIBRARY)
        save_setting(conn, "timezone", "UTC")
        save_setting(conn, "new_per_day", limit)
        # Answering a card buries its new siblings: counts, as Anki's, include them until
        # then. Off here, so what is tested is the limits alone.
        save_setting(conn, "bury_new", False)
        for deck_id, value in own.items():
            save_deck_setting(conn, "new_per_day", deck_id, value)
        clock = Clock()
        session = StudySession(conn, load_config(conn), deck_ids=["small"], clock=clock)
        for _ in range(studied):  # the day so far: new cards of one deck
            if (entry := session.next_card()) is not None:
                session.answer(entry.card_id, Rating.Good)
        workspace = Workspace(Settings(db_path=db, decks_dir=DECKS), conn, LIBRARY, clock)
        rows = summarise_decks(workspace)
        assert [row.deck_id for row in rows][0] is None  # "All decks" first
        assert {row.deck_id for row in rows[1:]} == {"mini", "small"}
        for row in rows:
            selection = None if row.deck_id is None else [row.deck_id]
            assert row.counts.new == new_cards_served(conn, selection, clock), row
        together, *alone = rows
        capped = together.counts.new < sum(row.counts.new for row in alone)
        assert (("new", limit) in together.held_by) == capped, together
        assert all(not row.held_by for row in alone)
        conn.close()

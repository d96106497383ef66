"""Deck sync: insert, update, retire, unretire; progress and history survive."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from quizapp.store.sync import CardRecord, DeckInfo, sync_deck

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
DECK = DeckInfo("iim", "Idiopathic inflammatory myopathies", "1")


def records(n: int, deck: str = "iim") -> list[CardRecord]:
    return [
        CardRecord(f"{deck}:basic:{i}", deck, "basic", f"topic{i % 3}", f"h{i}", f"ent{i // 2}")
        for i in range(n)
    ]


def row(conn, card_id: str) -> tuple:
    return conn.execute(
        "SELECT content_hash, retired, state, due, fsrs FROM cards WHERE card_id = ?", (card_id,)
    ).fetchone()


def test_first_sync_adds_everything(conn):
    result = sync_deck(conn, DECK, records(5), NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (5, 0, 0, 0)
    assert conn.execute("SELECT title, version FROM decks").fetchone() == (DECK.title, "1")


def test_resync_of_the_same_cards_changes_nothing(conn):
    sync_deck(conn, DECK, records(5), NOW)
    result = sync_deck(conn, DECK, records(5), NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (0, 0, 0, 0)


def test_changed_content_keeps_scheduling_and_removed_cards_are_retired(conn):
    sync_deck(conn, DECK, records(5), NOW)
    conn.execute("UPDATE cards SET state = 2, due = 123, fsrs = '{}' WHERE card_id = 'iim:basic:0'")
    conn.execute(
        "INSERT INTO review_log(card, reviewed_at, day, rating, state_before, state_after, "
        "card_before, card_after, undo) SELECT id, 1, 1, 3, 0, 1, '{}', '{}', '{}' FROM cards "
        "WHERE card_id = 'iim:basic:4'"
    )
    changed = [replace(records(5)[0], content_hash="reworded"), *records(5)[1:4]]
    result = sync_deck(conn, replace(DECK, version="2"), changed, NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (0, 1, 1, 0)
    assert row(conn, "iim:basic:0") == ("reworded", 0, 2, 123, "{}")
    assert row(conn, "iim:basic:4")[1] == 1
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 1


def test_a_card_that_returns_is_unretired(conn):
    sync_deck(conn, DECK, records(3), NOW)
    sync_deck(conn, DECK, records(2), NOW)
    result = sync_deck(conn, DECK, records(3), NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (0, 0, 0, 1)
    assert row(conn, "iim:basic:2")[1] == 0


def test_a_card_moved_to_another_deck_keeps_its_row(conn):
    sync_deck(conn, DECK, records(2), NOW)
    other = DeckInfo("ctd", "Connective tissue", "1")
    moved = [replace(records(2)[1], deck_id="ctd")]
    result = sync_deck(conn, other, moved, NOW)
    assert (result.added, result.updated) == (0, 1)
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 2


def test_duplicate_ids_are_refused_before_anything_is_written(conn):
    with pytest.raises(ValueError, match="duplicate"):
        sync_deck(conn, DECK, [*records(2), records(2)[0]], NOW)
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 0

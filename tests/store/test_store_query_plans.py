"""The queue and statistics read narrow indexes and kept counts, whatever the file's size:
checked on SQLite's own query plans for a file without ANALYZE statistics (as a learner's is)."""

from quizapp.store.queue import QueueQueries
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck


def plan(conn, sql: str) -> str:
    params = [1] * sql.count("?")
    return " | ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def fill(conn) -> None:
    for deck in ("iim", "ctd"):
        records = [
            CardRecord(f"{deck}{i}", deck, "basic", "t", "h", f"{deck}{i}") for i in range(5)
        ]
        sync_deck(conn, DeckInfo(deck, deck.upper(), "1"), records)


def test_one_decks_queue_and_counts_are_a_range_of_its_own_index(conn):
    fill(conn)
    queries = QueueQueries(["iim"])
    for sql in (queries._review, queries._new, queries._count_review, queries._count_new):
        assert "USING INDEX cards_deck_queue (deck_id=? AND state=?" in plan(conn, sql), sql
    assert "topic_days USING PRIMARY KEY (day=? AND deck_id=?)" in plan(conn, queries._done)


def test_the_next_card_of_all_decks_walks_the_queue_in_due_order(conn):
    fill(conn)
    for queries in (QueueQueries(None), QueueQueries(["iim", "ctd"])):
        review = plan(conn, queries._review)
        assert "USING INDEX cards_queue (state=? AND due<?)" in review
        assert "TEMP B-TREE" not in review  # no sort: the first match is the answer
        learning = plan(conn, queries._learning)  # two ranges merged in due order
        assert "MERGE" in learning and "TEMP B-TREE" not in learning

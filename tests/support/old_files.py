"""Progress files as an older quizapp left them, for upgrade tests."""

import sqlite3

from quizapp.store.schema import MIGRATION_3

# Undoes migration 4 (issue 18: statistics and queue counts at scale): what a file of
# schema 3 holds, with the same cards and answers; its topic_days rebuilt as migration 3
# built them.
BEFORE_AGGREGATES = (
    "DROP TRIGGER topic_cards_insert; DROP TRIGGER topic_cards_delete; "
    "DROP TRIGGER topic_cards_update; DROP TABLE topic_cards; DROP INDEX cards_deck_queue; "
    "DROP TRIGGER topic_days_answer; DROP TRIGGER topic_days_undo; DROP TRIGGER topic_days_move; "
    "DROP TABLE topic_days; "
    + "; ".join(s for s in MIGRATION_3 if "topic_days" in s or "cards_stats" in s)
    + "; PRAGMA user_version = 3"
)

# Undoes migration 3 (issue 18: deck cache, statistics at scale): what a file of schema 2
# holds, with the same cards and answers.
BEFORE_CACHE = (
    "DROP TRIGGER topic_days_answer; DROP TRIGGER topic_days_undo; DROP TABLE topic_days; "
    "DROP TABLE card_payloads; DROP TABLE deck_sources; "
    "DROP INDEX cards_stats; CREATE INDEX cards_topic ON cards(topic); "
    "PRAGMA user_version = 2"
)


def downgrade_to_before_aggregates(conn: sqlite3.Connection) -> None:
    conn.executescript(BEFORE_AGGREGATES)


def downgrade_to_before_cache(conn: sqlite3.Connection) -> None:
    downgrade_to_before_aggregates(conn)
    conn.executescript(BEFORE_CACHE)

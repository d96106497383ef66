"""Progress files as an older quizapp left them, for upgrade tests."""

import sqlite3

# Undoes migration 3 (issue 18: deck cache, statistics at scale): what a file of schema 2
# holds, with the same cards and answers.
BEFORE_CACHE = (
    "DROP TRIGGER topic_days_answer; DROP TRIGGER topic_days_undo; DROP TABLE topic_days; "
    "DROP TABLE card_payloads; DROP TABLE deck_sources; "
    "DROP INDEX cards_stats; CREATE INDEX cards_topic ON cards(topic); "
    "PRAGMA user_version = 2"
)


def downgrade_to_before_cache(conn: sqlite3.Connection) -> None:
    conn.executescript(BEFORE_CACHE)

"""Progress files as an older quizapp left them, for upgrade tests."""

import sqlite3

# Undoes migration 2 (issue 18: deck cache, statistics at scale): what a file of schema 1
# holds, with the same cards and answers.
TO_SCHEMA_1 = (
    "DROP TRIGGER topic_days_answer; DROP TRIGGER topic_days_undo; DROP TABLE topic_days; "
    "DROP TABLE card_payloads; DROP TABLE deck_sources; "
    "DROP INDEX cards_stats; CREATE INDEX cards_topic ON cards(topic); "
    "PRAGMA user_version = 1"
)


def downgrade_to_schema_1(conn: sqlite3.Connection) -> None:
    conn.executescript(TO_SCHEMA_1)

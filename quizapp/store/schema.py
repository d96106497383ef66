"""The numbered migrations that build the progress file; `PRAGMA user_version` is the number.

Rules: never edit a migration that has shipped, only append one. Each migration is a list
of statements run in one transaction together with the new user_version.

Conventions used by every table:
- times are INTEGER microseconds since the Unix epoch, UTC (see `timeutil`);
- `cards.id` is an internal integer (also the fsrs `card_id`); `cards.card_id` is the
  generator's stable string id, which other layers use;
- nothing is deleted when a deck changes: cards are retired (`retired = 1`).
"""

MIGRATION_1 = [
    """
    CREATE TABLE decks (
        deck_id   TEXT PRIMARY KEY,
        title     TEXT NOT NULL,
        version   TEXT NOT NULL,
        synced_at INTEGER NOT NULL
    )
    """,
    # One row per generated card. Scheduling lives here too (one row read and one row
    # written per answer): `fsrs` is the card as fsrs serialises it (the truth), and
    # state/due/last_review/stability/difficulty are copies of it for SQL and indexes.
    # state: 0 = new (never answered; fsrs has no such state), 1 learning, 2 review,
    # 3 relearning. A new card's `due` is its position in the new queue (its id at sync).
    """
    CREATE TABLE cards (
        id            INTEGER PRIMARY KEY,
        card_id       TEXT NOT NULL UNIQUE,
        deck_id       TEXT NOT NULL REFERENCES decks(deck_id),
        kind          TEXT NOT NULL,
        topic         TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        sibling_key   TEXT NOT NULL,
        state         INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
        due           INTEGER NOT NULL DEFAULT 0,
        last_review   INTEGER,
        stability     REAL,
        difficulty    REAL,
        fsrs          TEXT,
        reps          INTEGER NOT NULL DEFAULT 0,
        lapses        INTEGER NOT NULL DEFAULT 0,
        flagged       INTEGER NOT NULL DEFAULT 0,
        leech         INTEGER NOT NULL DEFAULT 0,
        suspended     INTEGER NOT NULL DEFAULT 0,
        buried_day    INTEGER NOT NULL DEFAULT 0,
        retired       INTEGER NOT NULL DEFAULT 0,
        retired_at    INTEGER,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
    )
    """,
    # The study queue: cards that can be shown, in due order per state.
    """
    CREATE INDEX cards_queue ON cards(state, due, buried_day)
        WHERE retired = 0 AND suspended = 0
    """,
    "CREATE INDEX cards_deck ON cards(deck_id)",
    "CREATE INDEX cards_sibling ON cards(sibling_key)",
    "CREATE INDEX cards_topic ON cards(topic)",
    # One row per answer. card_before/card_after are fsrs Card JSON; `undo` holds our own
    # fields from before the answer (reps, lapses, flags, siblings it buried), so undo
    # restores the exact previous row. `day` is the study day (local date with the
    # configured rollover hour, as an ordinal), so per-day statistics are plain SQL.
    """
    CREATE TABLE review_log (
        id            INTEGER PRIMARY KEY,
        card          INTEGER NOT NULL REFERENCES cards(id),
        reviewed_at   INTEGER NOT NULL,
        day           INTEGER NOT NULL,
        rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        duration_ms   INTEGER,
        state_before  INTEGER NOT NULL,
        state_after   INTEGER NOT NULL,
        card_before   TEXT NOT NULL,
        card_after    TEXT NOT NULL,
        undo          TEXT NOT NULL,
        vignette_seed INTEGER
    )
    """,
    "CREATE INDEX review_log_card ON review_log(card, reviewed_at)",
    # Covers the per-day statistics and daily limits without reading the (wide) rows.
    "CREATE INDEX review_log_day ON review_log(day, state_before, rating, card, duration_ms)",
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    # Self-assessment blocks (issue 7). mode: tutor (feedback after each item) or timed.
    # position: the item the student is on, so a block can be resumed.
    """
    CREATE TABLE quiz_blocks (
        id           INTEGER PRIMARY KEY,
        title        TEXT NOT NULL DEFAULT '',
        mode         TEXT NOT NULL CHECK (mode IN ('tutor', 'timed')),
        time_limit_s INTEGER,
        selection    TEXT NOT NULL DEFAULT '{}',
        seed         INTEGER,
        position     INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL,
        started_at   INTEGER,
        submitted_at INTEGER
    )
    """,
    # One row per item of a block. item_json is the exact question shown (options in
    # order, with the seed), so results and item statistics survive deck edits.
    """
    CREATE TABLE quiz_items (
        block_id  INTEGER NOT NULL REFERENCES quiz_blocks(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        card_id   TEXT NOT NULL REFERENCES cards(card_id),
        item_json TEXT NOT NULL,
        chosen    TEXT,
        struck    TEXT NOT NULL DEFAULT '[]',
        flagged   INTEGER NOT NULL DEFAULT 0,
        seconds   REAL NOT NULL DEFAULT 0,
        correct   INTEGER,
        PRIMARY KEY (block_id, position)
    )
    """,
    "CREATE INDEX quiz_items_card ON quiz_items(card_id)",
]

# Issue 14: a missed quiz question records an Again review on its card; the item keeps the
# id of that review, so submitting twice or re-opening a block never adds it again, and the
# results screen can say how many came back.
# A card reset to new ("Forget" in Anki) keeps its review log as history; `reset_at` is
# when, so recomputing memory replays only the answers given since.
MIGRATION_2 = [
    "ALTER TABLE quiz_items ADD COLUMN review_id INTEGER REFERENCES review_log(id)",
    "ALTER TABLE cards ADD COLUMN reset_at INTEGER",
]

# The deck cache (issue 18): a deck whose files are unchanged since its last sync is not
# loaded, generated or synced again at start-up.
MIGRATION_3 = [
    # The card as generated at its last sync (quizapp.generate.stored), so an unchanged
    # deck's cards are shown without generating them. Kept out of `cards`, whose rows
    # stay narrow for the queue and statistics scans. Files from before this migration
    # have no payloads; their decks are loaded in full once and the payloads written then.
    """
    CREATE TABLE card_payloads (
        id      INTEGER PRIMARY KEY REFERENCES cards(id),
        payload TEXT NOT NULL
    )
    """,
    # Which files a deck's rows were last synced from, and their hash (file contents,
    # quizapp's version and code, the deck format version): equal at start-up means
    # the deck is unchanged. `header` is what screens show without the deck model:
    # title, version, topics, sources (JSON).
    """
    CREATE TABLE deck_sources (
        deck_id     TEXT PRIMARY KEY REFERENCES decks(deck_id),
        root        TEXT NOT NULL,
        files       TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        header      TEXT NOT NULL
    )
    """,
    # Statistics at scale (issue 18). Card counts per topic (and in total) read this
    # narrow index instead of the wide rows; it leads with topic, so it also serves what
    # the plain topic index did.
    "DROP INDEX cards_topic",
    """
    CREATE INDEX cards_stats
        ON cards(topic, retired, deck_id, state, suspended, due, last_review)
    """,
    # Answers per study day, deck and topic (the card's at the time of the answer), kept
    # by triggers on the review log: per-topic accuracy reads a few hundred of these rows
    # instead of joining every recent answer to its card.
    """
    CREATE TABLE topic_days (
        day      INTEGER NOT NULL,
        deck_id  TEXT NOT NULL,
        topic    TEXT NOT NULL,
        answers  INTEGER NOT NULL,
        recalled INTEGER NOT NULL,
        PRIMARY KEY (day, deck_id, topic)
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO topic_days(day, deck_id, topic, answers, recalled)
    SELECT r.day, c.deck_id, c.topic, count(*), sum(r.rating > 1)
    FROM review_log r JOIN cards c ON c.id = r.card GROUP BY 1, 2, 3
    """,
    """
    CREATE TRIGGER topic_days_answer AFTER INSERT ON review_log BEGIN
        INSERT INTO topic_days(day, deck_id, topic, answers, recalled)
        SELECT NEW.day, deck_id, topic, 1, NEW.rating > 1 FROM cards WHERE id = NEW.card
        ON CONFLICT (day, deck_id, topic) DO UPDATE
        SET answers = answers + 1, recalled = recalled + excluded.recalled;
    END
    """,
    """
    CREATE TRIGGER topic_days_undo AFTER DELETE ON review_log BEGIN
        UPDATE topic_days SET answers = answers - 1, recalled = recalled - (OLD.rating > 1)
        WHERE day = OLD.day
          AND (deck_id, topic) = (SELECT deck_id, topic FROM cards WHERE id = OLD.card);
        DELETE FROM topic_days WHERE day = OLD.day AND answers <= 0;
    END
    """,
]

MIGRATIONS: list[list[str]] = [MIGRATION_1, MIGRATION_2, MIGRATION_3]
SCHEMA_VERSION = len(MIGRATIONS)

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

# Statistics and queue counts at scale (issue 18, second part): counts kept exact by
# triggers in the same transaction as each write, so statistics read a few hundred rows.
MATURE_US = 21 * 86_400_000_000  # Anki's line between young and mature: a 21-day interval
CARD_GROUPS = ("new", "learning", "young", "mature", "suspended", "retired")


def card_group(row: str) -> str:
    """The SQL expression for which group of `CARD_GROUPS` a card `row` (NEW, OLD or a
    table alias) is counted in, by its index; 6 for a live card in none (a review card
    without a last review, which no answer writes). Each card is counted once, as Anki
    does: retired, else suspended, else by its state and interval."""
    interval = f"{row}.due - {row}.last_review"
    return (
        f"CASE WHEN {row}.retired != 0 THEN 5 WHEN {row}.suspended != 0 THEN 4 "
        f"WHEN {row}.state = 0 THEN 0 WHEN {row}.state IN (1, 3) THEN 1 "
        f"WHEN {interval} < {MATURE_US} THEN 2 WHEN {interval} >= {MATURE_US} THEN 3 ELSE 6 END"
    )


def _count_card(row: str, step: int) -> str:
    """Add `step` to the count of card `row`'s (deck, topic, group)."""
    return (
        "INSERT INTO topic_cards(deck_id, topic, card_group, cards) "
        f"VALUES ({row}.deck_id, {row}.topic, {card_group(row)}, {step}) "
        "ON CONFLICT (deck_id, topic, card_group) DO UPDATE SET cards = cards + excluded.cards;"
    )


def _answer_counts(rating: str, state_before: str) -> list[str]:
    """What one answer adds to `topic_days`, after `answers`: recalled, to a new card, to
    a review card, recalled review."""
    review = f"{state_before} = 2"
    return [f"{rating} > 1", f"{state_before} = 0", review, f"{review} AND {rating} > 1"]


def _add_to_days(select: str) -> str:
    """Add the rows of `select` (day, deck, topic, then the five counts) to `topic_days`."""
    return (
        "INSERT INTO topic_days(day, deck_id, topic, answers, recalled, new_answers, "
        f"review_answers, review_recalled) {select} "
        "ON CONFLICT (day, deck_id, topic) DO UPDATE SET answers = answers + excluded.answers, "
        "recalled = recalled + excluded.recalled, "
        "new_answers = new_answers + excluded.new_answers, "
        "review_answers = review_answers + excluded.review_answers, "
        "review_recalled = review_recalled + excluded.review_recalled;"
    )


def _log_answer(row: str, sign: str) -> str:
    """Count answer `row` (NEW or OLD of review_log) in (`sign` "") or out of ("-") its
    day and its card's deck and topic."""
    counts = ", ".join(
        f"{sign}({term})" for term in _answer_counts(f"{row}.rating", f"{row}.state_before")
    )
    return _add_to_days(
        f"SELECT {row}.day, deck_id, topic, {sign}1, {counts} FROM cards WHERE id = {row}.card"
    )


def _card_answers(row: str, sign: str) -> str:
    """Count all answers to card `row` (NEW or OLD of cards) in or out of its deck and
    topic, per day: a card moved to another topic takes its answers along."""
    counts = ", ".join(f"{sign}sum({term})" for term in _answer_counts("rating", "state_before"))
    return _add_to_days(
        f"SELECT day, {row}.deck_id, {row}.topic, {sign}count(*), {counts} "
        f"FROM review_log WHERE card = {row}.id GROUP BY day"
    )


MIGRATION_4 = [
    # Card counts per deck, topic and group (`CARD_GROUPS`): the statistics' card counts
    # and mastery read these instead of every card. Zero counts are deleted.
    """
    CREATE TABLE topic_cards (
        deck_id    TEXT NOT NULL,
        topic      TEXT NOT NULL,
        card_group INTEGER NOT NULL,
        cards      INTEGER NOT NULL,
        PRIMARY KEY (deck_id, topic, card_group)
    ) WITHOUT ROWID
    """,
    "INSERT INTO topic_cards SELECT deck_id, topic, "
    f"{card_group('cards')}, count(*) FROM cards GROUP BY 1, 2, 3",
    f"CREATE TRIGGER topic_cards_insert AFTER INSERT ON cards BEGIN {_count_card('NEW', 1)} END",
    f"""
    CREATE TRIGGER topic_cards_delete AFTER DELETE ON cards BEGIN
        {_count_card("OLD", -1)}
        DELETE FROM topic_cards WHERE cards = 0 AND (deck_id, topic, card_group)
            = (OLD.deck_id, OLD.topic, {card_group("OLD")});
    END
    """,
    # Fires only when a card changes group (an answer mostly does not: a review stays a
    # review), so the answer path pays one comparison.
    f"""
    CREATE TRIGGER topic_cards_update
    AFTER UPDATE OF deck_id, topic, state, due, last_review, suspended, retired ON cards
    WHEN OLD.deck_id != NEW.deck_id OR OLD.topic != NEW.topic
        OR {card_group("OLD")} != {card_group("NEW")}
    BEGIN
        {_count_card("OLD", -1)}
        DELETE FROM topic_cards WHERE cards = 0 AND (deck_id, topic, card_group)
            = (OLD.deck_id, OLD.topic, {card_group("OLD")});
        {_count_card("NEW", 1)}
    END
    """,
    # The card counts moved to topic_cards; the index that served them only costs writes.
    "DROP INDEX cards_stats",
    # The queue of one deck (home's per-deck counts, a deck's own limits, per-deck
    # statistics) as one index range, as `cards_queue` is for all decks.
    """
    CREATE INDEX cards_deck_queue ON cards(deck_id, state, due, buried_day)
        WHERE retired = 0 AND suspended = 0
    """,
    # topic_days also counts what the daily limits and true retention need: answers to new
    # cards, and answers (and recalls) to review cards; and it follows a card that moves
    # to another topic (migration 3's kept the topic at the time of the answer, which an
    # undo after the move could not find). Rebuilt from the log.
    "DROP TRIGGER topic_days_answer",
    "DROP TRIGGER topic_days_undo",
    "DROP TABLE topic_days",
    """
    CREATE TABLE topic_days (
        day             INTEGER NOT NULL,
        deck_id         TEXT NOT NULL,
        topic           TEXT NOT NULL,
        answers         INTEGER NOT NULL,
        recalled        INTEGER NOT NULL,
        new_answers     INTEGER NOT NULL,
        review_answers  INTEGER NOT NULL,
        review_recalled INTEGER NOT NULL,
        PRIMARY KEY (day, deck_id, topic)
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO topic_days
    SELECT r.day, c.deck_id, c.topic, count(*), sum(r.rating > 1), sum(r.state_before = 0),
        sum(r.state_before = 2), sum(r.state_before = 2 AND r.rating > 1)
    FROM review_log r JOIN cards c ON c.id = r.card GROUP BY 1, 2, 3
    """,
    f"CREATE TRIGGER topic_days_answer AFTER INSERT ON review_log BEGIN {_log_answer('NEW', '')} END",
    f"""
    CREATE TRIGGER topic_days_undo AFTER DELETE ON review_log BEGIN
        {_log_answer("OLD", "-")}
        DELETE FROM topic_days WHERE answers = 0 AND day = OLD.day
            AND (deck_id, topic) = (SELECT deck_id, topic FROM cards WHERE id = OLD.card);
    END
    """,
    # A sync that moves a card to another topic (or deck) moves its answers with it, so
    # the counts stay those of the cards' current topics and an undo finds its row.
    f"""
    CREATE TRIGGER topic_days_move AFTER UPDATE OF deck_id, topic ON cards
    WHEN OLD.deck_id != NEW.deck_id OR OLD.topic != NEW.topic
    BEGIN
        {_card_answers("OLD", "-")}
        DELETE FROM topic_days WHERE answers = 0 AND deck_id = OLD.deck_id
            AND topic = OLD.topic AND day IN (SELECT day FROM review_log WHERE card = OLD.id);
        {_card_answers("NEW", "")}
    END
    """,
]

MIGRATIONS: list[list[str]] = [MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4]
SCHEMA_VERSION = len(MIGRATIONS)

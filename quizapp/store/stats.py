"""Statistics over the progress file, computed in SQL.

The caller passes the study day and when it began (that needs the local time zone and
the rollover hour, which the srs layer owns); everything else is aggregation in SQLite.
"""

import sqlite3
from dataclasses import dataclass, field

DAY_US = 86_400_000_000
MATURE_US = 21 * DAY_US  # Anki's line between young and mature: an interval of 21 days
FORECAST_DAYS = 30


@dataclass(frozen=True)
class TopicStats:
    """How one topic of one deck is going: recent accuracy, and mastery as the share of
    mature cards. Topic ids are the deck's own, so two decks may share one: the key is both."""

    deck: str
    topic: str
    cards: int
    answers: int  # in the last `topic_days` days
    accuracy: float | None
    mature: int
    mastery: float


@dataclass(frozen=True)
class Stats:
    """The numbers `quizapp stats` shows. The streak counts answers in any deck."""

    day: int
    deck_id: str | None
    due_today: int
    due_forecast: list[int]  # [0] = today (overdue included), then each of the next 30 days
    reviewed_today: int
    seconds_today: float
    streak_days: int
    retention: dict[str, float | None]  # "1d", "7d", "30d": share of review answers not Again
    # A partition of the cards: each is in exactly one of these six.
    new: int
    learning: int
    young: int
    mature: int
    suspended: int
    retired: int
    topics: list[TopicStats] = field(default_factory=list)


def collect_stats(
    conn: sqlite3.Connection,
    *,
    day: int,
    day_start_us: int,
    day_end_us: int,
    deck_id: str | None = None,
    topic_days: int = 30,
) -> Stats:
    """All statistics for study day `day`, which runs from `day_start_us` to `day_end_us`.

    Per-topic accuracy covers the last `topic_days` days: recent answers say more about
    a weak topic than last year's, and the window keeps the query on an index range.
    """
    params = {
        "day": day,
        "start": day_start_us,
        "end": day_end_us,
        "deck": deck_id,
        "mature": MATURE_US,
        "topic_days": topic_days,
    }
    logs = _log_source(deck_id)
    due_today, reviewed, seconds = _today(conn, params, logs)
    counts = _card_counts(conn, params)
    return Stats(
        day=day,
        deck_id=deck_id,
        due_today=due_today,
        due_forecast=_forecast(conn, params),
        reviewed_today=reviewed,
        seconds_today=seconds,
        streak_days=_streak(conn, day),
        retention={f"{n}d": _retention(conn, params, logs, n) for n in (1, 7, 30)},
        topics=_topics(conn, params),
        **counts,
    )


_DECK = "(:deck IS NULL OR c.deck_id = :deck)"
_LIVE = f"c.retired = 0 AND {_DECK}"


def _log_source(deck_id: str | None) -> str:
    """Review log rows, joined to cards only when a deck filter needs it."""
    if deck_id is None:
        return "review_log r WHERE 1"
    return "review_log r JOIN cards c ON c.id = r.card WHERE c.deck_id = :deck"


def _today(conn: sqlite3.Connection, params: dict, logs: str) -> tuple[int, int, float]:
    due = conn.execute(
        f"SELECT count(*) FROM cards c WHERE {_LIVE} AND c.suspended = 0 "
        "AND c.state > 0 AND c.due < :end",
        params,
    ).fetchone()[0]
    reviewed, millis = conn.execute(
        f"SELECT count(*), coalesce(sum(r.duration_ms), 0) FROM {logs} AND r.day = :day",
        params,
    ).fetchone()
    return due, reviewed, millis / 1000


def _forecast(conn: sqlite3.Connection, params: dict) -> list[int]:
    rows = conn.execute(
        "SELECT max(0, (c.due - :start) / :day_us) AS bucket, count(*) FROM cards c "
        f"WHERE {_LIVE} AND c.suspended = 0 AND c.state > 0 "
        "AND c.due < :start + (:days + 1) * :day_us GROUP BY bucket",
        {**params, "day_us": DAY_US, "days": FORECAST_DAYS},
    ).fetchall()
    forecast = [0] * (FORECAST_DAYS + 1)
    for bucket, count in rows:
        forecast[bucket] += count
    return forecast


def _streak(conn: sqlite3.Connection, day: int) -> int:
    """Days in a row with answers, ending today (or yesterday, if none yet today)."""
    return conn.execute(
        """
        WITH RECURSIVE streak(d) AS (
            SELECT :day - NOT EXISTS (SELECT 1 FROM review_log WHERE day = :day)
            UNION ALL
            SELECT d - 1 FROM streak
            WHERE EXISTS (SELECT 1 FROM review_log WHERE day = d)
              AND EXISTS (SELECT 1 FROM review_log WHERE day = d - 1)
        )
        SELECT count(*) FROM streak WHERE EXISTS (SELECT 1 FROM review_log WHERE day = d)
        """,
        {"day": day},
    ).fetchone()[0]


def _retention(conn: sqlite3.Connection, params: dict, logs: str, days: int) -> float | None:
    """True retention: the share of answers to review-state cards that were not Again."""
    return conn.execute(
        f"SELECT avg(r.rating > 1) FROM {logs} "
        "AND r.day > :day - :days AND r.day <= :day AND r.state_before = 2",
        {**params, "days": days},
    ).fetchone()[0]


def _card_counts(conn: sqlite3.Connection, params: dict) -> dict[str, int]:
    """Each card counted once, as Anki does: retired, else suspended, else by its state;
    so the six numbers add up to the cards in the file."""
    row = conn.execute(
        f"""
        SELECT
            coalesce(sum(c.retired = 0 AND c.suspended = 0 AND c.state = 0), 0),
            coalesce(sum(c.retired = 0 AND c.suspended = 0 AND c.state IN (1, 3)), 0),
            coalesce(sum(c.retired = 0 AND c.suspended = 0 AND c.state = 2
                         AND c.due - c.last_review < :mature), 0),
            coalesce(sum(c.retired = 0 AND c.suspended = 0 AND c.state = 2
                         AND c.due - c.last_review >= :mature), 0),
            coalesce(sum(c.retired = 0 AND c.suspended = 1), 0),
            coalesce(sum(c.retired = 1), 0)
        FROM cards c WHERE {_DECK}
        """,
        params,
    ).fetchone()
    names = ("new", "learning", "young", "mature", "suspended", "retired")
    return dict(zip(names, row, strict=True))


def _topics(conn: sqlite3.Connection, params: dict) -> list[TopicStats]:
    answers = {
        (deck, topic): (count, accuracy)
        for deck, topic, count, accuracy in conn.execute(
            "SELECT c.deck_id, c.topic, count(*), avg(r.rating > 1) FROM review_log r "
            f"JOIN cards c ON c.id = r.card WHERE {_LIVE} "
            "AND r.day > :day - :topic_days AND r.day <= :day GROUP BY c.deck_id, c.topic",
            params,
        )
    }
    topics = []
    for deck, topic, cards, mature in conn.execute(
        "SELECT c.deck_id, c.topic, count(*), "
        "coalesce(sum(c.state = 2 AND c.due - c.last_review >= :mature), 0) "
        f"FROM cards c WHERE {_LIVE} GROUP BY c.deck_id, c.topic ORDER BY c.deck_id, c.topic",
        params,
    ):
        count, accuracy = answers.get((deck, topic), (0, None))
        topics.append(TopicStats(deck, topic, cards, count, accuracy, mature, mature / cards))
    return topics


def review_answers_since(
    conn: sqlite3.Connection, *, day: int, days: int, deck_id: str | None = None
) -> list[tuple[int, float, bool]]:
    """Answers to review cards in the `days` study days up to `day`, for calibration.

    Per answer: study days since the card's previous answer (both from the log's `day`,
    the rule the scheduler used), fsrs stability before the answer, and whether it was
    recalled (not Again). Each previous answer is one seek on `review_log_card`.
    """
    rows = conn.execute(
        f"""
        SELECT r.day - (
                   SELECT p.day FROM review_log p WHERE p.card = r.card
                   AND (p.reviewed_at < r.reviewed_at OR (p.reviewed_at = r.reviewed_at AND p.id < r.id))
                   ORDER BY p.reviewed_at DESC, p.id DESC LIMIT 1),
               json_extract(r.card_before, '$.stability'),
               r.rating > 1
        FROM {_log_source(deck_id)}
        AND r.state_before = 2 AND r.day > :day - :days AND r.day <= :day
        """,
        {"day": day, "days": days, "deck": deck_id},
    )
    return [(int(e), float(s), bool(ok)) for e, s, ok in rows if e is not None and s]


def review_cards_memory(
    conn: sqlite3.Connection, deck_id: str | None = None
) -> list[tuple[int, float]]:
    """(study day of the last answer, stability) of every live review card."""
    rows = conn.execute(
        f"""
        SELECT (SELECT r.day FROM review_log r WHERE r.card = c.id
                ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1), c.stability
        FROM cards c WHERE {_LIVE} AND c.suspended = 0 AND c.state = 2
        """,
        {"deck": deck_id},
    )
    return [(int(d), float(s)) for d, s in rows if d is not None and s]

"""Statistics over the progress file, computed in SQL.

The caller passes the study day and when it began (that needs the local time zone and
the rollover hour, which the srs layer owns); everything else is aggregation in SQLite.
"""

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from quizapp.store.schema import CARD_GROUPS

DAY_US = 86_400_000_000
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
    new: int
    learning: int
    young: int
    mature: int  # new + learning + young + mature + suspended + retired = every card, once
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
        "topic_days": topic_days,
    }
    logs = _log_source(deck_id)
    reviewed, seconds = _today(conn, params, logs)
    due_today, forecast = _forecast(conn, params)
    per_topic = _topic_counts(conn, params)
    counts = {name: sum(c[name] for c in per_topic.values()) for name in CARD_GROUPS}
    return Stats(
        day=day,
        deck_id=deck_id,
        due_today=due_today,
        due_forecast=forecast,
        reviewed_today=reviewed,
        seconds_today=seconds,
        streak_days=_streak(conn, day),
        retention={f"{n}d": _retention(conn, params, n) for n in (1, 7, 30)},
        topics=_topics(conn, params, per_topic),
        **counts,
    )


def _deck(deck_id: str | None) -> str:
    """The deck filter, only when there is one: a term on `deck_id` even when the deck is
    None would make SQLite read every row instead of the narrow index that serves it."""
    return "1" if deck_id is None else "c.deck_id = :deck"


def live_cards(deck_id: str | None) -> str:
    """The SQL condition on cards `c` for live cards (of one deck, when given)."""
    return f"c.retired = 0 AND {_deck(deck_id)}"


def _log_source(deck_id: str | None) -> str:
    """Review log rows, joined to cards only when a deck filter needs it."""
    if deck_id is None:
        return "review_log r WHERE 1"
    return "review_log r JOIN cards c ON c.id = r.card WHERE c.deck_id = :deck"


def _today(conn: sqlite3.Connection, params: dict[str, Any], logs: str) -> tuple[int, float]:
    reviewed, millis = conn.execute(
        f"SELECT count(*), coalesce(sum(r.duration_ms), 0) FROM {logs} AND r.day = :day",
        params,
    ).fetchone()
    return reviewed, millis / 1000


def _forecast(conn: sqlite3.Connection, params: dict[str, Any]) -> tuple[int, list[int]]:
    """Cards due by the end of today (overdue included), and per day for the next 30.

    Each figure is a count over one range of the queue index per state: `state IN (1, 2,
    3)`, not `state > 0`, makes SQLite seek each state's due range instead of reading all
    of the states' cards, and counting each day's range needs no sort, as grouping would.
    One deck's cards are read from its own queue index: SQLite would rather take the due
    range of all decks' and look up each card's deck, slow when most cards are the deck's.
    """
    cards = "cards c" if params["deck"] is None else "cards c INDEXED BY cards_deck_queue"
    due = (
        f"SELECT count(*) FROM {cards} WHERE {live_cards(params['deck'])} "
        "AND c.suspended = 0 AND c.state IN (1, 2, 3) AND c.due"
    )
    overdue: int = conn.execute(f"{due} < :start", params).fetchone()[0]
    due_today: int = conn.execute(f"{due} < :end", params).fetchone()[0]
    days = conn.execute(
        "WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < :days) "
        f"SELECT ({due} >= :start + k * :day_us AND c.due < :start + (k + 1) * :day_us) FROM d",
        {**params, "day_us": DAY_US, "days": FORECAST_DAYS},
    )
    forecast = [count for (count,) in days]
    forecast[0] += overdue
    return due_today, forecast


def _streak(conn: sqlite3.Connection, day: int) -> int:
    """Days in a row with answers, ending today (or yesterday, if none yet today)."""
    streak: int = conn.execute(
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
    return streak


def _retention(conn: sqlite3.Connection, params: dict[str, Any], days: int) -> float | None:
    """True retention: the share of answers to review-state cards that were not Again,
    from the per-day counts of `topic_days`."""
    answers, recalled = conn.execute(
        "SELECT sum(review_answers), sum(review_recalled) FROM topic_days "
        "WHERE day > :day - :days AND day <= :day AND (:deck IS NULL OR deck_id = :deck)",
        {**params, "days": days},
    ).fetchone()
    return recalled / answers if answers else None


_RETIRED = CARD_GROUPS.index("retired")


def _topic_counts(
    conn: sqlite3.Connection, params: dict[str, Any]
) -> dict[tuple[str, str], dict[str, int]]:
    """Card counts by group (`CARD_GROUPS`, and `live`: not retired) per (deck, topic),
    from `topic_cards`, which triggers keep equal to a count of the cards."""
    per_topic: dict[tuple[str, str], dict[str, int]] = {}
    rows = conn.execute(
        "SELECT deck_id, topic, card_group, cards FROM topic_cards "
        "WHERE (:deck IS NULL OR deck_id = :deck) ORDER BY deck_id, topic",
        params,
    )
    for deck, topic, group, cards in rows:
        counts = per_topic.setdefault((deck, topic), dict.fromkeys(("live", *CARD_GROUPS), 0))
        if group < len(CARD_GROUPS):
            counts[CARD_GROUPS[group]] += cards
        if group != _RETIRED:
            counts["live"] += cards
    return per_topic


def _topics(
    conn: sqlite3.Connection,
    params: dict[str, Any],
    per_topic: dict[tuple[str, str], dict[str, int]],
) -> list[TopicStats]:
    """Mastery from the card counts; recent accuracy from `topic_days` (answers to cards
    since retired count, as they do for retention)."""
    answers = {
        (deck, topic): (count, recalled / count)
        for deck, topic, count, recalled in conn.execute(
            "SELECT deck_id, topic, sum(answers), sum(recalled) FROM topic_days "
            "WHERE day > :day - :topic_days AND day <= :day "
            "AND (:deck IS NULL OR deck_id = :deck) GROUP BY deck_id, topic",
            params,
        )
        if count
    }
    topics = []
    for (deck, topic), counts in per_topic.items():
        cards = counts["live"]
        if not cards:
            continue
        count, accuracy = answers.get((deck, topic), (0, None))
        mature = counts["mature"]
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
    conn: sqlite3.Connection, deck_id: str | None = None, *, answered: bool = False
) -> list[tuple[int, float]]:
    """(study day of the last answer, stability) of every live review card, or with
    `answered` of every live card ever answered (learning and suspended ones too: what
    the learner knows, whether or not it is scheduled)."""
    which = "c.state > 0" if answered else "c.suspended = 0 AND c.state = 2"
    rows = conn.execute(
        f"""
        SELECT (SELECT r.day FROM review_log r WHERE r.card = c.id
                ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1), c.stability
        FROM cards c WHERE {live_cards(deck_id)} AND {which}
        """,
        {"deck": deck_id},
    )
    return [(int(d), float(s)) for d, s in rows if d is not None and s]


def seconds_per_day(
    conn: sqlite3.Connection, *, day: int, days: int, deck_id: str | None = None
) -> dict[int, float]:
    """{study day: seconds spent answering} for the `days` study days up to `day` (days
    without answers left out), from the durations in the log."""
    rows = conn.execute(
        f"SELECT r.day, coalesce(sum(r.duration_ms), 0) FROM {_log_source(deck_id)} "
        "AND r.day > :day - :days AND r.day <= :day GROUP BY r.day",
        {"day": day, "days": days, "deck": deck_id},
    )
    return {d: millis / 1000 for d, millis in rows}


def answer_seconds(
    conn: sqlite3.Connection, *, day: int, days: int, cap_ms: int
) -> dict[int, tuple[float, int]]:
    """{state before the answer: (mean seconds, answers)} over the `days` up to `day`, each
    answer counted at most `cap_ms` (a learner who walked away is not a slow answer)."""
    rows = conn.execute(
        "SELECT state_before, avg(min(duration_ms, :cap)), count(*) FROM review_log "
        "WHERE day > :day - :days AND day <= :day AND duration_ms IS NOT NULL "
        "GROUP BY state_before",
        {"day": day, "days": days, "cap": cap_ms},
    )
    return {state: (millis / 1000, count) for state, millis, count in rows}

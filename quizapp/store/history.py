"""Answers per study day, for the statistics heatmap: one read-only query over the
covering `review_log_day` index."""

import sqlite3


def reviews_per_day(conn: sqlite3.Connection, first_day: int, last_day: int) -> dict[int, int]:
    """{study day ordinal: answers that day} for days in [first_day, last_day]."""
    rows = conn.execute(
        "SELECT day, count(*) FROM review_log WHERE day BETWEEN ? AND ? GROUP BY day",
        (first_day, last_day),
    )
    return {int(day): int(count) for day, count in rows.fetchall()}

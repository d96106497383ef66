"""Learner control at Anki scale (50,000 cards, 800,000 answers): prints figures only.

Postpone spreads the file's whole backlog (about a third of its review cards are overdue),
advance brings 100 reviews in, an action runs on 5,000 cards, and cram starts over every
card and counts what is left, as the study screen does after each card.
"""

import time
from datetime import UTC, datetime

from quizapp.srs.control import advance, apply_action, postpone
from quizapp.srs.cram import CramSession
from quizapp.store.connection import open_store
from tests.perf.test_store_perf import bench_file, cached_file  # noqa: F401 (fixtures)


def timed(what: str, call):
    started = time.perf_counter()
    result = call()
    print(f"\n{what}: {(time.perf_counter() - started) * 1000:.0f} ms -> {result}")
    return result


def test_control_figures(bench_file):  # noqa: F811
    conn = open_store(bench_file)
    now = datetime.now(UTC)
    ids = [row[0] for row in conn.execute("SELECT card_id FROM cards LIMIT 5000")]
    backlog = conn.execute(
        "SELECT count(*) FROM cards WHERE state = 2 AND due < ?", (int(now.timestamp() * 1e6),)
    ).fetchone()[0]
    print(f"\noverdue review cards: {backlog}")
    timed("postpone 7 days", lambda: postpone(conn, 7, now))
    timed("advance 100", lambda: advance(conn, 100, now))
    timed("suspend 5,000 cards", lambda: apply_action(conn, "suspend", ids, now).changed)
    timed("unsuspend 5,000 cards", lambda: apply_action(conn, "unsuspend", ids, now).changed)
    cram = timed("cram session over every card", lambda: CramSession(conn, clock=lambda: now))
    timed("cram counts", cram.counts)
    conn.close()

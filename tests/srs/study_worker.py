"""A studying process for the crash and concurrency tests.

Usage: python study_worker.py PATH COUNT SEED [PAUSE_SECONDS]
Prints "ready", waits for a line on stdin, then answers up to COUNT cards with random
ratings, printing "ack <review id> <card id>" after each answer has been committed, and
pausing between answers if asked (so two workers surely overlap).
"""

import random
import sys
import time
from pathlib import Path

from fsrs import Rating

from quizapp.srs.config import StudyConfig
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store


def main(path: str, count: int, seed: int, pause: float) -> None:
    rng = random.Random(seed)
    conn = open_store(Path(path))
    config = StudyConfig(timezone="UTC", new_per_day=100_000, reviews_per_day=100_000)
    session = StudySession(conn, config)
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(count):
        entry = session.next_card()
        if entry is None:
            break
        result = session.answer(
            entry.card_id,
            rng.choice(list(Rating)),
            duration_ms=rng.randint(500, 20_000),
            vignette_seed=rng.randint(0, 2**31),
        )
        print(f"ack {result.review_id} {entry.card_id}", flush=True)
        time.sleep(pause)
    conn.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4:5] and sys.argv[4] or 0))

"""A real Anki collection of the benchmark's shape, to study side by side with ours.

Same shape as `tests.perf.test_store_perf.build`: 80% of cards in review with due days
spread over -30..+60, 5% in (re)learning due later today, 15% new; 800,000 review log
rows; FSRS on with every studied card's memory state set, as ours are. Notes, cards and
the log are written with sqlite3 into a collection Anki created (far faster than Anki's
DB proxy), then Anki reopens it. Built once per day and cached in the temp folder.
"""

import hashlib
import json
import random
import tempfile
import time
from datetime import datetime
from pathlib import Path

from anki.collection import Card, Collection  # anki.cards first is a circular import

DAY_S = 86_400


def _checksum(text: str) -> int:
    """Anki's note checksum: the first 8 hex digits of the sort field's SHA-1."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)


def build(path: Path, n_cards: int, n_reviews: int) -> None:
    """Write the collection at `path` (a fresh folder's collection.anki2)."""
    import sqlite3

    col = Collection(str(path))
    col.set_config("fsrs", True)
    config = col.decks.config_dict_for_deck_id(1)
    config["new"]["perDay"], config["rev"]["perDay"] = 9999, 9999
    col.decks.save(config)
    model_id, today, crt = col.models.by_name("Basic")["id"], col.sched.today, col.crt
    col.close()
    rng = random.Random(2026)
    now = int(time.time())
    notes, cards, logs, studied = [], [], [], []
    for index in range(1, n_cards + 1):
        front = f"question {index}"
        notes.append((index, f"g{index}", model_id, now, 0, "", f"{front}\x1fanswer", front,
                      _checksum(front), 0, ""))  # fmt: skip
        roll = rng.random()
        if roll >= 0.85:  # new: due is the position
            cards.append((index, index, 1, 0, now, 0, 0, 0, index, 0, 0, 0, 0, 0, 0, 0, 0, "{}"))
            continue
        stability, difficulty = rng.uniform(1, 120), rng.uniform(1, 10)
        data = json.dumps({"s": round(stability, 4), "d": round(difficulty, 3), "dr": 0.9})
        if roll < 0.80:
            interval = max(1, int(stability))
            row = (2, 2, today + rng.randint(-30, 60), interval, 1001)
        else:
            kind = rng.choice((1, 3))
            row = (kind, 1, now + rng.randint(30, 600) * 60, 0 if kind == 1 else 1, 1)
        card_type, queue, due, interval, left = row
        cards.append((index, index, 1, 0, now, 0, card_type, queue, due, interval, 2500,
                      16, 1, left, 0, 0, 0, data))  # fmt: skip
        studied.append(index)
    first_ms = (crt - 400 * DAY_S) * 1000
    for index in range(n_reviews):
        logs.append((first_ms + index, studied[index % len(studied)], 0,
                     rng.choice((1, 3, 3, 3, 4)), 10, 5, 2500, 6000, 1))  # fmt: skip
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(f"INSERT INTO notes VALUES ({', '.join('?' * 11)})", notes)
        conn.executemany(f"INSERT INTO cards VALUES ({', '.join('?' * 18)})", cards)
        conn.executemany(f"INSERT INTO revlog VALUES ({', '.join('?' * 9)})", logs)
    conn.execute("ANALYZE cards")  # the other tables need Anki's collations
    conn.execute("ANALYZE revlog")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def cached_collection(n_cards: int, n_reviews: int) -> Path:
    """The collection file of this shape, built once per day."""
    folder = Path(tempfile.gettempdir()) / (
        f"quizapp-perf-anki-{datetime.now():%Y%m%d}-{n_cards}-{n_reviews}"
    )
    path = folder / "collection.anki2"
    if not path.exists():
        partial = folder.with_suffix(".partial")
        if partial.exists():
            for leftover in partial.iterdir():
                leftover.unlink()
        partial.mkdir(exist_ok=True)
        build(partial / "collection.anki2", n_cards, n_reviews)
        partial.rename(folder)
    return path


class AnkiStudy:
    """Studying in Anki as its reviewer does: the queued card, then the answer."""

    def __init__(self, path: Path) -> None:
        self.col = Collection(str(path))
        self.synchronous = self.col.db.scalar("PRAGMA synchronous")
        self._top = self._next()

    def _next(self):
        queued = self.col.sched.get_queued_cards()
        return queued.cards[0] if queued.cards else None

    def answer_and_next(self, rating: int) -> bool:
        """Answer the current card (1 Again .. 4 Easy, as fsrs numbers them) and fetch the
        next; False when none is left."""
        card = Card(self.col, backend_card=self._top.card)
        card.start_timer()
        answer = self.col.sched.build_answer(card=card, states=self._top.states, rating=rating - 1)
        self.col.sched.answer_card(answer)
        self._top = self._next()
        return self._top is not None

    def close(self) -> None:
        self.col.close()

"""A study session: which card comes next, what each answer does, and undo. No Textual here.

The TUI (or a test, or a script) drives it like this::

    conn = open_store(path)                       # quizapp.store.connection
    session = StudySession(conn, load_config(conn), deck_ids=["iim"], clock=utc_now)
    # custom study: scope=StudyScope(topics=(("iim", "antibodies"),), kinds=("vignette",))
    entry = session.next_card()                   # QueueEntry | None (None: done for today)
    session.intervals(entry.card_id)              # {Rating.Again: timedelta(minutes=1), ...}
    result = session.answer(entry.card_id, Rating.Good, duration_ms=5200, vignette_seed=7)
    session.undo()                                # -> card id put back, or None
    session.next_undo                             # what undo would take back: "answer", "bury", ...
    session.bury(card_id); session.suspend(card_id); session.flag(card_id)
    session.counts()                              # Counts(new, learning, review) left today

Contract:
- `clock` returns an aware datetime; it is normalised to `timezone.utc` (fsrs needs
  exactly that). Tests pass a fixed clock.
- `next_card` order: learning cards due now; then reviews due today (oldest due first)
  with new cards interleaved evenly among them; then learning cards due within the
  learn-ahead window (20 min). Daily limits count answers in the review log, so they hold
  across restarts and processes. A deck's own limit (`new_per_day@deck`) replaces the
  global one when the deck is studied alone; with several decks the global limit caps the
  total and each deck with its own limit gives at most that many. Buried and suspended
  cards are skipped. Without a custom-study scope, only the `study_kinds` are shown.
- `answer` runs in one `BEGIN IMMEDIATE` transaction, committed before it returns: the
  card's new fsrs state, the review log row (fsrs card JSON before and after, rating,
  duration, vignette seed, and what undo needs), the burying of siblings for the rest of
  the study day (the kinds the `bury_*` settings name; never a card buried yesterday,
  so burying alone delays a card by one day at most), and the leech mark (at `leech_threshold` lapses, then every half
  threshold: marked `leech` and, by default, suspended).
- Elapsed time is counted in study days, not 24-hour periods: fsrs is shown the card
  with `last_review` moved so that whole days up to the review equal the study days
  between the two answers (`quizapp.srs.elapsed`). A card due tomorrow and answered at the
  start of tomorrow's study day, under 24 hours later, counts 1 day, as in Anki. The
  stored card, the log and undo keep the real times; `intervals` and `retrievability`
  apply the same rule.
- A deck with an exam date ahead (`quizapp.srs.exam`) has its new-card limit raised so
  every card comes in time, and no review interval passes the exam with recall on exam
  day below the desired retention; `intervals` previews the intervals so cut.
- `intervals` previews each rating with fuzz off, so it neither consumes nor changes the
  global `random` state that fsrs draws its fuzz from.
- `undo` takes back this session's actions, latest first: answers, and the bury, suspend
  and flag of a card (each put back to the value it had). An answer's card row is restored
  exactly as it was (the fsrs card from the log row's `card_before` JSON), the siblings
  the answer buried are unburied and the log row is deleted. It refuses (returns None)
  if the card was answered since, e.g. by another process.
- A clock that moved backwards never puts a review before the card's previous one: the
  review time used is the later of the two.
- One session per connection and thread at a time (a Textual worker may own it); other
  processes can study the same file at once, each answer waiting briefly for the lock.
- What the session read last (the card `next_card` returned, the day's answer counts) is
  used again only while nothing in the file changed since (`quizapp.store.freshness`): a
  write through any connection, this one included, makes it read them again.
Errors: an unknown card id raises `KeyError`.
"""

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from fsrs import Card, Rating, State

from quizapp.srs.config import StudyConfig, load_config
from quizapp.srs.days import day_start, study_day
from quizapp.srs.elapsed import as_fsrs_sees, retrievability
from quizapp.srs.exam import aim_at_exam, exam_days, new_card_limit
from quizapp.store.cards import (
    BuryRule,
    CardRow,
    ReviewRow,
    bury_siblings,
    delete_review,
    get_card,
    get_card_by_rowid,
    get_review,
    insert_review,
    latest_review_id,
    set_card_flag,
    unbury,
    write_schedule,
)
from quizapp.store.freshness import Stamp, after_own_commit, change_stamp
from quizapp.store.queue import QueueQueries, StudyScope
from quizapp.store.timeutil import from_micros, to_micros
from quizapp.store.transaction import transaction

NEW = 0  # our state for a card never answered (fsrs has no New state)


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


class Queue(StrEnum):
    """Why a card is shown now."""

    LEARNING = "learning"
    REVIEW = "review"
    NEW = "new"


@dataclass(frozen=True)
class QueueEntry:
    """The card to show next and what the screen needs to know about it."""

    card_id: str
    queue: Queue
    deck_id: str
    kind: str
    topic: str
    sibling_key: str
    flagged: bool
    leech: bool
    due: datetime | None  # None for a new card


@dataclass(frozen=True)
class AnswerResult:
    """What an answer did, already committed."""

    card_id: str
    rating: Rating
    state: State
    due: datetime
    interval: timedelta
    review_id: int
    leech: bool  # this answer made the card a leech
    suspended: bool
    buried_siblings: int


@dataclass(frozen=True)
class _Mark:
    """A bury, suspend or flag of one card, with the value it replaced (what undo restores)."""

    action: str  # "bury" | "suspend" | "flag"
    card_id: str
    column: str
    before: int


_MARK_COLUMNS = {"bury": "buried_day", "suspend": "suspended", "flag": "flagged"}
_QUEUE_OF_STATE = {NEW: Queue.NEW, 1: Queue.LEARNING, 2: Queue.REVIEW, 3: Queue.LEARNING}


@dataclass(frozen=True)
class Left:
    """What the daily limits still allow: in all, and per deck with its own limit."""

    total: int
    decks: dict[str, int]

    @property
    def full(self) -> tuple[str, ...]:
        """The decks whose own limit is reached: their cards wait for tomorrow."""
        return tuple(d for d, n in self.decks.items() if n <= 0)


@dataclass(frozen=True)
class Counts:
    """Cards left today, as on Anki's deck screen."""

    new: int
    learning: int
    review: int


class StudySession:
    """One learner studying a selection of decks on one progress file."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        config: StudyConfig | None = None,
        deck_ids: Sequence[str] | None = None,
        clock: Callable[[], datetime] = utc_now,
        scope: StudyScope | None = None,
    ) -> None:
        self.conn = conn
        self.config = config if config is not None else load_config(conn)
        self._clock = clock
        self._tz = self.config.tzinfo()
        self._scheduler = self.config.scheduler()
        self._preview = self.config.scheduler(fuzz=False)
        if scope is None and self.config.study_kinds:
            scope = StudyScope(kinds=self.config.study_kinds)
        self._deck_ids = deck_ids
        self._scope = scope
        self._queries = QueueQueries(deck_ids, scope)
        self._day: tuple[int, datetime, datetime] | None = None  # (study day, start, end)
        self._exams = exam_days(conn, self.today())  # deck id -> exam study day
        self._new_limit: tuple[int, int] = (0, -1)  # (study day, new cards allowed)
        self._deck_queries: dict[str, QueueQueries] = {}  # decks with their own limits
        self._undo_stack: list[int | _Mark] = []  # review log ids (answers) and marks
        self._reviews_since_new = 0
        self._spacing: tuple[int, int] = (0, 1)  # (study day, reviews between new cards)
        self._bury: BuryRule | None = None  # the latest study day's
        # Read since the change stamp `_seen` (see `_still_fresh`): the card `next_card`
        # returned, and the study day's answers per deck (to new cards, to reviews).
        self._seen: Stamp | None = None
        self._shown: CardRow | None = None
        self._done: tuple[int, dict[str, tuple[int, int]]] | None = None
        self._left: tuple[object, tuple[Left, Left]] = (None, (Left(0, {}), Left(0, {})))
        # The settings the limits need, fixed for the session (as `config` is).
        self._caps = (
            self.config.deck_caps("new_per_day", deck_ids),
            self.config.deck_caps("reviews_per_day", deck_ids),
        )
        self._review_limit = self.config.daily_limit("reviews_per_day", deck_ids)

    # -- time -----------------------------------------------------------------------------

    def now(self) -> datetime:
        """The clock, as fsrs needs it (exactly `timezone.utc`)."""
        moment = self._clock()
        if moment.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        return moment.astimezone(UTC)

    def today(self, now: datetime | None = None) -> int:
        """The study day (date ordinal, with the configured rollover hour)."""
        moment = now or self.now()
        if self._day is None or not self._day[1] <= moment < self._day[2]:
            day = study_day(moment, self.config.day_starts_hour, self._tz)
            start = day_start(day, self.config.day_starts_hour, self._tz)
            self._day = (day, start, day_start(day + 1, self.config.day_starts_hour, self._tz))
            if not start <= moment < self._day[2]:  # a wall-clock gap: do not keep it
                self._day = None
            return day
        return self._day[0]

    def _end_of_day(self, day: int) -> int:
        if self._day is not None and self._day[0] == day:
            return to_micros(self._day[2])
        return to_micros(day_start(day + 1, self.config.day_starts_hour, self._tz))

    def _bury_rule(self, day: int) -> BuryRule:
        """The configured sibling burying, for an answer given on study day `day`."""
        if self._bury is None or self._bury.day != day:
            self._bury = self._new_bury_rule(day)
        return self._bury

    def _new_bury_rule(self, day: int) -> BuryRule:
        return BuryRule(
            new=self.config.bury_new,
            reviews=self.config.bury_reviews,
            interday_learning=self.config.bury_interday_learning,
            day=day,
            day_start_us=self._end_of_day(day - 1),
            day_end_us=self._end_of_day(day),
        )

    # -- the queue ------------------------------------------------------------------------

    def next_card(self) -> QueueEntry | None:
        """The card to show now, or None when nothing is left for today."""
        self._still_fresh()
        row, queue = self._next_row()
        self._shown = row
        return None if row is None else queue_entry(row, queue)

    def _next_row(self) -> tuple[CardRow | None, Queue]:
        """`next_card`'s choice, as the stored row and why it is shown."""
        now = self.now()
        today = self.today(now)
        conn, queries = self.conn, self._queries
        row = queries.first_learning(conn, to_micros(now), today)
        if row is not None:
            return row, Queue.LEARNING
        new_left, review_left = self._left_today(today)
        review = None
        if review_left.total > 0:
            review = queries.first_review(conn, self._end_of_day(today), today, review_left.full)
        if review is not None and not (new_left.total > 0 and self._new_turn(today, new_left)):
            return review, Queue.REVIEW
        new = queries.first_new(conn, today, new_left.full) if new_left.total > 0 else None
        if new is not None:
            return new, Queue.NEW
        if review is not None:
            return review, Queue.REVIEW
        ahead = to_micros(now + timedelta(minutes=self.config.learn_ahead_minutes))
        return queries.first_learning(conn, ahead, today), Queue.LEARNING

    def _left_today(self, today: int) -> tuple[Left, Left]:
        """New cards and reviews still allowed today under the daily limits: worked out
        again only when the day's answers (`_done`) were read again or counted up."""
        if self._done is None or self._done[0] != today:
            self._done = (today, self._queries.done_today_by_deck(self.conn, today))
        if self._left[0] is not self._done:
            self._left = (self._done, self._limits_left(today, self._done[1]))
        return self._left[1]

    def _limits_left(self, today: int, by_deck: dict[str, tuple[int, int]]) -> tuple[Left, Left]:
        new_caps, review_caps = self._caps

        def left(limit: int, caps: dict[str, int], index: int) -> Left:
            done = sum(counts[index] for counts in by_deck.values())
            return Left(
                max(0, limit - done),
                {d: max(0, cap - by_deck.get(d, (0, 0))[index]) for d, cap in caps.items()},
            )

        return (
            left(self._new_cards_allowed(today), new_caps, 0),
            left(self._review_limit, review_caps, 1),
        )

    def _new_cards_allowed(self, today: int) -> int:
        """The day's new-card limit, raised so that an exam deck's new cards all come in
        time (`quizapp.srs.exam`); worked out once per study day."""
        if self._new_limit[0] != today:
            base = self.config.daily_limit("new_per_day", self._deck_ids)
            exams = {
                deck: day
                for deck, day in self._exams.items()
                if day > today and (self._deck_ids is None or deck in self._deck_ids)
            }
            limit = new_card_limit(self.conn, self.config, exams, today) if exams else None
            self._new_limit = (today, base if limit is None else max(base, limit))
        return self._new_limit[1]

    def _capped_count(
        self, left: Left, count: Callable[[QueueQueries, int, Sequence[str]], int]
    ) -> int:
        """Cards of the selection available today: the decks without their own limit
        together, plus each deck with one up to what it has left; at most the day's total."""
        total = count(self._queries, left.total, tuple(left.decks))
        for deck_id, deck_left in left.decks.items():
            if deck_left and total < left.total:
                total += count(self._deck_query(deck_id), min(deck_left, left.total), ())
        return min(total, left.total)

    def _deck_query(self, deck_id: str) -> QueueQueries:
        if deck_id not in self._deck_queries:
            self._deck_queries[deck_id] = QueueQueries([deck_id], self._scope)
        return self._deck_queries[deck_id]

    def _count_review(self, today: int, review_left: Left) -> int:
        end = self._end_of_day(today)
        return self._capped_count(
            review_left, lambda q, cap, skip: q.count_review(self.conn, end, today, cap, skip)
        )

    def _new_turn(self, today: int, new_left: Left) -> bool:
        """Spread new cards evenly through the reviews (Anki's default mix).

        The spacing is worked out once per study day, from the reviews due and the new
        cards allowed when the day's studying starts, so it costs nothing per card.
        """
        if self._spacing[0] != today:
            reviews = self._count_review(today, self._left_today(today)[1])
            self._spacing = (today, max(1, reviews // max(1, new_left.total)))
        return self._reviews_since_new >= self._spacing[1]

    def daily_limits(self) -> tuple[int, int]:
        """Today's limits on new cards and on reviews for this selection of decks (an exam
        deck's raise included): what home names when they hold its counts down."""
        return self._new_cards_allowed(self.today()), self._review_limit

    def counts(self) -> Counts:
        """New, learning and review cards left for today, within the daily limits."""
        self._still_fresh()
        today = self.today()
        end = self._end_of_day(today)
        new_left, review_left = self._left_today(today)
        return Counts(
            new=self._capped_count(
                new_left, lambda q, cap, skip: q.count_new(self.conn, today, cap, skip)
            ),
            learning=self._queries.count_learning(self.conn, end, today),
            review=self._count_review(today, review_left),
        )

    # -- answering ------------------------------------------------------------------------

    def intervals(self, card_id: str) -> dict[Rating, timedelta]:
        """What each rating would give, for the answer buttons (no fuzz, no side effects)."""
        row = self._current(card_id)
        now = self.now()
        card = self._fsrs_card(row, now)
        moment = _review_time(card, now)
        card = self._as_fsrs_sees(card, moment)
        today = self.today(now)
        intervals = {}
        for rating in Rating:
            after, _ = self._preview.review_card(card, rating, review_datetime=moment)
            self._aim_at_exam(row.deck_id, after, moment, today)
            intervals[rating] = after.due - moment
        return intervals

    def retrievability(self, card_id: str) -> float:
        """The card's recall probability now (0 for a new card), elapsed time in study days."""
        row = self._current(card_id)
        if row.fsrs is None:
            return 0.0
        now = self.now()
        card = Card.from_json(row.fsrs)
        return retrievability(
            self._scheduler, card, _review_time(card, now), self.config.day_starts_hour, self._tz
        )

    def _as_fsrs_sees(self, card: Card, moment: datetime) -> Card:
        """The card with elapsed time counted in study days (see `quizapp.srs.elapsed`)."""
        return as_fsrs_sees(
            card, moment, self.config.day_starts_hour, self._tz, moment_day=self.today(moment)
        )

    def answer(
        self,
        card_id: str,
        rating: Rating | int,
        duration_ms: int | None = None,
        vignette_seed: int | None = None,
    ) -> AnswerResult:
        """Schedule the card for `rating` and commit everything before returning."""
        rating = Rating(rating)
        now = self.now()
        with transaction(self.conn):
            row = self._current(card_id)
            seen = self._seen
            result = self.record(row, rating, now, duration_ms, vignette_seed)
        self._undo_stack.append(result.review_id)
        self._after_answer(row, self.today(now), seen)
        if row.state == NEW:
            self._reviews_since_new = 0
        elif row.state == State.Review:
            self._reviews_since_new += 1
        return result

    def _after_answer(self, row: CardRow, day: int, seen: Stamp | None) -> None:
        """What the session read stays true but for this answer's own writes: the answered
        card moved on and its deck's answers that day grew by one (as `done_today` counts)."""
        self._shown = None
        if seen is None or seen != self._seen:
            return
        self._seen = after_own_commit(self.conn, seen)
        selected = self._deck_ids is None or row.deck_id in self._deck_ids
        if self._done is not None and self._done[0] == day and selected:
            by_deck = dict(self._done[1])
            new, review = by_deck.get(row.deck_id, (0, 0))
            by_deck[row.deck_id] = (new + (row.state == NEW), review + (row.state == State.Review))
            self._done = (day, by_deck)
        elif selected:
            self._done = None

    def record(
        self,
        row: CardRow,
        rating: Rating,
        now: datetime,
        duration_ms: int | None = None,
        vignette_seed: int | None = None,
    ) -> AnswerResult:
        """The answer's writes (schedule, siblings, log) inside the caller's transaction.

        `answer` calls it for study; a submitted quiz block calls it for each missed
        question (`quizapp.quiz.session`), so both feed the same memory model.
        """
        today = self.today(now)
        before = self._fsrs_card(row, now)
        moment = _review_time(before, now)
        # fsrs sees elapsed study days; `before` (stored for undo) stays the real card
        after, _ = self._scheduler.review_card(
            self._as_fsrs_sees(before, moment),
            rating,
            review_datetime=moment,
            review_duration=duration_ms,
        )
        self._aim_at_exam(row.deck_id, after, moment, today)
        lapsed = row.state == State.Review and rating == Rating.Again
        lapses = row.lapses + int(lapsed)
        leech = lapsed and self._is_leech(lapses)
        suspended = bool(row.suspended or (leech and self.config.leech_suspends))
        after_json = after.to_json()
        write_schedule(
            self.conn,
            row.id,
            {
                "state": int(after.state),
                "due": to_micros(after.due),
                "last_review": to_micros(moment),
                "stability": after.stability,
                "difficulty": after.difficulty,
                "fsrs": after_json,
                "reps": row.reps + 1,
                "lapses": lapses,
                "leech": int(row.leech or leech),
                "suspended": int(suspended),
                "flagged": row.flagged,
                "buried_day": row.buried_day,
            },
        )
        buried = bury_siblings(self.conn, row, self._bury_rule(today))
        review_id = insert_review(
            self.conn,
            ReviewRow(
                id=0,
                card=row.id,
                reviewed_at=to_micros(moment),
                day=today,
                rating=int(rating),
                duration_ms=duration_ms,
                state_before=row.state,
                state_after=int(after.state),
                card_before=before.to_json() if row.fsrs is None else row.fsrs,
                card_after=after_json,
                undo={"schedule": row.schedule(with_fsrs=False), "buried": buried},
                vignette_seed=vignette_seed,
            ),
        )
        return AnswerResult(
            card_id=row.card_id,
            rating=rating,
            state=after.state,
            due=after.due,
            interval=after.due - moment,
            review_id=review_id,
            leech=leech,
            suspended=suspended,
            buried_siblings=len(buried),
        )

    def _aim_at_exam(self, deck_id: str, card: Card, moment: datetime, today: int) -> None:
        """Cut a review interval that would pass the deck's exam with recall on exam day
        below the desired retention (`quizapp.srs.exam`, rule 1)."""
        exam = self._exams.get(deck_id)
        if exam is not None:
            aim_at_exam(self._scheduler, card, moment, exam - today)

    def _is_leech(self, lapses: int) -> bool:
        """At the threshold, then every half threshold after it (Anki's rule)."""
        threshold = self.config.leech_threshold
        if threshold <= 0 or lapses < threshold:
            return False
        return (lapses - threshold) % max(1, threshold // 2) == 0

    @property
    def next_undo(self) -> str | None:
        """What `undo` would take back now: "answer", "bury", "suspend", "flag", or None."""
        if not self._undo_stack:
            return None
        last = self._undo_stack[-1]
        return last.action if isinstance(last, _Mark) else "answer"

    def undo(self) -> str | None:
        """Take back this session's latest action; returns its card id, or None."""
        if not self._undo_stack:
            return None
        review_id = self._undo_stack[-1]
        if isinstance(review_id, _Mark):
            mark = review_id
            self._set(mark.card_id, mark.column, mark.before)
            self._undo_stack.pop()
            return mark.card_id
        with transaction(self.conn):
            review = get_review(self.conn, review_id)
            if review is None or latest_review_id(self.conn, review.card) != review_id:
                self._undo_stack.pop()
                return None
            schedule = review.undo["schedule"]
            schedule["fsrs"] = None if review.state_before == NEW else review.card_before
            write_schedule(self.conn, review.card, schedule)
            unbury(self.conn, [tuple(pair) for pair in review.undo["buried"]])
            delete_review(self.conn, review_id)
            row = get_card_by_rowid(self.conn, review.card)
        self._undo_stack.pop()
        return None if row is None else row.card_id

    # -- card actions ---------------------------------------------------------------------

    def bury(self, card_id: str, *, undoable: bool = True) -> None:
        """Hide the card until the next study day."""
        self._mark("bury", card_id, self.today(), undoable)

    def suspend(self, card_id: str, suspended: bool = True) -> None:
        """Take the card out of study until unsuspended."""
        self._mark("suspend", card_id, int(suspended))

    def flag(self, card_id: str, flagged: bool = True) -> None:
        """Mark the card for later attention (a wrong fact, a card to edit)."""
        self._mark("flag", card_id, int(flagged))

    def _mark(self, action: str, card_id: str, value: int, undoable: bool = True) -> None:
        """Set one card column, remembering its old value for `undo`."""
        column = _MARK_COLUMNS[action]
        before = getattr(self._require(card_id), column)
        self._set(card_id, column, value)
        if undoable:
            self._undo_stack.append(_Mark(action, card_id, column, before))

    def _set(self, card_id: str, column: str, value: int) -> None:
        with transaction(self.conn):
            if not set_card_flag(self.conn, card_id, column, value):
                raise KeyError(card_id)

    def entry(self, card_id: str) -> QueueEntry:
        """The card as the queue would offer it now (to show it again after an undo)."""
        row = self._require(card_id)
        return queue_entry(row, _QUEUE_OF_STATE[row.state])

    # -- helpers --------------------------------------------------------------------------

    def _still_fresh(self) -> bool:
        """Whether what the session read since `_seen` is still as stored; if not, it is
        dropped and a new stamp taken, so what is read next can be kept."""
        stamp = change_stamp(self.conn)
        if stamp == self._seen:
            return True
        self._seen, self._shown, self._done = stamp, None, None
        return False

    def _current(self, card_id: str) -> CardRow:
        """The card as stored: the row `next_card` returned if nothing changed since."""
        if self._still_fresh() and self._shown is not None and self._shown.card_id == card_id:
            return self._shown
        return self._require(card_id)

    def _require(self, card_id: str) -> CardRow:
        row = get_card(self.conn, card_id)
        if row is None:
            raise KeyError(card_id)
        return row

    @staticmethod
    def _fsrs_card(row: CardRow, now: datetime) -> Card:
        """The card as fsrs knows it: its own JSON, or a fresh card for a new one."""
        if row.fsrs is None:
            return Card(card_id=row.id, due=now)
        return Card.from_json(row.fsrs)


def _review_time(card: Card, now: datetime) -> datetime:
    """Never before the previous review, even if the clock went backwards."""
    if card.last_review is not None and card.last_review > now:
        return card.last_review
    return now


def queue_entry(row: CardRow, queue: Queue) -> QueueEntry:
    """What the screen needs to show `row`, taken from `queue`."""
    return QueueEntry(
        card_id=row.card_id,
        queue=queue,
        deck_id=row.deck_id,
        kind=row.kind,
        topic=row.topic,
        sibling_key=row.sibling_key,
        flagged=bool(row.flagged),
        leech=bool(row.leech),
        due=None if row.state == NEW else from_micros(row.due),
    )

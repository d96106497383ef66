"""A student's Anki review history of quizapp's notes, brought into the progress file.

Matching is by GUID, never by text: `quizapp export anki` gives each note the GUID
`guid_for_id(card id)`, so the GUIDs of every card id quizapp knows (the cards of the
decks it studies and those already in the progress file) name the notes to take. Each
quizapp note type has one card template, and a cloze note keeps every gap in c1, so a
note's card of ordinal 0 is the quizapp card; cards added to a note in Anki (a new cloze
number) have no quizapp card, and their entries are skipped.

Which entries of Anki's review log become answers, as Anki's own FSRS reads its log
(`reviews_for_fsrs` in Anki's source):

- learn (type 0), review (1), relearn (2), and filtered (3) with rescheduling: an answer,
  at the entry's time (its id, in milliseconds), button 1-4 as Again/Hard/Good/Easy,
  with the time the student spent on it;
- manual (4: set due date, reset to new), rescheduled (5: Anki recomputing due dates),
  and any entry without a button (ease 0): no answer was given, skipped;
- filtered (3) with ease factor 0: a review in a filtered deck that did not reschedule
  (cramming, previewing), which Anki leaves out of memory states: skipped;
- entries before a reset: a card reset to new (a manual entry with ease factor 0) or
  learnt again from new starts afresh; what came before no longer counts, skipped.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.export.anki import guid_for_id
from quizapp.importing.package import (
    MAX_BYTES,
    PackageError,
    RevlogEntry,
    note_cards,
    note_guids,
    open_package,
    revlog,
)
from quizapp.srs.history import Answer

LEARN, REVIEW, RELEARN, FILTERED, MANUAL, RESCHEDULED = range(6)
ANSWER_KINDS = frozenset({LEARN, REVIEW, RELEARN, FILTERED})

# why entries were skipped, as the summary says it
NOT_ANSWERS = "that record no answer (set due date, reset, rescheduling)"
CRAMMING = "of cramming in a filtered deck without rescheduling"
BEFORE_RESET = "from before the card was reset to new"
EXTRA_CARDS = "of cards added to quizapp's notes in Anki"


@dataclass
class AnkiHistory:
    """What a package holds for quizapp."""

    notes: int = 0  # notes in the package
    matched_notes: int = 0  # of them, quizapp's
    answers: dict[str, list[Answer]] = field(default_factory=dict)  # by quizapp card id
    skipped: Counter[str] = field(default_factory=Counter)  # entries, by reason

    @property
    def answer_count(self) -> int:
        return sum(len(given) for given in self.answers.values())


def read_history(path: Path, card_ids: Iterable[str], max_bytes: int = MAX_BYTES) -> AnkiHistory:
    """The answers the package at `path` holds for the quizapp cards `card_ids`."""
    by_guid = {guid_for_id(card_id): card_id for card_id in card_ids}
    history = AnkiHistory()
    with open_package(path, max_bytes) as conn:
        try:
            _read(conn, by_guid, history)
        except sqlite3.DatabaseError as exc:
            raise PackageError(f"{path} is a damaged Anki package ({exc})") from None
    return history


def _read(conn: sqlite3.Connection, by_guid: dict[str, str], history: AnkiHistory) -> None:
    notes: dict[int, str] = {}  # Anki note id -> quizapp card id
    for note, guid in note_guids(conn):
        history.notes += 1
        if guid in by_guid:
            notes[note] = by_guid[guid]
    history.matched_notes = len(notes)
    cards: dict[int, str | None] = {}  # Anki card id -> quizapp card id (None: extra card)
    for card, note, ordinal in note_cards(conn):
        if note in notes:
            cards[card] = notes[note] if ordinal == 0 else None
    by_card: dict[int, list[RevlogEntry]] = defaultdict(list)
    for entry in revlog(conn):
        if entry.card in cards:
            by_card[entry.card].append(entry)
    for card, entries in by_card.items():
        card_id = cards[card]
        if card_id is None:
            history.skipped[EXTRA_CARDS] += len(entries)
            continue
        answers = answers_from(entries, history.skipped)
        if answers:
            history.answers.setdefault(card_id, []).extend(answers)


def answers_from(entries: list[RevlogEntry], skipped: Counter[str]) -> list[Answer]:
    """One Anki card's log entries (in time order) as answers; the rest counted in
    `skipped` by reason (see the module docstring)."""
    start = _history_start(entries)
    answers = []
    for index, entry in enumerate(entries):
        reason = _not_an_answer(entry) or (BEFORE_RESET if index < start else None)
        if reason is not None:
            skipped[reason] += 1
            continue
        answers.append(
            Answer(
                at=entry.id * 1000,
                rating=entry.ease,
                duration_ms=max(0, entry.time_ms),
                origin={"anki_revlog": entry.id},
            )
        )
    return answers


def _not_an_answer(entry: RevlogEntry) -> str | None:
    """Why the entry records no answer, or None for an answer."""
    if _is_cramming(entry):
        return CRAMMING
    if entry.kind not in ANSWER_KINDS or not 1 <= entry.ease <= 4:
        return NOT_ANSWERS
    return None


def _is_cramming(entry: RevlogEntry) -> bool:
    return entry.kind == FILTERED and entry.factor == 0


def _history_start(entries: list[RevlogEntry]) -> int:
    """Where the card's current history starts: the first entry of its last run of learning
    answers (it was new then), or just after its last reset; 0 when neither is found."""
    start = None
    for index in range(len(entries) - 1, -1, -1):
        entry = entries[index]
        if _is_cramming(entry):
            continue
        if entry.kind == LEARN and _not_an_answer(entry) is None:
            start = index
        elif start is not None:
            break
        elif entry.kind == MANUAL and entry.factor == 0:
            return index + 1
    return start or 0

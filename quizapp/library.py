"""The decks a learner studies, turned into cards and kept in step with the progress file.

This is where the layers meet (deck -> generate -> store), so that the TUI and
the command line load, generate and sync the same way.

A deck whose files are unchanged since its last sync into the progress file (same file
contents, same quizapp code and deck format) is not loaded, generated or synced again:
the library takes its header (title, topics, sources) from the file, reads each card's
stored payload when the card is asked for, and loads the deck model only to render a
vignette afresh. Changed, new and broken decks are loaded from their files as always.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.deck.errors import Problem
from quizapp.deck.files import find_decks
from quizapp.deck.header import DeckHeader
from quizapp.gc_policy import paused_gc
from quizapp.store.deck_cache import (
    DeckSource,
    forget_source,
    read_payload,
    read_payloads,
    read_sources,
)

if TYPE_CHECKING:  # the loader and generators are imported only when a deck is loaded
    from quizapp.deck.model import Deck
    from quizapp.generate.card import Card
    from quizapp.store.sync import CardRecord, DeckInfo, SyncResult


class Library:
    """Every loadable deck in a folder, its cards by id, and what failed to load.

    `decks` holds the model of each deck loaded from its files and the header of each
    deck taken from the progress file (`cached`); both have `title`, `version`,
    `topics` and `sources`. `cards` holds every card, reading cached decks' cards from
    the file on first use; `card()` reads just one.
    """

    def __init__(
        self,
        decks: dict[str, Deck | DeckHeader] | None = None,
        cards: dict[str, Card] | None = None,
        problems: list[Problem] | None = None,
        conn: sqlite3.Connection | None = None,
    ) -> None:
        self.decks: dict[str, Deck | DeckHeader] = decks if decks is not None else {}
        self._cards: dict[str, Card] = cards if cards is not None else {}
        self.problems: list[Problem] = problems if problems is not None else []
        self.cached: dict[str, Path] = {}  # deck id -> root file: decks taken from the file
        self.sources: dict[str, DeckSource] = {}  # decks loaded now: what sync records
        self._conn = conn
        self._complete: set[str] = set()  # cached decks whose cards have all been read
        self._models: dict[str, Deck] = {}
        # each deck as its files say, references to other decks unresolved: what resolving
        # another deck's references reads (None: it no longer loads)
        self._plain: dict[str, Deck | None] = {}
        self._digests: dict[str, dict[str, str]] = {}  # deck id -> its files' SHA-256
        self._lock = threading.RLock()  # screens read cards from workers too

    @property
    def cards(self) -> dict[str, Card]:
        with self._lock:
            for deck_id in self.cached:
                self._read_deck(deck_id)
        return self._cards

    @cards.setter
    def cards(self, cards: dict[str, Card]) -> None:
        self._cards = cards

    def card(self, card_id: str) -> Card | None:
        with self._lock:
            card = self._cards.get(card_id)
            if card is not None or not self.cached or self._conn is None:
                return card
            row = read_payload(self._conn, card_id)
            if row is None or row[0] not in self.cached or row[0] in self._complete:
                return None
            from quizapp.generate.stored import decode

            try:
                card = decode(row[1])
            except (ValueError, TypeError):
                self._fall_back(row[0])
                return self._cards.get(card_id)
            self._cards[card_id] = card
            return card

    def model(self, deck_id: str) -> Deck | None:
        """The deck's full model, its references to other decks resolved (loaded now for a
        cached deck); None if it no longer loads."""
        deck = self.decks.get(deck_id)
        if deck is None or not isinstance(deck, DeckHeader):
            return deck
        with self._lock:
            plain = self.plain(deck_id)
            if deck_id not in self._models and plain is not None:
                from quizapp.deck.links import resolve_links

                self._models[deck_id] = resolve_links(plain, _PlainDecks(self))[0]
            return self._models.get(deck_id)

    def plain(self, deck_id: str) -> Deck | None:
        """The deck as its files say, references to other decks unresolved (loaded now for
        a cached deck); None if it is not in the library or no longer loads."""
        with self._lock:
            if deck_id not in self._plain and deck_id in self.cached:
                from quizapp.deck.loader import check_deck

                loaded = check_deck(self.cached[deck_id]).deck
                self._plain[deck_id] = (
                    loaded if loaded is not None and loaded.id == deck_id else None
                )
            return self._plain.get(deck_id)

    def render(self, card_id: str, seed: int) -> Card | None:
        """The card as shown now: a vignette is rendered afresh with `seed`, others as they are."""
        card = self.card(card_id)
        if card is None or card.kind != "vignette":
            return card
        from quizapp.generate import VignetteError, render_vignette

        deck = self.model(card.deck)
        if deck is None:
            return card  # the deck broke since start-up: the case as generated then
        try:
            return render_vignette(deck, card, seed)
        except VignetteError:  # the deck changed since start-up and no longer yields it
            return card

    def topic_title(self, deck_id: str, topic_id: str) -> str:
        """A topic's title as its deck names it (cards and scores carry only ids; a topic id
        is the deck's own, so two decks may both have a `treatment`)."""
        deck = self.decks.get(deck_id)
        topic = deck.topics.get(topic_id) if deck is not None else None
        if topic is not None:
            return topic.title
        return topic_id or "(no topic)"  # a deck no longer in the folder: its id is all we have

    def topic_label(self, deck_id: str, topic_id: str) -> str:
        """The topic's title, with its deck's title when another deck has a topic of the
        same title (so the two never read as one)."""
        title = self.topic_title(deck_id, topic_id)
        clash = any(
            other_id != deck_id and any(t.title == title for t in other.topics.values())
            for other_id, other in self.decks.items()
        )
        deck = self.decks.get(deck_id)
        return f"{title} ({deck.title})" if clash and deck is not None else title

    def cards_of(self, deck_id: str) -> list[Card]:
        with self._lock:
            if deck_id in self.cached:
                self._read_deck(deck_id)
        return [c for c in self._cards.values() if c.deck == deck_id]

    def add(self, deck: Deck, cards: list[Card], source: DeckSource | None) -> None:
        """A deck loaded from its files, its cards, and what its sync will record (None:
        nothing, so that the next start loads it in full again)."""
        self.decks[deck.id] = deck
        self._cards.update((card.id, card) for card in cards)
        if source is not None:
            self.sources[deck.id] = source

    def _read_deck(self, deck_id: str) -> None:
        """Every card of a cached deck from the file (once); a damaged one means a full load."""
        if deck_id in self._complete or self._conn is None:
            return
        from quizapp.generate.stored import decode

        with paused_gc():
            try:
                cards = [decode(payload) for payload in read_payloads(self._conn, deck_id)]
            except (ValueError, TypeError):
                self._fall_back(deck_id)
                return
        self._cards.update((card.id, card) for card in cards)
        self._complete.add(deck_id)

    def _fall_back(self, deck_id: str) -> None:
        """A stored card is damaged: generate the deck from its files instead, and make the
        next start load and sync it in full (which rewrites the stored cards)."""
        from quizapp.generate import generate_deck

        self._complete.add(deck_id)
        deck = self.model(deck_id)
        if deck is not None:
            self._cards.update((card.id, card) for card in generate_deck(deck).cards)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):  # else the next start falls back again
                forget_source(self._conn, deck_id)


@cache
def code_version() -> str:
    """What else decides a deck's cards besides its files: quizapp's version and the
    source of the deck loader and the generators, so that a changed generator
    regenerates even in a development install. The deck format version is in that source
    (quizapp/deck/format_v1.py), which is read here rather than imported: importing the
    loader costs more than the whole check of an unchanged deck."""
    from quizapp import __version__

    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in code_files():
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}/{digest.hexdigest()[:16]}"


def code_files() -> list[Path]:
    """The source of the deck loader and the generators, subpackages included."""
    package = Path(__file__).parent
    return sorted(
        path for folder in ("deck", "generate") for path in (package / folder).rglob("*.py")
    )


def source_hash(files: dict[str, str], version: str) -> str:
    """One hash of a deck's files (path -> SHA-256 of its contents) and the code version."""
    text = json.dumps([version, sorted(files.items())])
    return hashlib.sha256(text.encode()).hexdigest()


def load_library(
    decks_dir: Path, conn: sqlite3.Connection | None = None, version: str = ""
) -> Library:
    """Load every deck under `decks_dir`; a broken deck is reported, the others still load.

    With `conn`, a deck unchanged since its last sync into that progress file is taken
    from it instead (see the module docstring). `version` stands in for `code_version()`
    (tests).
    """
    library = _library(decks_dir, conn, version, load=True)
    assert library is not None
    return library


def synced_titles(conn: sqlite3.Connection) -> Library:
    """The decks as last synced into the progress file (titles, topics), with no deck file
    read: what the command line names decks and topics by, never their ids."""
    library = Library()
    for source in read_sources(conn).values():
        try:
            header = DeckHeader.from_json(source.header)
        except (ValueError, TypeError):
            continue  # a damaged entry: that deck's topics keep their ids
        library.decks.setdefault(header.id, header)
    return library


def cached_library(decks_dir: Path, conn: sqlite3.Connection, version: str = "") -> Library | None:
    """The library when every deck under `decks_dir` is unchanged since its last sync into
    the file (milliseconds: nothing to load); None when one must be loaded from its files."""
    return _library(decks_dir, conn, version, load=False)


def _library(
    decks_dir: Path, conn: sqlite3.Connection | None, version: str, *, load: bool
) -> Library | None:
    version = version or code_version()
    library = Library(conn=conn)
    sources = read_sources(conn) if conn is not None else {}
    loaded: list[tuple[Path, Deck]] = []
    with paused_gc():
        for root in find_decks([decks_dir]) if decks_dir.is_dir() else []:
            unchanged = _unchanged(sources.get(os.path.abspath(root)), version)
            if unchanged is not None and unchanged[0].id not in library.decks:
                header, library._digests[header.id] = unchanged
                library.decks[header.id] = header
                library.cached[header.id] = root
            elif load:
                deck = _check(library, root)
                loaded += [(root, deck)] if deck is not None else []
            else:
                return None
        # a deck's lists take the facts of the decks that refer to it (`Deck.joined`): one
        # taken from the file is loaded again when a deck referring to it is loaded (that
        # deck may refer to it anew, so its files were not yet part of the cached key)
        for _, deck in loaded:
            for other in dict.fromkeys(link.deck for link in deck.links):
                if other in library.cached:
                    root = library.cached.pop(other)
                    del library.decks[other]
                    again = _check(library, root)
                    loaded += [(root, again)] if again is not None else []
        # generated once every deck is known: a deck's references name other decks
        for root, deck in loaded:
            _generate(library, root, deck, version)
    return library


def _unchanged(source: DeckSource | None, version: str) -> tuple[DeckHeader, dict[str, str]] | None:
    """The deck's header and its files' digests if they still hash to what was synced;
    else None (load it). A deck's files include those of the decks it refers to."""
    if source is None:
        return None
    files = {}
    for path in source.files:
        try:
            files[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return None
    if source_hash(files, version) != source.source_hash:
        return None
    try:
        header = DeckHeader.from_json(source.header)
    except (ValueError, TypeError):
        return None
    return (header, files) if header.id == source.deck_id else None


def _check(library: Library, root: Path) -> Deck | None:
    """Load and check one deck from its files into `library` (not yet generated)."""
    from quizapp.deck.loader import check_deck

    result = check_deck(root)
    library.problems.extend(p for p in result.problems if p.severity == "error")
    deck = result.deck
    if deck is None:
        return None
    if deck.id in library.decks:
        library.problems.append(Problem(deck.loc, "error", f"deck id {deck.id!r} is used twice"))
        return None
    library.decks[deck.id] = deck  # as its files say, until `_generate` resolves it
    library._plain[deck.id] = deck
    library._digests[deck.id] = {os.path.abspath(p): d for p, d in result.files.items()}
    return deck


def _generate(library: Library, root: Path, deck: Deck, version: str) -> None:
    """Resolve a checked deck's references to other decks, generate its cards and add it.

    Its cached cards are valid while its own files, those of the decks it refers to and
    those of the decks that refer to it (their facts join its lists) are unchanged, so its
    source covers all three; a deck with a reference that does not hold records no
    source, so that every start loads it (and reports the problem) again."""
    from quizapp.deck.links import resolve_links
    from quizapp.deck.loader import internal_problem
    from quizapp.generate import generate_deck

    resolved, problems = resolve_links(deck, _PlainDecks(library))
    library.problems += problems
    try:
        cards = generate_deck(resolved).cards
    except Exception as exc:  # one deck's failure never takes the others (or the app) down
        library.problems.append(internal_problem(root, "generating cards from", exc))
        del library.decks[deck.id]
        return
    files = dict(library._digests[deck.id])
    for other in dict.fromkeys(link.deck for link in deck.links):
        files.update(library._digests.get(other, {}))
    for other in list(library.decks):
        plain = library.plain(other) if other != deck.id else None
        if plain is not None and any(link.deck == deck.id for link in plain.links):
            files.update(library._digests.get(other, {}))
    source = None
    if not problems:
        header = DeckHeader.of(resolved).to_json()  # with the sources its joined facts cite
        digest = source_hash(files, version)
        source = DeckSource(deck.id, os.path.abspath(root), tuple(files), digest, header)
    library.add(resolved, cards, source)


class _PlainDecks(Mapping[str, "Deck"]):
    """The library's decks as their files say, loaded as they are asked for: what one
    deck's references are resolved against."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def __getitem__(self, deck_id: str) -> Deck:
        deck = self._library.plain(deck_id)
        if deck is None:
            raise KeyError(deck_id)
        return deck

    def __iter__(self) -> Iterator[str]:
        return iter(self._library.decks)

    def __len__(self) -> int:
        return len(self._library.decks)


def card_record(card: Card) -> CardRecord:
    """What the progress file keeps of a card: ids, metadata and the card as generated."""
    from quizapp.generate.stored import encode
    from quizapp.store.sync import CardRecord

    return CardRecord(
        card.id,
        card.deck,
        card.kind,
        card.topic,
        card.content_hash(),
        card.sibling_key,
        encode(card),
    )


def study_order(cards: list[Card]) -> list[Card]:
    """New cards are introduced in this order: mixed across kinds and topics, yet stable.

    Generators emit cards grouped by kind, so deck order would open with twenty
    cards of one kind; ordering by a hash of the stable id mixes them the same
    way on every machine and every sync.
    """
    return sorted(cards, key=lambda c: hashlib.sha1(c.id.encode()).digest())


def deck_records(library: Library, deck_id: str) -> tuple[DeckInfo, list[CardRecord]]:
    """What syncing one deck writes: its info and its cards in study order."""
    from quizapp.store.sync import DeckInfo

    deck = library.decks[deck_id]
    info = DeckInfo(deck_id, deck.title, deck.version)
    return info, [card_record(c) for c in study_order(library.cards_of(deck_id))]


def sync_library(conn: sqlite3.Connection, library: Library) -> dict[str, SyncResult]:
    """Insert new cards, update changed ones, retire removed ones: deck by deck.

    Decks taken from the file unchanged are skipped: their rows are already in step.
    """
    from quizapp.store.sync import sync_deck

    results = {}
    with paused_gc():
        for deck_id in library.decks:
            if deck_id in library.cached:
                continue
            info, records = deck_records(library, deck_id)
            results[deck_id] = sync_deck(conn, info, records, source=library.sources.get(deck_id))
    return results

"""A real Anki collection (the `anki` package Anki's desktop app runs on) to import into."""

import html
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

BLOCK = re.compile(r"<(?:br|hr|/?div|/?li|/?ul|/?tr|/?td|/?th|/?caption)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")
STYLE = re.compile(r"<style>.*?</style>", re.S)


@contextmanager
def collection(folder: Path) -> Iterator[Collection]:
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, package: Path):
    """Import as Anki's import dialog does by default (update notes if newer)."""
    request = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    return col.import_anki_package(request).log


def shown_text(rendered: str) -> str:
    """What a learner reads: the rendered HTML without styles and tags, entities decoded."""
    return html.unescape(TAG.sub("", BLOCK.sub(" ", STYLE.sub("", rendered))))


def notes_per_type(col: Collection) -> dict[str, int]:
    counts = {}
    for model in col.models.all_names_and_ids():
        found = len(col.find_notes(f"mid:{model.id}"))
        if found:
            counts[model.name] = found
    return counts


# --- studying in Anki over several days, and exporting what was learnt ---------------------

DAY = 86_400


def top_deck(col: Collection) -> int:
    """The imported quizapp deck (the one top-level deck besides Default)."""
    names = col.decks.all_names_and_ids()
    return next(n.id for n in names if "::" not in n.name and n.name != "Default")


def allow_new_cards(col: Collection, deck_id: int, per_day: int) -> None:
    config = col.decks.config_dict_for_deck_id(deck_id)
    config["new"]["perDay"] = per_day
    col.decks.save(config)


def next_day(col: Collection) -> None:
    """A day passes: everything that happened moves one day into the past (Anki's
    scheduler reads the real clock, so the collection travels instead)."""
    col.db.execute("UPDATE revlog SET id = id - ?", DAY * 1000)
    col.db.execute("UPDATE cards SET due = due - ? WHERE queue IN (1, 4)", DAY)  # seconds
    col.db.execute("UPDATE cards SET due = due - 1 WHERE queue IN (2, 3)")  # days


def answer(col: Collection, card, ease: int, seconds: float) -> None:
    """Answer with Anki's own scheduler, having spent `seconds` on the card."""
    card.timer_started = time.time() - seconds
    col.sched.answerCard(card, ease)


def study_day(col: Collection, limit: int, ease_of) -> int:
    """Answer up to `limit` cards of the selected deck as Anki queues them; `ease_of(card,
    n)` gives the button. Returns how many were answered."""
    done = 0
    while done < limit and (card := col.sched.getCard()) is not None:
        answer(col, card, ease_of(card, done), seconds=2 + (card.id + done) % 25)
        done += 1
    return done


def cram(col: Collection, search: str, count: int, reschedule: bool) -> int:
    """Answer `count` cards in a filtered deck (Good); returns the filtered deck's id."""
    deck = col.sched.get_or_create_filtered_deck(0)
    deck.name = f"Cram {time.time_ns()}"
    deck.config.reschedule = reschedule
    deck.config.search_terms[0].search = search
    deck.config.search_terms[0].limit = count
    deck_id = col.sched.add_or_update_filtered_deck(deck).id
    col.decks.select(deck_id)
    for _ in range(count):
        card = col.sched.getCard()
        if card is None:
            break
        answer(col, card, 3, seconds=4)
    col.sched.empty_filtered_deck(deck_id)
    return deck_id


def export_packages(col: Collection, folder: Path) -> dict[str, Path]:
    """The collection as Anki exports it: deck and collection packages, in the current
    format (zstd `collection.anki21b`) and the one for older Anki versions (`anki21`)."""
    from anki.collection import ExportAnkiPackageOptions

    paths = {}
    for legacy in (False, True):
        name = "legacy" if legacy else "current"
        apkg = folder / f"{name}.apkg"
        options = ExportAnkiPackageOptions(with_scheduling=True, legacy=legacy)
        col.export_anki_package(out_path=str(apkg), options=options, limit=None)
        colpkg = folder / f"{name}.colpkg"
        col.export_collection_package(str(colpkg), include_media=False, legacy=legacy)
        col.reopen()
        paths[f"{name}.apkg"], paths[f"{name}.colpkg"] = apkg, colpkg
    return paths


def small_deck_and_export(folder: Path) -> tuple[Path, Path]:
    """The small test deck in `folder/decks`, and quizapp's Anki export of it."""
    from tests.export.helpers import SMALL, run

    decks = folder / "decks"
    decks.mkdir()
    shutil.copy(SMALL, decks / "small.yaml")
    package = folder / "small.apkg"
    assert run("export", "anki", decks, "-o", package).exit_code == 0
    (folder / "anki").mkdir()  # where the test's collection goes
    return decks, package


def add_foreign_note(col: Collection):
    """A note the student made in Anki (no quizapp GUID), in the Default deck."""
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "Capital of France?", "Paris"
    col.add_note(note, col.decks.id_for_name("Default"))
    return note

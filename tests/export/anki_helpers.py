"""A real Anki collection (the `anki` package Anki's desktop app runs on) to import into."""

import html
import re
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

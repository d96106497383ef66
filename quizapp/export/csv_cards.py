"""Cards as a spreadsheet: one row per card, every field, safe to open in Excel or Calc.

UTF-8 with a byte order mark (so Excel reads accents and Greek letters right), CRLF rows
(RFC 4180), and every text cell passed through the report's formula neutraliser: deck text
starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` and is never run as a formula.
Options get fixed columns (option_A ... up to the widest card), so each is its own cell.
Deck places (`loc`, the proof columns) are relative to the deck's folder: a shared sheet
should not carry the author's home folder, and the places still read the same to them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from quizapp.deck.errors import Location
from quizapp.export.html import source_text
from quizapp.export.output import check_target, write_atomically
from quizapp.export.select import Selection
from quizapp.generate import Card
from quizapp.generate.evidence import Proof
from quizapp.quiz.report_format import csv_cell

SUFFIXES = (".csv",)

CARD_COLUMNS = [
    "id", "deck", "kind", "topic", "topic_title", "prompt", "answer", "key", "extra",
    "category", "seed", "sources", "citations", "tests", "loc", "proof",
]  # fmt: skip
OPTION_COLUMNS = ["", "_correct", "_explanation", "_entity", "_proof"]


def _place(loc: Location, folder: Path) -> str:
    """`file:line:col` with the file relative to the deck folder (as given when outside)."""
    path = Path(loc.path)
    with suppress(ValueError):
        path = path.relative_to(folder)
    return str(Location(str(path), loc.line, loc.col))


def _proof_text(proof: tuple[Proof, ...], folder: Path) -> str:
    """One line per fact: `rule: fact (file:line:col)`."""
    return "\n".join(f"{p.rule}: {p.fact} ({_place(p.loc, folder)})" for p in proof)


def _labels(cards: tuple[Card, ...]) -> list[str]:
    """Every option label used (A, B, ...), in order."""
    return sorted({o.label for card in cards for o in card.options})


def columns(selection: Selection) -> list[str]:
    option_columns = [
        f"option_{label}{suffix}" for label in _labels(selection.cards) for suffix in OPTION_COLUMNS
    ]
    return CARD_COLUMNS + option_columns


def row(selection: Selection, card: Card, labels: list[str]) -> list[Any]:
    key = next((o.label for o in card.options if o.correct), None)
    deck = selection.deck_of(card)
    folder = Path(deck.path).parent
    values: list[Any] = [
        card.id, card.deck, card.kind, card.topic, selection.topic_title(card), card.prompt,
        card.answer, key, card.extra, card.category, card.seed, "; ".join(card.sources),
        source_text(deck, card.sources), "; ".join(card.tests), _place(card.loc, folder),
        _proof_text(card.proof, folder),
    ]  # fmt: skip
    options = {o.label: o for o in card.options}
    for label in labels:
        option = options.get(label)
        if option is None:
            values += [None] * len(OPTION_COLUMNS)
        else:
            values += [
                option.text,
                option.correct,
                option.explanation,
                option.entity,
                _proof_text(option.proof, folder),
            ]
    return [csv_cell(value) for value in values]


def write_csv(
    selection: Selection,
    path: Path,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> None:
    check_target(path, SUFFIXES, force)
    labels = _labels(selection.cards)

    def write(target: Path) -> None:
        # newline="": the csv module ends rows in CRLF itself; utf-8-sig writes the BOM
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns(selection))
            for card in selection.cards:
                writer.writerow(row(selection, card, labels))
                if progress is not None:
                    progress(1)

    write_atomically(path, force, write)

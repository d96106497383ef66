"""An Anki package (.apkg) of generated cards, built with genanki.

One note per quizapp card, one Anki card per note, in four note types:

- *quizapp Basic* (basic, reverse, mnemonic and hand-written cards): quizapp already
  generates the reverse direction as its own card, so Anki's "and reversed" type is not used;
- *quizapp Cloze*: a real Anki cloze note (`{{c1::...}}`), every gap of a card in c1 so
  one quizapp card stays one Anki card;
- *quizapp Single best answer* (MCQ and vignette): stem and options on the front; key,
  every option's explanation and the sources on the back;
- *quizapp Comparison*: as above, plus the table the question was drawn from.

A note's GUID is derived from the quizapp card id, which survives rewording, so importing
a newer export updates the same notes and keeps the learner's Anki history. Note type and
deck ids are fixed numbers for the same reason. Deck text is escaped (see `html`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import genanki

from quizapp.deck.model import Deck, Table
from quizapp.export.html import sources_html, text_html
from quizapp.export.output import check_target, write_atomically
from quizapp.export.select import Selection
from quizapp.generate import Card, CardId
from quizapp.generate.kinds.cloze import DELETION, GAP

SUFFIXES = (".apkg",)

CSS = """
.card { font-family: sans-serif; font-size: 18px; text-align: left; }
.options div, .explanations div { margin: 0.3em 0; }
.explanations .correct { font-weight: bold; }
.answer { font-weight: bold; margin: 0.5em 0; }
.cloze { font-weight: bold; color: blue; }
.nightMode .cloze { color: lightblue; }
.extra, .sources, .card-id { font-size: 14px; }
.card-id { opacity: 0.6; }
table.comparison { border-collapse: collapse; font-size: 14px; }
table.comparison th, table.comparison td { border: 1px solid gray; padding: 0.2em 0.4em; }
table.comparison tr.key { font-weight: bold; }
"""

FOOTER = (
    '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'
    '<div class="sources">{{Sources}}</div><div class="card-id">{{Card}}</div>'
)


def _model(model_id: int, name: str, fields: list[str], front: str, back: str, **kw):
    return genanki.Model(
        model_id,
        name,
        fields=[{"name": f} for f in fields],
        templates=[{"name": "Card 1", "qfmt": front, "afmt": back}],
        css=CSS,
        **kw,
    )


# Fixed ids: a note type that changed id would make Anki treat re-exported notes as new.
BASIC = _model(
    1_716_302_101,
    "quizapp Basic",
    ["Front", "Back", "Extra", "Sources", "Card"],
    "{{Front}}",
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Back}}</div>' + FOOTER,
)
CLOZE = _model(
    1_716_302_102,
    "quizapp Cloze",
    ["Text", "Extra", "Sources", "Card"],
    "{{cloze:Text}}",
    '{{cloze:Text}}<hr id="answer">' + FOOTER,
    model_type=genanki.Model.CLOZE,
)


def _choice_model(model_id: int, name: str, fields: list[str], after: str = "") -> genanki.Model:
    """Question and options on the front; key, every option's explanation (and `after`)
    on the back."""
    front = "{{" + fields[0] + '}}<div class="options">{{Options}}</div>'
    back = (
        '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
        '<div class="explanations">{{Explanations}}</div>' + after + FOOTER
    )
    return _model(model_id, name, fields, front, back)


BEST_ANSWER = _choice_model(
    1_716_302_103,
    "quizapp Single best answer",
    ["Stem", "Options", "Answer", "Explanations", "Extra", "Sources", "Card", "Seed"],
)
COMPARISON = _choice_model(
    1_716_302_104,
    "quizapp Comparison",
    ["Question", "Options", "Answer", "Explanations", "Table", "Extra", "Sources", "Card"],
    after="{{Table}}",
)
MODELS = {"basic": BASIC, "cloze": CLOZE, "best-answer": BEST_ANSWER, "comparison": COMPARISON}


def note_guid(card: Card) -> str:
    """From the card id alone: the same card is the same Anki note, whatever its wording."""
    return guid_for_id(card.id)


def guid_for_id(card_id: str) -> str:
    """The GUID of the note a card id is exported as (`quizapp import anki` matches on it)."""
    return genanki.guid_for("quizapp", card_id)


def _stable_id(text: str) -> int:
    """A deck id in genanki's range, the same for the same deck name on every export."""
    digest = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def _deck_part(text: str) -> str:
    """One level of an Anki deck name: `::` would start another level."""
    return " ".join(text.replace("::", ":").split())


def deck_name(selection: Selection, card: Card) -> str:
    """`Deck title::Topic title`; a card without a topic goes in the deck itself."""
    deck = selection.deck_of(card)
    top = _deck_part(deck.title) or deck.id
    topic = _deck_part(selection.topic_title(card)) if card.topic else ""
    return f"{top}::{topic}" if topic else top


def tags(card: Card) -> list[str]:
    found = [f"quizapp::deck::{card.deck}", f"quizapp::kind::{card.kind}"]
    if card.topic:
        found.append(f"quizapp::topic::{card.topic}")
    return ["_".join(tag.split()) for tag in found]


# --- fields ----------------------------------------------------------------------------------


def _options_html(card: Card) -> str:
    return "".join(
        f'<div class="option"><b>{text_html(o.label)}.</b> {text_html(o.text)}</div>'
        for o in card.options
    )


def _explanations_html(card: Card) -> str:
    return "".join(
        f'<div class="{"correct" if o.correct else "incorrect"}">'
        f"<b>{text_html(o.label)}. {text_html(o.text)}</b>: {text_html(o.explanation)}</div>"
        for o in card.options
    )


def _key_html(card: Card) -> str:
    key = next((o for o in card.options if o.correct), None)
    if key is None:
        return text_html(card.answer)
    return f"{text_html(key.label)}. {text_html(key.text)}"


def comparison_table(deck: Deck, card: Card) -> Table | None:
    """The table a comparison card was drawn from (its id names the table)."""
    cid = CardId.parse(card.id)
    if (cid.deck, cid.generator) != (deck.id, "comparison") or len(cid.parts) < 2:
        return None
    return deck.tables.get(cid.parts[0])


def _table_html(deck: Deck, card: Card) -> str:
    table = comparison_table(deck, card)
    if table is None:
        return ""
    key = card.tests[0] if card.tests else None
    head = "".join(f"<th>{text_html(c.title)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        entity = deck.entities.get(row.entity)
        name = entity.name if entity else row.entity
        cells = "".join(
            f"<td>{text_html(row.cells[c.id].text) if c.id in row.cells else ''}</td>"
            for c in table.columns
        )
        css = ' class="key"' if row.entity == key else ""
        rows.append(f"<tr{css}><td>{text_html(name)}</td>{cells}</tr>")
    return (
        f'<table class="comparison"><caption>{text_html(table.title)}</caption>'
        f"<tr><th></th>{head}</tr>{''.join(rows)}</table>"
    )


def _hand_cloze_text(deck: Deck, card: Card) -> str | None:
    cid = CardId.parse(card.id)
    if (cid.deck, cid.generator) != (deck.id, "card") or len(cid.parts) != 1:
        return None
    hand = deck.cards.get(cid.parts[0])
    return hand.text if hand is not None and hand.kind == "cloze" else None


def cloze_field(deck: Deck, card: Card) -> str | None:
    """The card as Anki cloze text with every gap in c1, or None when the gaps cannot be
    placed for sure (the deck's own text contains the gap mark `[...]`).

    Deleted text is escaped like all deck text, and its colons too: `::` inside a deletion
    would start an Anki hint."""
    hand_text = _hand_cloze_text(deck, card)
    if hand_text is not None:
        parts = DELETION.split(hand_text)  # text, term, text, term, ..., text
    else:
        around = card.prompt.split(GAP)
        if len(around) != 2:
            return None
        parts = [around[0], card.answer, around[1]]
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(text_html(part))
        else:
            out.append("{{c1::" + text_html(part).replace(":", "&#58;") + "}}")
    return "".join(out)


def note_for(selection: Selection, card: Card, due: int = 0) -> genanki.Note:
    deck = selection.deck_of(card)
    extra = text_html(card.extra) if card.extra else ""
    sources = sources_html(deck, card.sources)
    cid = text_html(card.id)
    cloze = cloze_field(deck, card) if card.kind == "cloze" else None
    if cloze is not None:
        model, fields = CLOZE, [cloze, extra, sources, cid]
    elif card.kind == "comparison" and card.options:
        table = _table_html(deck, card)
        opts, key, why = _options_html(card), _key_html(card), _explanations_html(card)
        model = COMPARISON
        fields = [text_html(card.prompt), opts, key, why, table, extra, sources, cid]
    elif card.options:
        seed = str(selection.seed if card.seed is None else card.seed)  # distractors too
        opts, key, why = _options_html(card), _key_html(card), _explanations_html(card)
        model = BEST_ANSWER
        fields = [text_html(card.prompt), opts, key, why, extra, sources, cid, seed]
    else:
        model = BASIC
        fields = [text_html(card.prompt), text_html(card.answer), extra, sources, cid]
    return genanki.Note(model=model, fields=fields, tags=tags(card), guid=note_guid(card), due=due)


def build_package(
    selection: Selection, progress: Callable[[int], None] | None = None
) -> genanki.Package:
    """Every selected card as a note in its `Deck::Topic` deck; parents exist as decks too."""
    decks: dict[str, genanki.Deck] = {}
    for top in selection.decks.values():
        name = _deck_part(top.title) or top.id
        decks[name] = genanki.Deck(_stable_id(name), name, text_html(top.description or ""))
    for due, card in enumerate(selection.cards):
        name = deck_name(selection, card)
        if name not in decks:
            decks[name] = genanki.Deck(_stable_id(name), name)
        decks[name].add_note(note_for(selection, card, due))
        if progress is not None:
            progress(1)
    return genanki.Package(list(decks.values()))


def write_anki(
    selection: Selection,
    path: Path,
    force: bool = False,
    timestamp: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the package; `timestamp` (seconds) is the notes' modification time, which
    Anki compares to decide whether an import updates a note (default: now)."""
    check_target(path, SUFFIXES, force)
    package = build_package(selection, progress)
    when = time.time() if timestamp is None else timestamp
    write_atomically(path, force, lambda target: package.write_to_file(str(target), when))

"""Comparison questions from tables: which row has these one or two cell values?

A table's cells are complete statements (decks/README.md, open world). A
combination of cells is asked only when every other row clearly differs in one
of them (no shared word and no shared number: "Normal" vs "Normal or mildly raised",
or 0.7 vs 0.7, do not clearly differ), so the key is the single row that fits; the
options are the row entities, each with the cell that proves its verdict. Only the
columns the table's `ask` names are asked and proven from (`ask: []`: none).
"""

import re
from itertools import combinations

from quizapp.deck.format_v1 import MIN_OPTIONS
from quizapp.deck.model import Table, TableRow
from quizapp.generate.card import Card, LintFinding, card_id
from quizapp.generate.evidence import Proof
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.common import Choice, content_words, labelled, seeded, topic_of
from quizapp.generate.text.wording import is_plural


def comparison_cards(
    ix: DeckIndex, seed: int = 0, options: int = 5
) -> tuple[list[Card], list[LintFinding]]:
    cards: list[Card] = []
    findings: list[LintFinding] = []
    for table in ix.deck.tables.values():
        if not table.asked():
            continue  # a reference table (`ask: []`): too few rows is no loss
        if len(table.rows) < MIN_OPTIONS:
            findings.append(
                LintFinding(
                    table.loc,
                    "warning",
                    "option-count",
                    f"table {table.id!r} has {len(table.rows)} rows; a comparison question "
                    f"needs at least {MIN_OPTIONS}, so none is generated",
                )
            )
            continue
        for row in table.rows:
            for columns in _unique_combinations(ix, table, row):
                cards.append(_card(ix, table, row, columns, seed, options))
    return cards, findings


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}


def _differs(a: str | None, b: str | None) -> bool:
    """Two cells plainly say different things: no meaningful word and no number in common."""
    if a is None or b is None:
        return False
    return not (content_words(a) & content_words(b)) and not (_numbers(a) & _numbers(b))


def _cell_proof(ix: DeckIndex, table: Table, row: TableRow, column: str, title: str) -> Proof:
    cell = row.cells[column]
    fact = f"{table.title}: {ix.name(row.entity)}, {title}: {cell.text}."
    return Proof("cell", fact, cell.loc, f"{table.id}:{row.entity}:{column}")


def _text(row: TableRow, column: str) -> str | None:
    cell = row.cells.get(column)
    return cell.text if cell else None


def _names_it(ix: DeckIndex, table: Table, row: TableRow, column: str) -> bool:
    """Whether the row's cell shares a word with the row's own name that no other row's name
    has: "Which diagnosis has 'SRP' under 'Antibodies'?" named its answer, anti-SRP
    necrotizing myopathy (student trial 4)."""
    others = [content_words(ix.name(o.entity)) for o in table.rows if o is not row]
    own = content_words(ix.name(row.entity)).difference(*others)
    return bool(content_words(_text(row, column) or "") & own)


def _unique_combinations(ix: DeckIndex, table: Table, row: TableRow) -> list[tuple[str, ...]]:
    """Single columns that single the row out; failing those, up to two pairs of columns;
    never a column whose cell names the row."""
    own = [c for c in table.asked() if _text(row, c) and not _names_it(ix, table, row, c)]
    others = [o for o in table.rows if o is not row]

    def unique(cols: tuple[str, ...]) -> bool:
        return all(any(_differs(_text(row, c), _text(o, c)) for c in cols) for o in others)

    singles: list[tuple[str, ...]] = [(c,) for c in own if unique((c,))]
    if singles:
        return singles
    pairs: list[tuple[str, ...]] = [pair for pair in combinations(own, 2) if unique(pair)]
    return pairs[:2]


def _telling_column(row: TableRow, other: TableRow, columns: tuple[str, ...]) -> str:
    """The asked column that tells `other` from `row` most plainly: of those whose cells
    differ, the one where both cells say most. A one-word cell is often a superset of the
    other ("Adults" beside "Statin-exposed, usually over 50"; "arrhythmia" beside "Heart
    block"), so "X has A, not B" there reads as a denial of something true (round 17a)."""
    differing = [c for c in columns if _differs(_text(row, c), _text(other, c))]

    def said(column: str) -> int:
        return min(len(content_words(_text(r, column) or "")) for r in (row, other))

    return max(differing, key=said)


def _card(
    ix: DeckIndex, table: Table, row: TableRow, columns: tuple[str, ...], seed: int, options: int
) -> Card:
    deck = ix.deck
    titles = {c.id: c.title for c in table.columns}
    asked = " and ".join(f"“{_text(row, c)}” under “{titles[c]}”" for c in columns)
    cid = card_id(deck.id, "comparison", table.id, row.entity, *columns)
    rng = seeded(cid, seed)
    others = [o for o in table.rows if o is not row]
    chosen = rng.sample(others, min(options - 1, len(others)))
    key_text = "; ".join(f"{titles[c]}: {_text(row, c)}" for c in columns)
    key_proof = tuple(_cell_proof(ix, table, row, c, titles[c]) for c in columns)
    choices = [Choice(ix.name(row.entity), True, f"Correct. {key_text}.", row.entity, key_proof)]
    for other in chosen:
        col = _telling_column(row, other, columns)
        # the question's own words: "In heliotrope rash the with biopsy entry reads ..."
        # did not parse (clinician rounds 9-11); no ", not “<the key's cell>”": two cells
        # without a word in common can still overlap ("Heart block ..." beside "Cardiomyopathy
        # and arrhythmia"), and the tail read as a denial of the key's cell (round 17a)
        name = ix.name(other.entity)
        has = "have" if is_plural(name) else "has"
        why = f"Incorrect. {name} {has} “{_text(other, col)}” under “{titles[col]}”."
        proof = (_cell_proof(ix, table, other, col, titles[col]),)
        choices.append(Choice(ix.name(other.entity), False, why, other.entity, proof))
    key_entity = ix.entity(row.entity)
    category = deck.kinds[key_entity.kind].label
    return Card(
        id=cid,
        deck=deck.id,
        kind="comparison",
        topic=topic_of(table.topic, key_entity.topic),
        prompt=f"{table.title}. Which {category} has {asked}?",
        answer=key_entity.name,
        sources=tuple(
            dict.fromkeys((*table.sources, *(s for c in columns for s in row.cells[c].sources)))
        ),
        tests=(row.entity,),
        loc=row.loc,
        options=labelled(choices),
        category=category,
    )

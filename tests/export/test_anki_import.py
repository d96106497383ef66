"""The .apkg opens in Anki: imported into a real collection with the `anki` package."""

import json
from collections import Counter
from pathlib import Path

import pytest

from quizapp.deck.loader import load_deck
from quizapp.export import select_cards
from quizapp.export.anki import write_anki
from tests.export.anki_helpers import collection, import_package, notes_per_type, shown_text
from tests.export.helpers import CLOZE_LOOKALIKE, GIFT_SPECIALS, IIM, SCRIPT, run

pytestmark = pytest.mark.anki

NOTE_TYPE = {
    "basic": "quizapp Basic",
    "reverse": "quizapp Basic",
    "mnemonic": "quizapp Basic",
    "cloze": "quizapp Cloze",
    "mcq": "quizapp Single best answer",
    "vignette": "quizapp Single best answer",
    "comparison": "quizapp Comparison",
}


def _cards_json(deck: Path) -> list[dict]:
    result = run("cards", deck, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _note(col, card_id: str):
    """The imported note of a quizapp card (its Card field holds the card id)."""
    found = [col.get_note(n) for n in col.find_notes("tag:quizapp::*")]
    matches = [n for n in found if n["Card"] == card_id]
    assert len(matches) == 1, card_id
    return matches[0]


def test_iim_package_imports_with_one_note_and_card_per_quizapp_card(tmp_path):
    package = tmp_path / "iim.apkg"
    result = run("export", "anki", IIM, "-o", package)
    assert result.exit_code == 0, result.output
    cards = _cards_json(IIM)
    with collection(tmp_path) as col:
        log = import_package(col, package)
        assert len(log.new) == len(cards)
        assert notes_per_type(col) == Counter(NOTE_TYPE[c["kind"]] for c in cards)
        assert col.card_count() == len(cards)
        for kind, count in Counter(c["kind"] for c in cards).items():
            assert len(col.find_notes(f"tag:quizapp::kind::{kind}")) == count
        assert len(col.find_notes("tag:quizapp::deck::iim")) == len(cards)
        topics = {c["topic"] for c in cards}
        for topic in topics:
            assert len(col.find_notes(f"tag:quizapp::topic::{topic}")) == sum(
                c["topic"] == topic for c in cards
            )
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "Idiopathic inflammatory myopathies" in names
        assert "Idiopathic inflammatory myopathies::Myositis antibodies" in names
        message, ok = col.fix_integrity()
        assert ok, message


def test_a_cloze_renders_as_an_anki_cloze(tmp_path):
    package = tmp_path / "iim.apkg"
    assert run("export", "anki", IIM, "--kind", "cloze", "-o", package).exit_code == 0
    with collection(tmp_path) as col:
        import_package(col, package)
        card = _note(col, "iim:cloze:dm.subtype_of.iim:to").cards()[0]
        question, answer = card.question(), card.answer()
        assert question.count('class="cloze"') == 1
        assert "Adult dermatomyositis is classed under [...]." in " ".join(
            shown_text(question).split()
        )
        shown = " ".join(shown_text(answer).split())
        assert "classed under idiopathic inflammatory myopathies." in shown
        assert "[...]" not in shown


def test_mcq_shows_options_on_the_front_and_every_explanation_with_sources_on_the_back(
    tmp_path,
):
    package = tmp_path / "iim.apkg"
    assert run("export", "anki", IIM, "--kind", "vignette", "-o", package).exit_code == 0
    vignette = _cards_json(IIM)
    vignette = next(c for c in vignette if c["id"] == "iim:vignette:bp-dm:diagnosis")
    with collection(tmp_path) as col:
        import_package(col, package)
        card = _note(col, vignette["id"]).cards()[0]
        front = " ".join(shown_text(card.question()).split())
        back = " ".join(shown_text(card.answer()).split())
    for option in vignette["options"]:
        assert f"{option['label']}. {option['text']}" in front
        assert option["explanation"] not in front
        assert option["explanation"] in back
    assert "Callen JP, Wortmann RL. Dermatomyositis." in back


def test_comparison_shows_its_table_on_the_back(tmp_path):
    package = tmp_path / "iim.apkg"
    assert run("export", "anki", IIM, "--kind", "comparison", "-o", package).exit_code == 0
    with collection(tmp_path) as col:
        import_package(col, package)
        note = col.get_note(col.find_notes("tag:quizapp::kind::comparison")[0])
        front, back = note.cards()[0].question(), note.cards()[0].answer()
    assert '<table class="comparison">' in back and '<tr class="key">' in back
    title = shown_text(front).split(". Which ")[0].strip()  # the question names its table
    assert title in {"Differential diagnosis of myopathy", "IIM subtypes at a glance"}, title
    assert title in shown_text(back)


def test_deck_text_that_looks_like_html_or_cloze_shows_literally(tmp_path, hostile_deck):
    package = tmp_path / "hostile.apkg"
    result = run("export", "anki", hostile_deck, "-o", package)
    assert result.exit_code == 0, result.output
    with collection(tmp_path) as col:
        import_package(col, package)
        # one Anki card per note: no `{{c1::` in deck text became a cloze deletion
        assert col.card_count() == col.note_count() == len(_cards_json(hostile_deck))
        rendered = [
            (card.question(), card.answer())
            for nid in col.find_notes("")
            for card in col.get_note(nid).cards()
        ]
        gap = _note(col, "small:cloze:alpha.biopsy_shows.bx-alpha:to").cards()[0].question()
        deleted = _note(col, "small:cloze:alpha.marked_by.ab-alpha:to").cards()[0]
        deleted_front, deleted_back = deleted.question(), deleted.answer()
        message, ok = col.fix_integrity()
    assert ok, message
    assert all("<script" not in q + a and "<b>bold" not in q + a for q, a in rendered)
    assert any(SCRIPT in shown_text(q) for q, _ in rendered)
    assert gap.count('class="cloze"') == 1
    assert f"alpha {SCRIPT} {CLOZE_LOOKALIKE} disease shows [...]" in shown_text(gap)
    assert f"Anti-{CLOZE_LOOKALIKE} {GIFT_SPECIALS} marks" in shown_text(deleted_back)
    assert "[...] marks" in shown_text(deleted_front)


def _rename_alpha(data: dict) -> None:
    entity = next(e for e in data["entities"] if e["id"] == "alpha")
    entity["name"] = "Alpha illness"


def test_reexport_after_rewording_updates_the_same_notes_and_keeps_anki_history(
    tmp_path, small_deck
):
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    before = select_cards([load_deck(small_deck(None))])
    write_anki(before, first, timestamp=1_750_000_000)
    after = select_cards([load_deck(small_deck(_rename_alpha))])
    write_anki(after, second, timestamp=1_750_000_000 + 3600)
    changed = {c.id for c, d in zip(before.cards, after.cards, strict=True) if c != d}
    assert [c.id for c in before.cards] == [c.id for c in after.cards] and changed

    with collection(tmp_path) as col:
        import_package(col, first)
        studied = _note(col, "small:basic:alpha:marked_by").cards()[0]
        studied.start_timer()
        col.sched.answerCard(studied, 3)
        log = import_package(col, second)
        assert len(log.new) == 0
        assert {n.fields[-1] for n in log.updated} >= {"small:basic:alpha:marked_by"}
        assert col.note_count() == len(after.cards)
        again = col.get_card(studied.id)
        assert again.reps == 1 and again.type != 0  # still the studied card, not a new one
        assert col.db.scalar("select count() from revlog where cid = ?", studied.id) == 1
        assert "alpha illness" in again.question()
        message, ok = col.fix_integrity()
        assert ok, message

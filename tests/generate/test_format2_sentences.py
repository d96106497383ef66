"""Format 2: per-sentence sources in learner text. A summary, a relation's note, a text
attribute and an attribute value's note may be a list of sentences, each `{text, source}` (or
a plain string): each sentence's sources follow it wherever it is shown, as plain text, and
join the card's source list. A plain string stays exactly as written."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.deck.prose import cited
from quizapp.export import select_cards
from quizapp.export.anki import note_for
from quizapp.tui.browse.card_preview import preview_text
from tests.generate.helpers import FORMAT2, cards_by_id, diagnosis_renders, errors_at
from tests.generate.helpers import UPGRADE_HINT as HINT

SENTENCES = FORMAT2 / "sentences.yaml"
SUMMARY = (
    "An invented myopathy of adults [kim2019]. Its sign is painless [lee2021, s1]. "
    "Made up for tests."
)


@pytest.fixture(scope="module")
def deck():
    return load_deck(SENTENCES)


@pytest.fixture(scope="module")
def cards(deck):
    return cards_by_id(deck)


def test_each_sentence_is_followed_by_its_own_sources(deck):
    zeta = deck.entities["zeta"]
    assert zeta.summary == SUMMARY
    assert zeta.sentence_sources == ("kim2019", "lee2021", "s1")
    description = zeta.attributes["description"]
    assert description.text == (
        "Weakness starts in the hips [kim2019]. It reaches the shoulders within a year [lee2021]."
    )
    assert description.note == "Both points come from small series [lee2021]."


@pytest.mark.parametrize(
    ("text", "sources", "shown"),
    [
        ("Rare in men.", ["a"], "Rare in men [a]."),
        ("Rare in men", ["a", "b", "a"], "Rare in men [a, b]"),
        ("Is it rare?  ", ["a"], "Is it rare [a]?"),
        ("Rare...", ["a"], "Rare [a]..."),
        ("Rare.", [], "Rare."),
    ],
)
def test_sources_go_before_the_closing_punctuation(text, sources, shown):
    assert cited(text, sources) == shown


def test_cards_show_the_cited_sentences_and_list_their_sources(cards):
    attribute = cards["sentences:attribute:zeta:description"]
    assert attribute.answer.endswith("within a year [lee2021].")
    assert attribute.extra == "Both points come from small series [lee2021]."
    assert attribute.sources == ("s1", "kim2019", "lee2021")
    finding = cards["sentences:basic:zeta:has_finding"]
    assert finding.extra.endswith("Seen in nine of ten patients [kim2019].")
    assert finding.sources == ("s1", "kim2019")


def test_a_vignette_explanation_cites_the_summary_sentences(deck):
    for card in diagnosis_renders(deck, "bp-zeta", range(3)):
        assert card.extra == f"Zeta disease: {SUMMARY}"
        assert {"kim2019", "lee2021"} <= set(card.sources)


def test_the_citations_render_as_text_not_markup(deck, cards):
    """`[kim2019]` would be a Rich markup tag: the browse preview and the Anki fields show it."""
    card = cards["sentences:attribute:zeta:description"]
    shown = preview_text(card, "Zeta", deck).plain
    assert "Weakness starts in the hips [kim2019]." in shown
    assert "Kim B. Zeta disease in adults." in shown  # its full citation in the source list
    selection = select_cards([deck], seed=1)
    note = note_for(selection, next(c for c in selection.cards if c.id == card.id))
    assert any("in the hips [kim2019]. It reaches" in field for field in note.fields)
    assert any("Kim B. Zeta disease in adults." in field for field in note.fields)


def test_sentence_text_is_escaped_in_exports(variant):
    root = variant("sentences.yaml", {"Seen in nine of ten": "Seen in <b>nine</b> of ten"})
    selection = select_cards([load_deck(root)], seed=1)
    card = next(c for c in selection.cards if c.id == "sentences:basic:zeta:has_finding")
    fields = note_for(selection, card).fields
    assert any("Seen in &lt;b&gt;nine&lt;/b&gt; of ten patients [kim2019]." in f for f in fields)


def test_a_plain_string_is_unchanged(variant, cards):
    plain = "An invented myopathy of adults. Made up for tests."
    root = variant(
        "sentences.yaml",
        {
            '      - {text: "An invented myopathy of adults.", source: kim2019}\n'
            '      - {text: "Its sign is painless.", source: [lee2021, s1]}\n'
            "      - Made up for tests.\n": "",
            "    summary:\n": f"    summary: {plain}\n",
        },
    )
    deck = load_deck(root)
    assert deck.entities["zeta"].summary == plain
    assert deck.entities["zeta"].sentence_sources == ()
    card = diagnosis_renders(deck, "bp-zeta", [0])[0]
    assert card.extra == f"Zeta disease: {plain}" and "kim2019" not in card.sources
    assert set(cards_by_id(deck)) == set(cards)  # the same card ids either way


def test_an_unknown_source_of_a_sentence_is_an_error_where_written(variant):
    root = variant("sentences.yaml", {"source: [lee2021, s1]}": "source: [lee2012, s1]}"})
    assert errors_at(root) == [(20, 50, "unknown source 'lee2012'; did you mean 'lee2021'?")]


def test_a_sentence_names_its_sources_with_source(variant):
    root = variant("sentences.yaml", {'painless.", source:': 'painless.", sources:'})
    assert errors_at(root) == [
        (20, 9, "sentence is missing required key 'source'"),
        (20, 41, "unknown key 'sources' in sentence; did you mean 'source'?"),
    ]


def test_format_1_decks_get_a_located_error_for_each_list_of_sentences(variant):
    problems = errors_at(variant("sentences.yaml", {"format: 2": "format: 1"}))
    needs = f"sentences with their own sources need format 2; {HINT}"
    assert problems == [(19, 7, needs), (25, 11, needs), (27, 15, needs), (38, 7, needs)]

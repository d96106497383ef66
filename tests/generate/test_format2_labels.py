"""Format 2: a source's short author-year `label` ("Kim 2019") is what a learner reads after a
sentence that cites it; a source without one shows its id. A label is one line of text, no
brackets, at most 40 characters, one per source: anything else is a located error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.deck.loader import check_deck, load_deck
from quizapp.deck.prose import cited
from tests.generate.helpers import UPGRADE_HINT as HINT
from tests.generate.helpers import cards_by_id, errors_at
from tests.support.paths import IIM_DECK

KIM = '{id: kim2019, citation: "Kim B.'
LEE = '{id: lee2021, citation: "Lee C.'


def _labelled(variant, kim: str, lee: str | None = None):
    changes = {KIM: f'{{id: kim2019, label: {kim}, citation: "Kim B.'}
    if lee is not None:
        changes[LEE] = f'{{id: lee2021, label: {lee}, citation: "Lee C.'
    return variant("sentences.yaml", changes)


def _at(root, key: str, value: str) -> tuple[int, int]:
    """Line and column (1-based) where `key: value` is written in the deck file."""
    for number, line in enumerate(root.read_text(encoding="utf-8").splitlines(), start=1):
        if f"{key}: {value}" in line:
            return number, line.index(f"{key}: {value}") + len(key) + 3
    raise AssertionError(value)


def test_a_labelled_source_is_read_by_its_label_and_others_by_their_id(variant):
    deck = load_deck(_labelled(variant, "Kim 2019"))
    zeta = deck.entities["zeta"]
    assert zeta.summary == (
        "An invented myopathy of adults [Kim 2019]. Its sign is painless [lee2021, s1]. "
        "Made up for tests."
    )
    card = cards_by_id(deck)["sentences:attribute:zeta:description"]
    assert card.answer == (
        "Weakness starts in the hips [Kim 2019]. It reaches the shoulders within a year [lee2021]."
    )
    # the card still lists the ids, so the source view and exports find each full citation
    assert card.sources == ("s1", "kim2019", "lee2021")
    assert zeta.sentence_sources == ("kim2019", "lee2021", "s1")


def test_a_relation_note_shows_the_label(variant):
    deck = load_deck(_labelled(variant, "Kim 2019"))
    finding = cards_by_id(deck)["sentences:basic:zeta:has_finding"]
    assert finding.extra.endswith("Seen in nine of ten patients [Kim 2019].")


def test_labels_leave_card_ids_alone(variant):
    plain = set(cards_by_id(load_deck(variant("sentences.yaml", {}))))
    assert set(cards_by_id(load_deck(_labelled(variant, "Kim 2019", "Lee 2021")))) == plain


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2019", "expected text, got the number 2019"),
        ('""', "text is empty"),
        ('"Kim [2019]"', "a label has no brackets or line breaks"),
        ('"Kim\\n2019"', "a label has no brackets or line breaks"),
        ("K" * 41, "text is 41 characters; at most 40"),
    ],
)
def test_a_bad_label_is_an_error_where_it_is_written(variant, label, message):
    root = _labelled(variant, label)
    assert errors_at(root) == [(*_at(root, "label", label), message)]


def test_two_sources_with_one_label_is_an_error_at_the_second(variant):
    root = _labelled(variant, '"Kim 2019"', "Kim 2019")
    assert errors_at(root) == [
        (*_at(root, "label", "Kim 2019"), "label 'Kim 2019' is also source 'kim2019''s")
    ]


def test_a_label_needs_format_2(variant):
    root = variant(
        "sentences.yaml",
        {KIM: '{id: kim2019, label: Kim 2019, citation: "Kim B.', "format: 2": "format: 1"},
    )
    line, col = _at(root, "label", "Kim 2019")
    assert (line, col - len("label: "), f"'label' in source needs format 2; {HINT}") in errors_at(
        root
    )


def test_the_bundled_sentence_citations_read_as_author_and_year():
    card = cards_by_id(load_deck(IIM_DECK))["iim:attribute:mri-muscle:subtype_pattern"]
    assert "[Cox 2011, Muscle Nerve 2019]." in card.answer
    assert "cox-2011" in card.sources and "[cox-2011" not in card.answer


LABEL = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="[]"), min_size=1
).filter(str.strip)


@given(label=LABEL, ending=st.sampled_from([".", "?", "!", ""]))
def test_any_label_follows_its_sentence_before_the_closing_mark(label, ending):
    shown = cited(f"Rare in men{ending}", ["a", "b"], {"a": label})
    assert shown == f"Rare in men [{label}, b]{ending}"


def test_a_sentence_citing_an_unlabelled_source_is_a_warning_where_it_cites(variant):
    """Round 11: age notes showed "[carra-2022]" to learners. Each sentence that cites a
    source without a label gets a warning at its `source`, naming only those sources."""
    root = _labelled(variant, "Kim 2019")
    warnings = [
        (p.loc.line, p.loc.col, p.message)
        for p in check_deck(root).problems
        if p.severity == "warning"
    ]
    text = root.read_text(encoding="utf-8").splitlines()
    cited_ids = [message.split("cites ", 1)[1].split(", which")[0] for *_, message in warnings]
    assert all(m.startswith("unlabelled-source: ") for *_, m in warnings)
    # kim2019 has a label now: only the sentences citing lee2021 or s1 are named
    assert cited_ids == ["'lee2021', 's1'", "'lee2021'", "'lee2021'"]
    for line, col, _ in warnings:
        assert text[line - 1][col - 1 :].startswith(("lee2021", "[lee2021"))
    labelled = _labelled(variant, "Kim 2019", "Lee 2021")
    base = labelled.parent / "shared" / "base.yaml"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("{id: s1, citation:", "{id: s1, label: Author 2020, citation:"))
    assert not [p for p in check_deck(labelled).problems if p.severity == "warning"]

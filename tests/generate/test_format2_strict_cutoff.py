"""Format 2: `strict_cutoff` on an age at onset. A source's "onset before 18" or "after 45"
reads so on cards ("under 18 years", "over 45 years"), where "at most 17" or "45 or older"
restated it (clinician round 10); min and max stay the last whole age inside, so cases and
rule-outs keep working from them."""

from quizapp.deck.loader import load_deck
from tests.generate.helpers import FORMAT2, cards_by_id, problems_at

RARELY = "rarely.yaml"


def test_cards_word_a_strict_cut_off_as_the_source_does(variant):
    root = variant(
        RARELY,
        {
            "{min: 2, max: 70, rarely_after: 16,": "{min: 46, max: 100, strict_cutoff: true,",
            "{min: 0, max: 36, unit: months, usual: {min: 1, max: 12},\n"
            "                                 peaks: [6], rarely_after: 18,": "{min: 0, max: 11, "
            "unit: months, strict_cutoff: true,",
        },
    )
    assert problems_at(root) == []
    cards = cards_by_id(load_deck(root))
    assert cards["rarely:attribute:omicron:age_at_onset"].answer == "Over 45 years"
    assert cards["rarely:attribute:pi:age_at_onset"].answer == "Under 12 months"


def test_without_the_flag_the_cut_off_reads_inclusive():
    cards = cards_by_id(load_deck(FORMAT2 / RARELY))
    assert cards["rarely:attribute:pi:age_at_onset"].answer.startswith("At most 36 months")


def test_strict_cutoff_belongs_to_the_age_at_onset(variant):
    root = variant(
        RARELY,
        {
            "rarely_after: 16, source: s1}}}": "source: s1},"
            " ck: {min: 1, max: 9, strict_cutoff: true, source: s1}}}"
        },
    )
    assert problems_at(root) == [
        (9, 100, "`strict_cutoff` belongs to the age at onset (a range attribute "
                 "'age_at_onset'), not to 'ck'")
    ]  # fmt: skip


def test_the_bundled_age_cards_give_the_cut_off_and_the_usual_age(iim):
    cards = cards_by_id(iim)
    assert cards["iim:attribute:jdm:age_at_onset"].answer == "Under 18 years; most often 5-15 years"
    assert cards["iim:attribute:ibm:age_at_onset"].answer == (
        "Over 45 years; most often 50 years or older"
    )
    assert cards["iim:attribute:pmr:age_at_onset"].answer == (
        "50 years or older; most often 70-80 years"
    )

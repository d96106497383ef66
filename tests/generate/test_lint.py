"""Each checklist item catches the flaw it is for; a clean deck lints clean."""

from dataclasses import replace

import pytest

from quizapp.generate import generate_deck, lint_deck
from quizapp.generate.card import Card, Option
from quizapp.generate.index import build_index
from quizapp.generate.lint.bank import check_key_balance
from quizapp.generate.lint.checklist import lint_card


@pytest.fixture(scope="module")
def vignette(small) -> Card:
    return next(
        c for c in generate_deck(small).cards if c.id == "small:vignette:bp-alpha:diagnosis"
    )


def checks(small, card: Card, severity: str = "error") -> set[str]:
    return {check for sev, check, _ in lint_card(build_index(small), card) if sev == severity}


def relabel(options: list[Option]) -> tuple[Option, ...]:
    return tuple(replace(o, label="ABCDEFGH"[i]) for i, o in enumerate(options))


def test_generated_vignette_has_no_errors(small, vignette):
    assert checks(small, vignette) == set()


def test_option_count(small, vignette):
    assert "option-count" in checks(small, replace(vignette, options=vignette.options[:3]))


def test_one_key(small, vignette):
    options = tuple(replace(o, correct=True) for o in vignette.options)
    assert "one-key" in checks(small, replace(vignette, options=options))


def test_duplicate_by_alias(small, vignette):
    # "AL sign" is an alias of "Alpha sign": a synonym pair, not two options
    options = list(vignette.options[:4]) + [Option("E", "Zzz", False, "", "sign-alpha")]
    options[3] = Option("D", "Yyy", False, "", "sign-alpha")
    assert "duplicate" in checks(small, replace(vignette, options=tuple(options)))


def test_homogeneous(small, vignette):
    options = [*vignette.options[:4], Option("E", "Zeta sign", False, "", "sign-zeta")]
    assert "homogeneous" in checks(small, replace(vignette, options=relabel(options)))


def test_banned_form_and_logical_order(small, vignette):
    options = [*vignette.options[:4], Option("E", "All of the above", False, "")]
    assert "banned-form" in checks(small, replace(vignette, options=relabel(options)))
    backwards = relabel(list(reversed(vignette.options)))
    assert "logical-order" in checks(small, replace(vignette, options=backwards))


def test_lead_in_must_be_one_closed_positive_question(small, vignette):
    stem = vignette.prompt.rsplit("\n\n", 1)[0]
    negative = replace(vignette, prompt=stem + "\n\nWhich of the following is NOT the diagnosis?")
    assert "negative-lead-in" in checks(small, negative)
    vague = replace(vignette, prompt=stem + "\n\nWhich diagnosis is usually seen?")
    assert "absolute-term" in checks(small, vague)
    statement = replace(vignette, prompt=stem + "\n\nThe most likely diagnosis is")
    assert "closed-lead-in" in checks(small, statement)


def test_key_named_in_stem(small, vignette):
    leaked = replace(vignette, prompt="Alpha disease is suspected. " + vignette.prompt)
    assert "key-in-stem" in checks(small, leaked)


def test_missing_slots(small, vignette):
    stem, lead_in = vignette.prompt.rsplit("\n\n", 1)
    assert " Serum creatine kinase is " in stem
    no_labs = stem.split(" Serum creatine kinase is ")[0]
    found = lint_card(build_index(small), replace(vignette, prompt=no_labs + "\n\n" + lead_in))
    assert any(check == "vignette-slots" and "labs" in message for _, check, message in found)
    no_exam = stem.replace("Physical examination shows", "We see")
    found = lint_card(build_index(small), replace(vignette, prompt=no_exam + "\n\n" + lead_in))
    assert any(check == "vignette-slots" and "examination" in m for _, check, m in found)


def test_cues_are_warnings(small, vignette):
    options = list(vignette.options)
    key = next(i for i, o in enumerate(options) if o.correct)
    options[key] = replace(options[key], text=options[key].text + " with a much longer name")
    assert "length-cue" in checks(small, replace(vignette, options=tuple(options)), "warning")


@pytest.mark.parametrize(
    ("key", "others", "cued"),
    [
        ("Hyperkalaemic periodic paralysis", ["Hypokalaemic periodic paralysis", "A", "B"], False),
        ("x" * 22, ["x" * 20, "x", "x"], False),  # 2 characters longer: trivial
        ("x" * 43, ["x" * 40, "x", "x"], False),  # 3 longer, but within 10% of 40
        ("x" * 45, ["x" * 40, "x", "x"], True),
        ("x" * 13, ["x" * 10, "x", "x"], True),  # 3 longer and 30% longer
        ("x" * 30, ["x" * 30, "x" * 10, "x"], False),  # not the longest alone
    ],
)
def test_length_cue_needs_a_key_clearly_longer_than_every_distractor(
    small, vignette, key, others, cued
):
    """Not for a key a letter or two longer than its neighbour (author trial 2): at least
    3 characters and more than 10% longer than the longest distractor, and standing out."""
    opts = [replace(vignette.options[0], text=key, correct=True)] + [
        replace(vignette.options[0], text=t, correct=False) for t in others
    ]
    opts = sorted(opts, key=lambda o: o.text)
    found = checks(small, replace(vignette, options=tuple(opts)), "warning")
    assert ("length-cue" in found) == cued


def test_key_balance_needs_enough_items_and_a_real_skew(vignette):
    assert check_key_balance([vignette] * 10) == []  # too few to mean anything
    skewed = check_key_balance([vignette] * 30)
    assert skewed and skewed[0][:2] == ("warning", "key-balance")


def test_small_deck_lints_without_errors(small):
    assert [f for f in lint_deck(small, seeds=10) if f.severity == "error"] == []


def test_iim_deck_lints_without_errors(iim):
    errors = [str(f) for f in lint_deck(iim, seeds=50) if f.severity == "error"]
    assert errors == []

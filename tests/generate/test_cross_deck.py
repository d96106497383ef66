"""Cards from references to another deck's entities (format 2 `deck:entity`): two small
real decks that refer to each other (data/xdeck), resolved together as every command and
the app resolve them. The referencing deck owns the cards; the other deck's entity is
named by its title; it is an option only where the referencing deck proves it wrong."""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.deck.links import resolve_all
from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from quizapp.generate.lint.proof_check import ProofChecker
from tests.deck.test_validate_cli import run as quizapp
from tests.generate.helpers import DATA

XDECK = DATA / "xdeck"
NOT_LOADED = (
    "names deck 'myo', which is not loaded (loaded: nmj); the cards of this relation are "
    "left out until it is: check it together with that deck"
)


def _resolved() -> dict:
    decks, problems = resolve_all([load_deck(XDECK / "myo.yaml"), load_deck(XDECK / "nmj.yaml")])
    assert problems == []
    return {deck.id: deck for deck in decks}


@pytest.fixture(scope="module")
def cards() -> dict:
    decks = _resolved()
    return {c.id: c for deck in decks.values() for c in generate_deck(deck).cards}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    shutil.copytree(XDECK, decks)
    return decks


def test_fact_cards_name_the_other_decks_entity_by_its_title(cards):
    basic = cards["nmj:basic:omicron:has_finding"]
    assert basic.answer == "Includes: Areflexia; Proximal weakness"
    assert basic.deck == "nmj" and basic.sources == ("n1",) and basic.topic == "junction"
    reverse = cards["nmj:reverse:myo:calf-pain:has_finding"]
    assert reverse.prompt == "Which conditions show calf pain?"
    assert reverse.answer == "Includes: Upsilon syndrome"
    assert reverse.deck == "nmj" and reverse.topic == "junction"
    # the other way round: the muscle deck's condition with the junction deck's finding
    assert cards["myo:basic:lambda:has_finding"].answer == (
        "Includes: Proximal weakness; Fatigue sign (rare)"
    )
    shown = " ".join(f"{c.prompt} {c.answer} {c.extra or ''}" for c in cards.values())
    assert "myo:" not in shown and "nmj:" not in shown  # never a raw reference


def test_a_list_two_decks_state_is_one_card_with_both_decks_facts(cards):
    """Clinician round 9: "Which condition shows ragged-red fibres?" in both decks, with two
    lists; round 10: one card listing only one deck's half drops the other's facts. The
    muscle deck asks which conditions show its proximal weakness, so the junction deck asks
    it not again, and the muscle deck's card answers with the junction deck's Omicron
    syndrome too, citing that deck's source under its deck id; the same the other way round
    for the junction deck's fatigue sign."""
    assert "nmj:reverse:myo:proximal-weakness:has_finding" not in cards
    assert "myo:reverse:nmj:fatigue-sign:has_finding" not in cards
    weakness = cards["myo:reverse:proximal-weakness:has_finding"]
    assert weakness.answer == "Includes: Kappa myositis; Lambda myopathy; Omicron syndrome"
    assert "nmj:omicron.has_finding.myo:proximal-weakness" in weakness.tests
    cited = [s for s in weakness.sources if s.startswith("nmj:")]
    assert cited and all(s in _resolved()["myo"].sources for s in cited)
    fatigue = cards["nmj:reverse:fatigue-sign:has_finding"].answer
    assert "Lambda myopathy (fatigue sign is found in few patients with it)" in fatigue
    assert "Fatigue sign (rare)" in cards["myo:basic:lambda:has_finding"].answer
    prompts: dict[str, set[str]] = {}
    for card in cards.values():
        if card.kind in ("basic", "reverse"):
            prompts.setdefault(card.prompt, set()).add(card.deck)
    assert {p: d for p, d in prompts.items() if len(d) > 1} == {}


def test_no_list_of_the_referencing_deck_is_complete_for_the_other_decks_entity(cards):
    """nmj says every condition of each of *its* findings is listed (`each_to`); it lists
    only Upsilon syndrome for the muscle deck's calf pain, which the muscle deck may know of
    in other conditions: so "Includes:", and no option proven wrong by that list."""
    assert cards["nmj:reverse:myo:calf-pain:has_finding"].answer == "Includes: Upsilon syndrome"
    assert cards["nmj:reverse:areflexia:has_finding"].answer == "Tau syndrome; Omicron syndrome"
    proofs = [p for c in cards.values() for o in c.options for p in o.proof]
    assert not any(p.rule == "complete" and p.ref.startswith("myo:") for p in proofs)


def test_the_other_decks_entity_is_an_option_only_with_evidence(cards):
    decks = _resolved()
    foreign = {"myo:proximal-weakness", "myo:violet-rash", "nmj:fatigue-sign"}
    offered = [
        (card, option)
        for card in cards.values()
        for option in card.options
        if option.entity in foreign
    ]
    assert {(c.id, o.entity, o.correct) for c, o in offered} >= {
        ("nmj:mcq:omicron.has_finding.myo:proximal-weakness:to", "myo:proximal-weakness", True),
        ("nmj:mcq:omicron.has_finding.areflexia:to", "myo:violet-rash", False),
    }
    for card, option in offered:
        assert ProofChecker(decks[card.deck]).check(card) == []
        if not option.correct:  # an `absent` fact, or a complete list of the referencing deck
            proof, *what_it_is = option.proof  # then the facts that say what it is
            assert all(p.rule == "fact" for p in what_it_is)
            assert proof.rule in ("absent", "complete") and proof.loc.path.endswith(
                f"{card.deck}.yaml"
            )
    rash = next(o for c, o in offered if o.entity == "myo:violet-rash")
    assert rash.text == "Violet rash"
    assert rash.explanation == "Incorrect. Violet rash is not a feature of omicron syndrome."


def test_a_deck_without_the_other_generates_the_rest_and_names_what_it_lacks():
    (nmj,), problems = resolve_all([load_deck(XDECK / "nmj.yaml")])
    assert [(p.loc.line, p.loc.col, p.severity) for p in problems] == [
        (30, 44, "warning"),
        (32, 44, "warning"),
        (41, 44, "warning"),
    ]
    assert problems[0].message == f"'myo:proximal-weakness' {NOT_LOADED}"
    ids = {c.id for c in generate_deck(nmj).cards}
    assert "nmj:basic:pi:has_finding" in ids
    assert not any("myo:" in i for i in ids)
    answers = " ".join(c.answer for c in generate_deck(nmj).cards)
    assert "Proximal weakness" not in answers and "Violet rash" not in answers


def test_cards_and_lint_report_a_broken_reference_as_validate_does(folder):
    nmj = folder / "nmj.yaml"
    nmj.write_text(nmj.read_text().replace("myo:violet-rash", "myo:violet-rush"))
    where = (
        f"{nmj}:32:44: error: deck 'myo' has no entity 'violet-rush'; did you mean 'violet-rash'?"
    )
    validate = quizapp("validate", str(folder))
    assert validate.returncode == 1 and where in validate.stderr
    lint = quizapp("lint", str(folder))
    assert lint.returncode == 1 and f"  {where}" in lint.stdout
    shown = quizapp("cards", str(folder))
    assert shown.returncode == 1 and where in shown.stderr
    assert "Traceback" not in validate.stderr + lint.stderr + shown.stderr


def test_cards_and_lint_of_one_deck_warn_and_leave_its_cross_deck_cards_out(folder):
    nmj = folder / "nmj.yaml"
    warning = f"{nmj}:30:44: warning: 'myo:proximal-weakness' {NOT_LOADED}"
    shown = quizapp("cards", str(nmj), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert warning in shown.stderr
    ids = {card["id"] for card in json.loads(shown.stdout)}
    assert "nmj:basic:omicron:has_finding" in ids and not any("myo:" in i for i in ids)
    lint = quizapp("lint", str(nmj))
    assert lint.returncode == 0 and f"  {warning}" in lint.stdout
    validate = quizapp("validate", str(nmj))
    assert validate.returncode == 0 and warning in validate.stderr


def test_cards_of_both_decks_include_the_cross_deck_cards(folder):
    shown = quizapp("cards", str(folder), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    by_id = {card["id"]: card for card in json.loads(shown.stdout)}
    assert by_id["nmj:basic:omicron:has_finding"]["answer"] == (
        "Includes: Areflexia; Proximal weakness"
    )
    assert "nmj:reverse:myo:calf-pain:has_finding" in by_id
    assert "myo:reverse:nmj:fatigue-sign:has_finding" not in by_id  # nmj asks it itself


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "to: myo:violet-rash",
            "to: myo:kappa",
            "relation 'has_finding' takes a finding as 'to', but 'myo:kappa' is a condition "
            "in deck 'myo'",
        ),
        (
            "to: myo:violet-rash",
            "to: nmj:ptosis",
            "'nmj:ptosis' names this deck; write the entity id alone ('ptosis')",
        ),
    ],
)
def test_a_reference_of_the_wrong_kind_or_to_its_own_deck_is_an_error(folder, old, new, message):
    nmj = folder / "nmj.yaml"
    nmj.write_text(nmj.read_text().replace(old, new))
    decks = [load_deck(folder / "myo.yaml"), load_deck(nmj)]
    problems = [p for p in resolve_all(decks)[1]]
    assert [(p.loc.line, p.loc.col, p.severity, p.message) for p in problems] == [
        (32, 44, "error", message)
    ]


@settings(max_examples=25, deadline=None)
@given(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True))
def test_any_missing_entity_is_an_error_at_its_reference_and_the_rest_still_holds(name):
    myo = load_deck(XDECK / "myo.yaml")
    assume(name not in myo.entities)
    text = (XDECK / "nmj.yaml").read_text().replace("myo:violet-rash", f"myo:{name}")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "nmj.yaml"
        root.write_text(text)
        (_, nmj), problems = resolve_all([myo, load_deck(root)])
    (problem,) = problems
    assert (problem.loc.line, problem.loc.col, problem.severity) == (32, 44, "error")
    assert problem.message.startswith(f"deck 'myo' has no entity {name!r}")
    cards = {c.id: c for c in generate_deck(nmj).cards}
    assert cards["nmj:basic:omicron:has_finding"].answer == "Includes: Areflexia; Proximal weakness"
    shown = " ".join(
        f"{c.prompt} {c.answer} {' '.join(o.text for o in c.options)}" for c in cards.values()
    )
    assert "myo:" not in shown and f"myo:{name}" not in nmj.entities


def test_an_entity_both_decks_define_is_the_other_decks_while_both_are_loaded(folder):
    """The junction deck's own "Proximal weakness" (same kind and name as the muscle deck's,
    like ragged-red fibres in the metabolic and myositis decks): loaded with the muscle deck
    its facts name that deck's finding, and only the muscle deck asks which conditions show
    it, with both decks' conditions (round 10: Rho syndrome is not lost, and the list is open
    although the junction deck's own was complete); loaded alone it keeps its own card."""
    nmj = folder / "nmj.yaml"
    nmj.write_text(
        nmj.read_text()
        .replace(
            "  - {id: areflexia,",
            "  - {id: own-weakness, kind: finding, name: proximal weakness, class: sign, "
            "source: n1}\n  - {id: areflexia,",
        )
        .rstrip("\n")
        + "\n  - {from: rho, type: has_finding, to: own-weakness, frequency: common, source: n1}\n"
    )
    (myo, mine), problems = resolve_all([load_deck(folder / "myo.yaml"), load_deck(nmj)])
    assert problems == []
    moved = [r for r in mine.relations if r.source == "rho" and r.type == "has_finding"]
    assert {r.target for r in moved} == {"dry-mouth", "myo:proximal-weakness"}
    together = {c.id: c for deck in (myo, mine) for c in generate_deck(deck).cards}
    assert "nmj:reverse:own-weakness:has_finding" not in together
    assert together["myo:reverse:proximal-weakness:has_finding"].answer == (
        "Includes: Kappa myositis; Lambda myopathy; Omicron syndrome; Rho syndrome"
    )
    assert "Proximal weakness" in together["nmj:basic:rho:has_finding"].answer
    (alone,), _ = resolve_all([load_deck(nmj)])
    own = {c.id: c for c in generate_deck(alone).cards}["nmj:reverse:own-weakness:has_finding"]
    assert own.answer == "Rho syndrome"  # `each_to`: this deck's own finding, its full list

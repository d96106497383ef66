"""Format 2: a relation's `from` or `to` may name another deck's entity (deck-id:entity-id).
A deck alone cannot check it, so `quizapp validate` checks it with the decks given together:
a located error names the deck not loaded or the entity its deck lacks."""

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.deck.links import resolve_all
from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from tests.generate.helpers import FORMAT2, problems_at
from tests.generate.helpers import UPGRADE_HINT as HINT

LINKS = FORMAT2 / "links.yaml"
THEIRS = FORMAT2 / "theirs.yaml"


def _validate(*paths):
    return CliRunner().invoke(main, ["validate", *map(str, paths)])


def test_references_hold_when_both_decks_are_loaded():
    mine = load_deck(LINKS)
    assert resolve_all([mine, load_deck(THEIRS)])[1] == []
    assert [(link.end, link.deck, link.entity) for link in mine.links] == [
        ("to", "theirs", "sign-omega"),
        ("from", "theirs", "omega"),
    ]
    result = _validate(LINKS, THEIRS)
    assert result.exit_code == 0, result.output


def test_a_deck_not_loaded_is_named_where_the_reference_is_written():
    """A warning, not an error: the deck is fine, its cards that need the other deck are
    left out until that deck is loaded with it."""
    problems = [
        (p.loc.line, p.loc.col, p.severity, p.message) for p in resolve_all([load_deck(LINKS)])[1]
    ]
    missing = (
        "names deck 'theirs', which is not loaded (loaded: mine); the cards of this relation "
        "are left out until it is: check it together with that deck"
    )
    assert problems == [
        (8, 42, "warning", f"'theirs:sign-omega' {missing}"),
        (9, 12, "warning", f"'theirs:omega' {missing}"),
    ]
    result = _validate(LINKS)
    assert result.exit_code == 0
    assert f"links.yaml:8:42: warning: 'theirs:sign-omega' {missing}" in result.output


def test_an_entity_the_other_deck_lacks_is_named(variant):
    mine = load_deck(variant("links.yaml", {"theirs:sign-omega": "theirs:sign-omegs"}))
    (problem,) = resolve_all([mine, load_deck(THEIRS)])[1]
    assert (problem.loc.line, problem.loc.col) == (8, 42)
    assert problem.message == "deck 'theirs' has no entity 'sign-omegs'; did you mean 'sign-omega'?"


def test_a_deck_alone_generates_nothing_from_its_references():
    """Open world: what the other deck says is not known here, so no card uses it and no
    option is made wrong by it."""
    deck = load_deck(LINKS)
    assert all(":" not in r.source + r.target for r in deck.relations)
    cards = generate_deck(deck).cards
    assert not any("omega" in f"{c.prompt} {c.answer}".casefold() for c in cards)


def test_format_1_decks_get_located_errors_for_references(variant):
    problems = problems_at(variant("links.yaml", {"format: 2": "format: 1"}))
    need = "a reference to another deck's entity ({!r}) needs format 2; " + HINT
    assert problems == [
        (8, 42, need.format("theirs:sign-omega")),
        (9, 12, need.format("theirs:omega")),
    ]


def test_a_malformed_reference_is_an_error_where_written(variant):
    problems = problems_at(variant("links.yaml", {"theirs:omega": "Theirs:omega"}))
    assert problems == [(9, 12, "'Theirs:omega' is not a valid reference: write deck-id:entity-id")]

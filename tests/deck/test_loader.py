"""Valid decks load into the model; each mistake is reported at its exact line:col."""

from pathlib import Path

import pytest

from quizapp.deck.errors import DeckError
from quizapp.deck.loader import check_deck, load_deck
from tests.support.paths import MINI_DECK

HEAD = """\
format: 1
deck: {id: d, title: D, version: "1", authors: [a]}
sources:
  - {id: s1, citation: "A source."}
topics:
  - {id: t1, title: Topic}
kinds:
  - {id: condition, label: diagnosis}
  - {id: finding, label: clinical finding}
attributes:
  - {id: ck, label: CK, type: range, unit: U/L}
  - {id: tempo, label: onset, type: enum, values: [acute, insidious]}
  - {id: sex_ratio, label: sex ratio, type: ratio}
relation_types:
  - id: has_finding
    label: has finding
    from: [condition]
    to: [finding]
    statement: "{to} is typical of {from}."
    ask_to: "Which finding is typical of {from}?"
    ask_from: "Which condition shows {to}?"
"""


def errors_of(path: Path) -> list[tuple[int, int, str]]:
    return [(p.loc.line, p.loc.col, p.message) for p in check_deck(path).problems]


def test_mini_deck_loads_into_the_model():
    deck = load_deck(MINI_DECK)
    assert deck.id == "mini"
    assert deck.entities["dm"].attributes["ck"].max == 20000
    (relation,) = deck.relations
    assert relation.id == "dm.has_finding.heliotrope"
    assert relation.frequency == "hallmark"
    assert relation.loc.line == 26 and relation.loc.path == str(MINI_DECK)


def test_a_deck_spans_several_files(write):
    write(
        "deck/entities.yaml",
        """
        entities:
          - {id: dm, kind: condition, name: DM, source: s1}
          - {id: rash, kind: finding, name: Rash, source: s1}
        """,
    )
    write(
        "deck/relations.yaml",
        """
        relations:
          - {from: dm, type: has_finding, to: rash, source: s1}
        """,
    )
    root = write("deck/deck.yaml", HEAD + "include: [entities.yaml, relations.yaml]\n")
    deck = load_deck(root)
    assert set(deck.entities) == {"dm", "rash"}
    assert deck.entities["rash"].loc.path.endswith("entities.yaml")
    assert deck.relations[0].loc.line == 2


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "entities:\n  - {id: dm, kind: conditon, name: DM, source: s1}\n",
            [(23, 20, "unknown kind 'conditon'; did you mean 'condition'?")],
        ),
        (
            "entities:\n  - {id: dm, kind: condition, name: DM, sorce: s1}\n",
            [
                (23, 5, "entity is missing required key 'source'"),
                (23, 41, "unknown key 'sorce' in entity; did you mean 'source'?"),
            ],
        ),
        (
            "entities:\n  - {id: dm, kind: condition, name: [DM], source: s1}\n",
            [(23, 37, "expected text, got a list")],
        ),
        (
            "entities:\n  - {id: dm, kind: condition, name: DM, source: s1}\n"
            "  - {id: dm, kind: condition, name: DM again, source: s1}\n",
            [(24, 5, "duplicate id 'dm' in entities (first defined at {path}:23:5)")],
        ),
        (
            "entities:\n  - {id: dm, kind: condition, name: DM, source: [s1, s9]}\n",
            [(23, 54, "unknown source 's9'")],
        ),
        (
            "entities:\n  - {id: dm, kind: condition, name: DM, source: s1}\n"
            "  - {id: pm, kind: condition, name: PM, source: s1}\n"
            "relations:\n  - {from: dm, type: has_finding, to: pm, source: s1}\n",
            [(26, 39, "relation 'has_finding' takes a finding as 'to', but 'pm' is a condition")],
        ),
        (
            "entities:\n  - id: dm\n    kind: condition\n    name: DM\n    source: s1\n"
            "    attributes:\n      ck: {min: 900, max: 90, source: s1}\n",
            [(28, 17, "ck: min 900 is greater than max 90")],
        ),
        (
            "entities:\n  - id: dm\n    kind: condition\n    name: DM\n    source: s1\n"
            "    attributes:\n      tempo: {value: sudden, source: s1}\n",
            [(28, 22, "'sudden' is not a value of 'tempo': acute, insidious")],
        ),
        (
            "entities:\n  - id: dm\n    kind: condition\n    name: DM\n    source: s1\n"
            "    attributes:\n      sex_ratio: {female: 2, source: s1}\n",
            [(28, 18, "ratio attribute 'sex_ratio' needs 'male'")],
        ),
    ],
    ids=[
        "unknown-kind",
        "typo-key",
        "wrong-type",
        "duplicate-id",
        "unknown-source",
        "wrong-kind",
        "min-gt-max",
        "bad-enum",
        "ratio-missing",
    ],
)
def test_each_mistake_is_located(write, body, expected):
    root = write("deck.yaml", HEAD + body)
    want = sorted((line, col, msg.replace("{path}", str(root))) for line, col, msg in expected)
    got = [e for e in errors_of(root) if "too few" not in e[2]]
    assert got == want


def test_unknown_unit_suggests_the_known_one(write):
    root = write("deck.yaml", HEAD.replace("unit: U/L", "unit: U/l"))
    ((line, col, message),) = [e for e in errors_of(root) if "U/l" in e[2]]
    assert (line, col) == (11, 44)
    assert message.endswith("did you mean 'U/L'?")


def test_all_problems_of_a_run_are_reported(write):
    body = (
        "entities:\n"
        "  - {id: a, kind: nope, name: A, source: s1}\n"
        "  - {id: b, kind: condition, name: B, source: s2}\n"
        "  - {id: C, kind: condition, name: C, source: s1}\n"
    )
    root = write("deck.yaml", HEAD + body)
    lines = [line for line, _, _ in errors_of(root)]
    assert lines == [23, 24, 25]


def test_load_deck_raises_with_every_problem(write):
    root = write("deck.yaml", "format: 3\ndeck: {id: x}\n")
    with pytest.raises(DeckError) as info:
        load_deck(root)
    messages = [p.message for p in info.value.problems]
    assert any("is not one of: 1, 2" in m for m in messages)
    assert any("missing required key 'title'" in m for m in messages)


def test_templates_must_ask_closed_questions(write):
    bad = HEAD.replace(
        'ask_to: "Which finding is typical of {from}?"', 'ask_to: "{to} goes with {from}"'
    )
    root = write("deck.yaml", bad)
    messages = {m for _, _, m in errors_of(root)}
    assert "ask_to must not contain {to}: it is the answer" in messages
    assert "ask_to must be a question ending in '?'" in messages


def test_too_small_option_pool_for_a_blueprint_is_an_error(write):
    body = (
        "entities:\n  - {id: dm, kind: condition, name: DM, source: s1}\n"
        "  - {id: rash, kind: finding, name: Rash, source: s1}\n"
        "blueprints:\n"
        "  - {id: bp, condition: dm, complaint: [weak], duration: {min: 1, max: 2, unit: months},\n"
        "     findings: {required: [rash]}, source: s1}\n"
    )
    root = write("deck.yaml", HEAD + body)
    assert (
        26,
        25,
        "only 1 entities of kind 'condition': too few options for a diagnosis question",
    ) in errors_of(root)

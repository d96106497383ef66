"""decks/schema.json is current, and it agrees with the validator on real decks."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizapp.deck.json_schema import deck_json_schema, schema_text
from tests.support.paths import MINI_DECK

REPO = Path(__file__).resolve().parents[2]
FORMAT2 = REPO / "tests" / "generate" / "data" / "format2"  # a test deck per format 2 field
DECK_FILES = (
    sorted((REPO / "decks").rglob("*.yaml")) + [MINI_DECK] + sorted(FORMAT2.rglob("*.yaml"))
)


def test_committed_schema_is_current():
    committed = (REPO / "decks" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `make schema` and commit decks/schema.json"


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(deck_json_schema())


@pytest.mark.parametrize("path", DECK_FILES, ids=lambda p: p.name)
def test_valid_deck_files_satisfy_the_schema(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, deck_json_schema())


def test_schema_rejects_what_the_validator_rejects():
    data = yaml.safe_load(MINI_DECK.read_text(encoding="utf-8"))
    data["entities"][0]["sorce"] = "s1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, deck_json_schema())


def test_schema_names_every_section():
    properties = json.loads(schema_text())["properties"]
    assert {"format", "deck", "include", "entities", "relations", "blueprints"} <= set(properties)


def _sentences_deck() -> dict:
    return yaml.safe_load((FORMAT2 / "sentences.yaml").read_text(encoding="utf-8"))


def test_schema_accepts_sentences_with_sources():
    jsonschema.validate(_sentences_deck(), deck_json_schema())


@pytest.mark.parametrize(
    "summary",
    [
        [{"text": "No source."}],  # a sentence names its source
        [{"text": "A typo.", "sources": "kim2019"}],  # `source`, as everywhere
        [],  # no sentences
    ],
)
def test_schema_rejects_a_malformed_list_of_sentences(summary):
    data = _sentences_deck()
    data["entities"][0]["summary"] = summary
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, deck_json_schema())


def test_schema_rejects_a_rarely_after_that_is_not_a_number():
    data = yaml.safe_load((FORMAT2 / "rarely.yaml").read_text(encoding="utf-8"))
    data["entities"][0]["attributes"]["age_at_onset"]["rarely_after"] = "fifty"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, deck_json_schema())


def test_schema_holds_a_hand_written_item_to_4_to_8_options():
    """Format 2 hand-written items: the schema counts options as the validator does."""
    data = yaml.safe_load((FORMAT2 / "hand.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, deck_json_schema())
    options = data["cards"][0]["options"]
    for count in (3, 9):
        data["cards"][0]["options"] = (options * 3)[:count]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, deck_json_schema())
    data["cards"][0]["options"] = [*options[:3], {**options[3], "rationales": "typo"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, deck_json_schema())

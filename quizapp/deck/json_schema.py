"""decks/schema.json, written from the same spec the validator checks with."""

import json

from quizapp.deck.format_v1 import FORMAT_VERSION, ROOT_FILE
from quizapp.deck.spec import JsonSchema, Record

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def deck_json_schema() -> JsonSchema:
    """A schema any deck file satisfies: a root file or an included file.

    Editors cannot tell which one a file is, so `format` and `deck` are
    required only when either is present.
    """
    any_file = Record("deck file", dict(ROOT_FILE.fields))
    schema = any_file.json_schema()
    schema.pop("required", None)
    schema["dependentRequired"] = {"format": ["deck"], "deck": ["format"]}
    return {
        "$schema": SCHEMA_URL,
        "$id": f"https://quizapp.invalid/schema/deck-format-{FORMAT_VERSION}.json",
        "title": f"quizapp deck, format {FORMAT_VERSION}",
        **schema,
    }


def schema_text() -> str:
    """The schema as committed: stable key order, trailing newline."""
    return json.dumps(deck_json_schema(), indent=2, ensure_ascii=False) + "\n"

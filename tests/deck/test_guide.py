"""The authoring guide (decks/README.md) names every field the format accepts, so an author
writing from the guide alone never meets a field only schema.json knows (issue 13)."""

from pathlib import Path

from quizapp.deck import format_v1
from quizapp.deck.spec import ListOf, MapOf, Record, Spec

GUIDE = Path(__file__).parents[2] / "decks" / "README.md"


def _fields(spec: Spec) -> set[str]:
    if isinstance(spec, Record):
        names = set(spec.fields)
        for field in spec.fields.values():
            names |= _fields(field.spec)
        return names
    if isinstance(spec, ListOf):
        return _fields(spec.item)
    if isinstance(spec, MapOf):
        return _fields(spec.value)
    return set()


def test_the_guide_names_every_field_of_the_format():
    guide = GUIDE.read_text(encoding="utf-8")
    named = {
        name
        for name in _fields(format_v1.ROOT_FILE)
        if f"`{name}`" in guide or f"`{name}." in guide or f".{name}`" in guide
    }
    assert _fields(format_v1.ROOT_FILE) - named == set()


def test_the_guide_lists_every_unit_setting_and_finding_class():
    guide = GUIDE.read_text(encoding="utf-8")
    for word in (*format_v1.UNITS, *format_v1.FINDING_CLASSES, *format_v1.FREQUENCIES):
        assert f"`{word}`" in guide, word
    for setting in format_v1.SETTINGS:
        assert setting in guide, setting

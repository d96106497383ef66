"""The authoring guide (decks/README.md) names every field the format accepts, so an author
writing from the guide alone never meets a field only schema.json knows (issue 13)."""

from pathlib import Path

from quizapp.deck import format_v1
from quizapp.deck.checks import UNLABELLED
from quizapp.deck.spec import ListOf, MapOf, Prose, Record, Spec

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
    if isinstance(spec, Prose):
        return _fields(spec.sentence)
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


def _row(guide: str, field: str) -> str:
    """The field table row of `field` (the first one)."""
    return next(line for line in guide.splitlines() if line.startswith(f"| `{field}` |"))


def test_the_guide_matches_what_the_new_author_trial_found(tmp_path):
    """Each place the trial author (issue 13) was misled by the guide now says what the
    program does."""
    from quizapp.deck.starter import write_starter

    guide = GUIDE.read_text(encoding="utf-8")
    # the format new decks use, as `quizapp new` writes it
    write_starter(tmp_path / "d")
    assert "\nformat: 2\n" in (tmp_path / "d" / "deck.yaml").read_text(encoding="utf-8")
    assert "`2`" in _row(guide, "format")
    # every setting, and the sex, in the blueprint table itself
    assert all(f"`{s}`" in _row(guide, "setting") for s in format_v1.SETTINGS)
    assert "`sex`" in guide.split("### `blueprints`")[1].split("### `cards`")[0]
    # complaints and in_case wording are noun phrases, read in named frames
    for frame in ("a 3-day history of ___", "There is no history of ___", "requires ___"):
        assert frame in guide, frame
    assert "noun phrase" in _row(guide, "complaint")
    assert "noun phrase" in _row(guide, "in_case.present")
    # labs are optional, ask_most needs a full set of options, explain asks questions
    assert "never pad" in _row(guide, "labs")
    assert "at least two ends have numbers" not in guide
    assert "Does a source say that" in guide
    for section in (
        "## History, exposures and risk factors",
        "## Negative and normal results",
        "## How deck text is set in a sentence",
        "## Sourcing an absence",
    ):
        assert section in guide, section
    assert "lower-case noun phrase" in _row(guide, "about")


def test_the_guide_explains_every_lint_check_an_author_can_acknowledge():
    """Author trial 2: check names were undocumented. Each warning `lint.ignore` takes
    (and the note and errors lint reports) has its row in "What validate and lint tell you"."""
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("## What validate and lint tell you", 1)[1].split("\n## ", 1)[0]
    for check in (
        *format_v1.LINT_WARNINGS,
        UNLABELLED,
        "unproven-options",
        "provable-key",
        "proof",
    ):
        assert f"`{check}`" in section, check
    assert "stderr" in section

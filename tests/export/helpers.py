"""What export tests share: the IIM deck, the small generator deck, a hostile variant whose
text looks like HTML, Anki cloze syntax and GIFT markup, and the CLI runner."""

from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from quizapp.cli import main
from tests.support.paths import DECKS, SMALL_DECK

SMALL = SMALL_DECK
IIM = DECKS / "iim"

SCRIPT = "<script>alert(1)</script>"
CLOZE_LOOKALIKE = "{{c1::Xy}}"
GIFT_SPECIALS = "~ = # { } :"
FORMULA = '=HYPERLINK("http://example.invalid","x")'


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def small_data() -> dict:
    return yaml.safe_load(SMALL.read_text(encoding="utf-8"))


def write_deck(folder: Path, data: dict, name: str = "deck.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _entity(data: dict, entity_id: str) -> dict:
    return next(e for e in data["entities"] if e["id"] == entity_id)


def hostile_data() -> dict:
    """The small deck with markup-like names: every kind of card carries some of it."""
    data = small_data()
    _entity(data, "alpha")["name"] = f"Alpha {SCRIPT} {CLOZE_LOOKALIKE} disease"
    _entity(data, "ab-alpha")["name"] = f"Anti-{CLOZE_LOOKALIKE} {GIFT_SPECIALS}"
    _entity(data, "beta")["name"] = "Beta & <b>bold</b> disease"
    _entity(data, "gamma")["name"] = f"{FORMULA} Gamma disease"
    return data

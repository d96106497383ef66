"""Card ids survive rewording, typo fixes and reordering of the deck's YAML."""

import shutil
from pathlib import Path

import pytest
import yaml

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck

DATA = Path(__file__).parent / "data"
DECKS = Path(__file__).parents[2] / "decks"
BUNDLED = sorted(p.parent.name for p in DECKS.glob("*/deck.yaml"))


def _reword(data: dict) -> dict:
    """Reword every name, statement, question and text; reverse every list of items.

    Names change case only: a rewording that makes one name contain another may
    rightly drop or add an item (a question must not name its own answer), which
    is a change of what is generated, not of ids.
    """
    for entity in data.get("entities", []):
        entity["name"] = entity["name"].swapcase()
        if "summary" in entity:
            entity["summary"] = "Reworded: " + entity["summary"]
    for rtype in data.get("relation_types", []):
        rtype["statement"] = "It is said that " + rtype["statement"]
        rtype["ask_to"] = "Reworded: " + rtype["ask_to"]
        rtype["ask_from"] = "Reworded: " + rtype["ask_from"]
    for bp in data.get("blueprints", []):
        bp["complaint"] = [c + " (reworded)" for c in bp["complaint"]]
        for key in ("required", "optional", "negative"):
            bp["findings"][key] = list(reversed(bp["findings"].get(key, [])))
    for table in data.get("tables", []):
        table["title"] += " (reworded)"
    for mnemonic in data.get("mnemonics", []):
        mnemonic["about"] += " (reworded)"
        for item in mnemonic["items"]:
            item["meaning"] += " (reworded)"
    for card in data.get("cards", []):
        for key in ("prompt", "answer"):
            if key in card:
                card[key] += " (reworded)"
    for section in ("entities", "relations", "blueprints", "tables", "cards", "relation_types"):
        if section in data:
            data[section] = list(reversed(data[section]))
    return data


def _rewrite(source: Path, target: Path) -> None:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    target.write_text(yaml.safe_dump(_reword(data), allow_unicode=True), encoding="utf-8")


def _ids(root: Path) -> set[str]:
    return {c.id for c in generate_deck(load_deck(root)).cards}


def _hashes(root: Path) -> dict[str, str]:
    return {c.id: c.content_hash() for c in generate_deck(load_deck(root)).cards}


def test_small_deck_ids_survive_rewording_and_reordering(tmp_path):
    _rewrite(DATA / "small.yaml", tmp_path / "small.yaml")
    before, after = _hashes(DATA / "small.yaml"), _hashes(tmp_path / "small.yaml")
    assert before.keys() == after.keys()
    assert len(before) > 100
    changed = [cid for cid in before if before[cid] != after[cid]]
    assert len(changed) > 0.9 * len(before)  # the wording really changed


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_deck_ids_survive_rewording_and_reordering(tmp_path, name):
    root = DECKS / name / "deck.yaml"
    folder = tmp_path / name
    shutil.copytree(root.parent, folder)
    for path in folder.glob("*.yaml"):
        _rewrite(root.parent / path.name, path)
    before, after = _ids(root), _ids(folder / "deck.yaml")
    assert len(before) > 100
    assert before == after

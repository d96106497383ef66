"""Card ids survive rewording, typo fixes and reordering of the deck's YAML."""

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from quizapp.deck.loader import load_deck
from quizapp.generate import CardId, card_id, generate_deck
from quizapp.generate.card import ID_PARTS

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


# CardId: the one reader of card ids. Ids are stored in progress files and exports, so
# reading one and writing it back must give the same bytes, whatever the text.
ID = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)
CROSS_DECK = st.builds(lambda d, e: f"{d}:{e}", ID, ID)  # another deck's entity
RELATION = st.builds(lambda s, t, e: f"{s}.{t}.{e}", ID, ID, ID | CROSS_DECK)


@st.composite
def card_ids(draw) -> CardId:
    """A CardId as a generator writes one: its parts per ID_PARTS, only the first of a
    fixed count naming another deck's entity (in itself or inside a relation id)."""
    generator = draw(st.sampled_from(sorted(ID_PARTS)))
    count = ID_PARTS[generator]
    if count is None:
        return CardId(draw(ID), generator, tuple(draw(st.lists(ID, min_size=1, max_size=4))))
    first = draw(ID | CROSS_DECK | RELATION)
    return CardId(
        draw(ID), generator, (first, *draw(st.lists(ID, min_size=count - 1, max_size=count - 1)))
    )


@given(card_ids())
def test_a_card_id_reads_back_as_written(cid):
    assert CardId.parse(str(cid)) == cid
    assert str(cid) == card_id(cid.deck, cid.generator, *cid.parts)


ANY_ID_TEXT = st.builds(
    lambda deck, generator, rest: ":".join((deck, generator, *rest)),
    st.text(),
    st.sampled_from(sorted(ID_PARTS)) | st.text(),
    st.lists(st.text(), max_size=6),
)


@given(ANY_ID_TEXT)
def test_any_id_text_is_written_back_byte_for_byte(text):
    assert str(CardId.parse(text)) == text


def test_an_entity_of_another_deck_stays_one_part():
    cid = CardId.parse("metabolic:basic:iim:zidovudine-myopathy:biopsy_shows")
    assert cid == CardId("metabolic", "basic", ("iim:zidovudine-myopathy", "biopsy_shows"))
    relation = CardId.parse("nmj:mcq:omicron.has_finding.myo:proximal-weakness:to")
    assert relation.parts == ("omicron.has_finding.myo:proximal-weakness", "to")
    most = CardId.parse("d:most:iim:x:has_antibody:percent:to")
    assert most.parts == ("iim:x", "has_antibody", "percent", "to")
    assert CardId.parse("d:comparison:t:row:a:b").parts == ("t", "row", "a", "b")


def test_text_without_a_colon_is_no_card_id():
    with pytest.raises(ValueError, match="not a card id"):
        CardId.parse("iim")

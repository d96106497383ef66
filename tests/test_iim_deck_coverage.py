"""Coverage of the IIM deck (issue 3): every subtype, sign, antibody and differential the
issue names exists with at least one sourced relation, and the core subtypes get a
diagnosis vignette whose every distractor is ruled out by something its stem states."""

from pathlib import Path

import pytest

from quizapp.deck.loader import load_deck

DECK = Path(__file__).resolve().parent.parent / "decks" / "iim" / "deck.yaml"

SUBTYPES = ["dm", "cadm", "pm", "imnm-srp", "imnm-hmgcr", "ibm", "asys", "jdm"]
DIFFERENTIALS = [
    "pmr",
    "hypothyroid-myopathy",
    "steroid-myopathy",
    "statin-toxic-myopathy",
    "imnm-hmgcr",
    "zidovudine-myopathy",
    "alcohol-myopathy",
    "cocaine-myopathy",
]
SIGNS = [
    "gottron-papules",
    "gottron-sign",
    "heliotrope-rash",
    "shawl-sign",
    "v-sign",
    "holster-sign",
    "mechanics-hands",
    "periungual-telangiectasia",
    "calcinosis",
    "proximal-weakness",
    "finger-flexor-weakness",
    "quadriceps-weakness",
    "asymmetric-weakness",
    "distal-weakness",
    "dysphagia",
    "respiratory-muscle-weakness",
    "ild",
    "cardiac-involvement",
    "arthritis",
    "raynaud",
    "fever",
    "malignancy",
]
ANTIBODIES = [
    "anti-jo-1",
    "anti-pl-7",
    "anti-pl-12",
    "anti-mi-2",
    "anti-mda5",
    "anti-tif1g",
    "anti-nxp2",
    "anti-sae",
    "anti-srp",
    "anti-hmgcr",
    "anti-cn1a",
    "anti-ro52",
    "anti-pm-scl",
]
TESTS = ["ck-test", "aldolase-test", "ldh-test", "transaminases-test", "esr-test", "emg",
         "mri-muscle", "muscle-biopsy", "cancer-screening"]  # fmt: skip
TREATMENTS = ["physical-therapy", "occupational-therapy", "speech-therapy", "glucocorticoids",
              "methotrexate", "azathioprine", "mycophenolate", "ivig", "rituximab",
              "photoprotection"]  # fmt: skip
CRITERIA = ["eular-acr-2017", "bohan-peter-1975"]
BIOPSY = ["perifascicular-atrophy", "cd8-endomysial-invasion", "rimmed-vacuoles",
          "necrotic-fibres-little-inflammation", "ragged-red-fibres", "type-2-fibre-atrophy"]  # fmt: skip


@pytest.fixture(scope="module")
def deck():
    return load_deck(DECK)


def _sourced_relations(deck, entity_id):
    return [
        r
        for r in deck.relations
        if entity_id in (r.source, r.target) and r.sources and not r.uncertain
    ]


@pytest.mark.parametrize(
    "entity_id",
    sorted(
        set(SUBTYPES + DIFFERENTIALS + SIGNS + ANTIBODIES + TESTS + TREATMENTS + CRITERIA + BIOPSY)
    ),  # fmt: skip
)
def test_entity_exists_with_a_sourced_relation(deck, entity_id):
    assert entity_id in deck.entities, f"{entity_id} missing from the IIM deck"
    relations = _sourced_relations(deck, entity_id)
    assert relations, f"{entity_id} has no sourced relation"
    for relation in relations:
        for source in relation.sources:
            assert source in deck.sources


def test_every_fact_cites_a_known_source(deck):
    items = [*deck.entities.values(), *deck.relations, *deck.tables.values(),
             *deck.mnemonics.values(), *deck.blueprints.values(), *deck.cards.values()]  # fmt: skip
    for item in items:
        assert item.sources, f"{item.id} has no source"
        assert set(item.sources) <= set(deck.sources), item.id
    for entity in deck.entities.values():
        for value in entity.attributes.values():
            assert value.sources and set(value.sources) <= set(deck.sources), entity.id


def test_conditions_carry_the_vignette_attributes(deck):
    conditions = deck.entities_of_kind("condition")
    assert {c.id for c in conditions} >= set(SUBTYPES + DIFFERENTIALS)
    for condition in conditions:
        assert "sex_ratio" in condition.attributes, f"{condition.id} lacks sex_ratio"
        # CADM has no weakness, so no tempo of onset (fourth reading, 2026-12)
        if condition.id != "cadm":
            assert "tempo" in condition.attributes, f"{condition.id} lacks tempo"
        for name, value in condition.attributes.items():
            if value.discriminating:  # a defining cut-off, never an approximate usual range
                assert name in ("age_at_onset", "ck"), f"{condition.id}.{name}"


def test_differential_table_has_a_row_per_condition(deck):
    table = deck.tables["differential-myopathy"]
    assert {c.id for c in table.columns} == {"esr", "ck", "biopsy", "features"}
    rows = {row.entity for row in table.rows}
    assert rows >= set(SUBTYPES + DIFFERENTIALS)


def test_hair_chairs_stairs_mnemonic(deck):
    mnemonic = deck.mnemonics["hair-chairs-stairs"]
    assert [item.key for item in mnemonic.items] == ["HAIR", "CHAIRS", "STAIRS"]
    assert "seed" in mnemonic.sources


def test_ibm_does_not_respond_to_immunosuppression(deck):
    assert any(
        r.source == "ibm"
        and r.target == "refractory-to-immunosuppression"
        and r.frequency == "hallmark"
        for r in deck.relations
    )


def _disjoint(a, b):
    return a[1] < b[0] or b[1] < a[0]


def _range(value):
    return (value.min, value.max)


def test_every_condition_has_a_blueprint_and_the_core_subtypes_a_diagnosis_vignette(deck):
    """Open world: a diagnosis vignette needs four distractors ruled out by deck evidence
    (absent, necessary, discriminating); the IIM subtypes must have that."""
    from quizapp.generate import generate_deck

    by_condition = {bp.condition for bp in deck.blueprints.values()}
    assert by_condition == {c.id for c in deck.entities_of_kind("condition")}
    generated = {c.id for c in generate_deck(deck).cards if c.kind == "vignette"}
    for condition in ("dm", "jdm", "pm", "ibm", "asys", "imnm-srp", "imnm-hmgcr"):
        assert f"iim:vignette:bp-{condition}:diagnosis" in generated, condition

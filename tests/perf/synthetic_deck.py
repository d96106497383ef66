"""A large, valid, synthetic deck for benchmarks: N entities with relations and blueprints."""

import random
from pathlib import Path

KINDS = ("condition", "finding", "antibody", "biopsy_finding", "treatment")
HEADER = """format: 1
deck: {id: synthetic, title: Synthetic benchmark deck, version: "1.0", authors: [bench]}
include: [entities.yaml, relations.yaml, blueprints.yaml]
sources:
  - {id: s1, citation: "Synthetic source. J Bench. 2026;1:1."}
topics:
  - {id: t1, title: Topic one}
  - {id: t2, title: Topic two}
kinds:
  - {id: condition, label: diagnosis}
  - {id: finding, label: clinical finding}
  - {id: antibody, label: antibody}
  - {id: biopsy_finding, label: biopsy finding}
  - {id: treatment, label: treatment}
attributes:
  - {id: age_at_onset, label: age at onset, type: range, unit: years}
  - {id: sex_ratio, label: sex ratio, type: ratio}
  - {id: ck, label: creatine kinase, type: range, unit: U/L}
  - {id: esr, label: ESR, type: range, unit: mm/h}
relation_types:
  - {id: has_finding, label: has finding, from: [condition], to: [finding],
     statement: "{to} is a typical finding in {from}.",
     ask_to: "Which finding is typical of {from}?",
     ask_from: "Which condition typically shows {to}?"}
  - {id: marked_by, label: marked by, from: [condition], to: [antibody],
     statement: "{to} marks {from}.",
     ask_to: "Which antibody marks {from}?",
     ask_from: "Which condition does {to} mark?"}
  - {id: biopsy_shows, label: biopsy shows, from: [condition], to: [biopsy_finding],
     statement: "A biopsy in {from} shows {to}.",
     ask_to: "Which biopsy finding is typical of {from}?",
     ask_from: "Which condition shows {to} on biopsy?"}
"""


def write_synthetic_deck(folder: Path, n_entities: int, seed: int = 1) -> Path:
    """Write the deck into `folder` and return its root file (deck.yaml)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_kind = {kind: [] for kind in KINDS}
    entity_lines = ["entities:"]
    for i in range(n_entities):
        kind = KINDS[i % len(KINDS)]
        ident = f"{kind[:3]}-{i}"
        per_kind[kind].append(ident)
        entity_lines.append(
            f"  - id: {ident}\n    kind: {kind}\n    name: {kind.title()} number {i}\n"
            f"    aliases: [{kind[:3].upper()}{i}]\n    topic: t{1 + i % 2}\n    source: s1"
        )
        if kind == "condition":
            low = rng.randint(1, 60)
            ck = rng.choice((30, 200, 1000, 5000))
            entity_lines.append(
                "    attributes:\n"
                f"      age_at_onset: {{min: {low}, max: {low + 20}, source: s1}}\n"
                f"      sex_ratio: {{female: {rng.randint(1, 3)}, male: 1, source: s1}}\n"
                f"      ck: {{min: {ck}, max: {ck * 4}, source: s1}}\n"
                f"      esr: {{min: 2, max: {rng.choice((20, 60, 100))}, source: s1}}"
            )
    relation_lines = ["relations:"]
    for condition in per_kind["condition"]:
        findings = rng.sample(per_kind["finding"], 4)
        targets = [
            ("has_finding", findings[:3]),
            ("marked_by", rng.sample(per_kind["antibody"], 1)),
            ("biopsy_shows", rng.sample(per_kind["biopsy_finding"], 1)),
        ]
        for rtype, ids in targets:
            for target in ids:
                relation_lines.append(
                    f"  - {{from: {condition}, type: {rtype}, to: {target}, "
                    f"frequency: {rng.choice(('hallmark', 'typical', 'common'))}, source: s1}}"
                )
        absent = findings[3]
        relation_lines.append(
            f"  - {{from: {condition}, type: has_finding, to: {absent}, frequency: absent, "
            "source: s1}"
        )
    blueprint_lines = ["blueprints:"]
    for condition in per_kind["condition"][: max(1, len(per_kind["condition"]) // 10)]:
        blueprint_lines.append(
            f"  - {{id: bp-{condition}, condition: {condition}, setting: [office],\n"
            "     complaint: [trouble climbing stairs], duration: {min: 1, max: 6, unit: months},\n"
            f"     findings: {{required: [{rng.choice(per_kind['finding'])}]}}, source: s1}}"
        )
    (folder / "deck.yaml").write_text(HEADER)
    (folder / "entities.yaml").write_text("\n".join(entity_lines) + "\n")
    (folder / "relations.yaml").write_text("\n".join(relation_lines) + "\n")
    (folder / "blueprints.yaml").write_text("\n".join(blueprint_lines) + "\n")
    return folder / "deck.yaml"

"""Subtypes and states that inherit (format 2 `inherits`, `state_of`): each gets its
parents' relations and attribute values, except those it states itself.

Inherited relations are written into the deck as relations of the subtype (id
`subtype.type.to`, the parent's location and sources, `inherited_from` the entity that
states them), so every generator and the proof checker read them as deck facts: a stem
that denies a finding `necessary` for myasthenia gravis rules out ocular myasthenia gravis
too, unless ocular myasthenia gravis states its own relation to that finding.
"""

from dataclasses import replace

from quizapp.deck import model as m
from quizapp.deck.errors import Problem

Key = tuple[str, str]  # (relation type, to)


def with_inheritance(deck: m.Deck) -> tuple[m.Deck, list[Problem]]:
    """The deck with inherited facts added, and an error for each subtype whose parents
    disagree about a fact it does not state itself."""
    if not any(e.inherits for e in deck.entities.values()):
        return deck, []
    own: dict[str, dict[Key, m.Relation]] = {}
    for r in deck.relations:
        own.setdefault(r.source, {})[(r.type, r.target)] = r
    resolved: dict[str, dict[Key, m.Relation]] = {}
    problems: list[Problem] = []

    def facts(entity_id: str, visiting: frozenset[str]) -> dict[Key, m.Relation]:
        if entity_id in resolved:
            return resolved[entity_id]
        entity = deck.entities[entity_id]
        mine = dict(own.get(entity_id, {}))
        if entity.inherits and entity_id not in visiting:
            got: dict[Key, m.Relation] = {}
            for parent in entity.parents:
                for key, r in facts(parent, visiting | {entity_id}).items():
                    if key in mine:
                        continue  # its own fact wins
                    first = got.setdefault(key, r)
                    if _says(first) != _says(r):
                        problems.append(_conflict(entity, key, first, r))
            for key, r in got.items():
                origin = r.inherited_from or r.source
                mine[key] = replace(
                    r, id=f"{entity_id}.{key[0]}.{key[1]}", source=entity_id, inherited_from=origin
                )
        resolved[entity_id] = mine
        return mine

    added: list[m.Relation] = []
    entities = dict(deck.entities)
    for entity in deck.entities.values():
        if not entity.inherits:
            continue
        added += [r for r in facts(entity.id, frozenset()).values() if r.inherited_from]
        entities[entity.id] = replace(entity, attributes=_attributes(deck, entity.id, set()))
    return replace(deck, relations=deck.relations + tuple(added), entities=entities), problems


def kinds_of(deck: m.Deck, entity_id: str) -> set[str]:
    """What the entity is a kind of: the parents it inherits from, and theirs, at any
    depth. A patient with it has these too, so none of them is a rival diagnosis."""
    found: set[str] = set()
    todo = [entity_id]
    while todo:
        entity = deck.entities[todo.pop()]
        if entity.inherits:
            new = [p for p in entity.parents if p not in found and p in deck.entities]
            found.update(new)
            todo += new
    found.discard(entity_id)
    return found


def _attributes(deck: m.Deck, entity_id: str, seen: set[str]) -> dict[str, m.AttributeValue]:
    """Its own attribute values, then each parent's it lacks (the first parent listed wins)."""
    entity = deck.entities[entity_id]
    values = dict(entity.attributes)
    if entity.inherits and entity_id not in seen:
        for parent in entity.parents:
            for key, value in _attributes(deck, parent, seen | {entity_id}).items():
                values.setdefault(key, value)
    return values


def _says(r: m.Relation) -> tuple[str | None, bool, str | None]:
    return (r.frequency, r.necessary, r.result)


def _conflict(entity: m.Entity, key: Key, first: m.Relation, other: m.Relation) -> Problem:
    a, b = first.inherited_from or first.source, other.inherited_from or other.source
    return Problem(
        entity.loc,
        "error",
        f"{entity.id!r} inherits two different facts of type {key[0]!r} about {key[1]!r}: "
        f"from {a!r} (at {first.loc}) and from {b!r} (at {other.loc}); state its own "
        f"relation to {key[1]!r}",
    )

"""References to another deck's entities (format 2 `deck:entity` in a relation's `from` or
`to`). A deck alone cannot check them, so they are resolved against the decks loaded with
it, here and only here: `quizapp validate`, `lint`, `cards`, `export` and the app all call
`resolve_links`.

A reference that holds makes its relation an ordinary fact of the referencing deck, which
owns the cards made from it; the other deck's entity stands in it under its reference
(`iim:ibm`), named by its title. The referencing deck knows of that entity only what it
states itself, so none of its lists counts as complete for it (open world). A reference
that does not hold is a located problem and its relation is left out: an error where the
author must fix it, a warning where the other deck is only not loaded (a learner may
remove a deck; the cards that need it come back with it).
"""

from collections.abc import Iterable, Mapping
from dataclasses import replace

from quizapp.deck.errors import Location, Problem, Severity
from quizapp.deck.model import Deck, Entity, Link, Relation
from quizapp.deck.spec import Suggester


def resolve_links(deck: Deck, loaded: Mapping[str, Deck]) -> tuple[Deck, list[Problem]]:
    """The deck with each relation whose references hold made one of its facts, and a
    problem at each reference that does not hold. `loaded` maps deck ids to the decks as
    their files say (references unresolved); the deck itself may be among them.

    It also carries (`joined`) each other loaded deck that states facts on its entities in
    a list it asks itself: that deck makes no card of its own for the list, so this deck's
    card answers with both decks' facts (clinician round 10), citing that deck's sources
    under `deck:source` ids."""
    resolved, problems = _resolved(deck, loaded)
    joined: list[Deck] = []
    sources = dict(resolved.sources)
    for other_id in sorted(loaded):
        other = loaded.get(other_id)
        if other is None or other.id == deck.id or all(k.deck != deck.id for k in other.links):
            continue
        other = _resolved(other, loaded)[0]
        facts = joined_relations(other, deck.id)
        if facts:
            joined.append(other)
            for source in (other.sources[s] for r in facts for s in r.sources + r.sentence_sources):
                sources[f"{other.id}:{source.id}"] = replace(source, id=f"{other.id}:{source.id}")
    if not joined:
        return resolved, problems
    return replace(resolved, joined=tuple(joined), sources=sources), problems


def joined_relations(other: Deck, deck_id: str) -> list[Relation]:
    """The facts `other` (resolved) states on `deck_id`'s entities in a list that deck asks
    itself: its card on that list answers with them (`Deck.joined`)."""
    found: list[Relation] = []
    for r in other.relations:
        for end, named in (("to", r.target), ("from", r.source)):
            entity = other.entities[named]
            if entity.home_deck == deck_id and (r.type, end) in entity.home_lists:
                found.append(r)
                break
    return found


def _resolved(deck: Deck, loaded: Mapping[str, Deck]) -> tuple[Deck, list[Problem]]:
    """The deck with its own references resolved (`resolve_links` without `joined`)."""
    if not deck.links:
        return deck, []
    problems: list[Problem] = []
    broken: set[str] = set()
    for link in deck.links:
        found = _problem(deck, loaded, link)
        if found is not None:
            problems.append(Problem(link.loc, *found))
            broken.add(link.relation.id)
    kept: dict[str, Relation] = {}
    stand_ins: dict[str, Entity] = {}
    for link in deck.links:
        if link.relation.id in broken:
            continue
        relation = kept.setdefault(link.relation.id, link.relation)
        ref = f"{link.deck}:{link.entity}"
        if ref not in stand_ins:
            local = relation.target if link.end == "from" else relation.source
            topic = deck.entities[local].topic if local in deck.entities else None
            stand_ins[ref] = _stand_in(loaded[link.deck], link.entity, link.loc, topic)
    if not kept:
        return replace(deck, links=()), problems
    linked = sorted({ref.split(":", 1)[0] for ref in stand_ins})
    shared = _shared(deck, [loaded[home] for home in linked])
    for local, ref in shared.items():
        home, entity = ref.split(":", 1)
        mine = deck.entities[local]
        stand_ins.setdefault(ref, _stand_in(loaded[home], entity, mine.loc, mine.topic))
    relations = tuple(_repointed(r, shared) for r in deck.relations + tuple(kept.values()))
    resolved = replace(deck, entities={**deck.entities, **stand_ins}, relations=relations, links=())
    return resolved, problems


def _shared(deck: Deck, linked: list[Deck]) -> dict[str, str]:
    """This deck's entities that a deck it refers to also defines (the same kind and name:
    ragged-red fibres in the metabolic and the myositis deck), mapped to that deck's entity.
    Both decks' lists on it would ask one question with two answers (clinician round 9), so
    while that deck is loaded this deck's facts name its entity, and that deck makes the
    cards on it (`generate.basic.grouped_card`); loaded alone, this deck keeps its own.
    Two decks that refer to each other both see it: the deck whose id sorts first keeps it."""
    shared: dict[str, str] = {}
    for other in linked:
        if other.id > deck.id and any(link.deck == deck.id for link in other.links):
            continue
        names = {(e.kind, e.name.casefold()): e.id for e in other.entities.values()}
        for entity in deck.entities.values():
            found = names.get((entity.kind, entity.name.casefold()))
            if found is not None and entity.home_deck is None:
                shared.setdefault(entity.id, f"{other.id}:{found}")
    return shared


def _repointed(r: Relation, shared: Mapping[str, str]) -> Relation:
    source, target = shared.get(r.source, r.source), shared.get(r.target, r.target)
    return (
        r if (source, target) == (r.source, r.target) else replace(r, source=source, target=target)
    )


def resolve_all(decks: Iterable[Deck]) -> tuple[list[Deck], list[Problem]]:
    """Every deck resolved against all of them (the decks checked together)."""
    decks = list(decks)
    by_id = {deck.id: deck for deck in decks}
    resolved: list[Deck] = []
    problems: list[Problem] = []
    for deck in decks:
        done, found = resolve_links(deck, by_id)
        resolved.append(done)
        problems += found
    return resolved, problems


def _problem(deck: Deck, loaded: Mapping[str, Deck], link: Link) -> tuple[Severity, str] | None:
    """What is wrong with one reference, and how bad; None when it holds."""
    ref = f"{link.deck}:{link.entity}"
    if link.deck == deck.id:
        return "error", f"{ref!r} names this deck; write the entity id alone ({link.entity!r})"
    other = loaded.get(link.deck)
    if other is None:
        names = ", ".join(sorted(loaded)) or "none"
        return "warning", (
            f"{ref!r} names deck {link.deck!r}, which is not loaded (loaded: {names}); "
            "the cards of this relation are left out until it is: check it together "
            "with that deck"
        )
    entity = other.entities.get(link.entity)
    if entity is None:
        hint = Suggester(other.entities).hint(link.entity)
        return "error", f"deck {link.deck!r} has no entity {link.entity!r}{hint}"
    rtype = deck.relation_types[link.relation.type]
    allowed = rtype.from_kinds if link.end == "from" else rtype.to_kinds
    if entity.kind not in allowed:
        return "error", (
            f"relation {rtype.id!r} takes a {' or '.join(allowed)} as '{link.end}', "
            f"but {ref!r} is a {entity.kind} in deck {link.deck!r}"
        )
    return None


def _stand_in(home: Deck, entity_id: str, loc: Location, topic: str | None) -> Entity:
    """The other deck's entity as the referencing deck knows it: its title and how a case
    words it, none of its facts, attributes, sources or lists (that deck teaches those),
    and which lists that deck asks about it, so this deck does not ask them again."""
    entity = home.entities[entity_id]
    return Entity(
        id=f"{home.id}:{entity_id}",
        kind=entity.kind,
        name=entity.name,
        sources=(),
        loc=loc,
        aliases=entity.aliases,
        proper_name=entity.proper_name,
        topic=topic,
        uncertain=entity.uncertain,
        finding_class=entity.finding_class,
        in_case=entity.in_case,
        negative_result=entity.negative_result,
        exposure_said=entity.exposure_said,
        home_deck=home.id,
        home_lists=frozenset(
            (r.type, end)
            for r in home.relations
            if not r.uncertain and r.frequency != "absent"
            for end, named in (("from", r.source), ("to", r.target))
            if named == entity_id
        ),
    )

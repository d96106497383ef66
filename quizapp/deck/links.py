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

from quizapp.deck.errors import Problem, Severity
from quizapp.deck.model import Deck, Entity, Link, Relation
from quizapp.deck.spec import Suggester


def resolve_links(deck: Deck, loaded: Mapping[str, Deck]) -> tuple[Deck, list[Problem]]:
    """The deck with each relation whose references hold made one of its facts, and a
    problem at each reference that does not hold. `loaded` maps deck ids to the decks as
    their files say (references unresolved); the deck itself may be among them."""
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
            stand_ins[ref] = _stand_in(loaded[link.deck].entities[link.entity], link, topic)
    if not kept:
        return replace(deck, links=()), problems
    resolved = replace(
        deck,
        entities={**deck.entities, **stand_ins},
        relations=deck.relations + tuple(kept.values()),
        links=(),
    )
    return resolved, problems


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


def _stand_in(entity: Entity, link: Link, topic: str | None) -> Entity:
    """The other deck's entity as the referencing deck knows it: its title and how a case
    words it, none of its facts, attributes, sources or lists (that deck teaches those)."""
    return Entity(
        id=f"{link.deck}:{link.entity}",
        kind=entity.kind,
        name=entity.name,
        sources=(),
        loc=link.loc,
        aliases=entity.aliases,
        topic=topic,
        uncertain=entity.uncertain,
        finding_class=entity.finding_class,
        in_case=entity.in_case,
        negative_result=entity.negative_result,
        home_deck=link.deck,
    )

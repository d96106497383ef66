"""Re-derive every option's verdict from the deck, apart from the generators.

`check_card` reads only the loaded `Deck` (never the generators' index), so a
generator that offers an unproven option, cites a fact that does not exist, or
cites one that does not bear on the question is caught. Used by the tests and by
`quizapp lint`.
"""

from quizapp.deck.inherit import kinds_of
from quizapp.deck.model import Deck, Relation
from quizapp.generate.card import Card, CardId, Option
from quizapp.generate.evidence import USUAL_CAUSE, is_usual
from quizapp.generate.kinds.hand import is_hand_item, option_ref
from quizapp.generate.text.wording import states

PROVEN_KINDS = ("mcq", "comparison", "vignette")


class ProofChecker:
    """The deck's facts looked up once (by id, held pairs, subtypes, who has a list), so
    checking every card of a deck costs one pass over it, not one per option."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.relations: dict[str, Relation] = {r.id: r for r in deck.relations}
        stated = [r for r in deck.relations if r.frequency != "absent"]
        self.held = {(r.source, r.type, r.target) for r in stated}
        self.has_list = {(r.source, r.type, "from") for r in stated}
        self.has_list |= {(r.target, r.type, "to") for r in stated}
        self.children: dict[str, list[str]] = {}
        for e in deck.entities.values():
            for parent in e.parents:
                self.children.setdefault(parent, []).append(e.id)

    def check(self, card: Card) -> list[str]:
        """What is wrong with the card's proofs; empty when every verdict follows."""
        generator = CardId.parse(card.id).generator
        if card.kind == "cloze" and generator == "cloze":
            return [] if card.proof else ["cloze without a proof of its one answer"]
        if card.kind not in PROVEN_KINDS:
            return []
        missing = [o.text for o in card.options if not o.proof]
        if missing:
            return [f"option {t!r} has no proof" for t in missing]
        if is_hand_item(card):
            return _hand(self.deck, card)
        if card.kind == "mcq" and generator == "most":
            return _most(self, card)
        if card.kind == "mcq":
            return _mcq(self, card)
        if card.kind == "comparison":
            return _comparison(self.deck, card)
        return _vignette(self, card)

    def family(self, entity: str) -> set[str]:
        """The entity and all its subtypes."""
        found, todo = {entity}, [entity]
        while todo:
            for other in self.children.get(todo.pop(), ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
        return found

    def holds(self, source: str, rtype: str, target: str) -> bool:
        """Stated (even uncertainly) for the pair or for subtypes of either end: what holds
        for anti-SRP myopathy holds for IMNM, its parent, too."""
        targets = self.family(target)
        return any((s, rtype, t) in self.held for s in self.family(source) for t in targets)

    def complete(self, entity: str, rtype: str, role: str) -> bool:
        """The entity's list is declared complete, or the type's lists are and it has one;
        never for another deck's entity, of which this deck states only some facts."""
        if self.deck.entities[entity].home_deck is not None:
            return False
        if rtype in self.deck.entities[entity].complete:
            return True
        rt = self.deck.relation_types[rtype]
        return f"each_{role}" in rt.complete and (entity, rtype, role) in self.has_list

    def disproved(self, proof, source: str, rtype: str, target: str) -> str | None:
        """None when `proof` shows source -[rtype]-> target false; else what is wrong."""
        if self.holds(source, rtype, target):
            return f"{source} -[{rtype}]-> {target} is stated (or implied) true"
        if proof.rule == "absent":
            r = self.relations.get(proof.ref)
            if r is None or r.frequency != "absent":
                return f"{proof.ref} is not an absent fact"
            if (r.source, r.type, r.target) != (source, rtype, target):
                return f"{proof.ref} is about {r.source} -[{r.type}]-> {r.target}"
            return None
        if proof.rule == "complete":
            if proof.ref == source and self.complete(source, rtype, "from"):
                return None
            if proof.ref == target and self.complete(target, rtype, "to"):
                return None
            return f"{proof.ref} declares no complete list of {rtype}"
        return f"rule {proof.rule!r} cannot disprove a relation"

    def not_usual(self, proof, pair: tuple[str, str], rtype: str, prompt: str) -> str | None:
        """None when `proof` is another usual `rtype` end of the option and the question
        asks for the usual one ("Which disorder has ... as its most common cause?"); else what is
        wrong."""
        source, target = pair
        r = self.relations.get(proof.ref)
        if USUAL_CAUSE not in prompt:
            return "rule 'usual' answers only a question that asks for the usual end"
        if self.holds(source, rtype, target):
            return f"{source} -[{rtype}]-> {target} is stated (or implied) true"
        if r is None or (r.source, r.type) != (source, rtype) or not is_usual(r):
            return f"{proof.ref} is not a usual {rtype} fact of {source}"
        if r.target in self.family(target) or target in self.family(r.target):
            return f"{r.target} is {target} or a relative of it"
        return None


def _mcq(ck: ProofChecker, card: Card) -> list[str]:
    deck = ck.deck
    relation = ck.relations.get(card.tests[0])
    if relation is None:
        return [f"tested relation {card.tests[0]} is not in the deck"]
    forward = CardId.parse(card.id).parts[-1] == "to"
    anchor = relation.source if forward else relation.target
    rt = deck.relation_types[relation.type]
    kinds = rt.to_kinds if forward else rt.from_kinds
    problems: list[str] = []
    for o in card.options:
        if o.entity is None or deck.entities[o.entity].kind not in kinds:
            problems.append(f"option {o.text!r} is not a {' or '.join(kinds)}")
            continue
        if o.correct:
            key = relation.target if forward else relation.source
            if o.entity != key or not any(p.ref == relation.id for p in o.proof):
                problems.append(f"key {o.text!r} is not proven by {relation.id}")
            continue
        pair = (anchor, o.entity) if forward else (o.entity, anchor)
        if o.proof[0].rule == "usual":
            why = ck.not_usual(o.proof[0], pair, relation.type, card.prompt)
        else:
            why = ck.disproved(o.proof[0], pair[0], relation.type, pair[1])
        if why:
            problems.append(f"option {o.text!r}: {why}")
    return problems


def _most(ck: ProofChecker, card: Card) -> list[str]:
    """A "most" question: the key's stated number beats each wrong option's, or the wrong
    option is proven false for the anchor."""
    anchor, rtype, measure, end = CardId.parse(card.id).parts  # anchor may be `deck:entity`
    forward = end == "to"
    rt = ck.deck.relation_types[rtype]
    kinds = rt.to_kinds if forward else rt.from_kinds

    def value(proof, option: str) -> float | None:
        """The proof's relation's number, if it links the anchor and the option."""
        r = ck.relations.get(proof.ref)
        pair = (anchor, option) if forward else (option, anchor)
        if r is None or r.type != rtype or (r.source, r.target) != pair:
            return None
        return None if r.frequency == "absent" or r.uncertain else r.measure(measure)

    key = next(o for o in card.options if o.correct)
    top = value(key.proof[0], key.entity or "")
    if top is None:
        return [f"key {key.text!r} has no stated {measure} for {anchor}"]
    problems: list[str] = []
    for o in card.options:
        if o.entity is None or ck.deck.entities[o.entity].kind not in kinds:
            problems.append(f"option {o.text!r} is not a {' or '.join(kinds)}")
        elif o.correct:
            continue
        elif o.proof[0].rule == "measure":
            lower = value(o.proof[0], o.entity)
            if lower is None or lower >= top:
                problems.append(f"option {o.text!r}: its {measure} does not fall below {top:g}")
        else:
            pair = (anchor, o.entity) if forward else (o.entity, anchor)
            why = ck.disproved(o.proof[0], pair[0], rtype, pair[1])
            if why:
                problems.append(f"option {o.text!r}: {why}")
    return problems


def _comparison(deck: Deck, card: Card) -> list[str]:
    problems: list[str] = []
    key = next(o for o in card.options if o.correct)
    for o in card.options:
        for p in o.proof:
            table_id, row_id, column = p.ref.split(":")
            table = deck.tables.get(table_id)
            row = next((r for r in table.rows if r.entity == row_id), None) if table else None
            cell = row.cells.get(column) if row else None
            if cell is None or cell.loc != p.loc or row_id != o.entity:
                problems.append(f"option {o.text!r}: no cell {p.ref} at {p.loc}")
                continue
            if not o.correct:
                key_row = next(r for r in table.rows if r.entity == key.entity)  # type: ignore[union-attr]
                if key_row.cells[column].text == cell.text:
                    problems.append(f"option {o.text!r}: its {column} cell equals the key's")
    return problems


def _hand(deck: Deck, card: Card) -> list[str]:
    """An author's item: each option is one written in the deck, with the verdict written
    there, and its proof is that option's rationale, where the deck states it."""
    hand = deck.cards.get(CardId.parse(card.id).parts[0])
    if hand is None or hand.kind != card.kind:
        return [f"hand-written {card.kind} {card.id} is not in the deck"]
    written = {option_ref(hand.id, n): o for n, o in enumerate(hand.options, 1)}
    problems: list[str] = []
    if sum(o.correct for o in card.options) != 1:
        problems.append("the item does not have exactly one key")
    for o in card.options:
        p = o.proof[0]
        source = written.pop(p.ref, None)
        if p.rule != "rationale" or source is None:
            problems.append(f"option {o.text!r}: {p.ref} is not an option of {hand.id}")
        elif source.text != o.text:
            problems.append(f"option {o.text!r}: the deck writes it as {source.text!r}")
        elif source.correct != o.correct:
            verdict = "the key" if source.correct else "a distractor"
            problems.append(f"option {o.text!r}: the deck writes it as {verdict}")
        elif (p.fact, p.loc) != (source.rationale, source.rationale_loc):
            problems.append(f"option {o.text!r}: its proof is not its rationale at {p.loc}")
        elif p.fact not in o.explanation:
            problems.append(f"option {o.text!r}: its explanation leaves out its rationale")
    problems += [f"option {o.text!r} of the deck is not offered" for o in written.values()]
    return problems


def _vignette(ck: ProofChecker, card: Card) -> list[str]:
    blueprint, lead_in = CardId.parse(card.id).parts
    bp = ck.deck.blueprints[blueprint]
    relations = ck.relations
    problems: list[str] = []
    for o in card.options:
        if o.correct:
            if lead_in != "diagnosis" and not any(
                (r := relations.get(p.ref)) and r.source == bp.condition and r.target == o.entity
                for p in o.proof
            ):
                problems.append(f"key {o.text!r} is not proven for {bp.condition}")
            continue
        p = o.proof[0]
        if lead_in == "diagnosis" and o.entity in kinds_of(ck.deck, bp.condition):
            problems.append(f"option {o.text!r}: {bp.condition} is a kind of it")
            continue
        if lead_in != "diagnosis":
            rtype = relations[card.tests[1]].type
            why = ck.disproved(p, bp.condition, rtype, o.entity)  # type: ignore[arg-type]
        else:
            why = _ruled_out(ck, card, o, p)
        if why:
            problems.append(f"option {o.text!r}: {why}")
    return problems


def _ruled_out(ck: ProofChecker, card: Card, option: Option, proof) -> str | None:
    """A distractor diagnosis: the cited deck fact holds and the stem states what it uses."""
    if proof.stated is None or not states(card.prompt, proof.stated):
        return f"the stem does not state {proof.stated!r}"
    if proof.rule in ("absent", "necessary"):
        r = ck.relations.get(proof.ref)
        ok = (
            r is not None
            and r.source == option.entity
            and (r.frequency == "absent" if proof.rule == "absent" else r.necessary)
        )
        return None if ok else f"{proof.ref} is not a {proof.rule} fact of {option.entity}"
    if proof.rule == "range":
        entity, attr = proof.ref.split(".")
        value = ck.deck.entities[entity].attributes.get(attr)
        ok = entity == option.entity and value is not None and value.discriminating
        return None if ok else f"{proof.ref} is not a discriminating range of {option.entity}"
    return f"rule {proof.rule!r} cannot rule a diagnosis out"


def check_card(deck: Deck, card: Card) -> list[str]:
    """What is wrong with one card's proofs (checking many: build one `ProofChecker`)."""
    return ProofChecker(deck).check(card)

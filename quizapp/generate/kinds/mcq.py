"""Single-best-answer questions from relations: one stated end among ends proven wrong.

The question is the relation type's `ask_to` (key: the target) or `ask_from` (key:
the source). Options come from the kinds the relation type allows on the key's side,
so they are homogeneous. The deck is an open world (decks/README.md): an option is
offered as wrong only when `evidence.disproof` finds a deck fact against it for this
question (an `absent` relation or a `complete` list; for "Which disorder has X as its
most common cause?", another usual cause). Those the author marked `absent` come first, then
those with another usual end, then entities that take part in the relation type
(plausible), then any of the kinds. A question without enough proven options is not asked; the
lint note says which facts would bring it back.
"""

import re
from itertools import islice

from quizapp.deck.model import Relation
from quizapp.generate.card import Card, LintFinding, card_id
from quizapp.generate.evidence import (
    MINOR,
    Proof,
    ask_usual_cause,
    complete_where,
    disproof,
    fact_proof,
    fact_statement,
    is_usual,
    listed,
    may_ask,
    usual_disproof,
    what_it_is,
)
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.common import (
    Choice,
    cue_stems,
    labelled,
    mentions,
    pick,
    seeded,
    topic_of,
    with_cited,
)
from quizapp.generate.text.wording import fill_sentence


def mcq_cards(
    ix: DeckIndex, seed: int = 0, options: int = 5
) -> tuple[list[Card], list[LintFinding]]:
    """Every provable question, and a note for each one that could not be proven."""
    cards: list[Card] = []
    lost: list[LintFinding] = []
    for r in ix.facts:
        for end in ("to", "from"):
            card = relation_mcq(ix, r, end, seed, options, lost)
            if card is not None:
                cards.append(card)
    return cards, lost


def _terms(ix: DeckIndex, entity_id: str) -> tuple[str, ...]:
    e = ix.entity(entity_id)
    return (e.name, *e.aliases)


def relation_mcq(
    ix: DeckIndex,
    r: Relation,
    end: str,
    seed: int,
    options: int,
    lost: list[LintFinding] | None = None,
) -> Card | None:
    """The question for one relation asked towards `end`, or None when it cannot be proven."""
    deck = ix.deck
    rt = deck.relation_types[r.type]
    forward = end == "to"
    key, anchor = (r.target, r.source) if forward else (r.source, r.target)
    if ix.entity(key).uncertain or ix.entity(anchor).uncertain:
        return None
    if r.frequency in MINOR:
        return None  # "Which finding is a feature of X?" must not key a minor association
    template = rt.ask_to if forward else may_ask(ix, rt.ask_from, [r])
    plausible = ix.targets_of_type[r.type] if forward else ix.sources_of_type[r.type]
    # "Which disorder has m.8344A>G as its most common cause?" where the key's cause is its usual
    # one, not its only one: then a disorder of the key's kind with another usual cause is
    # proven wrong too (offered first), so the key is not the only one of its category
    # among metabolic distractors (clinician round 17a, S2)
    usual_pool: list[str] = []
    only = complete_where(ix, r.source, r.type, "from") is not None
    if not forward and not only and is_usual(r) and ask_usual_cause(template) != template:
        kind = ix.entity(key).kind
        usual_pool = [
            c
            for c in plausible
            if c != key
            and ix.entity(c).kind == kind
            and disproof(ix, c, r.type, anchor) is None
            and usual_disproof(ix, c, r.type, anchor)
        ]
        template = ask_usual_cause(template) if usual_pool else template
    prompt = fill_sentence(template, ix.name(r.source), ix.name(r.target), ix.proper)
    if mentions(prompt, _terms(ix, key)):
        return None  # the question would name its own answer

    def against(candidate: str):
        pair = (anchor, r.type, candidate) if forward else (candidate, r.type, anchor)
        found = disproof(ix, *pair)
        return found or (usual_disproof(ix, *pair) if usual_pool else None)

    proofs: dict[str, Proof] = {}
    kinds = rt.to_kinds if forward else rt.from_kinds

    def usable(candidate: str) -> bool:
        e = ix.entity(candidate)
        if (
            candidate == key
            or e.kind not in kinds
            or e.uncertain
            or mentions(prompt, _terms(ix, candidate))
            or mentions(e.name, _terms(ix, key))
            or mentions(ix.name(key), _terms(ix, candidate))
        ):
            return False
        proof = against(candidate)
        if proof is not None:
            proofs[candidate] = proof
        return proof is not None

    cid = card_id(deck.id, "mcq", r.id, end)
    rng = seeded(cid, seed)
    known_false = ix.absent_out[(anchor, r.type)] if forward else ix.absent_into[(r.type, anchor)]
    pools: list[list[str]] = [list(known_false), usual_pool]
    if complete_where(ix, anchor, r.type, "from" if forward else "to") or (
        f"each_{end}" in rt.complete
    ):
        pools += [plausible, ix.of_kinds(kinds)]  # anything the complete list leaves out
    else:
        pools.append(ix.complete_entities[r.type])  # those whose own list leaves the anchor out
    chosen: list[str] = []
    cue = cue_stems(ix.name(key), ix.name(anchor))
    if cue:  # the key repeats the question's words ("alcohol" for alcoholic myopathy)
        shown = ix.name(anchor)
        near = {c for pool in pools for c in pool if cue <= cue_stems(ix.name(c), shown)}
        alike = sorted(c for c in near if usable(c))
        if not alike:
            return None  # no distractor repeats them too: the words would give it away
        chosen.append(rng.choice(alike))
    offered = [key, *chosen]

    def fits(candidate: str) -> bool:
        """Usable, and not said twice: a composite beside one of its parts (round 15), or
        a band beside another band of its scale (round 17a)."""
        if candidate in offered or not usable(candidate):
            return False
        name = ix.name(candidate)
        if any(said_twice(name, ix.name(o)) or one_scale(name, ix.name(o)) for o in offered):
            return False
        offered.append(candidate)  # pick() takes every candidate `fits` accepts
        return True

    like = [c for c in pools[0] if comparable(ix.name(c), ix.name(key))]
    if len(like) < len(pools[0]):  # the author's near misses: those of the key's length first
        chosen += pick(rng, like, options - 1 - len(chosen), fits)
    for pool in pools:
        chosen += pick(rng, pool, options - 1 - len(chosen), fits)
    if len(chosen) < options - 1:
        if lost is not None:
            lost.append(_lost_note(ix, r, end, cid, chosen, options))
        return None
    choices = [
        Choice(
            ix.name(key),
            True,
            f"Correct. {fact_statement(ix, r)}",
            key,
            (fact_proof(ix, r.id),),
        )
    ]
    said = {c: what_it_is(ix, c, (r.type, forward), (anchor, key), proofs[c]) for c in chosen}
    choices += [
        Choice(
            ix.name(c),
            False,
            " ".join(["Incorrect.", *(p.fact for p in said[c]), proofs[c].fact]),
            c,
            (proofs[c], *said[c]),
        )
        for c in chosen
    ]
    facts = [ix.by_id[p.ref] for c in chosen for p in said[c]]
    sources = with_cited(r.sources, *(f.sources + f.sentence_sources for f in facts))
    return mcq_card(ix, cid, (anchor, key), prompt, r, sources, choices, kinds)


def _parts(name: str) -> set[str]:
    """An "A or B" composite's parts, a slashed last word spelt out: "Heliotrope rash or
    Gottron papules/sign" -> heliotrope rash, gottron papules, gottron sign."""
    parts: set[str] = set()
    for part in name.casefold().split(" or "):
        head, _, last = part.strip().rpartition(" ")
        parts |= {f"{head} {word}".strip() for word in last.split("/")}
    return parts


def said_twice(a: str, b: str) -> bool:
    """Whether one option's name is a composite that names the other ("Heliotrope rash or
    Gottron papules/sign" beside "Gottron sign"): two options with one answer in them
    (clinician round 15, D-S2)."""
    return (" or " in a and b.casefold() in _parts(a)) or (
        " or " in b and a.casefold() in _parts(b)
    )


def comparable(a: str, b: str) -> bool:
    """Options of like length: neither more than twice the other. A key twice as long as
    every distractor is a cue (clinician round 17a, S4)."""
    return max(len(a), len(b)) <= 2 * min(len(a), len(b))


NUMBER_WORD = re.compile(r"[<>≤≥]?\d+(?:[.,]\d+)*%?")
RANGE_WORDS = frozenset(
    "to under over or more less than at least from after before above below up and x "
    "year years month months week weeks day days hour hours".split()
)


def _scale(name: str) -> frozenset[str]:
    """What a band measures: its words without numbers, range words or units ("Onset age
    40 years or more" -> onset, age); empty for a name without a number of its own
    ("Anti-Jo-1 positive" has none)."""
    words = name.casefold().split()
    if not any(NUMBER_WORD.fullmatch(w) for w in words):
        return frozenset()
    return frozenset(w for w in words if not NUMBER_WORD.fullmatch(w) and w not in RANGE_WORDS)


def one_scale(a: str, b: str) -> bool:
    """Whether two options are bands of one scale ("Onset age 18 to under 40 years" and
    "Onset age 40 years or more"): a matched pair that one rule ("no age item") removes
    together, so at most one is offered (clinician round 17a, S4)."""
    sa, sb = _scale(a), _scale(b)
    return bool(sa and sb) and (sa <= sb or sb <= sa)


def mcq_card(
    ix: DeckIndex,
    cid: str,
    ends: tuple[str, str],
    prompt: str,
    r: Relation,
    sources: tuple[str, ...],
    choices: list[Choice],
    kinds: tuple[str, ...],
) -> Card:
    """A single-best-answer card about relation `r`, asked of `ends` = (anchor, key)."""
    anchor, key = ends
    return Card(
        id=cid,
        deck=ix.deck.id,
        kind="mcq",
        topic=topic_of(ix.entity(anchor).topic, ix.entity(key).topic),
        prompt=prompt,
        answer=ix.name(key),
        sources=with_cited(sources, r.sentence_sources),
        tests=(r.id,),
        loc=r.loc,
        options=labelled(choices),
        extra=r.note,
        category=category_label(ix, kinds),
    )


def _lost_note(
    ix: DeckIndex, r: Relation, end: str, cid: str, proven: list[str], options: int
) -> LintFinding:
    """Which relation lost its question, and the facts an author could add to bring it back."""
    forward = end == "to"
    anchor = r.source if forward else r.target
    role = "from" if forward else "to"
    plausible = ix.targets_of_type[r.type] if forward else ix.sources_of_type[r.type]
    key = r.target if forward else r.source
    others = set(listed(ix, anchor, r.type, role)) | {key} | set(proven)
    unknown = list(islice((c for c in plausible if c not in others), 4))
    hint = (
        f"add `frequency: absent` facts for {anchor} where a source says so (options the "
        f"deck leaves open: {', '.join(unknown)}) "
        if unknown
        else "add `frequency: absent` facts "
    )
    # another deck's entity has no list here to declare complete
    declare = (
        ""
        if ix.entity(anchor).home_deck
        else f"or declare {anchor} `complete: [{r.type}]` if its list is complete"
    )
    return LintFinding(
        r.loc,
        "note",
        "unproven-options",
        f"no question on {r.type} {r.source} -> {r.target} asked towards {end}: "
        f"{len(proven)} of {options - 1} wrong options proven; {hint}{declare}".rstrip(),
        cid,
    )


def category_label(ix: DeckIndex, kinds: tuple[str, ...]) -> str:
    """The options' shared category: the kinds the relation type allows on the key's side."""
    return " or ".join(ix.deck.kinds[k].label for k in kinds)

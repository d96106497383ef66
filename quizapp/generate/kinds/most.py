"""'Most' questions (format 2 `ask_most`): the option with the highest stated number.

A relation type's `ask_most` question ("Which of the following antibodies is most often
positive in {from}?") is asked of an entity when the deck states the measure (percent,
sensitivity or specificity) on its relations of that type. The key is the end with the
highest stated number, strictly above every other stated one. A wrong option is an end
with a lower stated number (its proof carries both numbers) or an end the deck proves
false (`evidence.disproof`: an `absent` fact or a `complete` list). An end the deck links
without a number is unknown, never offered (decks/README.md, open world).
"""

from quizapp.deck.model import Relation
from quizapp.generate.card import Card, LintFinding, card_id
from quizapp.generate.evidence import Proof, complete_where, disproof, statement
from quizapp.generate.index import DeckIndex
from quizapp.generate.kinds.mcq import mcq_card
from quizapp.generate.text.common import Choice, mentions, number, pick, seeded
from quizapp.generate.text.wording import fill_sentence

# A deck's percent is a study's estimate, rounded: "80% of patients" read as exact when the
# source says "about 80%" (clinician round 14).
ABOUT = "about {}%"
MEASURE_TEXT = {
    "percent": ABOUT + " of patients",
    "sensitivity": "sensitivity {}%",
    "specificity": "specificity {}%",
}


def measure_text(r: Relation, share: str = MEASURE_TEXT["percent"]) -> str:
    """Every number stated on a relation, "about 85% of patients; sensitivity 90%" ('' for
    none).
    A percent counts the `from` condition's patients: in a list of conditions the caller
    says whose, naming the end it counts ("MELAS (m.3243A>G is found in about 80% of
    patients with it)"); "MELAS (80% of patients)" under m.3243A>G read as 80% of the variant's
    carriers (clinician rounds 8 and 9), "80% of patients with MELAS" repeated the name
    (round 10) and "in 80% of its patients" let "its" be the variant's (round 13)."""
    parts = [
        share.replace("{}", number(value)) if name == "percent" else template.format(number(value))
        for name, template in MEASURE_TEXT.items()
        if (value := r.measure(name)) is not None
    ]
    return "; ".join(parts)


def measured(ix: DeckIndex, r: Relation, measure: str) -> str:
    """The relation's sentence with one number: "Anti-AChR antibody is positive in ocular
    myasthenia gravis (50% of patients)."."""
    said = statement(ix, r.type, r.source, r.target).rstrip(".")
    return f"{said} ({MEASURE_TEXT[measure].format(number(r.measure(measure)))})."  # type: ignore[arg-type]


def most_cards(
    ix: DeckIndex, seed: int = 0, options: int = 5
) -> tuple[list[Card], list[LintFinding]]:
    """Every `ask_most` question the deck's numbers can prove, and a note for each it cannot."""
    cards: list[Card] = []
    lost: list[LintFinding] = []
    for rt in ix.deck.relation_types.values():
        for measure, question in rt.ask_most:
            forward = "{from}" in question
            anchors = ix.sources_of_type[rt.id] if forward else ix.targets_of_type[rt.id]
            for anchor in anchors:
                card = most_card(ix, anchor, rt.id, measure, question, seed, options, lost)
                if card is not None:
                    cards.append(card)
    return cards, lost


def most_id(deck_id: str, anchor: str, rtype: str, measure: str, forward: bool) -> str:
    return card_id(deck_id, "most", anchor, rtype, measure, "to" if forward else "from")


def most_card(
    ix: DeckIndex,
    anchor: str,
    rtype: str,
    measure: str,
    question: str,
    seed: int,
    options: int,
    lost: list[LintFinding],
) -> Card | None:
    """The question for one entity, or None (with a note when numbers exist but too few
    options are proven)."""
    deck = ix.deck
    rt = deck.relation_types[rtype]
    forward = "{from}" in question
    rels = ix.out.get((anchor, rtype), []) if forward else ix.into.get((rtype, anchor), [])

    def end(r: Relation) -> str:
        return r.target if forward else r.source

    numbered = sorted(
        (r for r in rels if r.measure(measure) is not None and not ix.entity(end(r)).uncertain),
        key=lambda r: (-r.measure(measure), r.id),  # type: ignore[operator]
    )
    if not numbered or ix.entity(anchor).uncertain:
        return None
    cid = most_id(deck.id, anchor, rtype, measure, forward)
    name = ix.name(anchor)
    prompt = fill_sentence(question, name, name, ix.proper)
    top = numbered[0]
    key = end(top)
    if len(numbered) > 1 and numbered[1].measure(measure) == top.measure(measure):
        lost.append(_note(top, cid, f"{ix.name(key)} and {ix.name(end(numbered[1]))} tie"))
        return None
    kinds = rt.to_kinds if forward else rt.from_kinds

    def fair(c: str) -> bool:
        names = (ix.name(c), *ix.entity(c).aliases)
        return c != key and not ix.entity(c).uncertain and not mentions(prompt, names)

    if mentions(prompt, (ix.name(key), *ix.entity(key).aliases)):
        return None  # the question would name its own answer
    lower = [r for r in numbered[1:] if fair(end(r))]
    if not lower:
        return None  # nothing to compare: the plain question (mcq.py) asks it already
    wrong: dict[str, Proof] = {}
    for r in lower[: options - 1]:
        fact = f"{measured(ix, r, measure)} {measured(ix, top, measure)}"
        wrong[end(r)] = Proof("measure", fact, r.loc, r.id)
    proofs = _disproved(ix, anchor, rtype, forward, kinds, lambda c: fair(c) and c not in wrong)
    rng = seeded(cid, seed)
    for c in pick(rng, sorted(proofs), options - 1 - len(wrong), lambda c: True):
        wrong[c] = proofs[c]
    if len(wrong) < options - 1:
        have = f"{len(wrong)} of {options - 1} wrong options proven"
        lost.append(_note(top, cid, f"{have}; state {measure} on more {rtype} relations"))
        return None
    key_fact = measured(ix, top, measure)
    higher = f"The figure for {ix.mid(key)} is higher ({number(top.measure(measure))}%)."  # type: ignore[arg-type]
    choices = [
        Choice(
            ix.name(key),
            True,
            f"Correct. {key_fact} This is higher than for any other option.",
            key,
            (Proof("fact", key_fact, top.loc, top.id),),
        )
    ]
    for c, proof in wrong.items():
        said = measured(ix, ix.by_id[proof.ref], measure) if proof.rule == "measure" else proof.fact
        extra = f" {higher}" if proof.rule == "measure" else ""
        choices.append(Choice(ix.name(c), False, f"Incorrect. {said}{extra}", c, (proof,)))
    sources = tuple(dict.fromkeys((*top.sources, *(s for r in lower for s in r.sources))))
    return mcq_card(ix, cid, (anchor, key), prompt, top, sources, choices, kinds)


def _disproved(ix: DeckIndex, anchor: str, rtype: str, forward: bool, kinds, ok) -> dict:
    """Entities of the option kinds the deck proves unrelated to the anchor, with the proof."""
    role = "from" if forward else "to"
    pool = list(ix.absent_out[(anchor, rtype)] if forward else ix.absent_into[(rtype, anchor)])
    if complete_where(ix, anchor, rtype, role) is not None:
        pool += ix.of_kinds(kinds)
    else:
        pool += ix.complete_entities[rtype]
    found: dict[str, Proof] = {}
    for c in dict.fromkeys(pool):
        if ix.entity(c).kind not in kinds or not ok(c):
            continue
        proof = disproof(ix, anchor, rtype, c) if forward else disproof(ix, c, rtype, anchor)
        if proof is not None:
            found[c] = proof
    return found


def _note(top: Relation, cid: str, why: str) -> LintFinding:
    return LintFinding(top.loc, "note", "unproven-options", f"no 'most' question: {why}", cid)

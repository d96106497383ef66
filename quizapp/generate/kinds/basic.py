"""Basic cards: a relation type's `ask_to` question about one entity, and attribute cards."""

import re

from quizapp.deck.format_v1 import CONDITION_KINDS
from quizapp.deck.model import AttributeDef, Relation
from quizapp.generate.card import Card, card_id
from quizapp.generate.evidence import complete_where, fact_statement, may_ask, statement
from quizapp.generate.index import DeckIndex
from quizapp.generate.kinds.most import ABOUT, MEASURE_TEXT, measure_text
from quizapp.generate.text.common import (
    attribute_text,
    by_frequency,
    content_words,
    mentions,
    topic_of,
    with_cited,
)
from quizapp.generate.text.wording import (
    fill_sentence,
    is_plural,
    mid_sentence,
    plural_question,
    sentence_start,
)


def grouped_card(
    ix: DeckIndex, generator: str, anchor: str, rtype: str, rels: list[Relation]
) -> Card | None:
    """One card per entity and relation type, answering with every end the deck states
    ("Includes: ..." unless the deck declares the list complete).

    One card per relation would show the same question with different answers;
    the id comes from (anchor, relation type) so adding a fact keeps the card.
    """
    deck = ix.deck
    rt = deck.relation_types[rtype]
    forward = generator == "basic"
    side = "from" if forward else "to"  # the anchor's end of the relations
    if ix.entity(anchor).uncertain or (rtype, side) in ix.entity(anchor).home_lists:
        return None  # another deck asks this of its own entity, with this deck's facts (round 10)
    if not forward and _exposure_asked_of_non_condition(ix, anchor, rels):
        return None
    ends = _ends(ix, rels, forward)
    ends.sort(key=lambda three: three[1].id)
    said = {ix.name(end).casefold() for _, _, end in ends}
    complete = complete_where(ix, anchor, rtype, side) is not None
    for other in ix.joined():  # the facts other decks state on this list (clinician round 10)
        ref = f"{deck.id}:{anchor}"
        theirs = other.out.get((ref, rtype)) if forward else other.into.get((rtype, ref))
        added = [
            x
            for x in _ends(other, theirs or [], forward)
            if other.name(x[2]).casefold() not in said
        ]
        ends += sorted(added, key=lambda three: three[1].id)
        said |= {other.name(end).casefold() for _, _, end in added}
        complete = complete and not added
    away = [x for x in ends if _given_away(ix, anchor, x, ends)]
    if len(away) == len(ends):
        return None  # the question names its answer: nothing to recall
    # an exposure named in its own condition's list ("Long-term zidovudine therapy" in
    # zidovudine myopathy's) teaches nothing there; another given-away end stays, so a
    # list is never cut short ("Includes:" would hide that the deck states it)
    # a group named after the question's subject, beside its own members, is left out too:
    # "Which ... are caused by POLG variants? CPEO; AHS; POLG-related disorders" (round 15)
    away = [
        x
        for x in away
        if x[0].entity(x[2]).finding_class == "history" or _group_of_another(ix, x[2], ends)
    ]
    ends = [x for x in ends if x not in away and not _has_parts(x, ends)]
    template = (
        rt.ask_to if forward else may_ask(ix, rt.ask_from, [r for x, r, _ in ends if x is ix])
    )
    anchor_name = ix.name(anchor)
    prompt = fill_sentence(template, anchor_name, anchor_name, ix.proper)
    if not forward:
        prompt = _in_group(ix, anchor, prompt, [end for _, _, end in ends])
    # "Which conditions are classed under ...?" (student trial 3); an open list too: "Which
    # of the ... shows ...?" told one answer where the answer says "Includes:" (round 15)
    if len(ends) > 1 or not complete:
        plurals = {k.label: k.plural for k in deck.kinds.values() if k.plural}
        prompt = plural_question(prompt, plurals)
    answer = "; ".join(by_frequency((r.frequency, _with_numbers(x, r, end)) for x, r, end in ends))
    if not complete:
        answer = f"Includes: {answer}"  # open world: no deck's list need be all there is
    # a note is about the fact, not either end: "Generalized myasthenia gravis: Carries a
    # regulatory warning" read as if the disease carried it, so it follows the fact itself
    notes = [f"{_fact(x, r)} {r.note}" for x, r, _ in ends if r.note]
    sources = with_cited(*(_cited(ix, x, r) for x, r, _ in ends))
    tests = tuple(r.id if x is ix else f"{x.deck.id}:{r.id}" for x, r, _ in ends)
    return Card(
        id=card_id(deck.id, generator, anchor, rtype),
        deck=deck.id,
        kind=generator,
        topic=topic_of(ix.entity(anchor).topic),
        prompt=prompt,
        answer=answer,
        sources=sources,
        tests=tests,
        loc=ends[0][1].loc,
        extra="\n".join(notes) or None,
    )


def _exposure_asked_of_non_condition(ix: DeckIndex, anchor: str, rels: list[Relation]) -> bool:
    """Whether a reverse card would ask a `history` finding (an exposure, a past illness)
    back from something that is not a condition: "Which antibody points to statin therapy?"
    asked a drug as if the antibody's clinical feature (clinician rounds 15-16). A
    condition's history stays askable ("Which ... show seizures?")."""
    return ix.entity(anchor).finding_class == "history" and any(
        ix.entity(r.source).kind not in CONDITION_KINDS for r in rels
    )


# Words a name shares with the question that give nothing away: "muscle pain" does not
# point to "statin-associated muscle symptoms" (six-letter stems, as `cue_stems` cuts them).
_PLAIN_STEMS = frozenset(
    ("muscle", "myopat", "diseas", "syndro", "weakne", "antibo", "detect", "therap", "associ")
    + ("anti", "induce", "not", "myosit")
)
End = tuple[DeckIndex, Relation, str]


def _stems(*texts: str) -> set[str]:
    """Six-letter stems of a name's words, three letters and up ("SRP", "AZT" count)."""
    return {w[:6] for t in texts for w in content_words(t)} - _PLAIN_STEMS


def _group_of_another(ix: DeckIndex, end_id: str, ends: list[End]) -> bool:
    """Whether `end_id` is a group another listed end is classed in."""
    return any(
        e != end_id and e in ix.deck.entities and end_id in _groups(ix, e) for _, _, e in ends
    )


def _given_away(ix: DeckIndex, anchor: str, end: End, ends: list[End]) -> bool:
    """Whether the question names this answer (student trial 3): "Which condition shows
    long-term zidovudine therapy?" -> "Zidovudine myopathy", "Which test result is
    expected in anti-HMGCR myopathy?" -> "Anti-HMGCR antibodies detected". A shared word
    gives an answer away when every entity of its kind with that word is an answer: the
    "statin" of "weakness persisting off the statin" leaves two statin myopathies to choose
    from, so that card stays."""
    x, _, end_id = end
    shown = _stems(ix.name(anchor))
    e = x.entity(end_id)
    shared = _stems(e.name, *e.aliases) & shown
    if not shared:
        return False
    answers = {(y.deck.id, e) for y, _, e in ends}
    alike = [o.id for o in map(x.entity, x.by_kind[e.kind]) if shared & _stems(o.name, *o.aliases)]
    return all((x.deck.id, o) in answers for o in alike)


def _has_parts(end: End, ends: list[End]) -> bool:
    """Whether the end is an "A or B" composite whose parts the list names too ("Heliotrope
    rash or Gottron papules/sign" beside "Heliotrope rash", "Gottron papules"): said twice,
    and the composite is a vignette's device, not a finding to learn (student trial 3)."""
    x, _, end_id = end
    name = x.name(end_id)
    if " or " not in name:
        return False
    parts = [y.name(e) for y, _, e in ends if (y, e) != (x, end_id)]
    return mentions(name, parts) is not None


_GENERIC_WHICH = re.compile(r"^Which (condition|disorder|diagnosis|myopathy) ")


def _groups(ix: DeckIndex, entity_id: str) -> list[str]:
    """The groups an entity is classed in, nearest first: its parents and what a
    `subtype_of` relation (the bundled decks' classing) puts it under, with theirs."""
    found: list[str] = []
    todo = [entity_id]
    while todo:
        e = todo.pop(0)
        for g in (
            *ix.deck.entities[e].parents,
            *(r.target for r in ix.out.get((e, "subtype_of"), ())),
        ):
            if g not in found and g != entity_id and g in ix.deck.entities:
                found.append(g)
                todo.append(g)
    return found


def _in_group(ix: DeckIndex, anchor: str, prompt: str, ends: list[str]) -> str:
    """ "Which condition shows inflammatory arthritis?" has other fair answers (rheumatoid
    arthritis); where every answer is in one named group the question says so: "Which of
    the idiopathic inflammatory myopathies show ...?" (student trial 3). The nearest group
    with a choice in it: "Which of the endocrine myopathies ...?" named the answer's only
    fellow member, itself (clinician round 15), so a group needs three members of the
    answers' kinds, or two besides the answers."""
    if not _GENERIC_WHICH.match(prompt) or any(e not in ix.deck.entities for e in ends):
        return prompt
    shared = [g for g in _groups(ix, ends[0]) if is_plural(ix.name(g))]
    for e in ends[1:]:
        shared = [g for g in shared if g in _groups(ix, e)]
    kinds = {ix.entity(e).kind for e in ends}
    for group in shared:
        if anchor == group or anchor in _groups(ix, group):
            return prompt
        members = {
            e.id
            for e in ix.deck.entities.values()
            if e.kind in kinds and group in _groups(ix, e.id)
        }
        if len(members) >= 3 or len(members - set(ends)) >= 2:
            return _GENERIC_WHICH.sub(f"Which of the {ix.mid(group)} ", prompt, count=1)
    return prompt


def _ends(
    ix: DeckIndex, rels: list[Relation], forward: bool
) -> list[tuple[DeckIndex, Relation, str]]:
    """Each relation with its far end, where that end is certain."""
    ends = [(ix, r, r.target if forward else r.source) for r in rels]
    return [(x, r, end) for x, r, end in ends if not x.entity(end).uncertain]


def _cited(ix: DeckIndex, x: DeckIndex, r: Relation) -> tuple[str, ...]:
    """A fact's sources as `ix`'s deck names them: another deck's under `deck:source`."""
    cited = r.sources + r.sentence_sources
    return cited if x is ix else tuple(f"{x.deck.id}:{s}" for s in cited)


# The `to` end (a finding, an antibody) is found in few of the condition's patients: "in few
# patients" after an antibody's condition read as a weak marker (clinician round 11), and
# "Antisynthetase syndrome (found in few of its patients)" let "its" be the antibody's
# (round 13), so a condition in a list names the end it is counted for.
FEW = "found in few patients with it"
# Kinds given to patients rather than found in them ("used in", not "found in").
GIVEN_KINDS = ("drug", "treatment")


def _rare(ix: DeckIndex, r: Relation, end: str) -> str:
    """How a rare relation marks `end`: on a condition or a treatment, which has patients,
    the share names what it counts ("anti-OJ is found in few patients with it",
    "thromboembolism occurs in few patients given it": "Intravenous immunoglobulin (rare)"
    read as a treatment rarely given, clinician round 14); a finding is "(rare)"."""
    if end == r.source and ix.entity(r.source).kind in (*CONDITION_KINDS, *GIVEN_KINDS):
        return _share_with_it(ix, r, "few")
    return "rare"


def _share_with_it(ix: DeckIndex, r: Relation, share: str) -> str:
    """The share of the `from` end's patients with the `to` end, said after the `from`
    end in a list: "m.3243A>G is found in about 80% of patients with it"; after a
    treatment, "thromboembolism occurs in few patients given it"."""
    if ix.entity(r.source).kind in GIVEN_KINDS:
        return f"{ix.mid(r.target)} occurs in {share} patients given it"
    verb = "is used in" if ix.entity(r.target).kind in GIVEN_KINDS else "is found in"
    return f"{ix.mid(r.target)} {verb} {share} patients with it"


def _fact(ix: DeckIndex, r: Relation) -> str:
    """The relation as a sentence; a rare one says so, so that a note such as "Usually
    painless." never contradicts a plain "Muscle pain is a feature of ..." before it."""
    sentence = statement(ix, r.type, r.source, r.target)
    hedged = fact_statement(ix, r)
    if hedged != sentence:
        return hedged  # a cause that says how often ("is usually caused by")
    if r.frequency == "rare" and sentence.endswith("."):
        # the frequency counts patients of the `from` condition: "in rare cases" read as
        # "anti-OJ rarely marks antisynthetase syndrome" (clinician round 8); a sentence
        # that names the `to` end first needs no second naming ("Anti-OJ is a marker of
        # antisynthetase syndrome (found in few patients with it).")
        rare = "rare"
        if ix.entity(r.source).kind in CONDITION_KINDS:
            rare = _rare(ix, r, r.source)
            template = ix.deck.relation_types[r.type].statement
            if template.find("{to}") < template.find("{from}"):
                rare = FEW
        return f"{sentence[:-1]} ({rare})."
    return sentence


def _with_numbers(ix: DeckIndex, r: Relation, end: str) -> str:
    """The end's name, with what the deck states on the relation (format 2 numbers, a
    caution) and a rare relation marked, which a plain list would teach as typical: the
    finding "(rare)" in its condition's list, the condition "(anti-OJ is found in few
    patients with it)" in the antibody's list."""
    rare = None
    if r.frequency == "rare":  # of the `to` end in the `from` condition's patients
        rare = _rare(ix, r, end)
    share = _share_with_it(ix, r, ABOUT + " of") if end == r.source else MEASURE_TEXT["percent"]
    caution = r.caution
    if caution and end == r.source:  # "MELAS (contraindicated)" made the disorder the drug
        said = fill_sentence("{to} " + CAUTION_SAID[caution], "", ix.name(r.target), ix.proper)
        caution = mid_sentence(said, ix.proper)  # "valproate is contraindicated" (round 14)
    numbers = "; ".join(x for x in (rare, caution, measure_text(r, share)) if x)
    return f"{ix.name(end)} ({numbers})" if numbers else ix.name(end)


def basic_cards(ix: DeckIndex) -> list[Card]:
    """Entity -> the other end of each relation type, then entity -> attribute value."""
    cards = [
        card
        for (source, rtype), rels in ix.out.items()
        if not _one_caution(ix, rels)
        and (card := grouped_card(ix, "basic", source, rtype, rels)) is not None
    ]
    return cards + attribute_cards(ix) + result_cards(ix) + state_cards(ix) + caution_cards(ix)


# A caution's strength, said of a drug: "Valproate is contraindicated in X", "Which drug is
# contraindicated in X?".
CAUTION_SAID = {
    "contraindicated": "is contraindicated",
    "boxed warning": "carries a boxed warning",
    "use with caution": "should be used with caution",
    "probably safe": "is probably safe",
}


def _one_caution(ix: DeckIndex, rels: list[Relation]) -> bool:
    """Whether every drug of a condition's list has the same `caution`: its caution card
    ("Which drug is contraindicated in X?") asks for exactly the list, so the list card
    ("Which drug should be avoided in X?") would be a near-duplicate and is not made."""
    cautions = {r.caution for r in rels}
    clear = not any(ix.entity(r.target).uncertain for r in rels)
    return clear and len(cautions) == 1 and None not in cautions


def _whom(ix: DeckIndex, r: Relation) -> str:
    """Whom a caution is for: "in Alpers–Huttenlocher syndrome", with the words the
    relation type's statement puts before the `from` end ("{to} should be avoided in
    carriers of {from}." -> "in carriers of m.1555A>G"): "contraindicated in m.1555A>G"
    made a variant a disorder (clinician round 11). A boxed warning is "for patients with"."""
    words = re.search(r"\bin ((?:[\w-]+ )*?)\{from\}", ix.deck.relation_types[r.type].statement)
    before = words.group(1) if words else ""
    who = before + ix.mid(r.source)
    if r.caution == "boxed warning":
        return f"for {who}" if before else f"for patients with {who}"
    return f"in {who}"


def _caution_fact(ix: DeckIndex, r: Relation) -> str:
    """ "Aminoglycosides are contraindicated in carriers of m.1555A>G in MT-RNR1."."""
    return fill_sentence(
        "{to} " + CAUTION_SAID[r.caution or ""] + " " + _whom(ix, r) + ".",
        ix.name(r.source),
        ix.name(r.target),
        ix.proper,
    )


def caution_cards(ix: DeckIndex) -> list[Card]:
    """Format 2 drug cautions: "Which drug is contraindicated in X?" (every drug the deck
    gives that caution for X) and, where the deck names them, "Valproate is contraindicated
    in X. Which drug is a safe alternative?"."""
    groups: dict[tuple[str, str], list[Relation]] = {}
    for r in ix.deck.relations:
        if r.caution and not r.uncertain and not ix.entity(r.target).uncertain:
            groups.setdefault((r.source, r.caution), []).append(r)
    cards: list[Card] = []
    for (condition, caution), rels in groups.items():
        label = ix.deck.kinds[ix.entity(rels[0].target).kind].label
        names = sorted(ix.name(r.target) for r in rels)
        listed = all(complete_where(ix, condition, r.type, "from") for r in rels)
        # a note follows its fact: "Valproate: Valproate can ..." read twice (round 11)
        notes = [f"{_caution_fact(ix, r)} {r.note}" for r in rels if r.note]
        cards.append(
            _caution_card(
                ix, rels, ("caution", condition, caution.replace(" ", "-")),
                f"Which {label} {CAUTION_SAID[caution]} {_whom(ix, rels[0])}?",
                ("" if listed else "Includes: ") + "; ".join(names), notes,
            )
        )  # fmt: skip
        for r in rels:
            if r.alternatives:
                cards.append(
                    _caution_card(
                        ix, [r], ("alternative", r.id),
                        f"{_caution_fact(ix, r)} Which {label} is a safe alternative?",
                        "; ".join(ix.name(a) for a in r.alternatives), [r.note] if r.note else [],
                    )
                )  # fmt: skip
    return cards


def _caution_card(
    ix: DeckIndex,
    rels: list[Relation],
    parts: tuple[str, ...],
    prompt: str,
    answer: str,
    notes: list[str],
) -> Card:
    return Card(
        id=card_id(ix.deck.id, *parts),
        deck=ix.deck.id,
        kind="basic",
        topic=topic_of(ix.entity(rels[0].source).topic),
        prompt=prompt,
        answer=answer,
        sources=with_cited(*(r.sources + r.sentence_sources for r in rels)),
        tests=tuple(r.id for r in rels),
        loc=rels[0].loc,
        extra="\n".join(notes) or None,
    )


def state_cards(ix: DeckIndex) -> list[Card]:
    """ "Myasthenic crisis is a state of which condition?" (format 2 `state_of`)."""
    return [
        Card(
            id=card_id(ix.deck.id, "state", e.id),
            deck=ix.deck.id,
            kind="basic",
            topic=topic_of(e.topic, ix.entity(e.state_of).topic),
            prompt=f"{e.name} is a state of which condition?",
            answer=ix.name(e.state_of),
            sources=e.sources,
            tests=(e.id,),
            loc=e.loc,
        )
        for e in ix.deck.entities.values()
        if e.state_of and not e.uncertain
    ]


RESULT_ANSWERS = {"negative": "Negative", "normal": "Normal (within the reference range)"}


def result_cards(ix: DeckIndex) -> list[Card]:
    """A negative or normal result as a fact of its own (format 2 `result`): "What is the
    result of testing for anti-Z antibody in eta disease?" / "Negative"."""
    cards: list[Card] = []
    for r in ix.deck.relations:
        if not r.result or r.uncertain or ix.entity(r.source).uncertain:
            continue
        test = ix.mid(r.target) if r.result == "normal" else f"testing for {ix.mid(r.target)}"
        cards.append(
            Card(
                id=card_id(ix.deck.id, "result", r.id),
                deck=ix.deck.id,
                kind="basic",
                topic=topic_of(ix.entity(r.source).topic),
                prompt=f"What is the result of {test} in {ix.mid(r.source)}?",
                answer=RESULT_ANSWERS[r.result],
                sources=with_cited(r.sources, r.sentence_sources),
                tests=(r.id,),
                loc=r.loc,
                extra=r.note,
            )
        )
    return cards


def attribute_question(ix: DeckIndex, definition: AttributeDef, entity_id: str) -> str:
    """The attribute's own `ask` question, or "What is the <label> of <entity>?"."""
    if definition.ask:
        name = ix.name(entity_id)
        return fill_sentence(definition.ask.replace("{entity}", "{from}"), name, name, ix.proper)
    return f"What is the {definition.label} of {ix.mid(entity_id)}?"


def attribute_cards(ix: DeckIndex) -> list[Card]:
    deck = ix.deck
    cards: list[Card] = []
    for entity in deck.entities.values():
        if entity.uncertain:
            continue
        for attr_id, value in entity.attributes.items():
            definition = deck.attributes[attr_id]
            # shown alone, the answer starts with a capital ("Under 18 years; ..."), but a
            # unit or gene name keeps its case ("mtDNA ...", "m.3243A>G")
            answer = sentence_start(attribute_text(value, definition.unit) or "")
            if value.uncertain or not answer or answer.casefold() in ("variable", "none"):
                # "What is the severity of weakness of X?" -> "Variable" (trial 3); "How
                # severe is the weakness in PMR?" -> "None" asks after what is not there
                # (round 17b)
                continue
            cards.append(
                Card(
                    id=card_id(deck.id, "attribute", entity.id, attr_id),
                    deck=deck.id,
                    kind="basic",
                    topic=topic_of(entity.topic),
                    prompt=attribute_question(ix, definition, entity.id),
                    answer=answer,
                    sources=with_cited(value.sources, value.sentence_sources),
                    tests=(entity.id,),
                    loc=value.loc,
                    extra=value.note,
                )
            )
    return cards

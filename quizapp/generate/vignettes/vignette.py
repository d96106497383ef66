"""Case vignettes from blueprints, with a key that is provably the single best answer.

A blueprint is planned once: each lead-in is checked against the facts every
drawn case states (the blueprint's ranges, not a seed's values). A lead-in is
kept only if the key is contradicted by nothing the blueprint can state and at
least options - 1 others are proven wrong for every seed; otherwise the blueprint
gets a lint note and no item. Each rendering then draws a case from the seed.
A distractor diagnosis must be ruled out by a fact its own stem states (through
the deck's evidence: `absent`, `necessary`, `discriminating`); a distractor
antibody, biopsy finding, test or treatment must be proven wrong for the case's
condition itself (`absent` or a `complete` list), since the open-world deck may
simply not list it (decks/README.md).
"""

from dataclasses import dataclass

from quizapp.deck.inherit import kinds_of
from quizapp.deck.model import Blueprint, Deck, Relation
from quizapp.errors import QuizappError
from quizapp.generate.card import Card, CardId, LintFinding, card_id
from quizapp.generate.evidence import (
    Proof,
    complete_where,
    denied_once,
    disproof,
    fact_proof,
    fact_statement,
    only_these,
    stated_ends,
    what_it_is,
)
from quizapp.generate.index import DeckIndex, build_index
from quizapp.generate.kinds.mcq import category_label
from quizapp.generate.text.common import Choice, labelled, seeded, topic_of
from quizapp.generate.text.wording import any_inner_link, is_plural, join, sentence_start
from quizapp.generate.vignettes.case import Case, blueprint_facts, draw_case
from quizapp.generate.vignettes.ruleout import (
    Facts,
    conflicts_with_key,
    contradictions,
    excluded,
    implausible_by_age,
    is_absence,
    support,
)
from quizapp.generate.vignettes.stem import stem_text

QUESTIONS = {
    "diagnosis": "Which of the following is the most likely diagnosis?",
    "antibody": "Which of the following {plural} is most likely to be positive in this patient?",
    "biopsy": "Which of the following {plural} is most likely in this patient?",
    "next_step": "Which of the following is the most appropriate next step in management?",
    "treatment": "Which of the following is the most appropriate treatment?",
}


class VignetteError(QuizappError):
    """A vignette that cannot be rendered fairly; carries the findings that say why."""

    def __init__(self, findings: list[LintFinding]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings


@dataclass(frozen=True)
class Plan:
    """A lead-in of a blueprint that every seed can render."""

    blueprint: Blueprint
    lead_in: str
    key: str
    relation: Relation | None  # condition -> key; None for the diagnosis
    deck_id: str

    @property
    def card_id(self) -> str:
        return vignette_id(self.blueprint, self.lead_in, self.deck_id)


def vignette_id(bp: Blueprint, lead_in: str, deck_id: str) -> str:
    return card_id(deck_id, "vignette", bp.id, lead_in)


def option_kinds(ix: DeckIndex, plan: Plan) -> tuple[str, ...]:
    """Homogeneous options: the condition's kind, or what the key's relation type points to."""
    if plan.relation is None:
        return (ix.entity(plan.key).kind,)
    return ix.deck.relation_types[plan.relation.type].to_kinds


def distractor_ids(ix: DeckIndex, plan: Plan, facts: Facts) -> list[str]:
    """The options of the plan's category proven wrong.

    A diagnosis is wrong when `facts` rule it out. Any other option is wrong when
    the deck disproves it for the case's condition (the stem's facts do not matter:
    the condition is given, and an unlisted option may still be right for it).
    """
    if plan.relation is None:
        gone = excluded(ix, facts)
        kind = ix.entity(plan.key).kind
        return sorted(
            o
            for o in gone
            if o != plan.key
            and ix.entity(o).kind == kind
            and not ix.entity(o).uncertain
            and rival(ix, plan.key, o)
        )
    condition, rtype = plan.blueprint.condition, plan.relation.type
    kinds = option_kinds(ix, plan)
    pool = list(ix.absent_out[(condition, rtype)])
    if complete_where(ix, condition, rtype, "from") is not None:
        pool += ix.of_kinds(kinds)
    else:
        pool += ix.complete_entities[rtype]
    return [
        c
        for c in dict.fromkeys(pool)
        if c != plan.key
        and not ix.entity(c).uncertain
        and ix.entity(c).kind in kinds
        and disproof(ix, condition, rtype, c) is not None
    ]


def rival(ix: DeckIndex, key: str, option: str) -> bool:
    """Whether a diagnosis may stand against the key: never a condition the key inherits
    from as a subtype or state (the patient has it too), nor a relative classed on another
    axis (extent against serotype: both may be true of one patient)."""
    if option in kinds_of(ix.deck, key):
        return False
    axes = ix.entity(key).axis, ix.entity(option).axis
    crossed = axes[0] and axes[1] and axes[0] != axes[1]
    return not (crossed and set(ix.ancestors(key)) & set(ix.ancestors(option)))


@dataclass(frozen=True)
class Verdict:
    """Why a distractor is wrong: the explanation a learner reads, and its proofs (the
    one explained first)."""

    explanation: str
    proofs: tuple[Proof, ...]


def ruled_out(ix: DeckIndex, plan: Plan, facts: Facts) -> dict[str, Verdict]:
    """Each option proven wrong: for the diagnosis, "X is unlikely because ..." with the
    stated facts against it; otherwise the deck fact against the option for the case's
    condition."""
    out: dict[str, Verdict] = {}
    for option in distractor_ids(ix, plan, facts):
        if plan.relation is None:
            reasons = contradictions(ix, facts, option)
            why = f"Incorrect. {reasons[0].text}."
            out[option] = Verdict(why, tuple(r.proof for r in reasons))
        else:
            condition, rtype = plan.blueprint.condition, plan.relation.type
            proof = disproof(ix, condition, rtype, option)
            assert proof is not None  # distractor_ids keeps only options a fact disproves
            # what the option is, then why it is wrong; the condition's complete list is
            # said once, in the key's rationale: the same 30 words closed every option
            # (clinician round 15, N-S2)
            said = what_it_is(ix, option, (rtype, True), (condition, plan.key), proof)
            wrong = denied_once(ix, proof, condition, rtype, option)
            why = " ".join(["Incorrect.", *(p.fact for p in said), wrong])
            out[option] = Verdict(why, (proof, *said))
    return out


# A blueprint whose stem proves too few other diagnoses wrong: its diagnosis vignette,
# the item the blueprint exists for, is not generated (a lint warning of its own).
NO_DIAGNOSIS = "no-diagnosis-vignette"


def plan_blueprint(
    ix: DeckIndex, bp: Blueprint, options: int
) -> tuple[list[Plan], list[LintFinding]]:
    """The lead-ins a blueprint can ask for every seed; for each it cannot, an error (the
    blueprint contradicts the deck), else a note (too little evidence, and what would
    help), a warning for the diagnosis lead-in (NO_DIAGNOSIS)."""
    deck = ix.deck
    findings: list[LintFinding] = []

    def error(lead_in: str, message: str, severity: str = "error") -> None:
        where = bp.loc if lead_in == "diagnosis" else bp.field_locs.get("answers", bp.loc)
        check = "provable-key" if severity == "error" else "unproven-options"
        if severity == "note" and lead_in == "diagnosis":  # the blueprint's reason to be
            severity, check = "warning", NO_DIAGNOSIS
        findings.append(
            LintFinding(
                where,
                severity,
                check,
                f"blueprint {bp.id!r}, lead-in {lead_in}: {message}; no item generated",
                vignette_id(bp, lead_in, deck.id),
            )
        )

    conflicts = conflicts_with_key(ix, blueprint_facts(ix, bp, with_optional=True), bp.condition)
    if conflicts:
        error("diagnosis", "the case contradicts its own condition: " + "; ".join(conflicts))
        return [], findings
    plans: list[Plan] = []
    wanted = [("diagnosis", bp.condition), *bp.answers.items()]
    invariant = blueprint_facts(ix, bp)
    for lead_in, key in wanted:
        relation = None
        if lead_in != "diagnosis":
            relation = next(
                (r for r in ix.pair.get((bp.condition, key), ()) if r.frequency != "absent"), None
            )
            if relation is None:
                error(
                    lead_in, f"{ix.name(key)} is not related to {ix.name(bp.condition)} in the deck"
                )
                continue
        plan = Plan(bp, lead_in, key, relation, deck.id)
        out = distractor_ids(ix, plan, invariant)
        if len(out) < options - 1:
            have = _few([ix.name(o) for o in out]) or "none"
            hint = (
                "state more findings that other diagnoses have as `absent`"
                if relation is None
                else f"add `frequency: absent` {relation.type} facts for {bp.condition}, "
                f"or declare {bp.condition} `complete: [{relation.type}]` if its list is complete"
            )
            error(
                lead_in,
                f"only {len(out)} {'option is' if len(out) == 1 else 'options are'} proven wrong for every case "
                f"({have}); {options - 1} are needed: {hint}",
                "note",
            )
            continue
        plans.append(plan)
    return plans, findings


def render_plan(ix: DeckIndex, plan: Plan, seed: int, options: int) -> tuple[Card, Case]:
    """Draw the case for `seed`, state it, and keep the most plausible ruled-out options."""
    bp = plan.blueprint
    case = draw_case(ix, bp, seed)
    facts = case.facts()
    out = ruled_out(ix, plan, facts)
    rng = seeded(plan.card_id, seed)
    # a diagnosis with fewer contradictions is more plausible; another lead-in's options
    # each have one disproof (the facts after it say what the option is)
    weight = (lambda o: len(out[o].proofs)) if plan.relation is None else (lambda o: 1)
    # a diagnosis the patient's age alone gives away comes last, offered only if needed
    odd = {o for o in out if plan.relation is None and implausible_by_age(ix, o, facts)}
    ranked = sorted(sorted(out), key=lambda o: (o in odd, weight(o), rng.random()))
    chosen = ranked[: options - 1]
    if len(chosen) < options - 1:
        raise VignetteError([])  # the plan guarantees enough; this is a bug, not bad data
    stem = stem_text(ix, case, seeded(plan.card_id, seed, "words"))
    kinds = option_kinds(ix, plan)
    plural = _plural(ix, kinds)
    question = bp.lead_ins.get(plan.lead_in) or QUESTIONS[plan.lead_in].format(plural=plural)
    key_proof = _key_proof(ix, plan, facts)
    why = _why_key(ix, plan, facts, chosen)
    choices = [Choice(ix.name(plan.key), True, why, plan.key, key_proof)]
    # a diagnosis cites its first contradiction; another lead-in's option every fact it says
    cited = (lambda o: out[o].proofs[:1]) if plan.relation is None else (lambda o: out[o].proofs)
    choices += [Choice(ix.name(o), False, out[o].explanation, o, cited(o)) for o in chosen]
    condition = ix.entity(bp.condition)
    sources = bp.sources + (plan.relation.sources if plan.relation else ())
    told = [ix.by_id[p.ref] for o in chosen for p in cited(o)[1:]]
    sources += tuple(s for r in told for s in r.sources + r.sentence_sources)
    sources += condition.sentence_sources if condition.summary else ()
    card = Card(
        id=plan.card_id,
        deck=ix.deck.id,
        kind="vignette",
        topic=topic_of(bp.topic, condition.topic),
        prompt=f"{stem}\n\n{question}",
        answer=ix.name(plan.key),
        sources=tuple(dict.fromkeys(sources)),
        tests=(bp.condition,) + ((plan.relation.id,) if plan.relation else ()),
        loc=bp.loc if plan.relation is None else bp.field_locs.get("answers", bp.loc),
        options=labelled(choices),
        seed=seed,
        extra=f"{condition.name}: {condition.summary}" if condition.summary else None,
        category=category_label(ix, kinds),
    )
    return card, case


def _few(names: list[str], limit: int = 5) -> str:
    """Names for a message: a handful, not a thousand."""
    names = sorted(names)
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _plural(ix: DeckIndex, kinds: tuple[str, ...]) -> str:
    return " or ".join(ix.deck.kinds[k].plural or f"{ix.deck.kinds[k].label}s" for k in kinds)


def _why_key(ix: DeckIndex, plan: Plan, facts: Facts, others: list[str]) -> str:
    """ "Correct. A, B and C with a creatine kinase of 3,401 U/L point to X." (the three most
    telling stated facts and the most telling result), then the key's own fact."""
    condition = plan.blueprint.condition
    points, labs = support(ix, facts, condition)
    found = [p for p in points if not is_absence(p)]
    absences = [p for p in points if is_absence(p)]
    chosen = set(found[:3] if not absences else found[:2] + absences[:1])
    # the most telling three, at most one of them an absence, which goes last
    points = [p for p in found + absences if p in chosen][:3]
    if len(points) == 2 and any_inner_link(points) and not is_absence(points[-1]):
        # "A, as well as B point to X" read as a run-on (clinician round 11): the key leads
        name = ix.name(condition)
        verb = "explain" if is_plural(name) else "explains"
        with_lab = f", with {labs[0]}" if labs else ""
        why = f"{name} {verb} {points[0]}, as well as {points[1]}{with_lab}."
    elif points:
        with_lab = f" with {labs[0]}" if labs else ""
        if with_lab and is_absence(points[-1]):
            with_lab = f",{with_lab},"  # so the result does not read as part of the absence
        subject = join(points) + with_lab
        # one compound finding takes a plural verb too ("Ptosis and limited eye movements point")
        verb = "point" if len(points) > 1 or is_plural(points[0]) else "points"
        why = f"{sentence_start(subject)} {verb} to {ix.mid(condition)}."
    elif labs:
        why = f"{sentence_start(labs[0])} points to {ix.mid(condition)}."
    else:
        why = f"Nothing the stem states argues against {ix.mid(condition)}."
    if plan.relation is not None:
        said = fact_statement(ix, plan.relation)
        rtype = plan.relation.type
        if complete_where(ix, condition, rtype, "from") is not None:
            # the list the wrong options are proven against, said once: after the key's
            # fact, or for a list of one, instead of it ("Only anti-cN1A is ...")
            ends = stated_ends(ix, condition, rtype, "from")
            only = only_these(ix, condition, rtype, "from", ends)
            # (an empty list sentence, one that would only repeat the name, adds nothing)
            said = (only or said) if ends == [plan.key] else f"{said} {only}".rstrip()
        why += " " + said
        pointers = _pointers_to(ix, plan.key, facts, others)
        if pointers:
            verb = "point" if len(pointers) > 1 or is_plural(pointers[0]) else "points"
            # among the options offered, not as a rule: mechanic's hands do not single out
            # anti-Jo-1 among the antisynthetase antibodies (clinician round 9)
            why += (
                f" In this patient, {join(pointers)} {verb} to {ix.mid(plan.key)} rather than"
                " to the other options."
            )
    return "Correct. " + why


def _pointers_to(ix: DeckIndex, key: str, facts: Facts, others: list[str]) -> list[str]:
    """Stated findings the deck links to the key and to no other option (palmar papules to
    anti-MDA5 beside anti-Jo-1): what tells this answer from the ones offered with it."""
    pointers = []
    for f in facts.present:
        types = {r.type for r in ix.pair.get((key, f), ()) if r.frequency != "absent"}
        if types and not any(ix.might_hold(o, t, f) for o in others for t in types):
            pointers.append(ix.said(f, sex=facts.sex, stated=facts.present))
    return pointers


def _key_proof(ix: DeckIndex, plan: Plan, facts: Facts) -> tuple[Proof, ...]:
    """The deck facts behind the key: its relation for a lead-in; for the diagnosis, the
    stated findings the condition is stated to have (nothing stated contradicts it)."""
    if plan.relation is not None:
        return (fact_proof(ix, plan.relation.id),)
    condition = plan.blueprint.condition
    held = [
        r.id
        for f in facts.present
        for r in ix.pair.get((condition, f), ())
        if r.frequency != "absent"
    ]
    held += [r.id for f in facts.absent for r in ix.pair.get((condition, f), ()) if r.result]
    return tuple(fact_proof(ix, rid) for rid in dict.fromkeys(held))


def vignette_cards(
    ix: DeckIndex, seed: int = 0, options: int = 5
) -> tuple[list[Card], list[LintFinding]]:
    cards: list[Card] = []
    findings: list[LintFinding] = []
    for bp in ix.deck.blueprints.values():
        plans, problems = plan_blueprint(ix, bp, options)
        findings += problems
        cards += [render_plan(ix, plan, seed, options)[0] for plan in plans]
    return cards, findings


_INDEXES: dict[int, tuple[Deck, DeckIndex]] = {}


def index_for(deck: Deck) -> DeckIndex:
    """The deck's index, kept for the last few decks so re-rendering one card is cheap."""
    hit = _INDEXES.get(id(deck))
    if hit is not None and hit[0] is deck:
        return hit[1]
    if len(_INDEXES) >= 4:
        _INDEXES.clear()
    ix = build_index(deck)
    _INDEXES[id(deck)] = (deck, ix)
    return ix


def _vignette_parts(cid: str) -> tuple[str, str] | None:
    """The blueprint and lead-in a vignette's id names; None for any other id."""
    parsed = CardId.parse(cid) if ":" in cid else None
    if parsed is None or parsed.generator != "vignette" or len(parsed.parts) != 2:
        return None
    blueprint, lead_in = parsed.parts
    return blueprint, lead_in


def render_vignette(deck: Deck, card: Card | str, seed: int, options: int | None = None) -> Card:
    """Re-render a vignette card with a new seed: same id, same concept, a new case.

    Raises VignetteError when the card's blueprint no longer yields a fair item
    (the deck changed); the card should then be retired, not shown.
    """
    cid = card if isinstance(card, str) else card.id
    if options is None:
        options = len(card.options) if isinstance(card, Card) and card.options else 5
    blueprint, lead_in = _vignette_parts(cid) or ("", "")  # "" is no blueprint's id
    bp = deck.blueprints.get(blueprint)
    if bp is None:
        raise VignetteError(
            [LintFinding(deck.loc, "error", "unknown-card", f"no vignette {cid!r}")]
        )
    ix = index_for(deck)
    plans, problems = plan_blueprint(ix, bp, options)
    plan = next((p for p in plans if p.lead_in == lead_in), None)
    if plan is None:
        raise VignetteError([p for p in problems if p.card_id == cid] or problems)
    return render_plan(ix, plan, seed, options)[0]

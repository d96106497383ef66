"""For each blueprint and lead-in: which options the deck proves wrong, which it cannot, and
which facts would prove them wrong (`quizapp explain`).

An author who sees "only 2 options are proven wrong" needs to know which conditions the
stem leaves open and what to write for each; this module answers that from the same
rules the generator uses (ruleout.contradictions for diagnoses, evidence.disproof for the
other lead-ins), so what it promises is what the generator then does.
"""

from dataclasses import dataclass

from quizapp.deck.errors import Location
from quizapp.deck.model import Blueprint, Deck
from quizapp.generate.card import CardId
from quizapp.generate.evidence import disproof
from quizapp.generate.index import DeckIndex, build_index
from quizapp.generate.vignettes.case import blueprint_facts
from quizapp.generate.vignettes.ruleout import (
    AGE,
    Facts,
    age_as_onset,
    contradictions,
    entity_range,
)
from quizapp.generate.vignettes.vignette import Plan, distractor_ids, option_kinds, plan_blueprint

# A suggested fact is a question to check in a source, never a fact (new-author trial).
ASK = "Does a source say that"
IF_SO = "If it does:"


@dataclass(frozen=True)
class Verdict:
    """One candidate option: why it is wrong (with where the deck says so), or what would
    make it provably wrong."""

    entity: str
    name: str
    why: str = ""
    loc: Location | None = None
    fixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeadInReport:
    lead_in: str
    key: str
    generated: bool
    needed: int
    ruled_out: tuple[Verdict, ...] = ()
    open: tuple[Verdict, ...] = ()
    problem: str | None = None  # why no item is possible at all (the blueprint's own fault)


@dataclass(frozen=True)
class BlueprintReport:
    blueprint: Blueprint
    condition: str
    lead_ins: tuple[LeadInReport, ...]


def explain_deck(
    deck: Deck, blueprint: str | None = None, options: int = 5
) -> list[BlueprintReport]:
    """A report for every blueprint (or the one named), in deck order."""
    ix = build_index(deck)
    chosen = [b for b in deck.blueprints.values() if blueprint in (None, b.id)]
    return [_blueprint(ix, bp, options) for bp in chosen]


def _blueprint(ix: DeckIndex, bp: Blueprint, options: int) -> BlueprintReport:
    plans, findings = plan_blueprint(ix, bp, options)
    planned = {p.lead_in for p in plans}
    problems = {
        CardId.parse(f.card_id).parts[-1]: f  # the lead-in
        for f in findings
        if f.severity == "error" and f.card_id
    }
    facts = blueprint_facts(ix, bp)
    reports = []
    for lead_in, key in [("diagnosis", bp.condition), *bp.answers.items()]:
        relation = None
        if lead_in != "diagnosis":
            relation = next(
                (r for r in ix.pair.get((bp.condition, key), ()) if r.frequency != "absent"), None
            )
        problem = problems.get(lead_in)
        if problem is not None or (lead_in != "diagnosis" and relation is None):
            text = problem.message if problem else f"{ix.name(key)} is not related to the condition"
            reports.append(LeadInReport(lead_in, key, False, options - 1, problem=text))
            continue
        plan = Plan(bp, lead_in, key, relation, ix.deck.id)
        ruled, left = _diagnoses(ix, plan, facts) if relation is None else _others(ix, plan, facts)
        reports.append(LeadInReport(lead_in, key, lead_in in planned, options - 1, ruled, left))
    return BlueprintReport(bp, ix.name(bp.condition), tuple(reports))


def _candidates(ix: DeckIndex, plan: Plan) -> list[str]:
    return [
        c
        for c in ix.of_kinds(option_kinds(ix, plan))
        if c != plan.key and not ix.entity(c).uncertain
    ]


def _diagnoses(
    ix: DeckIndex, plan: Plan, facts: Facts
) -> tuple[tuple[Verdict, ...], tuple[Verdict, ...]]:
    proven = set(distractor_ids(ix, plan, facts))
    ruled, left = [], []
    for c in _candidates(ix, plan):
        if c in proven:
            reason = contradictions(ix, facts, c)[0]
            ruled.append(Verdict(c, ix.name(c), reason.text, reason.proof.loc))
        else:
            left.append(Verdict(c, ix.name(c), fixes=tuple(_diagnosis_fixes(ix, plan, facts, c))))
    return tuple(ruled), tuple(left)


def _relation_type(ix: DeckIndex, source: str, target: str, preferred: str | None) -> str:
    """A relation type that can link the two: the one the blueprint's condition uses for the
    finding, else the first whose kinds fit."""
    kinds = (ix.entity(source).kind, ix.entity(target).kind)
    fits = [
        t.id
        for t in ix.deck.relation_types.values()
        if kinds[0] in t.from_kinds and kinds[1] in t.to_kinds
    ]
    return preferred if preferred in fits else (fits[0] if fits else "has_finding")


def _diagnosis_fixes(ix: DeckIndex, plan: Plan, facts: Facts, option: str) -> list[str]:
    """The facts that would let the blueprint's stem rule `option` out. Each is drawn from
    the deck's shape, not from medicine, so it is worded as a question for the author to
    check in a source ("Does a source say ...? If it does: ..."), never as a fact: many
    are false, and a novice might paste them."""
    bp = plan.blueprint
    fixes = []
    for f in facts.present:
        if not _said_at_all(ix, option, f):
            own = next((r.type for r in ix.pair.get((bp.condition, f), ())), None)
            rtype = _relation_type(ix, option, f, own)
            fixes.append(
                f"{ASK} {ix.mid(option)} can never show {ix.mid(f)} (stated in every case)? "
                f"{IF_SO} {{from: {option}, type: {rtype}, to: {f}, frequency: absent}}"
            )
    for f in bp.optional:
        if "absent" in ix.frequencies(option, f):
            fixes.append(
                f"move {f} from `optional` to `required`: {ix.name(option)} has it as absent, "
                "but an optional finding is not stated in every case"
            )
    for f in facts.absent:
        for r in ix.pair.get((option, f), ()):
            if r.frequency != "absent" and not r.necessary:
                fixes.append(
                    f"{ASK} {ix.mid(option)} cannot be diagnosed without {ix.mid(f)} (denied "
                    f"in this case)? {IF_SO} `necessary: true` on the relation at {r.loc}"
                )
    stated = set(facts.present) | set(facts.absent)
    hallmarks = [r for t in ix.deck.relation_types for r in ix.out.get((option, t), ())]
    for r in hallmarks:
        if r.frequency != "hallmark" or r.target in stated or not _stateable(ix, r.target):
            continue
        if any(k.necessary for k in ix.pair.get((bp.condition, r.target), ())):
            continue
        fixes.append(
            f"{ASK} {ix.mid(option)} cannot be diagnosed without {ix.mid(r.target)}? {IF_SO} "
            f"state {r.target} in this blueprint's `negative` and mark the relation at {r.loc} "
            "`necessary: true`"
        )
    for attr, (low, high) in facts.labs.items():
        fixes += _range_fix(ix, option, attr, low, high)
    age = age_as_onset(ix, facts)
    if age is not None:
        fixes += _range_fix(ix, option, AGE, *age)
    return fixes or [
        f"the deck holds nothing this case could state against {ix.name(option)}: give it "
        "an `absent` finding this case shows, or a `necessary` finding this case denies"
    ]


def _stateable(ix: DeckIndex, entity: str) -> bool:
    """Whether a stem could deny the entity: a finding with a class, or of a kind some
    blueprint states (not a treatment or a test)."""
    if ix.entity(entity).finding_class:
        return True
    kinds = {
        ix.entity(e).kind
        for bp in ix.deck.blueprints.values()
        for e in (*bp.required, *bp.optional, *bp.negative)
    }
    return ix.entity(entity).kind in kinds


def _said_at_all(ix: DeckIndex, source: str, target: str) -> bool:
    """Whether the deck says anything of source -> target, uncertain facts included."""
    if ix.pair.get((source, target)):
        return True
    return any(ix.might_hold(source, t, target) for t in ix.deck.relation_types)


def _range_fix(ix: DeckIndex, option: str, attr: str, low: float, high: float) -> list[str]:
    span = entity_range(ix, option, attr)
    value = ix.entity(option).attributes.get(attr)
    if span is None or value is None or value.discriminating:
        return []
    if high < span[0] or low > span[1]:
        return [
            f"Does a source make the {ix.deck.attributes[attr].label} range of "
            f"{ix.mid(option)} a defining cut-off? {IF_SO} `discriminating: true` on the value "
            f"at {value.loc}"
        ]
    return []


def _others(
    ix: DeckIndex, plan: Plan, facts: Facts
) -> tuple[tuple[Verdict, ...], tuple[Verdict, ...]]:
    condition, rtype = plan.blueprint.condition, plan.relation.type  # type: ignore[union-attr]
    proven = set(distractor_ids(ix, plan, facts))
    ruled, left = [], []
    for c in _candidates(ix, plan):
        if c in proven:
            proof = disproof(ix, condition, rtype, c)
            ruled.append(Verdict(c, ix.name(c), proof.fact, proof.loc))  # type: ignore[union-attr]
        elif ix.might_hold(condition, rtype, c):
            left.append(
                Verdict(
                    c,
                    ix.name(c),
                    fixes=(
                        f"also stated for {ix.name(condition)}: a right answer too, never a distractor",
                    ),
                )
            )
        else:
            left.append(
                Verdict(
                    c,
                    ix.name(c),
                    fixes=(
                        f"{ASK} it is wrong for {ix.mid(condition)} ({rtype})? {IF_SO} "
                        f"{{from: {condition}, type: {rtype}, to: {c}, frequency: absent}}",
                        f"Or does a source list every {rtype} of {ix.mid(condition)}? {IF_SO} "
                        f"`complete: [{rtype}]` on {condition}",
                    ),
                )
            )
    return tuple(ruled), tuple(left)

"""Proofs: the deck facts that make an option right or wrong (decks/README.md, open world).

A deck states what is true and, explicitly, what is false; what it does not state
is unknown. So an option may be offered as wrong only with one of these in the
deck: an `absent` relation, a `complete` list that leaves it out, a `necessary`
finding the case lacks, a `discriminating` range the case falls outside, a table
cell, or (for a "most" question) a stated number lower than the key's; an option of an
author's own item is proven by the author's `rationale` for it. Every generated option carries the `Proof` of its verdict, and
`check_card` (quizapp.generate.lint.proof_check) re-derives each one from the deck.
"""

import re
from dataclasses import dataclass

from quizapp.deck.errors import Location
from quizapp.deck.model import Relation
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.wording import (
    fill_sentence,
    in_text,
    join,
    sentence_start,
)

MINOR = ("occasional", "rare")  # frequencies too weak to be the single best answer
RULES = (
    "fact", "absent", "complete", "necessary", "range", "cell", "stated", "measure", "rationale",
    "usual",
)  # fmt: skip


@dataclass(frozen=True)
class Proof:
    """One deck fact behind an option's verdict.

    `rule` says which kind of evidence it is (RULES); `fact` the fact in words;
    `loc` where the deck states it; `ref` what it is about (a relation id, an
    entity id, `table:row:column`); `stated` the stem's words it applies to, for
    vignettes.
    """

    rule: str
    fact: str
    loc: Location
    ref: str
    stated: str | None = None

    def to_json(self) -> dict:
        data = {"rule": self.rule, "fact": self.fact, "loc": str(self.loc), "ref": self.ref}
        if self.stated is not None:
            data["stated"] = self.stated
        return data


def statement(ix: DeckIndex, rtype: str, source: str, target: str) -> str:
    """The relation type's sentence about two entities, ending in a full stop."""
    rt = ix.deck.relation_types[rtype]
    text = fill_sentence(rt.statement, ix.name(source), ix.name(target), ix.proper).strip()
    return text if text.endswith((".", "?", "!")) else text + "."


# A cause the deck does not list as the only one, said with how often it is the cause: a
# bare "CPEO is caused by POLG variants." beside "... is caused only by biallelic GAA
# variants." read as the cause (clinician round 15, N-M4).
_AGENT = re.compile(r"\{from\} (is|are) (\w+ed(?: or \w+ed)? by) \{to\}")
HEDGE = {
    "hallmark": "usually",
    "typical": "usually",
    "common": "can be",
    "occasional": "sometimes",
    "rare": "rarely",
}


def fact_statement(ix: DeckIndex, r: Relation) -> str:
    """A stated relation as a sentence. One that names its `to` end as the agent ("{from}
    is caused by {to}") and is not covered by a complete list says how often, from its
    percent ("... (in about 80% of patients)") or frequency ("is usually caused by", "can
    be caused by"), since the bare sentence reads as the only cause."""
    template = ix.deck.relation_types[r.type].statement
    agent = _AGENT.search(template)
    hedge = _hedge(ix, r)
    if agent is None or (r.percent is None and hedge is None):
        return statement(ix, r.type, r.source, r.target)
    verb, done = agent.groups()
    if r.percent is not None:
        share = f" (in about {r.percent:g}% of patients)"  # text.common imports this module
        template = template[: agent.end()] + share + template[agent.end() :]
    elif hedge == "can be":
        template = template.replace(agent.group(0), f"{{from}} can be {done} {{to}}", 1)
    else:
        template = template.replace(agent.group(0), f"{{from}} {verb} {hedge} {done} {{to}}", 1)
    text = fill_sentence(template, ix.name(r.source), ix.name(r.target), ix.proper).strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _hedge(ix: DeckIndex, r: Relation) -> str | None:
    """How often a cause applies, as fact_statement says it ("usually", "can be"); None
    when the deck's complete list covers it or it states no frequency."""
    if complete_where(ix, r.source, r.type, "from") is not None:
        return None
    return HEDGE.get(r.frequency or "")


# An agent question asked of the `to` end: "Which disorder is caused by {to}?".
_ASK_AGENT = re.compile(r"\b(?:is|are) (\w+ed(?: or \w+ed)? by \{to\})")
# A cause that applies in some patients only: the question asks what it can cause.
WEAK_HEDGES = frozenset(("can be", "sometimes", "rarely"))


def may_ask(ix: DeckIndex, template: str, rels: list[Relation]) -> str:
    """An `ask_from` question that fits its answers: "Which disorder is caused by POLG
    variants?" keyed to CPEO, which only "can be caused by" them, claimed a cause the
    answer's rationale hedged (clinician round 16, M2); where one answer's cause is not its
    usual one the question asks "Which disorder can be caused by ...?", which the usual
    and the only causes answer as well."""
    if any(r.percent is None and _hedge(ix, r) in WEAK_HEDGES for r in rels):
        return _ASK_AGENT.sub(r"can be \1", template, count=1)
    return template


def is_usual(r: Relation) -> bool:
    """Whether a stated relation names what most patients have: a percent over 50, a
    `hallmark` or `typical` frequency, or no frequency at all (stated as the cause: "Alpers–
    Huttenlocher syndrome is caused by POLG variants"). Reads only the relation, so the
    proof check can re-derive it from the deck."""
    if r.frequency == "absent" or r.uncertain or r.result:
        return False
    if r.percent is not None:
        return r.percent > 50
    return r.frequency is None or HEDGE.get(r.frequency) == "usually"


# A cause question asked of the `to` end, and the words that ask for the usual cause
# ("usually" and "most often" are vague terms the item-writing lint rejects in a lead-in).
_ASK_CAUSE = re.compile(r"\b(is|are) caused by \{to\}")
USUAL_CAUSE = "most common cause"


def ask_usual_cause(template: str) -> str:
    """ "Which disorder is caused by {to}?" -> "Which disorder has {to} as its most common
    cause?"; any other template unchanged."""

    def usual(m: re.Match) -> str:
        one = m.group(1) == "is"
        return f"{'has' if one else 'have'} {{to}} as {'its' if one else 'their'} {USUAL_CAUSE}"

    return _ASK_CAUSE.sub(usual, template, count=1)


def usual_disproof(ix: DeckIndex, source: str, rtype: str, target: str) -> Proof | None:
    """For "Which disorder has m.8344A>G as its most common cause?": `source` has another usual
    `rtype` end, so `target` is not its usual one ("MELAS is caused by m.3243A>G (in about
    80% of patients)."). Two ends cannot both hold for most patients; so none that might
    hold of `source`, nor a relative of `target`, is ever used (clinician round 17a, S2:
    the key was the only mitochondrial option)."""
    if ix.might_hold(source, rtype, target):
        return None
    near = ix.kin(target) | {target}
    for r in ix.out.get((source, rtype), []):
        if is_usual(r) and r.target not in near:
            # no "X is not usually caused by Y": it implied that Y sometimes is (round 17c)
            said = fact_statement(ix, r)
            if " usually " not in said:  # "MERRF is usually caused by ..." says it already
                said = f"{said.rstrip('.')}, its most common cause."
            return Proof("usual", said, r.loc, r.id)
    return None


def denial(ix: DeckIndex, rtype: str, source: str, target: str) -> str:
    """The relation type's sentence negated: its `deny` template, or 'is' -> 'is not'."""
    rt = ix.deck.relation_types[rtype]
    template = rt.deny
    if template is None:
        for verb in (" is ", " are ", " shows ", " has "):
            if verb in rt.statement:
                negated = {" shows ": " does not show ", " has ": " does not have "}.get(
                    verb, verb.rstrip() + " not "
                )
                template = rt.statement.replace(verb, negated, 1)
                break
    if template is None:
        said = statement(ix, rtype, source, target).rstrip(".")
        return f"It is not the case that {said[:1].lower()}{said[1:]}."
    text = fill_sentence(template, ix.name(source), ix.name(target), ix.proper).strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def result_statement(ix: DeckIndex, r: Relation) -> str:
    """A negative result as a fact: "Anti-Z antibody is negative in eta disease"."""
    return f"{sentence_start(ix.mid(r.target))} is {r.result} in {ix.mid(r.source)}."


def fact_proof(ix: DeckIndex, relation_id: str) -> Proof:
    """The stated relation that makes a key right (a negative result: that it is negative)."""
    r = ix.by_id[relation_id]
    said = result_statement(ix, r) if r.result else fact_statement(ix, r)
    return Proof("fact", said, r.loc, r.id)


def complete_where(ix: DeckIndex, entity_id: str, rtype: str, role: str) -> Location | None:
    """Where the deck says `entity_id`'s relations of `rtype` (on side `role`) are all listed.

    A relation type's `complete: each_from` covers the `from` entities the deck gives a
    list for (at least one relation of the type); an entity with none stays unknown, and so
    does another deck's entity (this deck states only some of its facts)."""
    entity = ix.entity(entity_id)
    if entity.home_deck is not None:
        return None
    if rtype in entity.complete:
        return entity.loc
    rt = ix.deck.relation_types[rtype]
    if f"each_{role}" in rt.complete and listed(ix, entity_id, rtype, role):
        return rt.loc
    return None


def listed(ix: DeckIndex, entity_id: str, rtype: str, role: str) -> list[str]:
    """The other ends the deck lists for `entity_id` on side `role` (uncertain ones too)."""
    if role == "from":
        return sorted(set(ix.maybe_out.get((entity_id, rtype), ())))
    return sorted(set(ix.maybe_into.get((rtype, entity_id), ())))


def stated_ends(ix: DeckIndex, entity_id: str, rtype: str, role: str) -> list[str]:
    """The other ends a card may state for `entity_id` (certain facts, certain entities)."""
    if role == "from":
        ends = {r.target for r in ix.out.get((entity_id, rtype), ())}
    else:
        ends = {r.source for r in ix.into.get((rtype, entity_id), ())}
    return sorted(e for e in ends if not ix.entity(e).uncertain)


def disproof(ix: DeckIndex, source: str, rtype: str, target: str) -> Proof | None:
    """Evidence in the deck that `source -[rtype]-> target` is false, or None if it is unknown.

    Nothing that might hold (even uncertainly, or through a subtype or parent) is
    ever disproved; a complete list disproves only ends it does not list, nor a
    subtype or parent of one it lists.
    """
    if ix.might_hold(source, rtype, target):
        return None
    said = denial(ix, rtype, source, target)
    for r in ix.pair.get((source, target), ()):
        if r.type == rtype and r.frequency == "absent":
            note = f" {r.note}" if r.note else ""
            return Proof("absent", said + note, r.loc, r.id)
    for anchor, role, other in ((source, "from", target), (target, "to", source)):
        where = complete_where(ix, anchor, rtype, role)
        if where is None:
            continue
        ends = listed(ix, anchor, rtype, role)
        if ix.kin(other) & set(ends):
            continue
        only = only_these(ix, anchor, rtype, role, stated_ends(ix, anchor, rtype, role))
        fact = f"{said} {only}" if only else said
        return Proof("complete", fact, where, anchor)
    return None


_PREPOSITION = r"\b(?:by|under|with|of|in|to|for|from|on)\s+(?:the\s+)?"


def only_before(statement: str, slot: str) -> str:
    """The statement with "only" where it reads right: before the preposition that leads to
    `slot` ("is caused only by", "is classed only under"; not "caused by only", clinician
    round 11), else just before the slot ("shows only")."""
    led = re.search(_PREPOSITION + re.escape(slot), statement)
    at = led.start() if led else statement.index(slot)
    return f"{statement[:at]}only {statement[at:]}"


def only_these(ix: DeckIndex, anchor: str, rtype: str, role: str, ends: list[str]) -> str:
    """A complete list in words, as the relation's own sentence: "CPT II deficiency is caused
    by only biallelic CPT2 variants."; empty when it lists none. A list of several subjects
    cannot take the sentence's singular verb, so it stays a question and its answer."""
    if not ends:
        return ""  # "none listed" is not "none exists": say nothing (round 4 reading)
    if len(ends) == 1 and ix.name(ends[0]).casefold() in ix.name(anchor).casefold():
        return ""  # "Only anti-SRP is a serological marker of anti-SRP necrotizing myopathy"
    rt = ix.deck.relation_types[rtype]
    names = join(in_text(ix.name(e), ix.proper) for e in ends)
    slot = "{to}" if role == "from" else "{from}"
    if len(ends) > 1 and rt.statement.lstrip().startswith(slot):
        # "Each of anti-EJ, ... and anti-Zo is a serological marker of X, and no other
        # antibody is.": the question repeated before "Only ..." in every option's
        # explanation read as template text (student trial 3)
        rest = rt.statement.lstrip()[len(slot) :].rstrip(" .")
        names_of = (ix.name(anchor), "") if role == "from" else ("", ix.name(anchor))
        said = fill_sentence("each" + rest, *names_of, ix.proper)[len("each") :]
        verb = rest.split()[0]
        label = ix.deck.kinds[ix.entity(ends[0]).kind].label
        return f"Each of {names}{said}, and no other {label} {'is' if verb == 'is' else 'does'}."
    template = only_before(rt.statement, slot)
    if role == "from":
        text = fill_sentence(template, ix.name(anchor), names, ix.proper)
    else:
        text = fill_sentence(template, names, ix.name(anchor), ix.proper)
    text = sentence_start(text.strip())
    return text if text.endswith((".", "?", "!")) else text + "."


def what_it_is(
    ix: DeckIndex, option: str, asked: tuple[str, bool], ends: tuple[str, str], proof: Proof
) -> list[Proof]:
    """A stated fact that says what a wrong option is ("Anti-Ku points to overlap
    myositis."), so its rationale teaches more than "X is not Y" (student trial 3).

    `ends` is the question's (anchor, key). A fact the key shares is passed over while
    another is stated ("Symmetric proximal weakness is a feature of polymyositis" beside
    a dermatomyositis key told nothing apart, clinician round 15), and so is an exposure
    (a `history` finding: "Statin therapy is a feature of ..." made a drug a clinical
    feature, round 15); then the option's own facts of the question's relation type come
    first, then any other fact it is the subject of. None when the proof already lists the
    option's facts (a complete list of the option itself, or its usual end) or the deck
    states nothing else certain about it."""
    if (proof.rule == "complete" and proof.ref == option) or proof.rule == "usual":
        return []  # the proof states the option's own list, or its usual end
    anchor, key = ends
    rtype, forward = asked  # the question's relation type, and whether it asks for a `to` end
    same = ix.into.get((rtype, option), []) if forward else ix.out.get((option, rtype), [])
    others = [x for (src, _), rels in ix.out.items() if src == option for x in rels]
    told = [
        x
        for x in (*same, *others)
        if x.frequency not in MINOR
        and anchor not in (x.source, x.target)
        and not ix.entity(x.source).uncertain
        and not ix.entity(x.target).uncertain
        and ix.entity(x.target if x.source == option else x.source).finding_class != "history"
    ]

    def shared(x: Relation) -> bool:
        if x.source == option:
            return ix.might_hold(key, x.type, x.target)
        return ix.might_hold(x.source, x.type, key)

    # stable: the order above within each part; a merely common link after the others
    # ("Alpers–Huttenlocher syndrome is caused by POLG variants" before "CPEO can be caused
    # by POLG variants", its hallmark disorder first: round 15, N-M4)
    told.sort(key=lambda x: (shared(x), x not in same, x.frequency == "common"))
    return [fact_proof(ix, told[0].id)] if told else []


def denied_once(ix: DeckIndex, proof: Proof, source: str, rtype: str, target: str) -> str:
    """What an option's explanation says of a disproof when the key's rationale states the
    source's complete list once: the denial alone ("Anti-SAE is not a serological marker of
    antisynthetase syndrome."); any other proof in full. The same 30-word list closed every
    option of a vignette (clinician round 15, N-S2)."""
    if proof.rule == "complete" and proof.ref == source:
        return denial(ix, rtype, source, target)
    return proof.fact

"""Relation lookups built once per deck, so every generator stays linear in the deck's size."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from quizapp.deck.model import Deck, Entity, Relation
from quizapp.generate.text.wording import is_lab_kind, mid_sentence, proper_words, with_pronouns

CLASS_SECTION = {
    "symptom": "symptom",
    "course": "course",
    "history": "history",
    "sign": "exam",
    "vital_sign": "vital",
    "laboratory": "lab",
    "imaging": "lab",
    "pathology": "lab",
    "electrodiagnostic": "electro",
}
# Where a stem denies what it would state in a sentence of its own: "There is no
# tachycardia" with the examination, "no U waves" among the studies.
DENIED_IN = {"vital": "exam", "electro": "lab"}
# In a finding's `in_case` wording, the drug or substance of the case's history.
EXPOSURE = "{exposure}"
STUDY_CLASSES = ("imaging", "pathology", "electrodiagnostic")


@dataclass
class DeckIndex:
    """What generators ask of a deck: which facts hold, which are known not to, by either end.

    `facts` are the relations a card may state (not uncertain, not `absent`). The
    `maybe_*` sets also hold uncertain relations: a distractor must not be something
    that might be true.
    """

    deck: Deck
    facts: list[Relation] = field(default_factory=list)
    by_id: dict[str, Relation] = field(default_factory=dict)
    out: dict[tuple[str, str], list[Relation]] = field(default_factory=lambda: defaultdict(list))
    into: dict[tuple[str, str], list[Relation]] = field(default_factory=lambda: defaultdict(list))
    absent_out: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    absent_into: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    maybe: set[tuple[str, str, str]] = field(default_factory=set)
    sources_of_type: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    targets_of_type: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    pair: dict[tuple[str, str], list[Relation]] = field(default_factory=lambda: defaultdict(list))
    maybe_into: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    by_kind: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    history_entities: set[str] = field(default_factory=set)
    maybe_out: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    absent_holders: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    necessary_holders: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    complete_entities: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    results: dict[str, str] = field(default_factory=dict)  # test -> "negative" / "normal"
    _of_kinds: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    proper: frozenset[str] = frozenset()  # words the deck capitalises mid-sentence
    _ranges: dict[str, tuple[list, list]] = field(default_factory=dict)
    _mid: dict[str, str] = field(default_factory=dict)
    _joined: list["DeckIndex"] | None = None

    def joined(self) -> list["DeckIndex"]:
        """The indexes of the decks that add their facts to this deck's lists (`Deck.joined`)."""
        if self._joined is None:
            self._joined = [build_index(other) for other in self.deck.joined]
        return self._joined

    def entity(self, entity_id: str) -> Entity:
        return self.deck.entities[entity_id]

    def name(self, entity_id: str) -> str:
        return self.deck.entities[entity_id].name

    def mid(self, entity_id: str) -> str:
        """The entity's name inside a sentence ("heliotrope rash", but "Gottron papules")."""
        said = self._mid.get(entity_id)
        if said is None:
            said = self._mid[entity_id] = mid_sentence(self.name(entity_id), self.proper)
        return said

    def said(
        self,
        entity_id: str,
        present: bool = True,
        sex: str | None = None,
        stated: Iterable[str] = (),
    ) -> str:
        """How a case states the entity, or (present=False) denies it after "no": the deck's
        `in_case` wording where it gives one (its pronouns made to fit the patient's `sex`,
        its "{exposure}" the case's `history` entity among `stated`), else the name in
        running text."""
        wording = self.entity(entity_id).in_case[0 if present else 1]
        if wording and EXPOSURE in wording:
            wording = wording.replace(EXPOSURE, self.exposure(stated))
        if wording and sex:
            return with_pronouns(wording, sex)
        return wording or self.mid(entity_id)

    def exposure(self, stated: Iterable[str]) -> str:
        """The drug or substance a case states in its history, in running text ("long-term
        glucocorticoid therapy"): "the exposure was reduced or stopped" named none
        (clinician round 16, S2). Without one, "the drug or toxin"."""
        history = [self.entity(e) for e in stated if self.entity(e).finding_class == "history"]
        if not history:
            return "the drug or toxin"
        # "when the statin was reduced or stopped", not the history's words again (round 17b)
        return history[0].exposure_said or self.mid(history[0].id)

    def negative_said(self, entity_id: str) -> str | None:
        """How a case states a test negative or normal, as a clause in running text
        ("serum anti-AChR antibodies are not detected"): its `in_case.negative`, else a
        default for a test the deck gives a `result`; None for anything else (a finding is
        denied with "no ...")."""
        wording = self.entity(entity_id).negative_result
        if wording:
            return mid_sentence(wording, self.proper)
        result = self.results.get(entity_id)
        if result == "negative":
            return f"testing for {self.mid(entity_id)} is negative"
        if result == "normal":
            return f"{self.mid(entity_id)} is within the reference range"
        return None

    def negative_cited(self, entity_id: str) -> str:
        """A stated negative result inside an explanation: "the negative test for anti-Z
        antibody", "the normal serum creatine kinase"."""
        if self.results.get(entity_id) == "normal":
            return f"the normal {self.mid(entity_id)}"
        return f"the negative test for {self.mid(entity_id)}"

    def section(self, entity_id: str, present: bool = True) -> str:
        """Where a stem states the entity, or (present=False) denies it (NBME order:
        symptoms and course, history, vital signs, examination, studies, electrodiagnostic
        studies): its `class` when the deck gives one; else "history" when
        some blueprint has it in its `history` (an exposure), "lab" when the deck gives it
        a `result` or its kind is a result of studies (see `is_lab_kind`), else "exam"."""
        given = self.entity(entity_id).finding_class
        if given:
            section = CLASS_SECTION[given]
            return section if present else DENIED_IN.get(section, section)
        if entity_id in self.history_entities:
            return "history"
        if entity_id in self.results:
            return "lab"  # a test the deck gives a result in some condition
        return "lab" if is_lab_kind(self.entity(entity_id).kind) else "exam"

    def is_scan(self, entity_id: str) -> bool:
        """An imaging, pathology or electrodiagnostic result: stated among the studies, but
        not a laboratory study (the stem and the explanations must not call a scan one)."""
        return self.entity(entity_id).finding_class in STUDY_CLASSES

    def might_hold(self, source: str, rtype: str, target: str) -> bool:
        """True when the deck says, even uncertainly, that `source -[rtype]-> target` holds."""
        return (source, rtype, target) in self.maybe

    def of_kinds(self, kinds: tuple[str, ...]) -> list[str]:
        """Every entity of these kinds, in deck order (kept per kinds tuple)."""
        if kinds not in self._of_kinds:
            self._of_kinds[kinds] = [e for k in kinds for e in self.by_kind[k]]
        return self._of_kinds[kinds]

    def ancestors(self, entity_id: str) -> list[str]:
        return _ancestors(self.deck, entity_id)

    def kin(self, entity_id: str) -> set[str]:
        """The entity's parents and subtypes, all the way up and down."""
        found = set(_ancestors(self.deck, entity_id))
        todo = list(self.children.get(entity_id, ()))
        while todo:
            child = todo.pop()
            if child not in found:
                found.add(child)
                todo.extend(self.children.get(child, ()))
        return found

    def outside(self, attr: str, low: float, high: float) -> list[str]:
        """Entities whose discriminating range of `attr` misses [low, high] (by bisection).

        Only `discriminating` ranges count: a usual or approximate range is no
        evidence against a diagnosis (decks/README.md, open world)."""
        if attr not in self._ranges:
            spans = [
                (v.min, v.max, e.id)
                for e in self.deck.entities.values()
                if (v := e.attributes.get(attr)) is not None and v.discriminating
                and not v.uncertain and v.min is not None and v.max is not None
            ]  # fmt: skip
            self._ranges[attr] = (
                sorted((hi, i) for _, hi, i in spans),
                sorted((lo, i) for lo, _, i in spans),
            )
        by_max, by_min = self._ranges[attr]
        below = by_max[: bisect_left(by_max, (low, ""))]
        above = by_min[bisect_right(by_min, (high, "\uffff")) :]
        return [i for _, i in below] + [i for _, i in above]

    def frequencies(self, source: str, target: str) -> list[str]:
        """Stated frequencies of any relation between the two (uncertain facts left out)."""
        return [r.frequency or "" for r in self.pair.get((source, target), ())]


def _ancestors(deck: Deck, entity_id: str) -> list[str]:
    """The entity's parents, grandparents, ... (nearest first; several where classifications
    cross): a subtype shares what its group has."""
    found: list[str] = []
    todo = list(deck.entities[entity_id].parents)
    while todo:
        parent = todo.pop(0)
        if parent not in found and parent != entity_id and parent in deck.entities:
            found.append(parent)
            todo.extend(deck.entities[parent].parents)
    return found


def _implied_by_parents(deck: Deck, facts: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """What `parent` implies: anti-SRP myopathy is classed under IMNM, IMNM under IIM, so
    anti-SRP myopathy is an IIM too and must never be offered as a wrong answer to
    'which condition is classed under IIM?'. Only ever widens what might hold."""
    implied = set()
    for source, rtype, target in facts:
        for up in _ancestors(deck, target):
            implied.add((source, rtype, up))
        for up in _ancestors(deck, source):
            implied.add((up, rtype, target))
    return implied


def build_index(deck: Deck) -> DeckIndex:
    """Index every relation of the deck by its ends; uncertain facts only count as 'maybe'."""
    ix = DeckIndex(deck)
    seen_sources: set[tuple[str, str]] = set()
    seen_targets: set[tuple[str, str]] = set()
    for r in deck.relations:
        ix.by_id[r.id] = r
        if r.frequency != "absent":
            ix.maybe.add((r.source, r.type, r.target))
            ix.maybe_into[(r.type, r.target)].append(r.source)
            ix.maybe_out[(r.source, r.type)].append(r.target)
        if r.uncertain:
            continue
        ix.pair[(r.source, r.target)].append(r)
        if r.necessary:
            ix.necessary_holders[r.target].append(r.source)
        if r.result:
            ix.results.setdefault(r.target, r.result)
        if r.frequency == "absent":
            ix.absent_holders[r.target].append(r.source)
            ix.absent_out[(r.source, r.type)].append(r.target)
            ix.absent_into[(r.type, r.target)].append(r.source)
            continue
        ix.facts.append(r)
        ix.out[(r.source, r.type)].append(r)
        ix.into[(r.type, r.target)].append(r)
        if (r.type, r.source) not in seen_sources:
            seen_sources.add((r.type, r.source))
            ix.sources_of_type[r.type].append(r.source)
        if (r.type, r.target) not in seen_targets:
            seen_targets.add((r.type, r.target))
            ix.targets_of_type[r.type].append(r.target)
    for entity in deck.entities.values():
        ix.by_kind[entity.kind].append(entity.id)
        for parent in entity.parents:
            ix.children[parent].append(entity.id)
        for rtype in entity.complete:
            ix.complete_entities[rtype].append(entity.id)
    ix.maybe |= _implied_by_parents(deck, ix.maybe)
    for bp in deck.blueprints.values():
        ix.history_entities.update(bp.history)
    notes = (r.note for r in deck.relations if r.note)
    ix.proper = proper_words(
        chain(
            (
                text
                for e in deck.entities.values()
                for text in (e.name, *e.aliases, e.summary or "")
            ),
            notes,
        )
    ) | {e.name.split(" ", 1)[0].rstrip(",;:.") for e in deck.entities.values() if e.proper_name}
    return ix

"""Checklist items about the stem and lead-in: slots, a closed question, no negatives,
and (for vignettes) that the stem rules every distractor out and never the key."""

import re

from quizapp.generate.card import Card, CardId
from quizapp.generate.evidence import denied_once, disproof
from quizapp.generate.index import DeckIndex
from quizapp.generate.lint.options import ABSOLUTE_VAGUE, Issue
from quizapp.generate.text.wording import states
from quizapp.generate.vignettes.case import Case
from quizapp.generate.vignettes.ruleout import contradictions
from quizapp.generate.vignettes.vignette import Plan

SLOTS = {
    "age": r"\b\d+-(year|month|week|day)-old\b",
    "sex": r"\b(woman|man|girl|boy|male newborn|female newborn)\b",
    "setting": r"\b(comes to|is brought to|is seen in|is admitted to) the (office|clinic|"
    r"emergency department|hospital|neonatal unit|intensive care unit|paediatric clinic)\b",
    "complaint and duration": r"\bbecause of\b.*\b(\d+[ -]|the past )"
    r"(minute|hour|day|week|month|year)s?\b",
    "examination": r"\bPhysical examination shows ",
    "labs with units": r"(?:^|\. )(?:Serum|The) [^.]*? is -?\d[\d,]*(?:\.\d+)?(?: \S|%)",
}
NEGATIVE = re.compile(r"\b(not|except|least)\b", re.I)
TASK_NOUNS = (
    "diagnosis",
    "next step",
    "antibod",
    "finding",
    "mechanism",
    "treatment",
    "test",
    "cause",
)


def split_prompt(card: Card) -> tuple[str, str]:
    """(stem, lead-in): a vignette's lead-in is its last paragraph, an MCQ is all lead-in."""
    if "\n\n" in card.prompt:
        stem, lead_in = card.prompt.rsplit("\n\n", 1)
        return stem, lead_in
    return card.prompt, card.prompt


def _template_words(ix: DeckIndex, card: Card, lead_in: str) -> str:
    """The lead-in without entity names: deck names are data, the question's own words are not."""
    for o in card.options:
        if o.entity in ix.deck.entities:
            lead_in = lead_in.replace(ix.name(o.entity), " ")
    for tested in card.tests:
        r = ix.by_id.get(tested)
        if r is not None:
            lead_in = lead_in.replace(ix.name(r.source), " ").replace(ix.name(r.target), " ")
        elif tested in ix.deck.entities:
            lead_in = lead_in.replace(ix.name(tested), " ")
    parts = CardId.parse(card.id).parts  # a comparison's: table, row, columns
    table = ix.deck.tables.get(parts[0]) if card.kind == "comparison" else None
    if table is not None:
        row = next((r for r in table.rows if r.entity == parts[1]), None)
        texts = [table.title, *(c.title for c in table.columns)]
        texts += [c.text for c in row.cells.values()] if row else []
        for text in sorted(texts, key=len, reverse=True):
            lead_in = lead_in.replace(text, " ")
    return lead_in


def check_lead_in(ix: DeckIndex, card: Card, lead_in: str) -> list[Issue]:
    issues: list[Issue] = []
    text = lead_in.strip()
    if not text.endswith("?") or text.count("?") != 1:
        issues.append(("error", "closed-lead-in", "the lead-in must be one question ending in '?'"))
    own = _template_words(ix, card, text)
    if m := NEGATIVE.search(own):
        issues.append(("error", "negative-lead-in", f"the lead-in is negative ({m.group()!r})"))
    if m := ABSOLUTE_VAGUE.search(own):
        issues.append(("error", "absolute-term", f"the lead-in says {m.group()!r}"))
    nouns = [*TASK_NOUNS, *(card.category or "").split(" or ")]
    named = any(n and n.casefold() in text.casefold() for n in nouns)
    if not named and not re.match(r"(Which|What) \w+", text):
        # Heuristic: "Which myopathy ..." names its task without a listed noun; a warning.
        issues.append(
            ("warning", "closed-lead-in", "the lead-in names no task (diagnosis, finding, ...)")
        )
    return issues


def check_slots(stem: str, labs: bool = True) -> list[Issue]:
    """The NBME vignette slots the stem lacks. Results of studies are optional in the NBME
    template ("± results of diagnostic studies"), so `labs with units` is asked for only when
    the case has lab values to state (`labs`): padding a stem with a normal value to pass
    would teach nothing and cue the reader."""
    wanted = {name: p for name, p in SLOTS.items() if labs or name != "labs with units"}
    missing = [name for name, pattern in wanted.items() if not re.search(pattern, stem)]
    if missing:
        return [("error", "vignette-slots", "the stem lacks: " + ", ".join(missing))]
    return []


def check_cover(ix: DeckIndex, card: Card, plan: Plan, case: Case, stem: str) -> list[Issue]:
    """Recheck from the deck's rules, one option at a time, that the key fits the stem and
    each distractor diagnosis is contradicted by something the stem says, which the
    option's explanation cites (other lead-ins: the deck disproves it for the condition)."""
    issues: list[Issue] = []
    facts = case.facts()

    def stated(entity: str, explanation: str) -> bool:
        # a fact the stem states rules the entity out, and the explanation cites that fact
        return any(
            states(stem, r.stated) and r.cited in explanation
            for r in contradictions(ix, facts, entity)
        )

    if against := contradictions(ix, facts, plan.blueprint.condition):
        issues.append(
            ("error", "cover-the-options", f"the stem contradicts the key: {against[0].text}")
        )
    for o in card.options:
        if o.correct or o.entity is None:
            continue
        if plan.relation is not None:
            condition, rtype = plan.blueprint.condition, plan.relation.type
            proof = disproof(ix, condition, rtype, o.entity)
            if proof is None or denied_once(ix, proof, condition, rtype, o.entity) not in (
                o.explanation
            ):
                issues.append(
                    ("error", "cover-the-options", f"nothing in the deck rules out {o.text!r}")
                )
            continue
        if not stated(o.entity, o.explanation):
            issues.append(
                ("error", "cover-the-options", f"nothing in the stem rules out {o.text!r}")
            )
    return issues

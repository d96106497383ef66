"""Run the item-writing checklist on a deck: every MCQ, comparison and vignette item,
each vignette over many seeds, plus the bank-level checks."""

from collections import defaultdict

from quizapp.deck.model import Deck
from quizapp.deck.units import VITAL_UNITS
from quizapp.generate.card import Card, CardId, LintFinding
from quizapp.generate.generate import generate_deck
from quizapp.generate.index import DeckIndex, build_index
from quizapp.generate.kinds.hand import is_hand_item
from quizapp.generate.lint.bank import check_key_balance
from quizapp.generate.lint.options import Issue, check_options
from quizapp.generate.lint.proof_check import ProofChecker
from quizapp.generate.lint.stem import check_cover, check_lead_in, check_slots, split_prompt
from quizapp.generate.vignettes.vignette import plan_blueprint, render_plan

OPTION_KINDS = ("mcq", "comparison", "vignette")


def lint_card(ix: DeckIndex, card: Card, labs: bool = True) -> list[Issue]:
    """Checks that need only the card (and the deck for names and kinds); `labs`: whether a
    vignette's case has lab values to state."""
    stem, lead_in = split_prompt(card)
    issues = check_options(ix, card, stem) + check_lead_in(ix, card, lead_in)
    if card.kind == "vignette" and is_hand_item(card):
        # the slots are found by the generator's wording ("comes to the office"): an
        # author may state one in other words, so a slot not found is for a human to judge
        issues += [("warning", check, message) for _, check, message in check_slots(stem, False)]
    elif card.kind == "vignette":
        issues += check_slots(stem, labs)
    return issues


def _finding(card: Card, issue: Issue) -> LintFinding:
    severity, check, message = issue
    return LintFinding(card.loc, severity, check, message, card.id)


def lint_deck(deck: Deck, seeds: int = 50, options: int = 5) -> list[LintFinding]:
    """Every finding, errors first within a place; a vignette's repeats are folded into one.

    Notes name the items not generated for want of proof and the facts that would
    bring them back; the proof of every item generated is re-derived from the deck."""
    ix = build_index(deck)
    generated = generate_deck(deck, seed=0, options=options)
    findings = list(generated.findings) + list(generated.lost)
    proofs = ProofChecker(deck)
    for card in generated.cards:
        if card.kind in ("mcq", "comparison") or is_hand_item(card):
            findings += [_finding(card, i) for i in lint_card(ix, card)]
        findings += [
            LintFinding(card.loc, "error", "proof", problem, card.id)
            for problem in proofs.check(card)
        ]
    for bp in deck.blueprints.values():
        plans, _ = plan_blueprint(ix, bp, options)  # problems already reported above
        for plan in plans:
            findings += _lint_vignette(ix, plan, seeds, options)
    banked = [c for c in generated.cards if c.kind in OPTION_KINDS]
    findings += [LintFinding(deck.loc, *issue) for issue in check_key_balance(banked)]
    rank = {"error": 0, "warning": 1, "note": 2}
    return sorted(
        (f for f in findings if not acknowledged(deck, f)),
        key=lambda f: (f.loc, rank.get(f.severity, 3), f.check, f.card_id or ""),
    )


def acknowledged(deck: Deck, finding: LintFinding) -> bool:
    """A warning the author acknowledged with `lint: {ignore: [...]}` on the deck, on the
    blueprint of a generated vignette, or on a hand-written card."""
    if finding.severity != "warning":
        return False
    ignored = set(deck.lint_ignore)
    if finding.card_id:
        cid = CardId.parse(finding.card_id)
        if cid.generator == "vignette" and cid.parts[0] in deck.blueprints:
            ignored |= deck.blueprints[cid.parts[0]].lint_ignore
        elif cid.generator == "card" and cid.parts[0] in deck.cards:
            ignored |= deck.cards[cid.parts[0]].lint_ignore
    return finding.check in ignored


def _lint_vignette(ix: DeckIndex, plan, seeds: int, options: int) -> list[LintFinding]:
    seen: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    card = None
    for seed in range(seeds):
        card, case = render_plan(ix, plan, seed, options)
        stem, _ = split_prompt(card)
        labs = any(ix.deck.attributes[a].unit not in VITAL_UNITS for a in case.labs)
        for severity, check, message in lint_card(ix, card, labs) + check_cover(
            ix, card, plan, case, stem
        ):
            seen[(severity, check)].append((seed, message))
    if card is None:  # no seeds: nothing rendered
        return []
    out: list[LintFinding] = []
    for (severity, check), hits in seen.items():
        seed, message = hits[0]
        note = f" (in {len(hits)} of {seeds} renderings; first with seed {seed})"
        out.append(LintFinding(card.loc, severity, check, message + note, card.id))
    return out

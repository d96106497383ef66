"""What the generator tests share: their data files and how they read a deck's problems and cards."""

from pathlib import Path

from quizapp.deck.loader import check_deck
from quizapp.deck.model import Deck

DATA = Path(__file__).parent / "data"
FORMAT2 = DATA / "format2"


def problems_at(root: Path) -> list[tuple[int, int, str]]:
    """(line, col, message) of every problem of a deck."""
    return [(p.loc.line, p.loc.col, p.message) for p in check_deck(root).problems]


def errors_at(root: Path) -> list[tuple[int, int, str]]:
    """(line, col, message) of every error of a deck: for test decks whose sources are
    cited without a label on purpose (a warning, tested on its own)."""
    return [
        (p.loc.line, p.loc.col, p.message)
        for p in check_deck(root).problems
        if p.severity == "error"
    ]


UPGRADE_HINT = "run `quizapp deck upgrade PATH` to move the deck to format 2"


def diagnosis_renders(deck: Deck, blueprint: str, seeds=range(30)) -> list:
    """The blueprint's diagnosis vignette rendered with each seed."""
    from quizapp.generate.vignettes.vignette import render_vignette

    cid = f"{deck.id}:vignette:{blueprint}:diagnosis"
    return [render_vignette(deck, cid, seed) for seed in seeds]


def verdict(deck: Deck, blueprint: str, option: str, seed: int):
    """Why the diagnosis vignette of `blueprint` at `seed` rules `option` out (its
    explanation and proofs), whether or not the option is among those offered: a
    diagnosis the age alone gives away is offered only when no other is proven (round 16)."""
    from quizapp.generate.vignettes.case import draw_case
    from quizapp.generate.vignettes.vignette import index_for, plan_blueprint, ruled_out

    ix = index_for(deck)
    bp = deck.blueprints[blueprint]
    plans, _ = plan_blueprint(ix, bp, 5)
    plan = next(p for p in plans if p.relation is None)
    return ruled_out(ix, plan, draw_case(ix, bp, seed).facts())[option]


def card_texts(card) -> list[str]:
    """Every text of a card a learner reads: prompt, answer, extra, option explanations."""
    return [card.prompt, card.answer, card.extra or ""] + [o.explanation for o in card.options]


def generated_vignettes(deck: Deck, cards: list, seeds) -> list:
    """Each generated vignette of `cards` rendered at each of `seeds` (hand-written ones
    are fixed text)."""
    from quizapp.generate.vignettes.vignette import render_vignette

    ids = [c.id for c in cards if c.kind == "vignette" and ":vignette:" in c.id]
    return [render_vignette(deck, cid, seed) for cid in ids for seed in seeds]


def twins_losing_gamma(tmp_path: Path) -> Path:
    """twins.yaml (in a folder of its own) whose bp-gamma denies only two signs: its stem
    rules out too few other conditions for a diagnosis item."""
    deck = tmp_path / "decks" / "twins.yaml"
    deck.parent.mkdir()
    deck.write_text(
        (DATA / "twins.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "negative: [sign-alpha, sign-beta, sign-delta, sign-epsilon, sign-zeta]",
            "negative: [sign-alpha, sign-beta]",
        ),
        encoding="utf-8",
    )
    return deck


def cards_by_id(deck: Deck) -> dict:
    """Every generated card of a deck, by id."""
    from quizapp.generate import generate_deck

    return {c.id: c for c in generate_deck(deck).cards}


def unproven(deck: Deck) -> list[tuple[str, list[str]]]:
    """(card id, problems) of every card whose proofs the checker cannot re-derive."""
    from quizapp.generate.lint.proof_check import ProofChecker

    checker = ProofChecker(deck)
    return [(cid, found) for cid, c in cards_by_id(deck).items() if (found := checker.check(c))]

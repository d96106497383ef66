"""Sample fresh generated items for an independent clinician's review (decks/REVIEW.md).

    python scripts/review_sample.py decks --per-kind 6 -o /tmp/review.md

Every deck under the paths is loaded together, as the app and `quizapp cards decks` load
them, so the cards from references to another deck's entities are made (and a reference
to a deck not given is printed as a warning, not dropped unseen). Each deck is sampled
on its own, `--per-kind` items of every kind (mnemonics included); every hand-written item
every card that uses another deck's entity and every card on an entity another loaded deck
states facts on are always in the sample. Seeds are drawn
fresh each run (printed in the header, so a sample can be re-made). The reader marks each
item with the rubric in decks/REVIEW.md; figures go into each deck folder's review log.
"""

import argparse
import random
import secrets
import sys
from collections import defaultdict
from pathlib import Path

from quizapp.deck.errors import Problem
from quizapp.deck.files import find_decks
from quizapp.deck.links import resolve_all
from quizapp.deck.loader import load_deck
from quizapp.deck.model import Deck
from quizapp.generate import generate_deck
from quizapp.generate.card import Card

KINDS = ("vignette", "mcq", "cloze", "comparison", "basic", "reverse", "mnemonic")


def load(paths: list[Path]) -> tuple[list[Deck], list[Problem]]:
    """Every deck under the paths, resolved together, and what does not hold."""
    return resolve_all(load_deck(root) for root in find_decks(paths))


def always_read(deck: Deck, card: Card) -> str | None:
    """Why a card is in every sample: hand-written, or using another deck's entity."""
    if card.id.startswith(f"{deck.id}:card:"):
        return "hand-written"
    foreign = {e.id for e in deck.entities.values() if e.home_deck}
    linked = {r.id for r in deck.relations if r.source in foreign or r.target in foreign}
    if linked & set(card.tests) or any(o.entity in foreign for o in card.options):
        return "uses another deck's entity"
    # its entity is shared: another loaded deck states facts on it, which may join its lists
    # (clinician round 10: the ragged-red card changes when the metabolic deck is loaded)
    shared = {
        e.id.split(":", 1)[1]
        for d in deck.joined
        for e in d.entities.values()
        if e.home_deck == deck.id
    }
    on_shared = {r.id for r in deck.relations if r.source in shared or r.target in shared}
    joined = tuple(f"{d.id}:" for d in deck.joined)
    if on_shared & set(card.tests) or any(t.startswith(joined) for t in card.tests):
        return "on an entity another deck shares"
    return None


def sample(decks: list[Deck], per_kind: int, seeds: list[int]) -> str:
    """The sample as Markdown: each deck's always-read items, then each kind's draw."""
    titles = ", ".join(deck.title for deck in decks)
    lines = [f"# Review sample of {titles}", "", f"Seeds: {', '.join(map(str, seeds))}", ""]
    for deck in decks:
        lines += _deck_sample(deck, per_kind, seeds)
    return "\n".join(lines)


def _deck_sample(deck: Deck, per_kind: int, seeds: list[int]) -> list[str]:
    pool: dict[str, dict[str, Card]] = defaultdict(dict)
    always: dict[str, tuple[str, Card]] = {}
    for seed in seeds:
        for card in generate_deck(deck, seed=seed).cards:
            pool[card.kind].setdefault(f"{card.id}@{seed}", card)
            why = always_read(deck, card) if seed == seeds[0] else None
            if why is not None:
                always[f"{card.id}@{seed}"] = (why, card)
    read = {card.id for _, card in always.values()}
    rng = random.Random(f"{seeds[0]}:{deck.id}")
    lines = [f"# {deck.title} (`{deck.id}`)", ""]
    lines += [f"## always read ({len(always)}: hand-written items and cross-deck cards)", ""]
    for n, key in enumerate(sorted(always), 1):
        why, card = always[key]
        lines += _item(f"{card.kind} {n} ({why})", key, card)
    for kind in KINDS:
        items = sorted(k for k, card in pool[kind].items() if card.id not in read)
        chosen = rng.sample(items, min(per_kind, len(items)))
        lines += [f"## {kind} ({len(chosen)} of {len(items)} distinct renderings)", ""]
        for n, key in enumerate(sorted(chosen), 1):
            lines += _item(f"{kind} {n}", key, pool[kind][key])
    return lines


def _item(title: str, key: str, card: Card) -> list[str]:
    lines = [f"### {title}: `{key}`", "", card.prompt, ""]
    for o in card.options:
        mark = "**(key)**" if o.correct else ""
        lines.append(f"- {o.label}. {o.text} {mark} — {o.explanation}")
    if not card.options:
        lines.append(f"Answer: {card.answer}")
    if card.extra:
        lines.append(f"Note shown to the learner: {card.extra}")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+", help="decks or folders of decks")
    parser.add_argument("--per-kind", type=int, default=40, help="items of each kind per deck")
    parser.add_argument("--seeds", type=int, nargs="*", help="default: three fresh seeds")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    seeds = args.seeds or [secrets.randbelow(1_000_000) for _ in range(3)]
    decks, problems = load(args.paths)
    for problem in problems:  # a reference to a deck not given: its cards are left out
        print(problem, file=sys.stderr)
    args.output.write_text(sample(decks, args.per_kind, seeds), encoding="utf-8")
    print(f"wrote {args.output} (seeds {seeds})")


if __name__ == "__main__":
    main()

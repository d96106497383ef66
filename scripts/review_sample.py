"""Sample fresh generated items for an independent clinician's review (decks/REVIEW.md).

    python scripts/review_sample.py decks/iim --per-kind 40 -o /tmp/review.md

Seeds are drawn fresh each run (printed in the header, so a sample can be re-made),
and items are spread over every kind. The reader marks each item with the rubric in
decks/REVIEW.md; figures go into the deck folder's review log.
"""

import argparse
import random
import secrets
from collections import defaultdict
from pathlib import Path

from quizapp.deck.files import find_decks
from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck

KINDS = ("vignette", "mcq", "cloze", "comparison", "basic", "reverse")


def sample(deck_path: Path, per_kind: int, seeds: list[int]) -> str:
    deck = load_deck(find_decks([deck_path])[0])
    pool: dict[str, dict[str, object]] = defaultdict(dict)
    for seed in seeds:
        for card in generate_deck(deck, seed=seed).cards:
            pool[card.kind].setdefault(f"{card.id}@{seed}", card)
    rng = random.Random(seeds[0])
    lines = [f"# Review sample of {deck.title}", "", f"Seeds: {', '.join(map(str, seeds))}", ""]
    for kind in KINDS:
        items = sorted(pool[kind])
        chosen = rng.sample(items, min(per_kind, len(items)))
        lines += [f"## {kind} ({len(chosen)} of {len(items)} distinct renderings)", ""]
        for n, key in enumerate(sorted(chosen), 1):
            card = pool[kind][key]
            lines += [f"### {kind} {n}: `{key}`", "", card.prompt, ""]
            for o in card.options:
                mark = "**(key)**" if o.correct else ""
                lines.append(f"- {o.label}. {o.text} {mark} — {o.explanation}")
            if not card.options:
                lines.append(f"Answer: {card.answer}")
            if card.extra:
                lines.append(f"Note shown to the learner: {card.extra}")
            lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seeds", type=int, nargs="*", help="default: three fresh seeds")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    seeds = args.seeds or [secrets.randbelow(1_000_000) for _ in range(3)]
    args.output.write_text(sample(args.deck, args.per_kind, seeds), encoding="utf-8")
    print(f"wrote {args.output} (seeds {seeds})")


if __name__ == "__main__":
    main()

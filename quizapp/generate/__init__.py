"""Turn a deck into cards and case vignettes, and check them against item-writing rules.

Public API (everything else in this package is an implementation detail):

- `generate_deck(deck, seed=0, options=5) -> Generated`: every card the deck yields
  (basic, reverse, cloze, mcq, mnemonic, comparison, vignette and hand-written cards),
  plus a LintFinding for each item that could not be generated fairly. Pure and
  deterministic: the same deck and seed give the same cards.
- `render_vignette(deck, card_or_id, seed, options=None) -> Card`: the same vignette
  card drawn as a new case (age, sex, findings, lab values, wording); same id, same
  concept. Raises `VignetteError` when the deck no longer supports the card.
- `lint_deck(deck, seeds=50, options=5) -> list[LintFinding]`: the item-writing
  checklist on every MCQ and vignette (each vignette over `seeds` renderings) and
  the bank-level checks; each finding points at the deck place that made the item.
- `CardId.parse(card.id)` -> deck, generator and parts of a card's id (`str()` gives the
  stored id back, byte for byte); `card_id(deck, generator, *parts)` writes one.
"""

from quizapp.generate.card import Card, CardId, Generated, LintFinding, Option, card_id
from quizapp.generate.generate import generate_deck
from quizapp.generate.lint.checklist import lint_deck
from quizapp.generate.vignettes.vignette import VignetteError, render_vignette

__all__ = [
    "Card",
    "CardId",
    "Generated",
    "LintFinding",
    "Option",
    "VignetteError",
    "card_id",
    "generate_deck",
    "lint_deck",
    "render_vignette",
]

"""All card kinds of a deck in one pass over a shared index."""

from quizapp.deck.format_v1 import MAX_OPTIONS, MIN_OPTIONS
from quizapp.deck.model import Deck
from quizapp.gc_policy import paused_gc
from quizapp.generate.card import Generated, LintFinding
from quizapp.generate.index import build_index
from quizapp.generate.kinds.basic import basic_cards
from quizapp.generate.kinds.cloze import cloze_cards
from quizapp.generate.kinds.comparison import comparison_cards
from quizapp.generate.kinds.hand import hand_cards, hand_items
from quizapp.generate.kinds.mcq import mcq_cards
from quizapp.generate.kinds.mnemonic import mnemonic_cards
from quizapp.generate.kinds.most import most_cards
from quizapp.generate.kinds.reverse import reverse_cards
from quizapp.generate.vignettes.vignette import NO_DIAGNOSIS, vignette_cards


def generate_deck(deck: Deck, seed: int = 0, options: int = 5) -> Generated:
    """Every card of the deck; items that cannot be made fair become findings instead."""
    if not MIN_OPTIONS <= options <= MAX_OPTIONS:
        raise ValueError(
            f"options must be {MIN_OPTIONS}-{MAX_OPTIONS} (NBME: key + 3-7), not {options}"
        )
    with paused_gc():  # a bulk build: collections would only walk what must stay
        ix = build_index(deck)
        out = Generated()
        out.cards += basic_cards(ix)
        out.cards += reverse_cards(ix)
        out.cards += cloze_cards(ix)
        out.cards += hand_cards(ix)
        mcqs, lost = mcq_cards(ix, seed, options)
        out.cards += mcqs
        out.lost += lost
        mosts, lost = most_cards(ix, seed, options)
        out.cards += mosts
        out.lost += lost
        out.cards += mnemonic_cards(ix)
        comparisons, findings = comparison_cards(ix, seed, options)
        out.cards += comparisons
        out.findings += findings
        vignettes, findings = vignette_cards(ix, seed, options)
        out.cards += vignettes
        out.findings += [f for f in findings if not _lost(f)]
        out.lost += [f for f in findings if _lost(f)]
        out.cards += hand_items(ix)
        return out


def _lost(finding: LintFinding) -> bool:
    """An item not generated for want of proof (a note; a warning for a diagnosis)."""
    return finding.severity == "note" or finding.check == NO_DIAGNOSIS

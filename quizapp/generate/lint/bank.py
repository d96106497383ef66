"""Bank-level checks: where the keys sit across all items of a deck."""

from collections import Counter, defaultdict

from quizapp.generate.card import Card
from quizapp.generate.lint.options import Issue

MIN_ITEMS = 20  # below this, chance alone moves a letter's share past the threshold
SKEW = 1.5  # 1.5 x the even share: 30% for five options, as the checklist says


def check_key_balance(cards: list[Card]) -> list[Issue]:
    """A warning when one letter holds too many keys among items with the same option count.

    Options are in alphabetical order (checklist item 14), so the key's letter
    follows from the names, not from the writer: moving keys to balance letters would
    break the logical order. A skew matters only when a testwise student could bet on
    it, so it is a warning, judged per option count against the even share, and only
    once there are enough items for a share to mean something.
    """
    groups: dict[int, list[str]] = defaultdict(list)
    for card in cards:
        key = next((o.label for o in card.options if o.correct), None)
        if key is not None:
            groups[len(card.options)].append(key)
    issues: list[Issue] = []
    for n, letters in sorted(groups.items()):
        if len(letters) < MIN_ITEMS:
            continue
        letter, count = Counter(letters).most_common(1)[0]
        share = count / len(letters)
        if share > SKEW / n:
            issues.append(
                (
                    "warning",
                    "key-balance",
                    f"the key is {letter} in {share:.0%} of {len(letters)} {n}-option items "
                    f"(even share {1 / n:.0%}); options are alphabetical, so reword names "
                    "only if students could exploit it",
                )
            )
    return issues

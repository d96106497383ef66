"""Checklist items about the options of one MCQ or vignette (item-writing.md, section 1)."""

import re
from statistics import mean

from quizapp.deck.format_v1 import MAX_OPTIONS, MIN_OPTIONS
from quizapp.generate.card import Card, Option
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.common import content_words, mentions, sort_key

Issue = tuple[str, str, str]  # severity, check, message
BANNED = re.compile(r"\b(all|none) of the above\b|\bboth [a-h] and [a-h]\b|^[a-h] and [a-h]$", re.I)
ABSOLUTE_VAGUE = re.compile(
    r"\b(always|never|only|all|none|must|usually|often|frequently|may|could|rarely)\b"
    r"|\bis associated with\b",
    re.I,
)


def words(text: str) -> set[str]:
    """Content words with a crude plural folded away, so 'myopathies' meets 'myopathy'."""
    out = set()
    for w in content_words(text):
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        out.add(w)
    return out


# The words every vignette stem's sentences use whatever the case ("Physical examination
# shows", "Serum ... is"): a key sharing one of them is no cue ("Physical therapy").
VIGNETTE_TEMPLATE = frozenset(
    words("Physical examination shows. Laboratory and further studies. Serum. There is history.")
)


def _terms(ix: DeckIndex, option: Option) -> set[str]:
    if option.entity and option.entity in ix.deck.entities:
        e = ix.entity(option.entity)
        return {t.casefold().strip() for t in (e.name, *e.aliases)}
    return {option.text.casefold().strip()}


def allowed_kinds(ix: DeckIndex, card: Card) -> set[str]:
    """The category the options must share: the key's side of the tested relation type,
    or else the key's own kind."""
    key = next((o for o in card.options if o.correct and o.entity), None)
    if key is None or key.entity not in ix.deck.entities:
        return set()
    for tested in card.tests:
        r = ix.by_id.get(tested)
        if r is None:
            continue
        rt = ix.deck.relation_types[r.type]
        if r.target == key.entity:
            return set(rt.to_kinds)
        if r.source == key.entity:
            return set(rt.from_kinds)
    return {ix.entity(key.entity).kind}


def check_options(ix: DeckIndex, card: Card, stem: str) -> list[Issue]:
    issues: list[Issue] = []
    opts = card.options
    keys = [o for o in opts if o.correct]
    distractors = [o for o in opts if not o.correct]
    if not MIN_OPTIONS <= len(opts) <= MAX_OPTIONS:
        issues.append(("error", "option-count", f"{len(opts)} options; NBME asks for 4-8"))
    if len(keys) != 1:
        issues.append(("error", "one-key", f"{len(keys)} options are marked correct"))
        return issues
    key = keys[0]
    for i, a in enumerate(opts):
        for b in opts[i + 1 :]:
            if a.text.casefold().strip() == b.text.casefold().strip() or _terms(ix, a) & _terms(
                ix, b
            ):
                issues.append(
                    ("error", "duplicate", f"options {a.label} and {b.label} name the same thing")
                )
    kinds = allowed_kinds(ix, card)
    mixed = [
        o.label
        for o in opts
        if o.entity in ix.deck.entities and ix.entity(o.entity).kind not in kinds
    ]
    if kinds and mixed:
        issues.append(
            (
                "error",
                "homogeneous",
                f"options {', '.join(mixed)} are not of kind {'/'.join(sorted(kinds))}",
            )
        )
    for o in opts:
        if BANNED.search(o.text):
            issues.append(
                ("error", "banned-form", f"option {o.label} is a banned form: {o.text!r}")
            )
        # Option texts are entity names: a name may legitimately hold such a word, but
        # it still reads as a cue, so it is flagged for a human to judge.
        if m := ABSOLUTE_VAGUE.search(o.text):
            issues.append(("warning", "absolute-term", f"option {o.label} says {m.group()!r}"))
    if named := mentions(stem, _terms(ix, key)):
        issues.append(("error", "key-in-stem", f"the stem names the key ({named!r})"))
    texts = [o.text for o in opts]
    if texts != sorted(texts, key=sort_key):
        issues.append(
            ("error", "logical-order", "options are not in alphabetical or numeric order")
        )
    issues += _length_cue(key, distractors)
    ignore = VIGNETTE_TEMPLATE if card.kind == "vignette" else frozenset()
    issues += _overlap_cue(key, distractors, stem, ignore)
    issues += _convergence_cue(key, opts)
    return issues


# The key must beat the longest distractor by this many characters and this share of its
# length before its length is a cue: "Hyperkalaemic periodic paralysis" (32) against
# "Hypokalaemic periodic paralysis" (31) is not one.
LENGTH_MARGIN, LENGTH_SHARE = 3, 0.10


def _length_cue(key: Option, distractors: list[Option]) -> list[Issue]:
    # Heuristic (h): names in medicine differ in length for good reasons, so the cue is
    # reported only when the key is clearly the longest option and stands out.
    if not distractors:
        return []
    lengths = [len(d.text) for d in distractors]
    margin = len(key.text) - max(lengths)
    longest = margin >= LENGTH_MARGIN and margin > LENGTH_SHARE * max(lengths)
    standout = len(key.text) > 1.25 * mean(lengths) or len(key.text) > 2.5 * min(lengths)
    if longest and standout:
        return [
            (
                "warning",
                "length-cue",
                f"the key is the longest option ({len(key.text)} characters, distractors {min(lengths)}-{max(lengths)})",
            )
        ]
    return []


def _overlap_cue(
    key: Option, distractors: list[Option], stem: str, ignore: frozenset[str] = frozenset()
) -> list[Issue]:
    # Heuristic: a treatment that names the exposure ("stopping the statin" for a
    # patient on a statin) repeats a stem word for a sound reason; a warning.
    stem_words = words(stem) - ignore
    shared = words(key.text) & stem_words
    if not shared:
        return []
    if all(len(words(d.text) & stem_words) < len(shared) for d in distractors):
        return [
            (
                "warning",
                "word-overlap",
                f"the key repeats stem words no distractor matches: {', '.join(sorted(shared))}",
            )
        ]
    return []


def _convergence_cue(key: Option, opts: tuple[Option, ...]) -> list[Issue]:
    # Heuristic: related entities share words by nature (anti-X antibodies); a warning.
    def shared(o: Option) -> int:
        return sum(len(words(o.text) & words(p.text)) for p in opts if p is not o)

    scores = {o.label: shared(o) for o in opts}
    top = scores[key.label]
    if top > 0 and all(s < top for label, s in scores.items() if label != key.label):
        return [("warning", "convergence", "the key shares the most words with the other options")]
    return []

"""Classical item analysis of quiz responses: which items an instructor should revise, and why.

Formulas follow ../shared/reference/item-writing.md section 2 (classical test theory):

- difficulty p = R / N (share of learners scoring 1 on the item);
- discrimination D = p_upper - p_lower, the upper and lower groups being the top and bottom
  27% of learners by total score in the block (at least one learner each once N >= 2);
- corrected item-rest point-biserial r_pb = Pearson r between the 0/1 item score and the
  total minus that item (population form), None when either side has no variance;
- distractor analysis: share choosing each option (and omitting) overall, in the upper and in
  the lower group; a distractor chosen by fewer than 5% of learners is non-functional;
- KR-20 = k/(k-1) * (1 - sum(p*q) / s_X^2) per block, population variance of the totals.

The unit of analysis is the block: a fixed set of items answered together. Every learner with
any response in a block is counted for every item of that block, and a missing or omitted
answer scores 0, so all items of a block share one N and one set of totals. An item that
appears in several blocks gets one row per block. Learners tied at a group boundary are
ordered by learner id, so results are deterministic.

Totals and sums are integers, so every statistic is computed from exact integer sums; the
work is linear in the number of responses (500 learners x 200 items takes well under a second).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from quizapp.plural import plural

__all__ = [
    "BlockAnalysis",
    "Flag",
    "ItemAnalysis",
    "ItemStats",
    "OptionStats",
    "Response",
    "Thresholds",
    "analyse",
    "group_size",
    "kr20",
    "pearson_from_sums",
]


@dataclass(frozen=True, slots=True)
class Response:
    """One learner's answer to one item in one block; `chosen` is None when omitted."""

    learner: str
    block: str
    item_id: str
    chosen: str | None
    key: str
    topic: str = ""
    seconds: float | None = None
    options: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        """Scored right only when the chosen option is the key; an omission is wrong."""
        return self.chosen is not None and self.chosen == self.key


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Cut-offs for the revise flags, kept together so a report can state what it used."""

    p_low: float = 0.30
    p_high: float = 0.90
    r_pb_min: float = 0.20
    nonfunctional_share: float = 0.05
    group_fraction: float = 0.27
    few_learners: int = 20


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Flag:
    """Why an item should be revised: a stable code for programs, a reason for people."""

    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class OptionStats:
    """How often one option (None: the answer was omitted) was chosen, overall and by group."""

    label: str | None
    is_key: bool
    count: int
    share: float
    share_upper: float | None
    share_lower: float | None
    non_functional: bool


@dataclass(frozen=True, slots=True)
class ItemStats:
    """Statistics of one item within one block."""

    block: str
    item_id: str
    topic: str
    key: str
    n: int
    n_correct: int
    answered: int
    p: float
    d: float | None
    r_pb: float | None
    mean_seconds: float | None
    options: tuple[OptionStats, ...]
    flags: tuple[Flag, ...]

    @property
    def non_functional_distractors(self) -> tuple[str, ...]:
        """Distractors so rarely chosen that they do not test anything."""
        return tuple(o.label for o in self.options if o.non_functional and o.label is not None)


@dataclass(frozen=True, slots=True)
class BlockAnalysis:
    """One block: its reliability, the score distribution and its items."""

    block: str
    n_learners: int
    n_items: int
    mean_score: float
    sd_score: float
    kr20: float | None
    items: tuple[ItemStats, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    """The whole analysis, block by block, with the thresholds that produced the flags."""

    blocks: tuple[BlockAnalysis, ...]
    thresholds: Thresholds = field(default=DEFAULT_THRESHOLDS)

    @property
    def items(self) -> tuple[ItemStats, ...]:
        """Every item row of every block, in block order."""
        return tuple(item for block in self.blocks for item in block.items)


# --- small exact helpers ------------------------------------------------------------------


def group_size(n: int, fraction: float = DEFAULT_THRESHOLDS.group_fraction) -> int:
    """Size of each extreme group: fraction of N rounded half up, at least 1 once N >= 2."""
    if n < 2:
        return 0
    return min(n // 2, max(1, math.floor(fraction * n + 0.5)))


def pearson_from_sums(n: int, sx: int, sy: int, sxy: int, sxx: int, syy: int) -> float | None:
    """Pearson r from integer sums, None when either variable is constant (no crash on 0/0)."""
    numerator = n * sxy - sx * sy
    var_x = n * sxx - sx * sx
    var_y = n * syy - sy * sy
    if var_x <= 0 or var_y <= 0:
        return None
    r = numerator / math.sqrt(var_x * var_y)
    return max(-1.0, min(1.0, r))


def kr20(item_correct_counts: Sequence[int], totals: Sequence[int]) -> float | None:
    """KR-20 from per-item counts of correct answers and per-learner totals; None if undefined."""
    k = len(item_correct_counts)
    n = len(totals)
    if k < 2 or n < 2:
        return None
    sum_t = sum(totals)
    var_numerator = n * sum(t * t for t in totals) - sum_t * sum_t  # n^2 * variance
    if var_numerator <= 0:
        return None
    sum_pq_numerator = sum(r * (n - r) for r in item_correct_counts)  # n^2 * sum(p*q)
    return (k / (k - 1)) * (1 - sum_pq_numerator / var_numerator)


# --- grouping responses into blocks --------------------------------------------------------


@dataclass(slots=True)
class ItemData:
    """One item's answers by learner: the input of the per-item statistics, shared with the
    pooled class report (quiz/class_report.py)."""

    item_id: str
    key: str
    topic: str
    options: list[str]
    chosen: dict[str, str | None] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    last_options: tuple[str, ...] = ()


@dataclass(slots=True)
class _BlockData:
    block: str
    items: dict[str, ItemData] = field(default_factory=dict)
    learners: set[str] = field(default_factory=set)


def _add_response(data: _BlockData, r: Response) -> None:
    item = data.items.get(r.item_id)
    if item is None:
        options = list(dict.fromkeys(r.options))
        item = ItemData(r.item_id, r.key, r.topic, options, last_options=r.options)
        data.items[r.item_id] = item
    elif item.key != r.key:
        raise ValueError(
            f"block {r.block!r}, item {r.item_id!r}: inconsistent keys {item.key!r} and {r.key!r}"
        )
    if r.learner in item.chosen:
        raise ValueError(
            f"block {r.block!r}, item {r.item_id!r}: learner {r.learner!r} answered twice"
        )
    item.chosen[r.learner] = r.chosen
    data.learners.add(r.learner)
    if r.seconds is not None:
        item.seconds.append(r.seconds)
    if r.options != item.last_options:  # usually identical: skip the per-label check
        item.last_options = r.options
        for label in r.options:
            if label not in item.options:
                item.options.append(label)


def _group_blocks(responses: Iterable[Response]) -> list[_BlockData]:
    blocks: dict[str, _BlockData] = {}
    for r in responses:
        data = blocks.get(r.block)
        if data is None:
            data = blocks[r.block] = _BlockData(r.block)
        _add_response(data, r)
    return list(blocks.values())


# --- per-item statistics -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    """Learners of a block with their totals and extreme groups, shared by all its items."""

    learners: tuple[str, ...]
    totals: dict[str, int]
    sum_t: int
    sum_t2: int
    upper: frozenset[str]
    lower: frozenset[str]


def _score_block(data: _BlockData, fraction: float) -> Scores:
    totals = dict.fromkeys(sorted(data.learners), 0)
    for item in data.items.values():
        key = item.key
        for learner, chosen in item.chosen.items():
            if chosen == key:
                totals[learner] += 1
    ranked = sorted(totals, key=lambda learner: -totals[learner])  # stable: ties by learner id
    g = group_size(len(ranked), fraction)
    return Scores(
        learners=tuple(totals),
        totals=totals,
        sum_t=sum(totals.values()),
        sum_t2=sum(t * t for t in totals.values()),
        upper=frozenset(ranked[:g]),
        lower=frozenset(ranked[len(ranked) - g :]) if g else frozenset(),
    )


def _item_r_pb(n: int, correct: Sequence[str], scores: Scores) -> float | None:
    """Corrected item-rest correlation from sums: rest = total - item score."""
    r = len(correct)
    sum_t_correct = sum(scores.totals[learner] for learner in correct)
    return pearson_from_sums(
        n,
        sx=r,
        sy=scores.sum_t - r,
        sxy=sum_t_correct - r,
        sxx=r,
        syy=scores.sum_t2 - 2 * sum_t_correct + r,
    )


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _option_stats(
    item: ItemData, scores: Scores, thresholds: Thresholds
) -> tuple[OptionStats, ...]:
    labels: list[str | None] = list(item.options)
    for label in (item.key, *item.chosen.values()):
        if label is not None and label not in labels:
            labels.append(label)
    counts: dict[str | None, list[int]] = {label: [0, 0, 0] for label in labels}
    counts[None] = [0, 0, 0]
    for learner in scores.learners:
        tally = counts[item.chosen.get(learner)]
        tally[0] += 1
        tally[1] += learner in scores.upper
        tally[2] += learner in scores.lower
    if counts[None][0]:
        labels.append(None)
    n, n_up, n_low = len(scores.learners), len(scores.upper), len(scores.lower)
    return tuple(
        OptionStats(
            label=label,
            is_key=label == item.key,
            count=counts[label][0],
            share=counts[label][0] / n,
            share_upper=_share(counts[label][1], n_up),
            share_lower=_share(counts[label][2], n_low),
            non_functional=label is not None
            and label != item.key
            and counts[label][0] / n < thresholds.nonfunctional_share,
        )
        for label in labels
    )


def _flags(p: float, d: float | None, r_pb: float | None, t: Thresholds) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if p < t.p_low:
        flags.append(Flag("too_hard", f"p = {p:.2f} < {t.p_low:.2f}: too hard (or miskeyed)"))
    if p > t.p_high:
        flags.append(Flag("too_easy", f"p = {p:.2f} > {t.p_high:.2f}: too easy to inform"))
    if r_pb is not None and r_pb < t.r_pb_min:
        flags.append(
            Flag("low_r_pb", f"r_pb = {r_pb:.2f} < {t.r_pb_min:.2f}: does not track ability")
        )
    if d is not None and d < 0:
        flags.append(
            Flag("negative_d", f"D = {d:.2f} < 0: weaker learners do better; check the key")
        )
    return tuple(flags)


def _item_stats(block: str, item: ItemData, scores: Scores, thresholds: Thresholds) -> ItemStats:
    correct = [learner for learner, chosen in item.chosen.items() if chosen == item.key]
    d = None
    if scores.upper:
        high = sum(learner in scores.upper for learner in correct)
        low = sum(learner in scores.lower for learner in correct)
        d = (high - low) / len(scores.upper)
    r_pb = _item_r_pb(len(scores.learners), correct, scores)
    return item_row(block, item, scores, thresholds, correct, d, r_pb)


def item_row(
    block: str,
    item: ItemData,
    scores: Scores,
    thresholds: Thresholds,
    correct: Sequence[str],
    d: float | None,
    r_pb: float | None,
) -> ItemStats:
    """An item's statistics from who got it right and its D and r_pb: one row for a block
    here, and for the pooled class report (quiz/class_report.py), which scores differently."""
    n = len(scores.learners)
    p = len(correct) / n
    return ItemStats(
        block=block,
        item_id=item.item_id,
        topic=item.topic,
        key=item.key,
        n=n,
        n_correct=len(correct),
        answered=sum(chosen is not None for chosen in item.chosen.values()),
        p=p,
        d=d,
        r_pb=r_pb,
        mean_seconds=math.fsum(item.seconds) / len(item.seconds) if item.seconds else None,
        options=_option_stats(item, scores, thresholds),
        flags=_flags(p, d, r_pb, thresholds),
    )


def _block_notes(n: int, k: int, thresholds: Thresholds) -> tuple[str, ...]:
    notes = []
    if n < thresholds.few_learners:
        notes.append(f"only {plural(n, 'learner')}: item statistics are unstable")
    if k < 2:
        notes.append("fewer than 2 items: KR-20 is undefined")
    return tuple(notes)


def _analyse_block(data: _BlockData, thresholds: Thresholds) -> BlockAnalysis:
    scores = _score_block(data, thresholds.group_fraction)
    items = tuple(_item_stats(data.block, item, scores, thresholds) for item in data.items.values())
    n = len(scores.learners)
    mean = scores.sum_t / n
    variance = max(0.0, scores.sum_t2 / n - mean * mean)
    return BlockAnalysis(
        block=data.block,
        n_learners=n,
        n_items=len(items),
        mean_score=mean,
        sd_score=math.sqrt(variance),
        kr20=kr20([item.n_correct for item in items], list(scores.totals.values())),
        items=items,
        notes=_block_notes(n, len(items), thresholds),
    )


def analyse(
    responses: Iterable[Response], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> ItemAnalysis:
    """Item analysis of every block in the responses, in order of first appearance.

    Raises ValueError when one block gives an item two keys or a learner answers an item twice:
    silently picking one would change the statistics.
    """
    blocks = tuple(_analyse_block(data, thresholds) for data in _group_blocks(responses))
    return ItemAnalysis(blocks=blocks, thresholds=thresholds)

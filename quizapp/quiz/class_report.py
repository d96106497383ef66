"""Item analysis for a class whose learners each built their own blocks.

`item_analysis.analyse` works per block: every learner of a block is scored on all of its
items. In quizapp every learner draws their own random block, so a block usually has one
learner and per-block statistics say nothing. The class report therefore pools per item:

- each learner (one results file) counts with their first attempt at each item (later
  attempts are practice with the explanation seen, not a measure of difficulty); an item
  shown but not answered scores 0, like in a block;
- a learner's total is the share correct over the items they were given (learners saw
  different numbers of items, so counts would not compare);
- for each item, N is the learners who were given it; p = R / N; the upper and lower 27%
  are formed among those learners by their total; r_pb is the corrected item-rest
  correlation of the item score with the learner's share correct over their *other* items
  (learners with no other item are left out of r_pb);
- a vignette is rendered afresh for each learner, so its option labels (and key label) can
  differ between learners: its distractor rows then read "key" and "other" instead of labels;
- KR-20 needs a fixed set of items taken by several learners, so it is given only for
  blocks (same block id: the same set of questions) shared by at least 2 learners, as a
  summary row without item rows (the items are in the pooled table).

When every learner took the same single block, the pooled rows equal the per-block ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from quizapp.plural import plural
from quizapp.quiz.item_analysis import (
    DEFAULT_THRESHOLDS,
    BlockAnalysis,
    ItemAnalysis,
    ItemData,
    ItemStats,
    Scores,
    Thresholds,
    group_size,
    item_row,
    kr20,
)
from quizapp.quiz.results_file import ResultItem, ResultsFile

POOLED = "all blocks, pooled per item"
KEY, OTHER = "key", "other"


def _learner(index: int) -> str:
    return f"#{index + 1:04d}"  # by position, never by name; zero-padded so ties sort in order


def _first_attempts(files: Sequence[ResultsFile]) -> dict[str, dict[str, ResultItem]]:
    attempts: dict[str, dict[str, ResultItem]] = {}
    for index, results in enumerate(files):
        learner = _learner(index)
        for block in sorted(results.blocks, key=lambda b: b.started_at):
            for item in block.items:
                attempts.setdefault(item.item_id, {}).setdefault(learner, item)
    return attempts


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _item_data(item_id: str, answers: dict[str, ResultItem]) -> ItemData:
    first = next(iter(answers.values()))
    same_labels = all(a.key == first.key and a.options == first.options for a in answers.values())
    if same_labels:
        data = ItemData(item_id, first.key, first.topic, list(first.options))
        data.chosen = {learner: a.chosen for learner, a in answers.items()}
    else:
        data = ItemData(item_id, KEY, first.topic, [KEY, OTHER])
        data.chosen = {
            learner: None if a.chosen is None else KEY if a.correct else OTHER
            for learner, a in answers.items()
        }
    data.seconds = [a.seconds for a in answers.values() if a.seconds is not None]
    return data


def _pooled_item(
    item_id: str,
    answers: dict[str, ResultItem],
    tallies: dict[str, tuple[int, int]],
    thresholds: Thresholds,
) -> ItemStats:
    learners = sorted(answers)
    share = {lrn: tallies[lrn][0] / tallies[lrn][1] for lrn in learners}
    ranked = sorted(learners, key=lambda lrn: -share[lrn])
    g = group_size(len(learners), thresholds.group_fraction)
    upper, lower = frozenset(ranked[:g]), frozenset(ranked[len(ranked) - g :] if g else ())
    correct = [lrn for lrn in learners if answers[lrn].correct]
    d = None
    if upper:
        d = (sum(lrn in upper for lrn in correct) - sum(lrn in lower for lrn in correct)) / g
    pairs = [
        (
            float(answers[lrn].correct),
            (tallies[lrn][0] - answers[lrn].correct) / (tallies[lrn][1] - 1),
        )
        for lrn in learners
        if tallies[lrn][1] > 1
    ]
    r_pb = _pearson([x for x, _ in pairs], [y for _, y in pairs])
    data = _item_data(item_id, {lrn: answers[lrn] for lrn in learners})
    scores = Scores(tuple(learners), {}, 0, 0, upper, lower)
    return item_row(POOLED, data, scores, thresholds, correct, d, r_pb)


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    mean = math.fsum(values) / len(values)
    return mean, math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def _shared_blocks(files: Sequence[ResultsFile], thresholds: Thresholds) -> list[BlockAnalysis]:
    """KR-20 of every block id that at least 2 learners took, items scored 0 when omitted."""
    takers: dict[str, dict[str, dict[str, bool]]] = {}
    for index, results in enumerate(files):
        for block in results.blocks:
            scored = {item.item_id: item.correct for item in block.items}
            takers.setdefault(block.id, {})[_learner(index)] = scored
    summaries = []
    for block_id, learners in takers.items():
        if len(learners) < 2:
            continue
        items = sorted({item for scored in learners.values() for item in scored})
        totals = [sum(scored.values()) for scored in learners.values()]
        counts = [sum(scored.get(item, False) for scored in learners.values()) for item in items]
        mean, sd = _mean_sd(totals)
        notes = [f"shared by {len(learners)} learners: reliability only, items are pooled above"]
        if len(learners) < thresholds.few_learners:
            notes.append(f"only {plural(len(learners), 'learner')}: KR-20 is unstable")
        summaries.append(
            BlockAnalysis(
                block_id,
                len(learners),
                len(items),
                mean,
                sd,
                kr20(counts, totals),
                (),
                tuple(notes),
            )
        )
    return summaries


def analyse_class(
    files: Sequence[ResultsFile], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> ItemAnalysis:
    """Pooled item statistics over every learner's results file (see the module docstring)."""
    attempts = _first_attempts(files)
    if not attempts:
        return ItemAnalysis(blocks=(), thresholds=thresholds)
    tallies: dict[str, list[int]] = {}
    for answers in attempts.values():
        for learner, item in answers.items():
            tally = tallies.setdefault(learner, [0, 0])
            tally[0] += item.correct
            tally[1] += 1
    frozen = {learner: (c, n) for learner, (c, n) in tallies.items()}
    items = tuple(
        _pooled_item(item_id, answers, frozen, thresholds) for item_id, answers in attempts.items()
    )
    mean, sd = _mean_sd([100 * c / n for c, n in frozen.values()])
    notes = [
        "scores are percent correct over the items each learner was given; each item's N is "
        "the learners given it (first attempt); KR-20 only for shared blocks below"
    ]
    if len(frozen) < thresholds.few_learners:
        notes.append(f"only {plural(len(frozen), 'learner')}: item statistics are unstable")
    pooled = BlockAnalysis(POOLED, len(frozen), len(items), mean, sd, None, items, tuple(notes))
    return ItemAnalysis(blocks=(pooled, *_shared_blocks(files, thresholds)), thresholds=thresholds)

"""Item analysis: exact values by hand, a simulated class under a 2PL model, and properties."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.quiz.item_analysis import (
    Response,
    Thresholds,
    analyse,
    group_size,
    kr20,
    pearson_from_sums,
)

OPTIONS = ("A", "B", "C", "D")


def _responses(block: str, answers: dict[str, dict[str, str | None]], key: str = "A"):
    """Responses from {learner: {item: chosen}}; every item keyed `key`, options A-D."""
    return [
        Response(learner, block, item, chosen, key, topic="t", seconds=10.0, options=OPTIONS)
        for learner, row in answers.items()
        for item, chosen in row.items()
    ]


# Tiny example: 3 learners x 4 items, every key "A" (1 = right, 0 = wrong or omitted).
#
#          I1  I2  I3  I4   total
#   L1      1   1   1   0     3     (chose D on I4)
#   L2      1   0   0   1     2     (chose B on I2, C on I3)
#   L3      0   0   0   1     1     (chose B on I1, omitted I2, chose C on I3)
#
# p:  I1 = 2/3, I2 = 1/3, I3 = 1/3, I4 = 2/3.
# Groups: 27% of 3 = 0.81, rounded to 1 learner each: upper = {L1}, lower = {L3}.
# D = p_U - p_L:  I1 = 1 - 0 = 1,  I2 = 1 - 0 = 1,  I3 = 1 - 0 = 1,  I4 = 0 - 1 = -1.
# r_pb (item vs rest = total - item, population moments):
#   I1: x = (1,1,0), rest = (2,1,1); mean x = 2/3, mean rest = 4/3,
#       cov = (2+1+0)/3 - 8/9 = 1/9, var x = 2/9, var rest = 6/3 - 16/9 = 2/9  -> r = 1/2.
#   I2: x = (1,0,0), rest = (2,2,1); cov = 2/3 - 5/9 = 1/9, var x = 2/9,
#       var rest = 9/3 - 25/9 = 2/9                                           -> r = 1/2.
#   I3: same scores as I2                                                     -> r = 1/2.
#   I4: x = (0,1,1), rest = (3,1,0); cov = 1/3 - 8/9 = -5/9, var x = 2/9,
#       var rest = 10/3 - 16/9 = 14/9 -> r = (-5/9) / (sqrt(28)/9) = -5/sqrt(28) ~ -0.945.
# KR-20: totals (3,2,1), mean 2, population variance 2/3; sum pq = 4 * (2/3)(1/3) = 8/9;
#   KR-20 = 4/3 * (1 - (8/9) / (2/3)) = 4/3 * (1 - 4/3) = -4/9 (the miskeyed-looking I4 costs it).
TINY = {
    "L1": {"I1": "A", "I2": "A", "I3": "A", "I4": "D"},
    "L2": {"I1": "A", "I2": "B", "I3": "C", "I4": "A"},
    "L3": {"I1": "B", "I2": None, "I3": "C", "I4": "A"},
}


@pytest.fixture
def tiny():
    analysis = analyse(_responses("quiz-1", TINY))
    return analysis.blocks[0], {item.item_id: item for item in analysis.items}


def test_tiny_difficulty(tiny):
    _, items = tiny
    assert [items[i].p for i in ("I1", "I2", "I3", "I4")] == pytest.approx(
        [2 / 3, 1 / 3, 1 / 3, 2 / 3]
    )


def test_tiny_discrimination(tiny):
    _, items = tiny
    assert [items[i].d for i in ("I1", "I2", "I3", "I4")] == pytest.approx([1, 1, 1, -1])


def test_tiny_point_biserial(tiny):
    _, items = tiny
    assert [items[i].r_pb for i in ("I1", "I2", "I3", "I4")] == pytest.approx(
        [0.5, 0.5, 0.5, -5 / math.sqrt(28)]
    )


def test_tiny_kr20_and_block(tiny):
    block, _ = tiny
    assert block.kr20 == pytest.approx(-4 / 9)
    assert (block.n_learners, block.n_items) == (3, 4)
    assert block.mean_score == pytest.approx(2)
    assert block.sd_score == pytest.approx(math.sqrt(2 / 3))


def test_tiny_distractors(tiny):
    _, items = tiny
    i2 = {o.label: o for o in items["I2"].options}
    # I2: L1 chose A, L2 chose B, L3 omitted; nobody chose C or D.
    assert [o.label for o in items["I2"].options] == ["A", "B", "C", "D", None]
    assert (i2["A"].share, i2["B"].share, i2[None].share) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert (i2["A"].share_upper, i2["A"].share_lower) == (1.0, 0.0)
    assert i2[None].share_lower == 1.0
    assert items["I2"].non_functional_distractors == ("C", "D")
    assert items["I2"].answered == 2
    assert i2["A"].is_key and not i2["B"].is_key


def test_tiny_flags(tiny):
    _, items = tiny
    assert [f.code for f in items["I4"].flags] == ["low_r_pb", "negative_d"]
    assert items["I1"].flags == ()
    assert items["I2"].flags == ()  # p = 0.333 is not below 0.30
    assert "check the key" in items["I4"].flags[1].reason


def test_extreme_items_are_flagged_and_zero_variance_gives_none():
    answers = {f"L{i}": {"easy": "A", "hard": "B", "mid": "A" if i % 2 else "C"} for i in range(10)}
    items = {item.item_id: item for item in analyse(_responses("b", answers)).items}
    assert items["easy"].p == 1.0 and items["easy"].r_pb is None
    assert [f.code for f in items["easy"].flags] == ["too_easy"]
    assert items["hard"].p == 0.0 and items["hard"].r_pb is None
    assert [f.code for f in items["hard"].flags] == ["too_hard"]


def test_slightly_negative_d_is_flagged():
    # Learner Lj answers j of 9 anchor items right; only L0 answers the target right.
    # Groups of round(0.27 * 10) = 3: upper {L9, L8, L7} (all wrong on the target), lower
    # {L2, L0, L1} (totals 2, 1, 1; L0 right) -> D = (0 - 1) / 3 = -1/3.
    answers = {
        f"L{j}": {**{f"anchor{k}": "A" if k < j else "B" for k in range(9)}, "target": "B"}
        for j in range(10)
    }
    answers["L0"]["target"] = "A"
    items = {item.item_id: item for item in analyse(_responses("b", answers)).items}
    assert items["target"].d == pytest.approx(-1 / 3)
    assert "negative_d" in {f.code for f in items["target"].flags}
    assert "negative_d" not in {f.code for f in items["anchor4"].flags}


def test_non_functional_means_chosen_by_fewer_than_5_percent():
    # 100 learners: B chosen by 4 (4%: non-functional), C by 5 (5%: functional), D by none.
    choices = ["B"] * 4 + ["C"] * 5 + ["A"] * 91
    responses = [
        Response(f"L{j:03d}", "b", "I1", chosen, "A", options=OPTIONS)
        for j, chosen in enumerate(choices)
    ]
    item = analyse(responses).items[0]
    assert item.non_functional_distractors == ("B", "D")
    assert not next(o for o in item.options if o.label == "A").non_functional  # never the key


def test_single_learner_does_not_crash():
    block = analyse(_responses("b", {"only": {"I1": "A", "I2": "B"}})).blocks[0]
    assert block.kr20 is None
    assert all(item.d is None and item.r_pb is None for item in block.items)
    assert any("unstable" in note for note in block.notes)


def test_missing_answer_counts_as_wrong():
    responses = _responses("b", {"L1": {"I1": "A", "I2": "A"}, "L2": {"I1": "A"}})
    items = {item.item_id: item for item in analyse(responses).items}
    assert items["I2"].n == 2 and items["I2"].p == 0.5
    assert items["I2"].answered == 1


def test_blocks_are_analysed_separately():
    responses = _responses("b1", {"L1": {"I1": "A"}, "L2": {"I1": "B"}}) + _responses(
        "b2", {"L1": {"I1": "A"}, "L3": {"I1": "A"}, "L4": {"I1": "A"}}
    )
    blocks = analyse(responses).blocks
    assert [(b.block, b.n_learners, b.items[0].p) for b in blocks] == [("b1", 2, 0.5), ("b2", 3, 1)]


def test_conflicting_keys_and_double_answers_are_errors():
    base = Response("L1", "b", "I1", "A", "A")
    with pytest.raises(ValueError, match="inconsistent keys"):
        analyse([base, Response("L2", "b", "I1", "A", "B")])
    with pytest.raises(ValueError, match="answered twice"):
        analyse([base, base])


def test_group_size_rounds_half_up_and_keeps_groups_disjoint():
    assert [group_size(n) for n in (0, 1, 2, 3, 10, 100, 500)] == [0, 0, 1, 1, 3, 27, 135]


def test_kr20_and_pearson_helpers_against_statistics_module():
    import statistics

    xs, ys = [1, 0, 1, 1, 0, 1], [5, 2, 4, 3, 1, 6]
    sums = (len(xs), sum(xs), sum(ys), sum(x * y for x, y in zip(xs, ys, strict=True)))
    r = pearson_from_sums(*sums, sum(x * x for x in xs), sum(y * y for y in ys))
    assert r == pytest.approx(statistics.correlation(xs, ys))
    assert pearson_from_sums(3, 3, 6, 6, 3, 14) is None  # constant x
    assert kr20([2, 2], [2, 2, 0]) == pytest.approx(2 * (1 - (2 * 2 / 9) / (8 / 9)))


# --- a simulated class under a two-parameter logistic model --------------------------------


def spearman(xs, ys):
    """Spearman rank correlation: Pearson r of average ranks (ties share their mean rank)."""
    import statistics

    def ranks(values):
        order = sorted(range(len(values)), key=values.__getitem__)
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2
            i = j + 1
        return result

    return statistics.correlation(ranks(xs), ranks(ys))


def test_spearman_helper():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1)
    assert spearman([1, 1, 2], [1, 1, 2]) == pytest.approx(1)


def simulate_class(seed: int, n_learners=200, n_items=40, with_true_correlation=False):
    """Responses of learners with abilities theta ~ N(0, 1) under P = 1 / (1 + exp(-a(theta - b))).

    Items: b evenly spread over [-2, 2]; a cycles through 0.6..2.4, and every fifth item has
    a = 0 (answers unrelated to ability). A wrong answer picks one of three distractors.
    Returns the responses, the item parameters {id: (a, b)} and, per item, the expected p for
    these learners (or their true correlation with ability when `with_true_correlation`).
    """
    rng = random.Random(seed)
    thetas = [rng.gauss(0, 1) for _ in range(n_learners)]
    items = []
    for i in range(n_items):
        b = -2 + 4 * i / (n_items - 1)
        a = 0.0 if i % 5 == 4 else 0.6 + 0.6 * (i % 4)
        items.append((f"item{i:02d}", a, b))
    order = list(range(n_items))
    rng.shuffle(order)  # so that item order tells nothing
    responses, expected_p, true_corr = [], {}, {}
    for item_id, a, b in (items[i] for i in order):
        probs = [1 / (1 + math.exp(-a * (theta - b))) for theta in thetas]
        expected_p[item_id] = sum(probs) / n_learners
        true_corr[item_id] = _ability_correlation(probs, thetas)
        for j, prob in enumerate(probs):
            chosen = "A" if rng.random() < prob else rng.choice("BCD")
            responses.append(Response(f"s{j:03d}", "sim", item_id, chosen, "A", options=("ABCD")))
    params = {item_id: (a, b) for item_id, a, b in items}
    return responses, params, true_corr if with_true_correlation else expected_p


def _ability_correlation(probs, thetas):
    """Correlation of a Bernoulli(P(theta)) item score with theta, from the known P and theta:
    cov = mean(P * theta) - mean(P) * mean(theta), var(score) = mean(P) * (1 - mean(P))."""
    n = len(thetas)
    mean_p, mean_t = sum(probs) / n, sum(thetas) / n
    cov = sum(p * t for p, t in zip(probs, thetas, strict=True)) / n - mean_p * mean_t
    sd_t = math.sqrt(sum((t - mean_t) ** 2 for t in thetas) / n)
    return cov / (math.sqrt(mean_p * (1 - mean_p)) * sd_t)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_simulated_class_difficulty_ranks_items(seed):
    """p ranks all 40 items like their expected p under the model (for these abilities), and
    the discriminating items (a > 0) like their known difficulty b, reversed."""
    responses, params, expected_p = simulate_class(seed)
    items = analyse(responses).items
    p = [item.p for item in items]
    assert spearman(p, [expected_p[item.item_id] for item in items]) > 0.8
    discriminating = [item for item in items if params[item.item_id][0] > 0]
    assert (
        spearman([i.p for i in discriminating], [-params[i.item_id][1] for i in discriminating])
        > 0.8
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_simulated_class_point_biserial_ranks_discrimination(seed):
    """r_pb ranks all 40 items (1) like their known a, the a = 0 items sharing the lowest rank,
    and (2) like each item's true correlation with ability under the model, which is what a
    and b together imply for these learners (an extreme b lowers it even for a large a)."""
    responses, params, true_corr = simulate_class(seed, with_true_correlation=True)
    items = analyse(responses).items
    r_pb = [i.r_pb for i in items]
    assert spearman(r_pb, [params[i.item_id][0] for i in items]) > 0.8
    assert spearman(r_pb, [true_corr[i.item_id] for i in items]) > 0.8


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_simulated_class_flags_every_non_discriminating_item(seed):
    responses, params, _ = simulate_class(seed)
    analysis = analyse(responses)
    for item in analysis.items:
        if params[item.item_id][0] == 0:
            assert "low_r_pb" in {f.code for f in item.flags}, item
    assert analysis.blocks[0].kr20 > 0.7  # 32 discriminating items make a reliable block


# --- properties ----------------------------------------------------------------------------

LABELS = ("A", "B", "C", "D", "E")


@st.composite
def response_sets(draw):
    n_learners = draw(st.integers(1, 25))
    n_items = draw(st.integers(1, 8))
    n_blocks = draw(st.integers(1, 3))
    responses = []
    for i in range(n_items):
        n_options = draw(st.integers(2, 5))
        options = LABELS[:n_options]
        key = draw(st.sampled_from(options))
        block = f"b{i % n_blocks}"
        for j in range(n_learners):
            if draw(st.booleans()) and draw(st.booleans()):
                continue  # some learners have no record of this item at all
            chosen = draw(st.one_of(st.none(), st.sampled_from(options)))
            responses.append(Response(f"L{j}", block, f"I{i}", chosen, key, options=options))
    return responses


@settings(max_examples=200, deadline=None)
@given(response_sets())
def test_statistics_stay_in_range(responses):
    analysis = analyse(responses)
    for block in analysis.blocks:
        assert block.kr20 is None or block.kr20 <= 1 + 1e-9
        for item in block.items:
            assert 0 <= item.p <= 1
            assert item.d is None or -1 <= item.d <= 1
            assert item.r_pb is None or -1 <= item.r_pb <= 1
            assert math.fsum(o.share for o in item.options) == pytest.approx(1)
            for attr in ("share_upper", "share_lower"):
                shares = [getattr(o, attr) for o in item.options]
                if block.n_learners >= 2:
                    assert math.fsum(shares) == pytest.approx(1)
            assert sum(o.count for o in item.options) == item.n == block.n_learners


@settings(max_examples=100, deadline=None)
@given(response_sets(), st.floats(0.0, 1.0))
def test_thresholds_only_change_flags(responses, p_low):
    default = analyse(responses)
    custom = analyse(responses, Thresholds(p_low=p_low))
    for a, b in zip(default.items, custom.items, strict=True):
        assert (a.p, a.d, a.r_pb) == (b.p, b.d, b.r_pb)
        assert ("too_hard" in {f.code for f in b.flags}) == (b.p < p_low)

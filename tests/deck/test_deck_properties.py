"""Whatever bytes an author saves, loading yields a deck or located problems, never a crash."""

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.deck.errors import Problem
from quizapp.deck.loader import LoadResult, check_deck
from quizapp.deck.yaml_source import _resolve
from tests.support.paths import MINI_DECK

MINI_TEXT = MINI_DECK.read_text(encoding="utf-8")
MINI_DATA = yaml.safe_load(MINI_TEXT)
YAML_CHARS = st.sampled_from(list(" \n-:{}[],'\"&*!#|>%@`?\t") + list("abcxyz019"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_text(data: bytes) -> tuple[LoadResult, Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.yaml"
        path.write_bytes(data)
        return check_deck(path), path


def assert_well_formed(result: LoadResult, path: Path) -> None:
    assert (result.deck is None) == any(p.severity == "error" for p in result.problems)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.loc.path.endswith(path.name)
        assert problem.loc.line >= 1 and problem.loc.col >= 1
        assert problem.message


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(data):
    result, path = load_text(data)
    assert_well_formed(result, path)
    assert result.deck is None


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(MINI_TEXT)), st.integers(0, 8), st.text(YAML_CHARS, max_size=6)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_deck_text(edits):
    text = MINI_TEXT
    for position, cut, insert in edits:
        text = text[:position] + insert + text[position + cut :]
    result, path = load_text(text.encode())
    assert_well_formed(result, path)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(st.data())
def test_structurally_mutated_deck(data):
    deck = yaml.safe_load(MINI_TEXT)
    section = data.draw(st.sampled_from(sorted(deck)))
    value = deck[section]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        item = data.draw(st.sampled_from(value))
        key = data.draw(st.sampled_from(sorted(item) + ["extra"]))
        item[key] = data.draw(JSONISH)
    else:
        deck[section] = data.draw(JSONISH)
    result, path = load_text(yaml.safe_dump(deck).encode())
    assert_well_formed(result, path)


def test_unmutated_deck_is_valid():
    result, path = load_text(MINI_TEXT.encode())
    assert result.deck is not None
    assert_well_formed(result, path)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12))
def test_fast_scalar_resolution_agrees_with_pyyaml(value):
    event = yaml.ScalarEvent(None, None, (True, False), value)
    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    assert _resolve(event) == expected

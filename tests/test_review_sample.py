"""scripts/review_sample.py, the clinician reviewer's sampler (clinician round 9: it sampled
one deck alone, so the cross-deck cards were never read; no mnemonics; hand-written items
only by chance). Run on the real bundled decks folder."""

import importlib.util
import re
import subprocess
import sys

import pytest

from quizapp.generate import generate_deck
from tests.support.paths import DECKS, REPO

SCRIPT = REPO / "scripts" / "review_sample.py"


def _script():
    spec = importlib.util.spec_from_file_location("review_sample", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def review():
    return _script()


@pytest.fixture(scope="module")
def together(review):
    decks, problems = review.load([DECKS])
    assert problems == []
    return decks


@pytest.fixture(scope="module")
def text(review, together):
    return review.sample(together, per_kind=1, seeds=[11, 12])


def _sections(text: str) -> dict[str, str]:
    """Each deck's part of the sample, by deck id."""
    parts = re.split(r"^# .*\(`([a-z0-9-]+)`\)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_deck_under_the_folder_is_sampled_with_every_kind(together, text):
    sections = _sections(text)
    assert sorted(sections) == sorted(deck.id for deck in together) == ["iim", "metabolic"]
    for deck in together:
        assert deck.title in text.splitlines()[0]
        for kind in ("vignette", "mcq", "cloze", "comparison", "basic", "reverse", "mnemonic"):
            assert re.search(rf"^## {kind} \(1 of \d+ distinct", sections[deck.id], re.M), kind
        assert f"`{deck.id}:mnemonic:" in sections[deck.id]


def test_every_hand_written_item_and_cross_deck_card_is_always_read(together, text):
    sections = _sections(text)
    for deck in together:
        cards = generate_deck(deck, seed=11).cards
        hand = [c.id for c in cards if c.id.startswith(f"{deck.id}:card:")]
        assert hand, deck.id
        always = sections[deck.id].split("\n## vignette")[0]
        for card_id in hand:
            assert f"(hand-written): `{card_id}@11`" in always
    # the metabolic deck's MERRF biopsy card names the myositis deck's ragged-red fibres
    assert "(uses another deck's entity): `metabolic:basic:merrf:biopsy_shows@11`" in text
    # clinician round 10: the myositis deck's fibre lists change with the metabolic deck
    for card_id in ("iim:reverse:ragged-red-fibres", "iim:reverse:cox-negative-fibres"):
        assert f"(on an entity another deck shares): `{card_id}:biopsy_shows@11`" in text


def test_a_deck_alone_names_the_references_it_cannot_resolve(tmp_path):
    out = tmp_path / "sample.md"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(DECKS / "metabolic"), "--per-kind", "1",
         "--seeds", "5", "-o", str(out)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "warning: 'iim:zidovudine-myopathy' names deck 'iim', which is not loaded" in run.stderr
    assert out.read_text(encoding="utf-8").startswith(
        "# Review sample of Metabolic and mitochondrial myopathies\n"
    )
    assert "(seeds [5])" in run.stdout

"""Hand-written items (format 2) leave in every export as the generated MCQs and vignettes
do: each option with its rationale as explanation (CSV, LMS feedback), its proof cited."""

import csv

from tests.export.helpers import run
from tests.support.decks import hand_deck

RATIONALE = "Beta disease needs the beta sign, which she lacks."


def test_csv_gives_each_option_its_rationale_and_its_place(tmp_path):
    out = tmp_path / "hand.csv"
    result = run("export", "csv", hand_deck(tmp_path), "-o", out, "--kind", "vignette")
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    row = rows["hand:card:alpha-case"]
    assert row["kind"] == "vignette" and row["key"] == "A" and row["seed"] == ""
    assert row["option_B"] == "Beta disease"
    assert row["option_B_explanation"] == f"Incorrect. {RATIONALE}"
    assert row["option_B_proof"] == f"rationale: {RATIONALE} (deck.yaml:47:20)"


def test_lms_gift_gives_each_option_its_rationale_as_feedback(tmp_path):
    out = tmp_path / "hand.gift"
    result = run("export", "lms", hand_deck(tmp_path), "-o", out, "--format", "gift")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert r"::hand\:card\:alpha-case" in text and r"::hand\:card\:alpha-sign" in text
    assert f"~Beta disease#Incorrect. {RATIONALE}" in text

"""`quizapp new`: a starter deck that validates, lints clean, generates every kind of card
(a diagnosis vignette among them), and is never written over anything."""

import re
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.deck.loader import check_deck
from quizapp.generate import generate_deck, lint_deck
from quizapp.kinds import KINDS


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_new_writes_a_deck_that_validates_lints_clean_and_makes_every_card_kind(tmp_path):
    folder = tmp_path / "My Thyroid deck"
    result = run("new", str(folder))
    assert result.exit_code == 0, result.output
    assert f"{folder / 'deck.yaml'}" in result.stdout
    checked = check_deck(folder / "deck.yaml")
    assert checked.problems == [] and checked.deck is not None
    deck = checked.deck
    assert deck.id == "my-thyroid-deck" and deck.title == "My Thyroid deck"
    findings = lint_deck(deck, seeds=20)
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    cards = generate_deck(deck).cards
    assert {c.kind for c in cards} == set(KINDS)
    diagnoses = [c for c in cards if c.kind == "vignette" and c.id.endswith(":diagnosis")]
    assert diagnoses and all(len(c.options) == 5 for c in diagnoses)


def test_the_starter_points_editors_at_the_installed_schema(tmp_path):
    folder = tmp_path / "deck"
    assert run("new", str(folder)).exit_code == 0
    for path in folder.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = re.fullmatch(r"# yaml-language-server: \$schema=(.+)", first)
        assert schema, (path, first)
        assert Path(schema.group(1)).is_absolute()
        assert Path(schema.group(1)).read_text(encoding="utf-8").lstrip().startswith("{")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run("new", str(folder))
    assert result.exit_code == 1
    assert f"{folder} is not empty" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_new_fills_an_empty_folder_but_never_makes_missing_parents_or_replaces_a_file(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("new", str(empty)).exit_code == 0
    assert (empty / "deck.yaml").is_file()
    missing = run("new", str(tmp_path / "no" / "such" / "deck"))
    assert missing.exit_code == 1 and "does not exist; create it first" in missing.stderr
    assert not (tmp_path / "no").exists()
    afile = tmp_path / "deck.yaml"
    afile.write_text("format: 1\n")
    refused = run("new", str(afile))
    assert refused.exit_code == 1 and "is not a folder" in refused.stderr
    assert afile.read_text() == "format: 1\n"


def test_a_folder_name_that_is_no_id_still_gives_a_valid_deck(tmp_path):
    folder = tmp_path / "__ Ünïcode: deck #1 __"
    assert run("new", str(folder)).exit_code == 0
    deck = check_deck(folder / "deck.yaml").deck
    assert deck is not None and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", deck.id)
    assert deck.title == "Ünïcode: deck #1"


def test_a_scan_is_stated_and_cited_as_a_study_not_a_laboratory_study(tmp_path):
    """The starter's thyroiditis cases show a radioiodine scan (class imaging): neither the
    stem nor an explanation may call it a laboratory study; a stem with only imaging
    results opens them with "Studies show"."""
    from quizapp.generate.vignettes.vignette import render_vignette

    run("new", str(tmp_path / "thyroid"))
    deck = check_deck(tmp_path / "thyroid" / "deck.yaml").deck
    assert deck is not None
    texts = []
    for seed in range(10):
        card = render_vignette(deck, f"{deck.id}:vignette:bp-subacute-thyroiditis:diagnosis", seed)
        texts += [card.prompt, *(o.explanation for o in card.options)]
    scan = [t for t in texts if "radioiodine scan" in t]
    assert scan and not any("laboratory studies" in t.lower() for t in scan), scan
    assert any("is unlikely because studies show almost no uptake" in t for t in texts)

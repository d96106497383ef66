"""`quizapp lint` and `quizapp cards` through click's runner, on real deck files."""

import json
import re
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.kinds import KINDS
from tests.generate.helpers import twins_losing_gamma

DATA = Path(__file__).parent / "data"
IIM = Path(__file__).parents[2] / "decks" / "iim" / "deck.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_lint_clean_deck_exits_zero_with_summary():
    result = run("lint", str(DATA / "small.yaml"))
    assert result.exit_code == 0, result.output
    assert "1 deck linted: 0 errors" in result.stderr


def test_lint_warns_of_a_blueprint_that_lost_its_vignette_under_its_own_heading(tmp_path):
    """A stem that rules out too few other conditions: no item (so nothing false is
    taught), and a warning of its own, first after the errors, saying where and which
    evidence would bring the item back."""
    deck = twins_losing_gamma(tmp_path)
    result = run("lint", str(deck))
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[0] == "Blueprints without a diagnosis vignette, and the facts it lacks (1):"
    path, row, col, rest = out[1].strip().split(":", 3)
    assert path.endswith("twins.yaml") and int(row) > 1 and int(col) >= 1
    assert rest.startswith(" warning: no-diagnosis-vignette: blueprint 'bp-gamma', lead-in")
    assert "only 2 options are proven wrong" in rest and "`absent`" in rest
    assert "'bp-gamma'" not in "\n".join(out[2:])  # said once, not again among the notes
    assert "linted: 0 errors," in result.stderr


def test_lint_exits_one_when_a_blueprint_contradicts_its_condition(tmp_path):
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    # bp-beta states the absence of beta's own necessary sign (and nothing of its presence)
    bad.write_text(
        text.replace(
            "findings: {required: [sign-beta], optional: [], negative: [sign-alpha,",
            "findings: {required: [fatigue], optional: [], negative: [sign-beta, sign-alpha,",
            1,
        )
    )
    result = run("lint", str(bad))
    assert result.exit_code == 1
    assert "error: provable-key: blueprint 'bp-beta'" in result.stdout


def test_invalid_deck_gets_validate_messages(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ndeck: {id: bad}\n")
    for command, stream in (("lint", "stdout"), ("cards", "stderr")):
        result = run(command, str(bad))
        assert result.exit_code == 1
        shown = getattr(result, stream)
        assert f"{bad}:2:" in shown and "error" in shown


def test_cards_json_lists_card_objects_filtered_by_kind_and_topic():
    result = run("cards", str(DATA / "small.yaml"), "--format", "json", "--kind", "vignette")
    cards = json.loads(result.stdout)
    assert cards and {c["kind"] for c in cards} == {"vignette"}
    assert {"id", "deck", "topic", "prompt", "answer", "options", "sources", "tests"} <= set(
        cards[0]
    )
    assert {"label", "text", "correct", "explanation"} <= set(cards[0]["options"][0])
    topical = json.loads(
        run("cards", str(DATA / "small.yaml"), "--format", "json", "--topic", "tx").stdout
    )
    assert topical and {c["topic"] for c in topical} == {"tx"}


def test_cards_seed_changes_vignettes_only_as_asked():
    args = ("cards", str(DATA / "small.yaml"), "--format", "json", "--kind", "vignette")
    assert run(*args, "--seed", "1").stdout == run(*args, "--seed", "1").stdout
    assert run(*args, "--seed", "1").stdout != run(*args, "--seed", "2").stdout


def test_cards_text_prints_deck_strings_as_written():
    result = run("cards", str(DATA / "small.yaml"), "--kind", "cloze")
    assert result.exit_code == 0
    assert "Alpha disease is [...] for tests." in result.stdout


def test_cards_on_decks_folder_lists_every_kind_and_every_blueprint(iim):
    result = run("cards", str(IIM.parents[1]), "--format", "json")
    assert result.exit_code == 0
    cards = json.loads(result.stdout)
    assert {c["kind"] for c in cards} == set(KINDS)
    for card in cards:
        for option in card["options"]:
            assert option["proof"], (card["id"], option["text"])
            for proof in option["proof"]:
                assert re.search(r"decks/(iim|metabolic)/\w+\.yaml:\d+:\d+$", proof["loc"]), proof
    diagnosed = {
        c["tests"][0] for c in cards if c["kind"] == "vignette" and c["id"].endswith(":diagnosis")
    }
    assert len(diagnosed) >= 8 + 9  # IIM and metabolic; the rest are lint notes: see test_lint
    assert {c["deck"] for c in cards} == {"iim", "metabolic"}


def test_cards_takes_kind_and_topic_more_than_once_like_export():
    args = ("cards", str(DATA / "small.yaml"), "--format", "json")
    both = json.loads(run(*args, "--kind", "mcq", "--kind", "cloze").stdout)
    assert {c["kind"] for c in both} == {"mcq", "cloze"}
    topics = json.loads(run(*args, "--topic", "dx", "--topic", "tx").stdout)
    assert {c["topic"] for c in topics} == {"dx", "tx"}


def test_cards_with_an_unknown_topic_is_an_error_naming_the_known_ones():
    result = run("cards", str(DATA / "small.yaml"), "--topic", "dxx")
    assert result.exit_code == 1 and result.stdout == ""
    assert (
        "--topic: no topic 'dxx' in these decks (topics: Diagnosis (dx); Treatment (tx))"
        in result.stderr
    )


def test_a_path_without_decks_is_an_error_for_every_deck_command(tmp_path):
    (tmp_path / "notes.txt").write_text("not a deck")
    for command in ("cards", "lint", "validate"):
        result = run(command, str(tmp_path))
        assert result.exit_code == 1, (command, result.output)
        assert f"{tmp_path}:1:1: error: no deck here" in result.output, command

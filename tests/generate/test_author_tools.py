"""Authoring tools: lint grouped by what to do next, `cards` on QUIZAPP_DECKS and `--watch`,
and `explain` (what each blueprint's stem rules out and what would rule out the rest)."""

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.generate.vignettes.explain import explain_deck
from tests.generate.helpers import DATA, twins_losing_gamma

REPO = Path(__file__).parents[2]


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_lint_groups_output_by_what_to_do_next(tmp_path):
    deck = twins_losing_gamma(tmp_path)
    result = run("lint", "--seeds", "2", str(deck))
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    notes = out.index(next(x for x in out if x.startswith("Items not generated")))
    warnings = out.index(next(x for x in out if x.startswith("Warnings to review")))
    assert notes < warnings and not any(x.startswith("Errors to fix") for x in out)
    assert all(": note: " in x for x in out[notes + 1 : warnings] if x.strip())
    assert all(": warning: " in x for x in out[warnings + 1 :] if x.strip())
    count = int(out[notes].rsplit("(", 1)[1].rstrip("):"))
    assert count == sum(": note: " in x for x in out) > 0


def test_lint_puts_deck_errors_first(tmp_path):
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("condition: alpha", "condition: alpah", 1), encoding="utf-8")
    result = run("lint", str(bad))
    assert result.exit_code == 1
    first, second = result.stdout.splitlines()[:2]
    assert first == "Errors to fix (1):"
    assert second.startswith(f"  {bad}:") and "unknown entity 'alpah'" in second


def test_cards_reads_the_decks_folder_from_quizapp_decks(tmp_path):
    deck = twins_losing_gamma(tmp_path)
    result = run("cards", "--kind", "cloze", env={"QUIZAPP_DECKS": str(deck.parent)})
    assert result.exit_code == 0, result.output
    assert "[cloze] twins:" in result.stdout
    bundled = run("cards", "--kind", "cloze", env={"QUIZAPP_DECKS": None})
    assert "[cloze] iim:" in bundled.stdout and "twins:" not in bundled.stdout


def _read_until(process: subprocess.Popen, stream, text: str, timeout: float = 60) -> str:
    """Lines read from `stream` until one contains `text` (the process's own pace)."""
    seen: list[str] = []
    found = threading.Event()

    def reader():
        for line in stream:
            seen.append(line)
            if text in line:
                found.set()
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    assert found.wait(timeout), "".join(seen)
    return "".join(seen)


def test_cards_watch_renders_again_on_save_and_stops_cleanly_on_ctrl_c(tmp_path):
    deck = tmp_path / "small.yaml"
    shutil.copy(DATA / "small.yaml", deck)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "cards", str(deck), "--kind", "cloze", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        _read_until(process, process.stderr, "Watching")
        text = deck.read_text(encoding="utf-8")
        assert "is {{made up}} for tests." in text
        deck.write_text(text.replace("is {{made up}} for tests.", "is {{invented}} here."))
        out = _read_until(process, process.stdout, "Alpha disease is [...] here.")
        assert "[cloze] small:" in out
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Stopped watching." in stderr and "Traceback" not in stderr


def test_cards_watch_survives_a_broken_save(tmp_path):
    """A save with an error prints the error and keeps watching; the next good save renders."""
    deck = tmp_path / "small.yaml"
    good = (DATA / "small.yaml").read_text(encoding="utf-8")
    deck.write_text(good, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "cards", str(deck), "--kind", "cloze", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        _read_until(process, process.stderr, "Watching")
        deck.write_text(good + "\tbroken: [\n", encoding="utf-8")
        _read_until(process, process.stderr, "a tab character here")
        # a different size from the broken save, so even a coarse clock's equal mtime shows it
        deck.write_text(good.replace("{{made up}}", "{{mended}}"), encoding="utf-8")
        _read_until(process, process.stdout, "Alpha disease is [...] for tests.")
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0


def test_explain_names_what_is_ruled_out_and_what_would_rule_out_the_rest(tmp_path):
    from quizapp.deck.loader import load_deck

    deck = load_deck(twins_losing_gamma(tmp_path))
    (report,) = explain_deck(deck, "bp-gamma")
    diagnosis = report.lead_ins[0]
    assert diagnosis.lead_in == "diagnosis" and not diagnosis.generated
    assert {v.entity for v in diagnosis.ruled_out} == {"alpha", "beta"}
    still = {v.entity: v.fixes for v in diagnosis.open}
    assert {"delta", "epsilon", "zeta"} <= set(still)
    # delta needs its sign to be denied, and that sign is necessary for it
    assert any("state sign-delta in this blueprint's `negative`" in f for f in still["delta"])


def test_explain_command_prints_each_lead_in(tmp_path):
    deck = twins_losing_gamma(tmp_path)
    result = run("explain", str(deck), "bp-gamma")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{deck}:") and lines[0].endswith(
        "blueprint bp-gamma (Gamma disease)"
    )
    assert lines[1].startswith("  diagnosis (key gamma): NOT generated - 2 options proven wrong")
    assert "    ruled out:" in lines and "    not ruled out (never offered):" in lines
    assert any(x.startswith("      Alpha disease: Alpha disease ") for x in lines)


def test_explain_finds_a_blueprint_in_the_decks_folder_and_suggests_a_near_name(tmp_path):
    deck = twins_losing_gamma(tmp_path)
    env = {"QUIZAPP_DECKS": str(deck.parent)}
    assert run("explain", "bp-gamma", env=env).stdout.startswith(f"{deck}:")
    missing = run("explain", "bp-gama", env=env)
    assert missing.exit_code == 1
    assert (
        "no blueprint 'bp-gama'" in missing.stderr and "did you mean 'bp-gamma'?" in missing.stderr
    )


def test_explain_asks_the_author_to_check_each_suggested_fact_in_a_source(tmp_path):
    """Suggestions come from the deck's shape, not from medicine, and many are false
    ("if foodborne botulism cannot be diagnosed without dilated pupils", new-author trial):
    each one that would state a medical fact is a question, never an instruction."""
    from quizapp.deck.loader import load_deck

    trial = Path(__file__).parent / "data" / "trial-mg" / "deck.yaml"
    fixes = [
        fix
        for deck in (load_deck(twins_losing_gamma(tmp_path)), load_deck(trial))
        for report in explain_deck(deck)
        for lead_in in report.lead_ins
        for v in lead_in.open
        for fix in v.fixes
    ]
    assert len(fixes) > 20
    facts = [f for f in fixes if "absent" in f or "necessary" in f or "complete:" in f]
    # moving a finding, or "the deck holds nothing ...", states no medical fact
    facts = [f for f in facts if not f.startswith(("move ", "the deck holds nothing"))]
    assert facts and all(
        re.match(r"(Or d|D)oes a source \w+ .*\? If it does: ", f) for f in facts
    ), [f for f in facts if not f.startswith(("Does a source", "Or does a source"))][:3]
    result = run("explain", str(trial.parent), "bp-tnmg")
    assert "write a fact only if a source states it" in result.stdout

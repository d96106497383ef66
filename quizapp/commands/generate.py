"""Commands that show what a deck generates: `lint` (item-writing checks), `cards` (preview,
once or on every save) and `explain` (what each blueprint's stem rules out)."""

import json
import sys
import time
from pathlib import Path

import click

from quizapp.commands.deck import EXIT_INVALID, checked_decks, emit_problems
from quizapp.commands.deck_arg import DeckArg
from quizapp.deck.errors import Problem
from quizapp.deck.files import ROOT_FILE, YAML_SUFFIXES
from quizapp.deck.model import Deck
from quizapp.deck.spec import Suggester
from quizapp.deck.topics import TOPIC_HELP
from quizapp.errors import QuizappError
from quizapp.generate import Card, lint_deck
from quizapp.generate.vignettes.explain import BlueprintReport, explain_deck
from quizapp.generate.vignettes.vignette import NO_DIAGNOSIS
from quizapp.kinds import KINDS
from quizapp.paths import Settings
from quizapp.plural import plural


def _checked(paths: list[Path]) -> tuple[list[Deck], list[Problem]]:
    """The decks that load (references to one another resolved), and every problem found
    (warnings too), printed by the caller."""
    _, decks, problems = checked_decks(paths)
    return decks, problems


def _load(paths: list[Path]) -> tuple[list[Deck], int]:
    """The decks that load, and how many errors the others had (printed like `validate`)."""
    decks, problems = _checked(paths)
    emit_problems(problems, "text")
    return decks, sum(p.severity == "error" for p in problems)


GROUPS = (
    ("error", "Errors to fix"),
    (NO_DIAGNOSIS, "Blueprints without a diagnosis vignette, and the facts it lacks"),
    ("note", "Items not generated, and the facts that would bring them back"),
    ("warning", "Warnings to review: deck meaning and item-writing style"),
)


def _group(severity: str, check: str) -> str:
    """A finding's group: its severity, or a group of its own for a lost diagnosis vignette
    (a warning, but the item the blueprint exists for)."""
    return NO_DIAGNOSIS if check == NO_DIAGNOSIS else severity


@click.command()
@click.argument("paths", nargs=-1, required=True, type=DeckArg())
@click.option("--seeds", default=50, show_default=True, help="Renderings checked per vignette.")
@click.option("--options", "n_options", default=5, show_default=True, type=click.IntRange(4, 8))
def lint(paths: tuple[Path, ...], seeds: int, n_options: int) -> None:
    """Check every generated item against the NBME item-writing checklist and its proof.

    Output is grouped by what to do next. Errors to fix: a deck error, an item that
    breaks a rule, or one whose proof does not follow from the deck. Blueprints
    without a diagnosis vignette (warnings): the stem proves too few other diagnoses
    wrong; the line names the facts it lacks (`quizapp explain` shows them in full).
    Items not generated: the deck does not prove enough options wrong, with the facts
    (`absent`, `complete`, `necessary`) that would bring each back. Warnings: what the
    deck says may be wrong, and testwise cues. Each line is `path:line:col: severity:
    check: ...`, pointing at the deck place that produced the item; the groups go to
    stdout, the summary line to stderr. Exit status: 0 no errors, 1 errors.

    \b
    Example:
      quizapp lint decks/iim
      quizapp lint decks/iim --seeds 200 --options 4
    """
    decks, problems = _checked(list(paths))
    lines: dict[str, list[str]] = {severity: [] for severity, _ in GROUPS}
    for problem in problems:
        lines[problem.severity].append(str(problem))
    for deck in decks:
        for finding in lint_deck(deck, seeds=seeds, options=n_options):
            lines.setdefault(_group(finding.severity, finding.check), []).append(str(finding))
    shown = [(title, lines[severity]) for severity, title in GROUPS if lines[severity]]
    for i, (title, group) in enumerate(shown):
        click.echo(("\n" if i else "") + f"{title} ({len(group)}):")
        for line in group:
            click.echo(f"  {line}")
    errors = len(lines["error"])
    warnings = len(lines["warning"]) + len(lines[NO_DIAGNOSIS])
    click.echo(
        f"{plural(len(decks), 'deck')} linted: {plural(errors, 'error')}, "
        f"{plural(warnings, 'warning')}, "
        f"{plural(len(lines['note']), 'item')} not generated for want of proof (notes)",
        err=True,
    )
    if errors:
        sys.exit(EXIT_INVALID)


@click.command()
@click.argument("path", required=False, type=DeckArg())
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only cards of this kind (repeat for several).",
)
@click.option("--topic", "topics", multiple=True, help=TOPIC_HELP + " Repeat for several.")
@click.option("--seed", default=0, show_default=True, help="Seed for distractors and cases.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--watch", is_flag=True, help="Render again whenever a deck file is saved.")
@click.option("--interval", default=0.5, hidden=True, help="Seconds between checks (--watch).")
@click.pass_obj
def cards(
    settings: Settings,
    path: Path | None,
    kinds: tuple[str, ...],
    topics: tuple[str, ...],
    seed: int,
    fmt: str,
    watch: bool,
    interval: float,
) -> None:
    """Preview the cards a deck (or a folder of decks) generates.

    PATH defaults to your decks folder (--decks / QUIZAPP_DECKS). With --watch the
    preview is drawn again on every save of a deck file until Ctrl-C. An unknown
    --topic, or a path without decks, is an error (exit 1), as in `quizapp export`,
    so a typo never looks like a deck without cards.

    \b
    Example:
      quizapp cards decks/iim --kind mcq --kind vignette --topic antibodies
      quizapp cards decks/mydeck --kind vignette --watch
    """
    target = path or settings.decks_dir

    def render() -> int:
        return _render_cards(target, kinds, topics, seed, fmt)

    if not watch:
        if render():
            sys.exit(EXIT_INVALID)
        return

    def render_shown() -> None:  # watching: an error is shown, and the next save renders
        try:
            render()
        except QuizappError as error:
            click.echo(f"quizapp: {error}", err=True)

    watch_files(target, render_shown, interval)


def _render_cards(
    path: Path, kinds: tuple[str, ...], topics: tuple[str, ...], seed: int, fmt: str
) -> int:
    """Print the chosen cards; the number of deck errors (nothing is printed but them).
    ExportError for a selection that cannot be made (an unknown topic)."""
    from quizapp.export import select_cards

    decks, errors = _load([path])
    if errors:
        return errors
    selection = select_cards(decks, seed=seed, kinds=kinds, topics=topics)
    for finding in selection.findings:
        click.echo(str(finding), err=True)
    if fmt == "json":
        click.echo(json.dumps([c.to_json() for c in selection.cards], indent=2, ensure_ascii=False))
    else:
        for card in selection.cards:
            click.echo(_preview(card))
    return 0


def _watched(path: Path) -> list[Path]:
    """The deck files a change in which should redraw: every YAML file of the deck folder
    (a root file's includes are beside it), or under a folder of decks."""
    folder = path if path.is_dir() else path.parent
    pattern = "**/*" if path.is_dir() and not (path / ROOT_FILE).is_file() else "*"
    return sorted(p for p in folder.glob(pattern) if p.suffix in YAML_SUFFIXES)


def _snapshot(path: Path) -> dict[Path, tuple[int, int]]:
    state: dict[Path, tuple[int, int]] = {}
    for file in _watched(path):
        try:
            info = file.stat()
        except OSError:  # removed between listing and reading: the next poll sees it gone
            continue
        state[file] = (info.st_mtime_ns, info.st_size)
    return state


def watch_files(path: Path, render, interval: float) -> None:
    """Render, then poll the deck files' times and sizes and render again on a change,
    until Ctrl-C (a clean stop, exit status 0)."""
    try:
        last = _snapshot(path)
        render()
        click.echo(f"Watching {path} for changes; Ctrl-C to stop.", err=True)
        while True:
            time.sleep(interval)
            now = _snapshot(path)
            if now == last:
                continue
            changed = sorted(str(f) for f in set(now) | set(last) if now.get(f) != last.get(f))
            last = now
            if sys.stdout.isatty():
                click.clear()
            click.echo(
                f"--- {time.strftime('%H:%M:%S')} {', '.join(changed)} changed ---", err=True
            )
            render()
    except KeyboardInterrupt:
        click.echo("\nStopped watching.", err=True)


def _preview(card: Card) -> str:
    """Plain text; deck strings are printed as written, never as markup."""
    lines = [f"[{card.kind}] {card.id}  ({card.loc})", card.prompt]
    for o in card.options:
        mark = "*" if o.correct else " "
        lines.append(f"  {mark} {o.label}. {o.text}")
        lines.append(f"       {o.explanation}")
    lines.append(f"Answer: {card.answer}")
    if card.extra:
        lines.append(card.extra)
    return "\n".join(lines) + "\n"


MAX_FIXES = 4
CHECK_FIRST = (
    "(each line is a question drawn from the deck's shape, not from medicine: many are "
    "false; write a fact only if a source states it)"
)


@click.command()
@click.argument("path", required=False)
@click.argument("blueprint", required=False)
@click.option("--options", "n_options", default=5, show_default=True, type=click.IntRange(4, 8))
@click.pass_obj
def explain(settings: Settings, path: str | None, blueprint: str | None, n_options: int) -> None:
    """Show, for each vignette blueprint and lead-in, which options its stem rules out,
    which it cannot, and which deck facts would rule those out.

    PATH defaults to your decks folder (--decks / QUIZAPP_DECKS); BLUEPRINT names one
    blueprint id (`quizapp explain bp-dm` looks for it in your decks folder).

    \b
    Example:
      quizapp explain decks/iim bp-pm
    """
    if path is not None and blueprint is None and not Path(path).exists():
        path, blueprint = None, path  # `quizapp explain bp-dm`
    target = Path(path) if path else settings.decks_dir
    if not target.exists():
        raise click.BadParameter(f"{target} does not exist", param_hint="PATH")
    decks, errors = _load([target])
    if errors:
        sys.exit(EXIT_INVALID)
    reports = [r for deck in decks for r in explain_deck(deck, blueprint, n_options)]
    if blueprint is not None and not reports:
        known = [b for deck in decks for b in deck.blueprints]
        hint = Suggester(known).hint(blueprint)
        raise QuizappError(f"no blueprint {blueprint!r} in {target}{hint}")
    for report in reports:
        click.echo(_explained(report))


def _explained(report: BlueprintReport) -> str:
    bp = report.blueprint
    lines = [f"{bp.loc}: blueprint {bp.id} ({report.condition})"]
    for li in report.lead_ins:
        if li.problem:
            lines.append(f"  {li.lead_in}: not generated - {li.problem}")
            continue
        state = "generated" if li.generated else "NOT generated"
        lines.append(
            f"  {li.lead_in} (key {li.key}): {state} - {plural(len(li.ruled_out), 'option')} "
            f"proven wrong for every case, {li.needed} needed"
        )
        if li.ruled_out:
            lines.append("    ruled out:")
            lines += [f"      {v.name}: {v.why} ({v.loc})" for v in li.ruled_out]
        if li.open:
            lines.append("    not ruled out (never offered):")
            lines.append(f"      {CHECK_FIRST}")
            for v in li.open:
                lines.append(f"      {v.name}")
                lines += [f"        - {fix}" for fix in v.fixes[:MAX_FIXES]]
                if len(v.fixes) > MAX_FIXES:
                    lines.append(
                        f"        - and {plural(len(v.fixes) - MAX_FIXES, 'more question')}"
                    )
    return "\n".join(lines) + "\n"

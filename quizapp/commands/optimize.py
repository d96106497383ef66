"""`quizapp optimize`: fit FSRS parameters to the learner's own reviews, or undo the fit."""

from datetime import UTC, datetime

import click

from quizapp.commands.config import _RESCHEDULE, _opened, _progress, _report
from quizapp.paths import Settings


@click.command()
@click.option("--undo", is_flag=True, help="Go back to the parameters in use before the last fit.")
@click.option("--dry-run", is_flag=True, help="Fit and show the scores; store nothing.")
@_RESCHEDULE
@click.pass_obj
def optimize(settings: Settings, undo: bool, dry_run: bool, reschedule: bool) -> None:
    """Fit FSRS's memory model to your own review history.

    The latest fifth of your reviews is held out: the parameters in use and parameters
    fitted on the earlier reviews both predict it, and the log loss and RMSE (lower is
    better) show which predicts your memory better. If the fit is better, parameters
    fitted on all your reviews are stored and every card's memory state is recomputed;
    `--undo` goes back. Example:

        quizapp optimize --dry-run
    """
    from quizapp.srs.optimize import apply_fit, fit_parameters, undo_fit

    with _opened(settings) as conn:
        if undo:
            with _progress() as progress:
                previous, result = undo_fit(conn, reschedule=reschedule, progress=progress)
            click.echo("parameters = " + ("default" if previous is None else _numbers(previous)))
            _report(result)
            return
        fit = fit_parameters(conn)
        click.echo(
            f"Fitted to {fit.items:,} reviews; judged on the latest {fit.held_out:,}, "
            "held out from the fit (lower is better):"
        )
        click.echo(f"  {'':<22}{'log loss':>9}{'RMSE (bins)':>13}")
        for label, score in (("parameters in use", fit.before), ("fitted", fit.after)):
            click.echo(f"  {label:<22}{score.log_loss:>9.4f}{score.rmse_bins:>13.2%}")
        if not fit.better:
            click.echo(
                "The parameters in use predict the held-out reviews at least as well; nothing changed."
            )
            return
        click.echo("parameters = " + _numbers(fit.parameters))
        if dry_run:
            click.echo("Dry run: nothing stored.")
            return
        with _progress() as progress:
            result = apply_fit(
                conn, fit, datetime.now(UTC), reschedule=reschedule, progress=progress
            )
    _report(result)
    click.echo("Stored. `quizapp optimize --undo` goes back to the previous parameters.")


def _numbers(parameters: tuple[float, ...]) -> str:
    """As `config get parameters` prints them, so the line can be pasted into `config set`."""
    return "[" + ", ".join(f"{w:g}" for w in parameters) + "]"

"""Statistics: due forecast, review heatmap, true retention, calibration, topics, quizzes.

Every number is computed in a worker on a read-only connection (the queries read the
whole review log), and charts sit beside the numbers they draw.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer, LoadingIndicator, Static

from quizapp.tui.base import QuizappScreen
from quizapp.workspace.statistics import HEATMAP_WEEKS, QuizLine, StatisticsData

if TYPE_CHECKING:
    from quizapp.srs.knowledge import Knowledge
    from quizapp.srs.stats import MemoryStats
    from quizapp.store.stats import Stats

FORECAST_DAYS = 30
TIME_CHART_DAYS = 14


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def summary_text(stats: Stats) -> Content:
    key = "bold $accent"
    return Content.assemble(
        "Due today ", (str(stats.due_today), key),
        "   Answered today ", (str(stats.reviewed_today), key),
        f" in {stats.seconds_today / 60:.0f} min",
        "   Streak ", (str(stats.streak_days), key),
        " day\n" if stats.streak_days == 1 else " days\n",
        ("Cards ", "dim"),
        f"{stats.new} new · {stats.learning} learning · {stats.young} young · "
        f"{stats.mature} mature · {stats.suspended} suspended",
    )  # fmt: skip


def forecast_numbers(stats: Stats) -> Content:
    ahead = stats.due_forecast[1:]
    busiest = max(range(len(ahead)), key=lambda i: ahead[i]) if any(ahead) else None
    lines = [
        Content.assemble("Overdue + today ", (str(stats.due_forecast[0]), "bold")),
        Content.assemble("Tomorrow        ", (str(ahead[0] if ahead else 0), "bold")),
        Content.assemble("Next 7 days     ", (str(sum(ahead[:7])), "bold")),
        Content.assemble("Next 30 days    ", (str(sum(ahead[:FORECAST_DAYS])), "bold")),
    ]
    if busiest is not None:
        when = date.fromordinal(stats.day + busiest + 1).strftime("%a %d %b")
        lines.append(Content.assemble("Busiest ", (f"{when}: {ahead[busiest]}", "bold")))
    return Content("\n").join(lines)


def heatmap_numbers(today: int, per_day: dict[int, int]) -> Content:
    days = HEATMAP_WEEKS * 7
    recent = {d: n for d, n in per_day.items() if today - days < d <= today}
    lines = [
        Content.assemble("Answers      ", (str(sum(recent.values())), "bold")),
        Content.assemble("Days studied ", (f"{len(recent)} of {days}", "bold")),
    ]
    if recent:
        best = max(recent, key=lambda d: (recent[d], d))
        when = date.fromordinal(best).strftime("%d %b")
        lines.append(Content.assemble("Best day     ", (f"{recent[best]} ({when})", "bold")))
    return Content("\n").join(lines)


def retention_text(stats: Stats) -> Content:
    parts: list[Content | str | tuple[str, str]] = []
    for key, label in (("1d", "last day"), ("7d", "7 days"), ("30d", "30 days")):
        parts += [f"{label} ", (pct(stats.retention.get(key)), "bold $success"), "    "]
    parts.append(("(answers to review cards that were not Again)", "dim"))
    return Content.assemble(*parts)


def minutes_text(value: float) -> str:
    """'0.4' for a few minutes over a week (rounding to '0' read as no study), '12' above 10."""
    return f"{value:.0f}" if value >= 10 or value == 0 else f"{value:.1f}"


def knowledge_text(known: Knowledge, stats: Stats, desired: float) -> Content:
    """True retention against the desired one, total knowledge, time per day in numbers."""
    achieved = stats.retention.get("30d")
    gap = (
        Content.styled("none yet (no answers to review cards)", "dim")
        if achieved is None
        else Content.assemble(
            (pct(achieved), "bold"), f" ({(achieved - desired) * 100:+.0f} points)"
        )
    )
    minutes = "   ".join(
        f"last {days.removesuffix('d')} days {minutes_text(value)} min/day"
        for days, value in known.average_minutes.items()
    )
    return Content("\n").join(
        [
            Content.assemble(
                "Desired retention ", (pct(desired), "bold"), "; achieved in the last 30 days "
            )
            + gap,
            Content.assemble(
                "Total knowledge ",
                (f"{known.total_knowledge:.0f}", "bold $success"),
                f" of {known.answered_cards} answered cards recalled if asked now",
            ),
            Content.assemble("Time spent, on average: ", (minutes, "bold")),
        ]
    )


def memory_text(memory: MemoryStats) -> Content:
    """Predicted recall now, then predicted against achieved recall by bins, with counts."""
    now = (
        Content.styled("no review cards yet", "dim")
        if memory.retrievability is None
        else Content.assemble(
            (f"{memory.retrievability:.1%}", "bold $success"),
            f" predicted recall now, the average over {memory.review_cards} cards past"
            " learning (review cards)",
        )
    )
    calibration = memory.calibration
    if not calibration.count:
        note = f"No answers to review cards in the last {memory.days} days yet."
        return Content("\n").join([now, Content.styled(note, "dim")])
    lines = [
        now,
        Content.assemble(
            f"Last {memory.days} days, {calibration.count} answers: predicted ",
            (f"{calibration.predicted:.1%}", "bold"),
            ", achieved ",
            (f"{calibration.achieved:.1%}", "bold"),
            ", calibration error ",
            (f"{calibration.error:.1%}", "bold"),
        ),
        Content.styled(
            f"{'predicted':<11} {'answers':>8} {'predicted':>10} {'achieved':>9}", "bold"
        ),
    ]
    for b in calibration.bins:
        if b.count:
            lines.append(
                Content(
                    f"{b.low:.2f}-{b.high:.2f}  {b.count:>8} {b.predicted:>10.1%} {b.achieved:>9.1%}"
                )
            )
    return Content("\n").join(lines)


def topics_text(
    stats: Stats, titles: dict[tuple[str, str], str], deck_titles: dict[str, str]
) -> Content:
    """One row per topic; with several decks, each deck's topics under its title (two
    decks' topics of one title, cut to the column, read the same otherwise)."""
    width = 36  # the longest bundled topic title, indented under its deck, at 80 columns
    header = Content.styled(
        f"{'topic':<{width}} {'cards':>6} {'mature':>7} {'mastery':>8} {'accuracy':>9}", "bold"
    )
    lines = [header]
    several = len({t.deck for t in stats.topics}) > 1
    deck = None
    for t in stats.topics:
        if several and t.deck != deck:
            deck = t.deck
            lines.append(Content.styled(deck_titles[deck], "bold $accent"))
        name = titles[(t.deck, t.topic)].removesuffix(f" ({deck_titles[t.deck]})")
        name = ("  " if several else "") + name
        name = name if len(name) <= width else name[: width - 1] + "…"
        lines.append(
            Content(f"{name:<{width}} {t.cards:>6} {t.mature:>7} {t.mastery:>8.0%} ")
            + Content(f"{pct(t.accuracy):>5} of {t.answers}")
        )
    return Content("\n").join(lines)


def quizzes_text(quizzes: list[QuizLine]) -> Content:
    if not quizzes:
        return Content.styled("No quiz submitted yet: press q on the home screen.", "dim")
    lines = []
    for q in quizzes:
        share = q.correct / q.total if q.total else 0
        lines.append(
            Content.assemble(
                f"{q.when:%d %b %Y}  ",
                (f"{share:>4.0%}", "bold"),
                f" ({q.correct}/{q.total})  ",
                q.title,
            )  # fmt: skip
        )
    return Content("\n").join(lines)


def section(title: str) -> Static:
    return Static(Content.styled(title, "bold $accent"), classes="section")


class StatisticsLoaded(Message):
    """The statistics worker's numbers, for the screen to draw."""

    def __init__(self, data: StatisticsData) -> None:
        super().__init__()
        self.data = data


class StatisticsScreen(QuizappScreen[None]):
    """Scroll with ↑↓ / page keys; r reloads."""

    CSS_PATH = "statistics_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Reload"),
        Binding("f", "app.forecast", "Forecast", tooltip="Workload and recall ahead by retention"),
        Binding("escape", "app.home", "Decks"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Statistics", "bold"), id="stats-title")
        yield VerticalScroll(LoadingIndicator(), id="stats")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="statistics")
    def load(self) -> None:
        from quizapp.workspace.statistics import collect_statistics

        self.post_message(StatisticsLoaded(collect_statistics(self.workspace)))

    @on(StatisticsLoaded)
    async def _loaded(self, message: StatisticsLoaded) -> None:
        await self.show(message.data)

    def knowledge_widgets(self, data: StatisticsData) -> list[Widget]:
        """Retention against the desired one, total knowledge, and minutes per day."""
        from quizapp.tui.stats.bar_chart import BarChart

        known = data.knowledge
        if known is None:
            return []
        days = min(TIME_CHART_DAYS, len(known.seconds_per_day))
        recent = known.seconds_per_day[-days:]
        return [
            section("Retention, knowledge and time"),
            Static(knowledge_text(known, data.stats, data.desired_retention), id="knowledge"),
            section(f"Minutes per day, last {days} days (days ago)"),
            BarChart(
                [str(days - 1 - i) for i in range(days)],
                [round(s / 60, 1) for s in recent],
                colour="accent",
                id="time-chart",
            ),
        ]

    async def show(self, data: StatisticsData) -> None:
        """Replace what is shown; the old widgets are gone before the new ones (same ids)
        mount, and messages are handled one at a time, so reloads never overlap."""
        from quizapp.tui.stats.bar_chart import BarChart
        from quizapp.tui.stats.review_heatmap import ReviewHeatmap

        stats = data.stats
        days = stats.due_forecast[: FORECAST_DAYS + 1]  # today (with overdue), then ahead
        labels = [str(i) for i in range(len(days))]
        heatmap = ReviewHeatmap(id="heatmap")
        heatmap.show(stats.day, data.per_day, HEATMAP_WEEKS)
        topics = [t for t in stats.topics if t.cards]
        widgets: list[Widget] = [
            Static(summary_text(stats), id="stats-summary"),
            section("Due today and in the next 30 days (days from today; 0 = today)"),
            Horizontal(
                BarChart(labels, days, id="forecast-chart"),
                Static(forecast_numbers(stats), classes="numbers"),
                classes="chart-row",
            ),
            section(f"Answers, last {HEATMAP_WEEKS} weeks"),
            Horizontal(
                heatmap,
                Static(heatmap_numbers(stats.day, data.per_day), classes="numbers"),
                classes="heatmap-row",
            ),
            section("True retention"),
            Static(retention_text(stats), id="retention"),
            *self.knowledge_widgets(data),
            section("Predicted against achieved recall (elapsed time in study days)"),
            Static(memory_text(data.memory), id="calibration"),
            section("Topics: mastery (share of cards mature) and accuracy (last 30 days)"),
        ]
        if any(t.mature for t in topics):
            chart = BarChart(
                [data.topic_titles[(t.deck, t.topic)][:18] for t in topics],
                [round(t.mastery * 100) for t in topics],
                horizontal=True,
                colour="success",
                id="mastery-chart",
            )
            chart.styles.height = len(topics) + 5  # one line a bar, plus axes and frame
            widgets.append(chart)
        else:
            note = "No mature cards yet: a card is mature once its interval reaches 21 days."
            widgets.append(Static(Content.styled(note, "dim"), classes="note"))
        widgets += [
            Static(topics_text(stats, data.topic_titles, data.deck_titles), id="topics"),
            section("Quizzes"),
            Static(quizzes_text(data.quizzes), id="quizzes"),
        ]
        container = self.query_one("#stats", VerticalScroll)
        with self.app.batch_update():
            await container.remove_children()
            await container.mount_all(widgets)
        container.focus()

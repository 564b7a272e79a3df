"""The stats screen (``S``): papers read per day as a sparkline, the streak, the library's counts, the
priority mix, notes and the backlog per digest. The numbers come from :mod:`readq.library.stats` (pure), the
same as ``readq stats`` prints."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from readq.library.stats import (
    Stats,
    bar,
    day_label,
    digest_label_line,
    left_label,
    priority_label,
    summary_lines,
)
from readq.text.labels import priority_glyph

COLUMNS_PER_DAY = 2
BAR_WIDTH = 30
NARROW = 90  # below this many columns the weekly totals go under the chart

Parts = list[Content | str | tuple[str, str]]


def _row(label: str, *value: Content | str | tuple[str, str]) -> Parts:
    return [(f"{label:<14}", "bold $text-accent"), *value, "\n"]


def _content(parts: Parts) -> Content:
    """The parts as one Content, without a trailing newline (the CSS spaces the blocks)."""
    while parts and parts[-1] == "\n":
        parts.pop()
    return Content.assemble(*parts)


def _bar(value: int, total: int, style: str) -> Parts:
    filled, empty = bar(value, total, BAR_WIDTH)
    return [("█" * filled, style), ("░" * empty, "$text-muted")]


def axis(stats: Stats, width: int) -> str:
    """Dates under the sparkline: the first day, the start of each week, today at the right."""
    days = [day for day, _ in stats.read_per_day]
    line = [" "] * width
    for index in range(0, len(days), 7):
        label = day_label(days[index])
        start = index * COLUMNS_PER_DAY
        if start + len(label) <= width - len("today"):
            line[start : start + len(label)] = label
    line[width - len("today") :] = "today"
    return "".join(line).rstrip()


def overview(stats: Stats) -> Content:
    lines = summary_lines(stats)
    return _content(
        [
            *_row("Streak", (lines["streak"], "bold")),
            *_row("Library", lines["library"]),
            *_row("Notes", lines["notes"]),
        ]
    )


def priorities(stats: Stats) -> Content:
    top = max((p.papers for p in stats.priorities), default=0)
    parts: Parts = [("Priority mix", "bold $text-accent"), "\n"]
    for count in stats.priorities:
        parts += [
            (f"  {priority_glyph(count.priority)} {count.priority}  ", "bold $text-warning"),
            *_bar(count.papers, top, "$warning"),
            "  ",
            priority_label(count),
            "\n",
        ]
    return _content(parts)


def backlog(stats: Stats) -> Content:
    parts: Parts = [
        ("Backlog per digest", "bold $text-accent"),
        ("  (left to triage of all)", "$text-muted"),
        "\n",
    ]
    if not stats.digests:
        parts.append(("  no digests imported yet", "$text-muted"))
        return Content.assemble(*parts)
    width = min(36, max(len(digest_label_line(d)) for d in stats.digests))
    for digest in stats.digests:
        name = digest_label_line(digest)
        name = name if len(name) <= width else name[: width - 1] + "…"
        parts += [
            f"  {name:<{width}}  ",
            *_bar(digest.left, digest.papers, "$accent"),
            f"  {left_label(digest)}",
            "\n",
        ]
    return _content(parts)


class StatsScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,S", "close", "Close")]

    def __init__(self, stats: Stats) -> None:
        super().__init__()
        self.stats = stats

    def compose(self) -> ComposeResult:
        stats = self.stats
        width = stats.days * COLUMNS_PER_DAY
        lines = summary_lines(stats)
        with VerticalScroll(id="stats"):
            yield Static(
                Content.assemble(
                    ("readq — statistics", "bold"), (f"  {stats.today.isoformat()}", "$text-muted")
                ),
                id="stats-title",
            )
            yield Static(
                Content.assemble(
                    (f"Papers read per day, last {stats.days} days", "bold $text-accent"),
                    "   ",
                    lines["read"],
                ),
                id="stats-read-title",
            )
            with Horizontal(id="stats-chart"):
                with Vertical(id="stats-plot"):
                    sparkline = Sparkline([n for _, n in stats.read_per_day], id="stats-sparkline")
                    sparkline.styles.width = width
                    yield sparkline
                    yield Static(Content.styled(axis(stats, width), "$text-muted"), id="stats-axis")
                yield Static(self._week_totals(), id="stats-weeks")
            yield Static(overview(stats), id="stats-overview")
            yield Static(priorities(stats), id="stats-priorities")
            yield Static(backlog(stats), id="stats-backlog")
        yield Footer()

    def _week_totals(self) -> Content:
        """The last four weeks' totals beside the chart, this week first."""
        counts = [n for _, n in self.stats.read_per_day]
        parts: Parts = [("per week", "$text-muted"), "\n"]
        names = ("last 7 days", "week before", "2 weeks before", "3 weeks before")
        for index, name in enumerate(names):
            end = len(counts) - 7 * index
            if end <= 0:
                break
            parts += [(f"{sum(counts[max(0, end - 7) : end]):>4}", "bold"), f"  {name}", "\n"]
        best_day, best = max(reversed(self.stats.read_per_day), key=lambda item: item[1])
        if best:
            parts += ["\n", ("best day ", "$text-muted"), (str(best), "bold"), f"  {day_label(best_day)}"]
        return _content(parts)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def action_close(self) -> None:
        self.dismiss(None)

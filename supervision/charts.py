"""Geometry for the small server-rendered SVG charts on the supervision dashboard.

No JavaScript and no style attributes (the CSP forbids inline styles): the template draws the
shapes with SVG presentation attributes (x, y, width, height, fill) computed here. Every chart is
followed on the page by a table with the same numbers, for people who read rather than look.
"""

from dataclasses import dataclass, field

# GOV.UK colours with enough contrast against white.
PALETTE = ["#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#f47738", "#28a197"]
TEXT_COLOUR = "#0b0c0c"


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_x: int
    text_y: int


@dataclass
class BarChart:
    """Horizontal bars, one per row: label on the left, bar, then the number."""

    bars: list[Bar]
    width: int
    height: int
    label_width: int
    colour: str
    bar_height: int


def bar_chart(
    rows: list[tuple[str, int]],
    *,
    width: int = 640,
    label_width: int = 260,
    bar_height: int = 22,
    gap: int = 10,
    colour: str = PALETTE[0],
) -> BarChart:
    top = max((value for _, value in rows), default=0)
    plot_width = width - label_width - 60  # room for the number after the longest bar
    bars = []
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        bar_width = round(plot_width * value / top) if top else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=bar_width,
                text_x=label_width + bar_width + 6,
                text_y=y + bar_height - 6,
            )
        )
    height = gap + len(rows) * (bar_height + gap)
    return BarChart(
        bars=bars,
        width=width,
        height=max(height, bar_height + 2 * gap),
        label_width=label_width,
        colour=colour,
        bar_height=bar_height,
    )


@dataclass
class StackedBar:
    label: str
    total: int
    y: int
    text_x: int
    text_y: int
    segments: list["Segment"] = field(default_factory=list)


@dataclass
class StackedBarChart:
    """Horizontal bars split into segments, one per series, each bar ending in its total; a
    legend below. The table beside it has a column per series and a total column."""

    bars: list[StackedBar]
    legend: list["LegendItem"]
    width: int
    height: int
    label_width: int
    bar_height: int


def stacked_bar_chart(
    rows: list[tuple[str, dict[str, int]]],
    series: list[tuple[str, str]],
    *,
    width: int = 640,
    label_width: int = 260,
    bar_height: int = 22,
    gap: int = 10,
) -> StackedBarChart:
    """rows: (label, {series key: value}); series: (key, label) in the order they are drawn."""
    fills = {key: PALETTE[i % len(PALETTE)] for i, (key, _) in enumerate(series)}
    top = max((sum(values.get(key, 0) for key, _ in series) for _, values in rows), default=0)
    plot_width = width - label_width - 60
    bars = []
    for index, (label, values) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        x = label_width
        segments = []
        for key, series_label in series:
            value = values.get(key, 0)
            if not value:
                continue
            segment_width = round(plot_width * value / top) if top else 0
            segments.append(
                Segment(
                    x=x,
                    y=y,
                    width=segment_width,
                    height=bar_height,
                    fill=fills[key],
                    title=f"{label}: {series_label} {value}",
                )
            )
            x += segment_width
        total = sum(values.get(key, 0) for key, _ in series)
        bars.append(
            StackedBar(
                label=label,
                total=total,
                y=y,
                text_x=x + 6,
                text_y=y + bar_height - 6,
                segments=segments,
            )
        )
    plot_bottom = gap + len(rows) * (bar_height + gap)
    legend = [
        LegendItem(
            label=label,
            fill=fills[key],
            x=(i % 3) * (width // 3),
            y=plot_bottom + 24 + (i // 3) * 24,
        )
        for i, (key, label) in enumerate(series)
    ]
    return StackedBarChart(
        bars=bars,
        legend=legend,
        width=width,
        height=plot_bottom + 24 + 16 + ((len(series) + 2) // 3 - 1) * 24,
        label_width=label_width,
        bar_height=bar_height,
    )


@dataclass
class Segment:
    x: int
    y: int
    width: int
    height: int
    fill: str
    title: str


@dataclass
class Column:
    label: str
    total: int
    label_x: int
    total_y: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class LegendItem:
    label: str
    fill: str
    x: int
    y: int


@dataclass
class StackedChart:
    """Vertical stacked columns (one per week), a segment per series, with a legend below."""

    columns: list[Column]
    legend: list[LegendItem]
    width: int
    height: int
    baseline: int


def stacked_chart(
    columns: list[tuple[str, dict[str, int]]],
    series: list[tuple[str, str]],
    *,
    width: int = 640,
    plot_height: int = 200,
) -> StackedChart:
    """columns: (label, {series key: value}); series: (key, label) in stacking order."""
    top = max((sum(values.values()) for _, values in columns), default=0)
    slot = width // max(len(columns), 1)
    column_width = max(slot - 16, 8)
    baseline = plot_height + 24
    fills = {key: PALETTE[i % len(PALETTE)] for i, (key, _) in enumerate(series)}
    drawn = []
    for index, (label, values) in enumerate(columns):
        x = index * slot + (slot - column_width) // 2
        y = baseline
        segments = []
        for key, series_label in series:
            value = values.get(key, 0)
            if not value:
                continue
            height = round(plot_height * value / top) if top else 0
            y -= height
            segments.append(
                Segment(
                    x=x,
                    y=y,
                    width=column_width,
                    height=height,
                    fill=fills[key],
                    title=f"{label}: {series_label} {value}",
                )
            )
        drawn.append(
            Column(
                label=label,
                total=sum(values.values()),
                label_x=x + column_width // 2,
                total_y=y - 6,
                segments=segments,
            )
        )
    legend = [
        LegendItem(
            label=label, fill=fills[key], x=(i % 2) * (width // 2), y=baseline + 40 + (i // 2) * 24
        )
        for i, (key, label) in enumerate(series)
    ]
    legend_rows = (len(series) + 1) // 2
    return StackedChart(
        columns=drawn,
        legend=legend,
        width=width,
        height=baseline + 40 + legend_rows * 24,
        baseline=baseline,
    )

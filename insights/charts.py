"""Chart geometry for the Insights pages, rendered as SVG by templates on the server.

Written by hand rather than with a chart library: the charts are a few bars and lines, a
JavaScript library would need a CSP allowance and a vendored file, and a server-side one
(matplotlib, pygal) would add a large dependency for what is arithmetic on a handful of numbers.
Every chart comes with a text summary and the same figures as a table, so neither colour nor the
picture carries anything the text does not."""

import html
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

# A 300-unit wide drawing scales to the screen: on a 320 px phone the 12-unit labels stay about
# 11 px high, and the page caps the width (32rem) so they never grow past about 20 px.
WIDTH = 300
PLOT_LEFT = 34
PLOT_RIGHT = 294
PLOT_TOP = 16
PLOT_BOTTOM = 160
HEIGHT = 196

# Fills with at least 3:1 contrast against white, each with a pattern of its own so that no
# series is told apart by colour alone (see templates/insights/chart_defs.html).
SERIES_STYLES = ("solid", "hatched", "dotted", "crossed")


@dataclass
class Series:
    name: str
    values: list
    style: str = "solid"


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    style: str
    label: str


@dataclass
class VerticalChart:
    """Bars by category (weeks, hours, days), grouped side by side or stacked, with an optional
    target line."""

    categories: list[str]
    series: list[Series]
    stacked: bool = False
    target: float | None = None
    target_label: str = ""
    unit: str = ""
    label_every: int = 1
    bars: list[Rect] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    category_labels: list[dict] = field(default_factory=list)
    target_y: float | None = None
    kind: str = "vertical"
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_bottom: int = PLOT_BOTTOM

    def __post_init__(self):
        heights = [bar_height(value) for serie in self.series for value in serie.values]
        if self.stacked:
            heights = [
                sum(bar_height(serie.values[index]) for serie in self.series)
                for index in range(len(self.categories))
            ]
        step = nice_step(max([*heights, self.target or 0, 1]) / 4)
        top = step * 4
        scale = (PLOT_BOTTOM - PLOT_TOP) / top
        slot = (PLOT_RIGHT - PLOT_LEFT) / max(len(self.categories), 1)
        gap = slot * 0.2
        group = len(self.series) if not self.stacked else 1
        bar_width = (slot - gap) / group
        for index, category in enumerate(self.categories):
            x0 = PLOT_LEFT + index * slot + gap / 2
            base = PLOT_BOTTOM
            for number, serie in enumerate(self.series):
                value = serie.values[index]
                height = bar_height(value) * scale
                x = x0 if self.stacked else x0 + number * bar_width
                y = base - height
                self.bars.append(
                    Rect(
                        round(x, 1),
                        round(y, 1),
                        round(bar_width, 1),
                        round(height, 1),
                        serie.style,
                        f"{category}, {serie.name}: {shown(value, self.unit)}",
                    )
                )
                if self.stacked:
                    base = y
            if index % self.label_every == 0:
                self.category_labels.append(
                    {"x": round(x0 + (slot - gap) / 2, 1), "text": category}
                )
        for tick in range(5):
            value = step * tick
            self.ticks.append({"y": round(PLOT_BOTTOM - value * scale, 1), "text": f"{value:g}"})
        if self.target is not None:
            self.target_y = round(PLOT_BOTTOM - self.target * scale, 1)

    def svg_body(self, key: str) -> SafeString:
        """The chart's lines, bars and labels as SVG, built here rather than by template loops: a
        year of weeks is over a hundred bars, and the template spent most of the Insights page's
        rendering time localising their coordinates. Text is escaped; the key names the figure's
        fill patterns (chart_defs.html)."""
        left, right, bottom = self.plot_left, self.plot_right, self.plot_bottom
        key = html.escape(key)
        parts = []
        for tick in self.ticks:
            parts.append(
                f'<line x1="{left}" x2="{right}" y1="{tick["y"]}" y2="{tick["y"]}" class="grid"/>'
                f'<text x="{left - 4}" y="{tick["y"]}" class="tick" text-anchor="end" '
                f'dominant-baseline="middle">{html.escape(tick["text"])}</text>'
            )
        for bar in self.bars:
            parts.append(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
                f'fill="url(#{key}-{html.escape(bar.style)})" class="bar">'
                f"<title>{html.escape(bar.label)}</title></rect>"
            )
        for label in self.category_labels:
            parts.append(
                f'<text x="{label["x"]}" y="{bottom + 14}" class="tick" text-anchor="middle">'
                f"{html.escape(label['text'])}</text>"
            )
        if self.target_y is not None:
            parts.append(
                f'<line x1="{left}" x2="{right}" y1="{self.target_y}" y2="{self.target_y}" '
                'class="target"/>'
            )
        if self.unit:
            parts.append(f'<text x="2" y="10" class="tick">{html.escape(self.unit)}</text>')
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


@dataclass
class HorizontalChart:
    """One labelled bar per row (funnel steps, assignees, pages): the label sits above its bar,
    so long page titles fit a phone screen."""

    rows: list[dict]  # {"label": str, "values": [numbers or masked text]}
    series: list[Series]
    unit: str = ""
    row_height: int = 34
    kind: str = "horizontal"
    width: int = WIDTH
    bars: list[Rect] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    height: int = 0

    def __post_init__(self):
        top = max([bar_height(value) for row in self.rows for value in row["values"]] + [1])
        span = WIDTH - 16 - 56
        bar_size = 12 / max(len(self.series), 1) if len(self.series) > 1 else 12
        for index, row in enumerate(self.rows):
            y = index * self.row_height
            self.labels.append({"y": y + 11, "text": row["label"]})
            for number, serie in enumerate(self.series):
                value = row["values"][number]
                length = bar_height(value) / top * span
                bar_y = y + 15 + number * bar_size
                self.bars.append(
                    Rect(
                        8,
                        round(bar_y, 1),
                        round(max(length, 0.5), 1),
                        round(bar_size, 1),
                        serie.style,
                        f"{row['label']}, {serie.name}: {shown(value, self.unit)}",
                    )
                )
                self.labels.append(
                    {
                        "y": round(bar_y + bar_size - 2, 1),
                        "x": round(8 + max(length, 0.5) + 4, 1),
                        "text": shown(value, self.unit),
                        "value": True,
                    }
                )
        self.height = max(len(self.rows), 1) * self.row_height + 8


def bar_height(value) -> float:
    """A masked small count ("1–4") is drawn at its upper bound; nothing at all draws nothing."""
    if value is None:
        return 0
    if isinstance(value, str):
        return 4
    return float(value)


def shown(value, unit: str = "") -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    text = f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value}"
    return f"{text} {unit}".strip()


def nice_step(value: float) -> float:
    """The smallest round step (1, 2 or 5 times a power of ten) at least this large, so the
    axis reads 0, 5, 10, 15, 20 rather than 0, 3.75, 7.5."""
    magnitude = 0.01
    while magnitude * 10 <= value:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= value:
            return magnitude * factor
    return magnitude * 10

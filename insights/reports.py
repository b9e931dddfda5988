"""The Insights pages' content: each figure of insights.figures as a chart, a sentence that says what
it shows, and the same numbers as a table (which the CSV and XLSX downloads also write, so an
export always matches its chart)."""

import html
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.small_counts import OTHER_SMALL_GROUPS, fold_small_groups, small_count
from insights import figures
from insights.charts import HorizontalChart, Series, VerticalChart, shown
from insights.figures import WEEKDAY_LABELS, Channel, Period
from leads.models import language_name
from selfcheck.counts import weekly_counts


@dataclass
class Figure:
    """One chart of an Insights page with its summary and table."""

    key: str
    title: str
    summary: str
    headings: list[str]
    rows: list[list]
    chart: VerticalChart | HorizontalChart | None = None
    legend: list[Series] = field(default_factory=list)
    empty: bool = False

    @property
    def chart_svg(self) -> SafeString:
        """The inside of a vertical chart's SVG (VerticalChart.svg_body)."""
        return self.chart.svg_body(self.key)

    def table_body(self) -> SafeString:
        """The table's rows as HTML, built here rather than by a template loop: an urgent table
        can hold thousands of rows, and a template spends some 20 µs on each cell (variable
        lookups, localisation), which made it most of the page's time. format_html costs nearly as
        much per call, so each value goes through the standard library's html.escape (what
        Django's escape does, without its lazy-string wrapper); None shows as a dash."""
        if not self.rows:
            return format_html(
                '<tr><td colspan="{}">Nothing in this period.</td></tr>', len(self.headings)
            )
        body = "".join(
            f'<tr><th scope="row">{html.escape(str(row[0]))}</th>'
            + "".join(
                f"<td>{'—' if cell is None else html.escape(str(cell))}</td>" for cell in row[1:]
            )
            + "</tr>"
            for row in self.rows
        )
        return mark_safe(body)  # noqa: S308 - every value above is escaped


# More urgent requests than this in a period are drawn as bands of time to first contact rather
# than a bar each (a bar each stays in the table and the downloads).
URGENT_CHART_LIMIT = 30
# How many pages or campaigns Marketing's figures name; the small ones are one row after them.
TOP_SOURCES = 10


def hours(value) -> str:
    return "—" if value is None else f"{shown(value)} h"


def percent(share) -> str:
    return "—" if share is None else f"{share:.0%}"


def week_label(day) -> str:
    return f"{day:%-d %b}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def change(now, before) -> str:
    """How a figure moved against the period before, in words."""
    if now is None or before is None:
        return ""
    if abs(now - before) < 0.05:
        return "about the same as the period before"
    return f"{'down' if now < before else 'up'} from {shown(before)} h the period before"


# Intake performance -------------------------------------------------------------------------------


def intake_figures(period: Period, target_hours: float, site=None) -> list[Figure]:
    """`site`: the site whose opening hours and call booking rules the call hours' use follows."""
    # The speed and funnel figures share one pass over each period's requests.
    now = figures.period_totals(period, target_hours)
    before = figures.period_totals(period.previous(), target_hours)
    return [
        speed_figure(period, target_hours, now.speed, before.speed),
        urgent_figure(period),
        funnel_figure(period, True, counts=now.funnel, before=before.funnel),
        booked_calls_figure(period),
        booking_time_figure(period),
        call_outcomes_figure(period),
        call_hours_figure(site),
        workload_figure(),
        language_figure(period, show_patients=True),
        *timing_figures(period),
    ]


def speed_figure(period: Period, target_hours: float, now, before) -> Figure:
    """`now` and `before`: the speed totals (figures.period_totals) of the period and the one
    before it."""
    now.weeks = figures.weekly_speed(period, target_hours)
    median_series = Series("Median", [week["median"] for week in now.weeks], "solid")
    p90_series = Series("90th percentile", [week["p90"] for week in now.weeks], "hatched")
    labels = [week_label(week["week"]) for week in now.weeks]
    chart = VerticalChart(
        labels,
        [median_series, p90_series],
        target=target_hours,
        target_label=f"Target {shown(target_hours)} h",
        unit="h",
        label_every=max(1, len(labels) // 6),
    )
    waiting = now.requests - now.contacted
    if now.contacted:
        summary = (
            f"{period.label}: {now.contacted} of {now.requests} requests were contacted. Half "
            f"heard back within {hours(now.median)} of opening time "
            f"({change(now.median, before.median) or 'no figure for the period before'}), and "
            f"nine in ten within {hours(now.p90)}. {percent(now.within_target_share)} were "
            f"contacted within the {shown(target_hours)}-hour target "
            f"(the period before: {percent(before.within_target_share)})."
        )
    else:
        summary = f"{period.label}: no request was contacted yet, so there is no time to show."
    if waiting:
        summary += f" {waiting} not contacted yet."
    summary += " Urgent requests are shown on their own below."
    return Figure(
        "speed",
        "Speed to first contact (opening hours)",
        summary,
        ["Week of", "Requests", "Contacted", "Median (h)", "90th percentile (h)", "Within target"],
        [
            [
                f"{week['week']:%Y-%m-%d}",
                week["requests"],
                week["contacted"],
                week["median"],
                week["p90"],
                week["within_target"],
            ]
            for week in now.weeks
        ],
        chart,
        [median_series, p90_series],
        empty=not now.contacted,
    )


def urgent_figure(period: Period) -> Figure:
    rows = figures.urgent_requests(period)
    for row in rows:  # the database keeps UTC; staff read the clinic's time
        row["received_at"] = timezone.localtime(row["received_at"])
    before = figures.urgent_leads(period.previous()).count()
    # Counted whatever the number, so the page makes the same queries at any size; it also says
    # how many are still waiting for a first contact.
    bands = figures.urgent_bands(period)
    waiting = bands["waiting"]
    series = Series("Opening hours to first contact", [], "solid")
    if len(rows) > URGENT_CHART_LIMIT:
        series = Series("Urgent requests", [], "solid")
        labels = [(key, label) for key, label, _low, _high in figures.URGENT_BANDS]
        chart = HorizontalChart(
            [
                {"label": label, "values": [bands[key]]}
                for key, label in [*labels, ("waiting", "Not contacted yet")]
            ],
            [series],
        )
        grouped = (
            " There are too many to draw a bar each, so the chart counts them by opening hours"
            " to first contact; the table lists each one."
        )
    else:
        grouped = ""
        chart = HorizontalChart(
            [
                {
                    "label": f"#{row['pk']}, {row['received_at']:%-d %b %H:%M}"
                    + (
                        ""
                        if row["first_contact_opening_hours"] is not None
                        else " (not contacted yet)"
                    ),
                    "values": [row["first_contact_opening_hours"]],
                }
                for row in rows
            ],
            [series],
            unit="h",
        )
    if rows:
        slowest = max((row["first_contact_opening_hours"] or 0) for row in rows)
        summary = (
            f"{plural(len(rows), 'urgent request')} (a crisis phrase in the message) in "
            f"{period.label.lower()}"
            f", {before} the period before. The slowest first contact took {hours(slowest)}"
            + (f"; {waiting} not contacted yet." if waiting else ".")
            + grouped
        )
    else:
        summary = f"No urgent request in {period.label.lower()} ({before} the period before)."
    return Figure(
        "urgent",
        "Urgent requests, each on its own",
        summary,
        ["Request", "Received", "Opening hours to first contact"],
        [
            [row["pk"], f"{row['received_at']:%Y-%m-%d %H:%M}", row["first_contact_opening_hours"]]
            for row in rows
        ],
        chart if rows else None,
        [series],
        empty=not rows,
    )


def funnel_figure(
    period: Period, show_patients: bool, mask: bool = False, counts=None, before=None
) -> Figure:
    """`counts` and `before`: the funnel counts of the period and the one before, when the caller
    has them already (figures.period_totals)."""
    counts = counts or figures.funnel(period)
    before = before or figures.funnel(period.previous())
    steps = figures.step_rates(counts)
    if not show_patients:
        steps = [step for step in steps if step["key"] != "patients"]
    count = small_count if mask else (lambda value: value)
    series = Series("Requests", [], "solid")
    chart = HorizontalChart(
        [{"label": step["label"], "values": [count(step["count"])]} for step in steps]
        + [
            {"label": f"Ended: {label.lower()}", "values": [count(counts[key])]}
            for key, label in figures.FUNNEL_ENDINGS
        ],
        [series],
    )
    parts = [
        f"{step['label'].lower()} {count(step['count'])}"
        + (f" ({percent(step['rate'])} of the step before)" if step["rate"] is not None else "")
        for step in steps
    ]
    summary = (
        f"{period.label}: "
        + ", ".join(parts)
        + ". "
        + ", ".join(
            f"{label.lower()} {count(counts[key])}" for key, label in figures.FUNNEL_ENDINGS
        )
        + f". The period before: {count(before['requests'])} requests, "
        + f"{count(before['contacted'])} contacted."
    )
    return Figure(
        "funnel",
        "From request to patient" if show_patients else "From request to consultation",
        summary,
        ["Step", "Requests", "Share of the step before", "The period before"],
        [
            [step["label"], count(step["count"]), percent(step["rate"]), count(before[step["key"]])]
            for step in steps
        ]
        + [
            [f"Ended: {label.lower()}", count(counts[key]), "", count(before[key])]
            for key, label in figures.FUNNEL_ENDINGS
        ],
        chart,
        [series],
        empty=not counts["requests"] and not counts["spam"],
    )


def workload_figure() -> Figure:
    rows = figures.workload()
    open_series = Series("Open", [], "solid")
    overdue_series = Series("Past follow-up date", [], "hatched")
    total_overdue = sum(row["overdue"] for row in rows)
    summary = (
        ", ".join(
            f"{row['assignee']}: {row['open']} open, {row['overdue']} overdue" for row in rows
        )
        + f". {total_overdue} follow-ups are overdue in all."
        if rows
        else "No open request right now."
    )
    return Figure(
        "workload",
        "Workload now: open requests per person",
        summary,
        ["Assigned to", "Open", "Past follow-up date"],
        [[row["assignee"], row["open"], row["overdue"]] for row in rows],
        HorizontalChart(
            [{"label": row["assignee"], "values": [row["open"], row["overdue"]]} for row in rows],
            [open_series, overdue_series],
        )
        if rows
        else None,
        [open_series, overdue_series],
        empty=not rows,
    )


def rounded(value):
    return None if value is None else round(value, 1)


def booked_calls_figure(period: Period) -> Figure:
    weeks = figures.booked_calls_by_week(period)
    requests = sum(week["requests"] for week in weeks)
    booked = sum(week["booked"] for week in weeks)
    by_themselves = sum(week["by_themselves"] for week in weeks)
    before_requests, before_booked = figures.booked_share(period.previous())
    series = [
        Series("Requests", [week["requests"] for week in weeks], "solid"),
        Series("Booked a call", [week["booked"] for week in weeks], "hatched"),
    ]
    labels = [week_label(week["week"]) for week in weeks]
    if requests:
        summary = (
            f"{period.label}: {booked} of {requests} requests "
            f"({percent(booked / requests)}) booked a call, {by_themselves} of them by the "
            "person on the website, the rest by staff for them (the period before: "
            f"{percent(before_booked / before_requests if before_requests else None)}). "
            "Urgent requests are never offered a time and are left out."
        )
    else:
        summary = f"No routine request in {period.label.lower()}."
    return Figure(
        "booked_calls",
        "Requests that booked a call",
        summary,
        ["Week of", "Requests", "Booked a call", "Share", "Booked by the person"],
        [
            [
                f"{week['week']:%Y-%m-%d}",
                week["requests"],
                week["booked"],
                percent(week["booked"] / week["requests"] if week["requests"] else None),
                week["by_themselves"],
            ]
            for week in weeks
        ],
        VerticalChart(labels, series, label_every=max(1, len(labels) // 6)),
        series,
        empty=not requests,
    )


def booking_time_figure(period: Period) -> Figure:
    wait = figures.time_to_booking(period)
    median_series = Series("Median", [week["median"] for week in wait.weeks], "solid")
    p90_series = Series("90th percentile", [week["p90"] for week in wait.weeks], "hatched")
    labels = [week_label(week["week"]) for week in wait.weeks]
    if wait.booked:
        summary = (
            f"{period.label}: of the {plural(wait.booked, 'request')} that booked a call, half "
            f"had it booked within {hours(wait.median)} of sending the request, and nine in "
            f"ten within {hours(wait.p90)}. Hours on the clock (nights and weekends count), to "
            "the booking of the first call, by the person or by staff."
        )
    else:
        summary = f"No request of {period.label.lower()} booked a call."
    return Figure(
        "booking_time",
        "Time from request to booked call (hours)",
        summary,
        ["Week of", "Booked a call", "Median (h)", "90th percentile (h)"],
        [
            [
                f"{week['week']:%Y-%m-%d}",
                week["booked"],
                rounded(week["median"]),
                rounded(week["p90"]),
            ]
            for week in wait.weeks
        ],
        VerticalChart(
            labels, [median_series, p90_series], unit="h", label_every=max(1, len(labels) // 6)
        ),
        [median_series, p90_series],
        empty=not wait.booked,
    )


def call_outcomes_figure(period: Period) -> Figure:
    weeks = figures.call_outcomes_by_week(period)
    held = sum(week["held"] for week in weeks)
    no_answer = sum(week["no_answer"] for week in weeks)
    series = [
        Series("Held", [week["held"] for week in weeks], "solid"),
        Series("Not answered", [week["no_answer"] for week in weeks], "hatched"),
    ]
    labels = [week_label(week["week"]) for week in weeks]
    if held or no_answer:
        summary = (
            f"{period.label}: {plural(held, 'call')} held and {no_answer} not answered "
            f"({percent(held / (held + no_answer))} answered), by the week of the call in the "
            "clinic's time zone. Calls whose outcome is not recorded yet are not counted."
        )
    else:
        summary = f"No call was held or went unanswered in {period.label.lower()}."
    return Figure(
        "calls",
        "Calls held and not answered, per week",
        summary,
        ["Week of", "Held", "Not answered"],
        [[f"{week['week']:%Y-%m-%d}", week["held"], week["no_answer"]] for week in weeks],
        VerticalChart(labels, series, stacked=True, label_every=max(1, len(labels) // 6)),
        series,
        empty=not (held or no_answer),
    )


def call_hours_figure(site) -> Figure:
    """The coming two weeks whatever the period: the hours staff offer now say nothing of past
    weeks (their history is not kept), and what is still free is what intake can act on."""
    rows = figures.call_hours_use(site)
    booked = sum(row["booked"] for row in rows)
    offered = sum(row["offered"] for row in rows)
    series = [Series("Booked", [], "solid"), Series("Offered", [], "hatched")]
    days = figures.CALL_HOURS_DAYS
    if rows:
        summary = (
            f"The next {days} days, today included (whatever period is chosen): {booked} of "
            f"{offered} call minutes offered are booked "
            f"({percent(booked / offered if offered else None)}). "
            + ", ".join(f"{row['staff']}: {percent(row['share'])}" for row in rows)
            + ". Offered: each person's call hours inside opening hours, closures and days off "
            "left out, as the free times a visitor sees."
        )
    else:
        summary = "Nobody takes calls: no staff member has call hours set."
    return Figure(
        "call_hours",
        f"How full the call hours are, the next {days} days",
        summary,
        ["Call taker", "Booked (min)", "Offered (min)", "Booked share"],
        [[row["staff"], row["booked"], row["offered"], percent(row["share"])] for row in rows],
        HorizontalChart(
            [{"label": row["staff"], "values": [row["booked"], row["offered"]]} for row in rows],
            series,
            unit="min",
        )
        if rows
        else None,
        series,
        empty=not rows,
    )


def timing_figures(period: Period) -> list[Figure]:
    by_hour, by_day = figures.requests_by_hour_and_weekday(period)
    hour_series = Series("Requests", by_hour, "solid")
    day_series = Series("Requests", by_day, "solid")
    busiest_hour = max(range(24), key=lambda hour: by_hour[hour])
    busiest_day = max(range(7), key=lambda day: by_day[day])
    total = sum(by_hour)
    return [
        Figure(
            "hours",
            "Requests by hour of the day (clinic time)",
            f"{total} requests in {period.label.lower()}; the busiest hour was "
            f"{busiest_hour:02d}:00–{busiest_hour:02d}:59 with {by_hour[busiest_hour]}."
            if total
            else "No request in this period.",
            ["Hour", "Requests"],
            [[f"{hour:02d}:00", by_hour[hour]] for hour in range(24)],
            VerticalChart([f"{hour:02d}" for hour in range(24)], [hour_series], label_every=3),
            [hour_series],
            empty=not total,
        ),
        Figure(
            "weekdays",
            "Requests by day of the week",
            f"The busiest day was {WEEKDAY_LABELS[busiest_day]} with {by_day[busiest_day]}."
            if total
            else "No request in this period.",
            ["Day", "Requests"],
            [[WEEKDAY_LABELS[day], by_day[day]] for day in range(7)],
            VerticalChart([label[:3] for label in WEEKDAY_LABELS], [day_series]),
            [day_series],
            empty=not total,
        ),
    ]


# Marketing ----------------------------------------------------------------------------------------


def marketing_figures(period: Period, show_patients: bool) -> list[Figure]:
    """Marketing reads these: every count from 1 to 4 is masked; patients only for intake."""
    return [
        channel_figure(period),
        source_figure(period, "source_page__title", "pages", "Top pages", "Page", show_patients),
        source_figure(
            period, "utm_campaign", "campaigns", "Top campaigns", "Campaign", show_patients
        ),
        funnel_figure(period, show_patients=show_patients, mask=True),
        language_figure(period, show_patients=show_patients, mask=True),
        self_check_figure(period),
    ]


def self_check_figure(period: Period) -> Figure:
    """Self-checks finished per week and how many led to a request: counts only (the answers are
    never stored), each from 1 to 4 shown as 1–4 like every count Marketing reads."""
    weeks = weekly_counts(period.start, period.end)
    finished = sum(week["finished"] for week in weeks)
    requests = sum(week["requests"] for week in weeks)
    series = [
        Series("Finished", [small_count(week["finished"]) for week in weeks], "solid"),
        Series("Led to a request", [small_count(week["requests"]) for week in weeks], "hatched"),
    ]
    labels = [week_label(week["week"]) for week in weeks]
    if finished or requests:
        summary = (
            f"{period.label}: {small_count(finished)} self-checks finished, and "
            f"{small_count(requests)} requests were sent from a result. Counts of 1 to 4 are "
            "shown as 1–4; the answers themselves are never kept."
        )
    else:
        summary = f"No self-check was finished in {period.label.lower()}."
    rows = [
        [f"{week['week']:%Y-%m-%d}", small_count(week["finished"]), small_count(week["requests"])]
        for week in weeks
    ]
    return Figure(
        "self_checks",
        "Self-checks finished and requests they led to",
        summary,
        ["Week of", "Self-checks finished", "Led to a request"],
        [*rows, ["Total", small_count(finished), small_count(requests)]] if rows else [],
        VerticalChart(labels, series, label_every=max(1, len(labels) // 6)) if rows else None,
        series,
        empty=not rows,
    )


CHANNEL_STYLES = dict(zip(Channel.LABELS, ("solid", "hatched", "dotted", "crossed"), strict=True))


def channel_figure(period: Period) -> Figure:
    weeks = figures.requests_by_channel(period)
    mask = small_count
    series = [
        Series(label, [mask(week[channel]) for week in weeks], CHANNEL_STYLES[channel])
        for channel, label in Channel.LABELS.items()
    ]
    totals = {channel: sum(week[channel] for week in weeks) for channel in Channel.LABELS}
    ranked = sorted(totals, key=lambda channel: -totals[channel])
    labels = [week_label(week["week"]) for week in weeks]
    booked = {
        channel: sum(week[figures.booked_key(channel)] for week in weeks)
        for channel in Channel.LABELS
    }
    summary = (
        f"{period.label}: requests came most through "
        + ", then ".join(
            f"{Channel.LABELS[c].lower()} ({mask(totals[c])}, {mask(booked[c])} booked a call)"
            for c in ranked
        )
        + ". Counts of 1 to 4 are shown as 1–4."
        if any(totals.values())
        else f"No request in {period.label.lower()}."
    )
    return Figure(
        "channels",
        "Requests per week by channel (first visit)",
        summary,
        [
            "Week of",
            *(
                heading
                for label in Channel.LABELS.values()
                for heading in (label, f"{label}: booked a call")
            ),
        ],
        [
            [
                f"{week['week']:%Y-%m-%d}",
                *(
                    mask(week[key])
                    for channel in Channel.LABELS
                    for key in (channel, figures.booked_key(channel))
                ),
            ]
            for week in weeks
        ],
        VerticalChart(labels, series, stacked=True, label_every=max(1, len(labels) // 6)),
        series,
        empty=not any(totals.values()),
    )


def source_figure(period, by, key, title, heading, show_patients) -> Figure:
    """The pages or campaigns that brought the most requests; those with 1 to 4 are one "Other
    (small groups)" row, so a link made for one person never shows as a row of its own."""
    folded = fold_small_groups(
        figures.top_sources(period, by), [by], ["requests", "booked", "patients"]
    )
    named = [row for row in folded if row[by] != OTHER_SMALL_GROUPS]
    rows = named[:TOP_SOURCES] + [row for row in folded if row[by] == OTHER_SMALL_GROUPS]
    mask = small_count
    series = [Series("Requests", [], "solid"), Series("Booked a call", [], "dotted")]
    if show_patients:
        series.append(Series("Became patients", [], "hatched"))
    chart_rows = [
        {
            "label": row[by],
            "values": [mask(row["requests"]), mask(row["booked"])]
            + ([mask(row["patients"])] if show_patients else []),
        }
        for row in rows
    ]
    if named:
        summary = (
            f"The {key} that brought the most requests in {period.label.lower()}: "
            f"“{named[0][by]}” with {mask(named[0]['requests'])}, of which "
            f"{mask(named[0]['booked'])} booked a call."
        )
    elif rows:
        summary = (
            f"Every one of the {key} in {period.label.lower()} brought 1 to 4 requests; they are "
            "shown together as one group."
        )
    else:
        summary = f"No request came from {key} in {period.label.lower()}."
    if named and rows[-1][by] == OTHER_SMALL_GROUPS:
        summary += f" {OTHER_SMALL_GROUPS} adds up those that brought 1 to 4 each."
    return Figure(
        key,
        title,
        summary,
        [heading, "Requests", "Booked a call", *(["Became patients"] if show_patients else [])],
        [[row["label"], *row["values"]] for row in chart_rows],
        HorizontalChart(chart_rows, series) if rows else None,
        series,
        empty=not rows,
    )


def language_figure(period: Period, show_patients: bool, mask: bool = False) -> Figure:
    """Requests by the language the visitor read the site in. Languages with 1 to 4 requests are
    one "Other (small groups)" row on both pages, as the pages and campaigns are: a rare language
    can point at a person. Marketing's counts are masked like all of theirs."""
    rows = [
        {**row, "language": language_name(row["language"])}
        for row in figures.requests_by_language(period)
    ]
    folded = fold_small_groups(rows, ["language"], ["requests", "patients"])
    count = small_count if mask else (lambda value: value)
    series = [Series("Requests", [], "solid")]
    if show_patients:
        series.append(Series("Became patients", [], "hatched"))
    chart_rows = [
        {
            "label": row["language"],
            "values": [count(row["requests"])]
            + ([count(row["patients"])] if show_patients else []),
        }
        for row in folded
    ]
    named = [row for row in folded if row["language"] != OTHER_SMALL_GROUPS]
    if named:
        summary = f"{period.label}: " + ", ".join(
            f"{row['language']} {count(row['requests'])}" for row in named
        )
        if len(named) < len(folded):
            summary += f", and {OTHER_SMALL_GROUPS.lower()} of 1 to 4 requests each"
        summary += "."
        if mask:
            summary += " Counts of 1 to 4 are shown as 1–4."
    elif folded:
        summary = (
            f"Every language in {period.label.lower()} brought 1 to 4 requests; they are shown "
            "together as one group."
        )
    else:
        summary = f"No request in {period.label.lower()}."
    return Figure(
        "languages",
        "Requests by language",
        summary,
        ["Language", "Requests", *(["Became patients"] if show_patients else [])],
        [[row["label"], *row["values"]] for row in chart_rows],
        HorizontalChart(chart_rows, series) if folded else None,
        series,
        empty=not folded,
    )

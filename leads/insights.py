"""Insights: the figures behind the intake and marketing charts. Every figure is computed by the
database (counts, window functions), never by a Python loop over leads, so a page costs the same
few queries at a hundred leads or at a hundred thousand.

Percentiles use the nearest-rank method (the value at rank ceil(p x n) in each group), which both
PostgreSQL and SQLite compute with the same window functions; the median of an even number of
values is then the lower of the two middle ones."""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    ExtractHour,
    ExtractIsoWeekDay,
    RowNumber,
    TruncWeek,
)
from django.utils import timezone

from leads.models import OPEN_STATUSES, Lead, LeadStatus

PERIOD_CHOICES = {
    "4w": ("Last 4 weeks", 4),
    "12w": ("Last 12 weeks", 12),
    "12m": ("Last 12 months", 52),
}
DEFAULT_PERIOD = "4w"

# Hosts whose referrals count as a web search rather than a link from another site.
SEARCH_ENGINE_HOSTS = (
    "google.",
    "bing.com",
    "duckduckgo.com",
    "search.yahoo.",
    "ecosia.org",
    "search.brave.com",
    "yandex.",
    "baidu.com",
)


class Channel:
    """How a request's first visit arrived, from its first-touch values."""

    CAMPAIGN = "campaign"
    SEARCH = "search"
    REFERRAL = "referral"
    DIRECT = "direct"
    LABELS = {
        CAMPAIGN: "Campaign",
        SEARCH: "Search",
        REFERRAL: "Referral",
        DIRECT: "Direct",
    }


@dataclass(frozen=True)
class Period:
    """Whole local days, start included, end excluded, and the label staff chose."""

    start: datetime.date
    end: datetime.date
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> "Period":
        """The period of the same length just before this one, to compare with."""
        return Period(self.start - (self.end - self.start), self.start, "the period before")

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(self.start, datetime.time(0), zone),
            datetime.datetime.combine(self.end, datetime.time(0), zone),
        )

    def leads(self, queryset=None):
        start, end = self.bounds()
        queryset = Lead.objects.all() if queryset is None else queryset
        return queryset.filter(received_at__gte=start, received_at__lt=end)

    def week_starts(self) -> list[datetime.date]:
        """The Monday of every week the period touches, for charts with a bar per week."""
        first = self.start - datetime.timedelta(days=self.start.weekday())
        weeks = []
        while first < self.end:
            weeks.append(first)
            first += datetime.timedelta(days=7)
        return weeks


def last_weeks(weeks: int, label: str, today: datetime.date | None = None) -> Period:
    """Whole weeks (Monday to Sunday) up to and including the current one."""
    today = today or timezone.localdate()
    end = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=7)
    return Period(end - datetime.timedelta(weeks=weeks), end, label)


def chosen_period(choice: str, start=None, end=None, today=None) -> Period:
    """The period for a choice of PERIOD_CHOICES, or custom dates (end date included)."""
    if choice == "custom" and start and end:
        return Period(
            start, end + datetime.timedelta(days=1), f"{start:%-d %b %Y} – {end:%-d %b %Y}"
        )
    label, weeks = PERIOD_CHOICES.get(choice, PERIOD_CHOICES[DEFAULT_PERIOD])
    return last_weeks(weeks, label, today)


def week_of(field_name: str = "received_at"):
    return TruncWeek(field_name, tzinfo=timezone.get_current_timezone())


def as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


# Speed to first contact ---------------------------------------------------------------------------


@dataclass
class SpeedFigures:
    """Time to first contact, in opening hours, of the requests of one period (urgent ones apart)."""

    requests: int
    contacted: int
    within_target: int
    median: float | None
    p90: float | None
    weeks: list[dict] = field(default_factory=list)

    @property
    def within_target_share(self) -> float | None:
        return self.within_target / self.contacted if self.contacted else None


def routine_requests(period: Period):
    """Requests that a person sent (not spam, not urgent: urgent ones are shown on their own)."""
    return period.leads().exclude(status=LeadStatus.SPAM).filter(is_urgent=False)


class PercentileDisc(Aggregate):
    """PostgreSQL's PERCENTILE_DISC: the first value whose share of the sorted values reaches the
    fraction, which is the nearest-rank percentile. One aggregate pass, where the window version
    below needs a sort and a subquery per group."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=fraction, **extra)


def nearest_rank_percentiles(queryset, value: str, percents, group: str | None = None) -> dict:
    """{(group value, percent): value at that percentile}, computed by the database: in
    PostgreSQL with PERCENTILE_DISC, elsewhere (SQLite, for `make run`) with ROW_NUMBER and COUNT
    windows over each group (the whole queryset when no group), which give the same answer."""
    if connection.vendor == "postgresql":
        aggregates = {f"p{percent}": PercentileDisc(value, percent / 100) for percent in percents}
        if group is None:
            row = queryset.aggregate(**aggregates)
            return {(None, percent): row[f"p{percent}"] for percent in percents}
        rows = queryset.values(group).annotate(**aggregates)
        return {
            (as_date(row[group]), percent): row[f"p{percent}"]
            for row in rows
            for percent in percents
            if row[f"p{percent}"] is not None
        }
    return windowed_percentiles(queryset, value, percents, group)


def windowed_percentiles(queryset, value: str, percents, group: str | None = None) -> dict:
    """The nearest-rank percentiles with window functions: the rank ceil(n x p / 100) is integer
    arithmetic, so no rounding error moves it."""
    partition = [F(group)] if group else []
    ranked = queryset.filter(**{f"{value}__isnull": False}).annotate(
        rank=Window(RowNumber(), partition_by=partition, order_by=[F(value).asc(), F("pk").asc()]),
        size=Window(Count("pk"), partition_by=partition),
    )
    wanted = Q()
    for percent in percents:
        wanted |= Q(rank=nearest_rank(F("size"), percent))
    rows = ranked.filter(wanted).values(*([group] if group else []), "rank", "size", value)
    results = {}
    for row in rows:  # at most one row per group and percentile
        for percent in percents:
            if row["rank"] == (row["size"] * percent + 99) // 100:
                results[(as_date(row[group]) if group else None, percent)] = row[value]
    return results


def nearest_rank(size, percent: int):
    """ceil(size x percent / 100) as an integer database expression."""
    return ExpressionWrapper(
        (size * Value(percent) + Value(99)) / Value(100), output_field=IntegerField()
    )


def speed_to_first_contact(
    period: Period, target_hours: float, weekly: bool = True
) -> SpeedFigures:
    """Median and 90th percentile of the opening hours to first contact, overall and (unless
    `weekly` is False: a comparison or the dashboard needs only the totals) per week, and how many
    requests were contacted within the target."""
    requests = routine_requests(period)
    totals = requests.aggregate(
        requests=Count("pk"),
        contacted=Count("pk", filter=Q(first_contact_opening_hours__isnull=False)),
        within=Count("pk", filter=Q(first_contact_opening_hours__lte=target_hours)),
    )
    overall = nearest_rank_percentiles(requests, "first_contact_opening_hours", (50, 90))
    figures = SpeedFigures(
        requests=totals["requests"],
        contacted=totals["contacted"],
        within_target=totals["within"],
        median=overall.get((None, 50)),
        p90=overall.get((None, 90)),
    )
    if not weekly:
        return figures
    weekly_requests = requests.annotate(week=week_of())
    by_week = nearest_rank_percentiles(
        weekly_requests, "first_contact_opening_hours", (50, 90), group="week"
    )
    counts = {
        as_date(row["week"]): row
        for row in weekly_requests.values("week").annotate(
            requests=Count("pk"),
            contacted=Count("pk", filter=Q(first_contact_opening_hours__isnull=False)),
            within=Count("pk", filter=Q(first_contact_opening_hours__lte=target_hours)),
        )
    }
    for week in period.week_starts():
        row = counts.get(week, {})
        figures.weeks.append(
            {
                "week": week,
                "requests": row.get("requests", 0),
                "contacted": row.get("contacted", 0),
                "within_target": row.get("within", 0),
                "median": by_week.get((week, 50)),
                "p90": by_week.get((week, 90)),
            }
        )
    return figures


def urgent_leads(period: Period):
    """The period's urgent requests (a crisis phrase in the message), spam left out."""
    return period.leads().filter(is_urgent=True).exclude(status=LeadStatus.SPAM)


def urgent_requests(period: Period) -> list[dict]:
    """Each urgent request of the period with its time to first contact (None: not yet), oldest
    first. Ids and times only: this is about how fast the clinic answered, not who asked."""
    return list(
        urgent_leads(period)
        .order_by("received_at", "pk")
        .values("pk", "received_at", "first_contact_opening_hours", "first_contacted_at")
    )


# The funnel ---------------------------------------------------------------------------------------

FUNNEL_STEPS = (
    ("requests", "Requests"),
    ("contacted", "Contacted"),
    ("consultation", "Consultation scheduled"),
    ("patients", "Became a patient"),
)
FUNNEL_ENDINGS = (
    ("not_a_fit", "Not a fit"),
    ("unreachable", "Unreachable"),
    ("spam", "Spam"),
    ("still_open", "Still open"),
)


def funnel(period: Period) -> dict[str, int]:
    """How far the period's requests got, by their status now: requests, then contacted, then a
    consultation scheduled (or held and became a patient), then patients; and where the rest ended."""
    return period.leads().aggregate(
        requests=Count("pk", filter=~Q(status=LeadStatus.SPAM)),
        contacted=Count(
            "pk", filter=Q(first_contacted_at__isnull=False) & ~Q(status=LeadStatus.SPAM)
        ),
        consultation=Count(
            "pk",
            filter=Q(status__in=(LeadStatus.CONSULTATION_SCHEDULED, LeadStatus.BECAME_PATIENT)),
        ),
        patients=Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        not_a_fit=Count("pk", filter=Q(status=LeadStatus.NOT_A_FIT)),
        unreachable=Count("pk", filter=Q(status=LeadStatus.UNREACHABLE)),
        spam=Count("pk", filter=Q(status=LeadStatus.SPAM)),
        still_open=Count("pk", filter=Q(status__in=(LeadStatus.NEW, LeadStatus.CONTACTED))),
    )


def step_rates(counts: dict[str, int]) -> list[dict]:
    """Each funnel step with its count and the share of the step before that reached it."""
    steps, before = [], None
    for key, label in FUNNEL_STEPS:
        count = counts[key]
        rate = count / before if before else None
        steps.append({"key": key, "label": label, "count": count, "rate": rate})
        before = count
    return steps


# Workload and timing ------------------------------------------------------------------------------


def workload(today: datetime.date | None = None) -> list[dict]:
    """Open requests per assignee now, with how many of them are past their follow-up date."""
    today = today or timezone.localdate()
    rows = (
        Lead.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
        .values("assigned_to", "assigned_to__first_name", "assigned_to__last_name")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(next_follow_up_on__lt=today)),
        )
        .order_by("-open", "assigned_to__first_name", "assigned_to__last_name")
    )
    return [
        {
            "assignee": (
                " ".join(
                    part
                    for part in (row["assigned_to__first_name"], row["assigned_to__last_name"])
                    if part
                )
                or f"User {row['assigned_to']}"
            )
            if row["assigned_to"]
            else "Not assigned",
            "open": row["open"],
            "overdue": row["overdue"],
        }
        for row in rows
    ]


WEEKDAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def requests_by_hour_and_weekday(period: Period) -> tuple[list[int], list[int]]:
    """Requests per hour of the day (0 to 23) and per weekday (Monday first), clinic time."""
    zone = timezone.get_current_timezone()
    requests = period.leads().exclude(status=LeadStatus.SPAM)
    by_hour = dict(
        requests.annotate(hour=ExtractHour("received_at", tzinfo=zone))
        .values("hour")
        .annotate(count=Count("pk"))
        .values_list("hour", "count")
    )
    by_day = dict(
        requests.annotate(day=ExtractIsoWeekDay("received_at", tzinfo=zone))
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    return [by_hour.get(hour, 0) for hour in range(24)], [by_day.get(day, 0) for day in range(1, 8)]


# Marketing ----------------------------------------------------------------------------------------


def channel_expression():
    """The first-touch channel of a request, as a database CASE: a campaign (any UTM value), a
    web search (a search engine's referrer), another site's link, or a direct visit."""
    search = Q()
    for host in SEARCH_ENGINE_HOSTS:
        search |= Q(referrer__icontains=host)
    return Case(
        When(
            ~Q(utm_source="") | ~Q(utm_campaign="") | ~Q(utm_medium=""),
            then=Value(Channel.CAMPAIGN),
        ),
        When(search, then=Value(Channel.SEARCH)),
        When(~Q(referrer=""), then=Value(Channel.REFERRAL)),
        default=Value(Channel.DIRECT),
        output_field=CharField(),
    )


def requests_by_channel(period: Period) -> list[dict]:
    """Per week, the requests that arrived through each channel."""
    rows = (
        period.leads()
        .exclude(status=LeadStatus.SPAM)
        .annotate(week=week_of(), channel=channel_expression())
        .values("week", "channel")
        .annotate(count=Count("pk"))
    )
    counts = {(as_date(row["week"]), row["channel"]): row["count"] for row in rows}
    return [
        {
            "week": week,
            **{channel: counts.get((week, channel), 0) for channel in Channel.LABELS},
        }
        for week in period.week_starts()
    ]


def top_sources(period: Period, by: str, limit: int = 10) -> list[dict]:
    """The pages (by="source_page__title") or campaigns (by="utm_campaign") that brought the most
    requests, with how many of those became patients."""
    return list(
        period.leads()
        .exclude(status=LeadStatus.SPAM)
        .exclude(**{by: ""})
        .exclude(**{f"{by}__isnull": True})
        .values(by)
        .annotate(
            requests=Count("pk"),
            patients=Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        )
        .order_by("-requests", by)[:limit]
    )

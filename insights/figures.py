"""Insights: the figures behind the intake and marketing charts. Every figure is computed by the
database (counts, window functions), never by a Python loop over leads, so a page costs the same
few queries at a hundred leads or at a hundred thousand.

Percentiles use the nearest-rank method (the value at rank ceil(p x n) in each group), which both
PostgreSQL and SQLite compute with the same window functions; the median of an even number of
values is then the lower of the two middle ones."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    Extract,
    RowNumber,
    TruncWeek,
)
from django.utils import timezone

from calls.availability import booking_rules, call_windows, clinic_zone
from calls.models import BookedBy, Call, CallStatus
from insights import clinic_clock
from leads.models import Lead, LeadQuerySet, LeadStatus
from leads.recipients import user_label

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


def clinic_offsets(period: Period) -> list[tuple]:
    return clinic_clock.offset_changes(*period.bounds(), timezone.get_current_timezone())


def week_of(period: Period, field_name: str = "received_at"):
    """An expression giving the week (clinic time) of each row's `field_name` (by default when
    the request arrived), and a function that turns its value into that week's Monday.
    PostgreSQL counts weeks from the period's first Monday with clinic_clock's arithmetic; SQLite
    truncates to the week."""
    if connection.vendor == "postgresql":
        first_monday = period.week_starts()[0]
        expression = clinic_clock.week_number(field_name, clinic_offsets(period), first_monday)
        return expression, lambda weeks: first_monday + datetime.timedelta(weeks=weeks)
    return TruncWeek(field_name, tzinfo=timezone.get_current_timezone()), as_date


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
    return period.leads().not_spam().filter(is_urgent=False)


class PercentileDisc(Aggregate):
    """PostgreSQL's PERCENTILE_DISC: the first value whose share of the sorted values reaches the
    fraction, which is the nearest-rank percentile. One aggregate pass, where the window version
    below needs a sort and a subquery per group."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=fraction, **extra)


def nearest_rank_percentiles(
    queryset, value: str, percents, group: str, counts: dict, key=None
) -> dict:
    """{group value: {"p50": …, "p90": …, and each of `counts`}} computed by the database. In
    PostgreSQL the percentiles (PERCENTILE_DISC) and the counts come from one pass over the rows;
    elsewhere (SQLite, for `make run`) the percentiles come from ROW_NUMBER and COUNT windows over
    each group, which give the same answer, and the counts from a second query. `key` turns a
    group's value into the key of the answer (as_date by default)."""
    key = key or as_date
    if connection.vendor == "postgresql":
        aggregates = {f"p{percent}": PercentileDisc(value, percent / 100) for percent in percents}
        rows = queryset.values(group).annotate(**aggregates, **counts)
        return {key(row.pop(group)): row for row in rows}
    ranked = windowed_percentiles(queryset, value, percents, group, key)
    rows = {key(row.pop(group)): row for row in queryset.values(group).annotate(**counts)}
    for group_key, row in rows.items():
        for percent in percents:
            row[f"p{percent}"] = ranked.get((group_key, percent))
    return rows


def windowed_percentiles(
    queryset, value: str, percents, group: str | None = None, key=None
) -> dict:
    """The nearest-rank percentiles with window functions: the rank ceil(n x p / 100) is integer
    arithmetic, so no rounding error moves it."""
    key = key or as_date
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
                results[(key(row[group]) if group else None, percent)] = row[value]
    return results


def nearest_rank(size, percent: int):
    """ceil(size x percent / 100) as an integer database expression."""
    return ExpressionWrapper(
        (size * Value(percent) + Value(99)) / Value(100), output_field=IntegerField()
    )


def speed_counts(target_hours: float, among: Q) -> dict:
    """Counts behind the speed figures, of the requests that match `among`."""
    contacted = Q(first_contact_opening_hours__isnull=False)
    return {
        "requests": Count("pk", filter=among),
        "contacted": Count("pk", filter=among & contacted),
        "within": Count("pk", filter=among & Q(first_contact_opening_hours__lte=target_hours)),
    }


def speed_to_first_contact(
    period: Period, target_hours: float, weekly: bool = True
) -> SpeedFigures:
    """Median and 90th percentile of the opening hours to first contact, overall and (unless
    `weekly` is False: a comparison or the dashboard needs only the totals) per week, and how many
    requests were contacted within the target."""
    figures = period_totals(period, target_hours).speed
    if weekly:
        figures.weeks = weekly_speed(period, target_hours)
    return figures


def weekly_speed(period: Period, target_hours: float) -> list[dict]:
    """The speed figures of each week of the period (a row per week, empty weeks included), from
    one grouped query."""
    week, monday = week_of(period)
    by_week = nearest_rank_percentiles(
        routine_requests(period).annotate(week=week),
        "first_contact_opening_hours",
        (50, 90),
        group="week",
        counts=speed_counts(target_hours, Q()),
        key=monday,
    )
    weeks = []
    for week in period.week_starts():
        row = by_week.get(week, {})
        weeks.append(
            {
                "week": week,
                "requests": row.get("requests", 0),
                "contacted": row.get("contacted", 0),
                "within_target": row.get("within", 0),
                "median": row.get("p50"),
                "p90": row.get("p90"),
            }
        )
    return weeks


def urgent_leads(period: Period):
    """The period's urgent requests (a crisis phrase in the message), spam left out."""
    return period.leads().not_spam().filter(is_urgent=True)


def urgent_requests(period: Period) -> list[dict]:
    """Each urgent request of the period with its time to first contact (None: not yet), oldest
    first. Ids and times only: this is about how fast the clinic answered, not who asked."""
    return list(
        urgent_leads(period)
        .order_by("received_at", "pk")
        .values("pk", "received_at", "first_contact_opening_hours", "first_contacted_at")
    )


# Bands of opening hours to first contact for the urgent chart, when there are too many urgent
# requests for a bar each: (key, label, lower bound included, upper bound excluded).
URGENT_BANDS = (
    ("under_1", "Under 1 h", 0, 1),
    ("1_to_2", "1 to 2 h", 1, 2),
    ("2_to_4", "2 to 4 h", 2, 4),
    ("4_to_8", "4 to 8 h", 4, 8),
    ("8_or_more", "8 h or more", 8, None),
)


def urgent_bands(period: Period) -> dict[str, int]:
    """How many of the period's urgent requests were first contacted within each band of opening
    hours, and how many are not contacted yet, in one aggregate."""
    hours = "first_contact_opening_hours"
    counts = {}
    for key, _label, low, high in URGENT_BANDS:
        band = Q(**{f"{hours}__gte": low})
        if high is not None:
            band &= Q(**{f"{hours}__lt": high})
        counts[key] = Count("pk", filter=band)
    counts["waiting"] = Count("pk", filter=Q(**{f"{hours}__isnull": True}))
    return urgent_leads(period).aggregate(**counts)


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


def funnel_counts() -> dict:
    """How far requests got, by their status now: requests, then contacted, then a consultation
    scheduled (or held and became a patient), then patients; and where the rest ended."""
    return {
        "requests": Count("pk", filter=LeadQuerySet.NOT_SPAM),
        "contacted": Count(
            "pk", filter=Q(first_contacted_at__isnull=False) & LeadQuerySet.NOT_SPAM
        ),
        "consultation": Count(
            "pk",
            filter=Q(status__in=(LeadStatus.CONSULTATION_SCHEDULED, LeadStatus.BECAME_PATIENT)),
        ),
        "patients": Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        "not_a_fit": Count("pk", filter=Q(status=LeadStatus.NOT_A_FIT)),
        "unreachable": Count("pk", filter=Q(status=LeadStatus.UNREACHABLE)),
        "spam": Count("pk", filter=Q(status=LeadStatus.SPAM)),
        "still_open": Count("pk", filter=Q(status__in=(LeadStatus.NEW, LeadStatus.CONTACTED))),
    }


def funnel(period: Period) -> dict[str, int]:
    """The period's requests through the funnel (see funnel_counts)."""
    return period_totals(period).funnel


@dataclass
class PeriodTotals:
    funnel: dict[str, int]
    speed: SpeedFigures | None = None


def period_totals(period: Period, target_hours: float | None = None) -> PeriodTotals:
    """The funnel of the period's requests and, given a target, the speed to first contact of its
    routine requests (overall, no weeks), from one pass over the period's rows: on PostgreSQL the
    percentiles are FILTERed aggregates beside the counts. Elsewhere the percentiles take a
    second, windowed query."""
    value = "first_contact_opening_hours"
    routine = LeadQuerySet.NOT_SPAM & Q(is_urgent=False)
    aggregates = funnel_counts()
    if target_hours is not None:
        speed = speed_counts(target_hours, routine)
        aggregates.update({f"speed_{key}": aggregate for key, aggregate in speed.items()})
        if connection.vendor == "postgresql":
            for percent in (50, 90):
                aggregates[f"speed_p{percent}"] = PercentileDisc(
                    value, percent / 100, filter=routine
                )
    row = period.leads().aggregate(**aggregates)
    totals = PeriodTotals({key: row[key] for key in funnel_counts()})
    if target_hours is None:
        return totals
    if connection.vendor != "postgresql":
        ranked = windowed_percentiles(routine_requests(period), value, (50, 90))
        row.update({f"speed_p{percent}": ranked.get((None, percent)) for percent in (50, 90)})
    totals.speed = SpeedFigures(
        requests=row["speed_requests"],
        contacted=row["speed_contacted"],
        within_target=row["speed_within"],
        median=row["speed_p50"],
        p90=row["speed_p90"],
    )
    return totals


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
        Lead.objects.active()
        .values("assigned_to", "assigned_to__first_name", "assigned_to__last_name")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=LeadQuerySet.overdue_condition(today)),
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
    """Requests per hour of the day (0 to 23) and per weekday (Monday first), clinic time: one
    pass that counts each hour of the week, at most 168 rows, summed both ways here."""
    requests = period.leads().not_spam()
    if connection.vendor == "postgresql":
        hour_of_week = clinic_clock.hour_of_week("received_at", clinic_offsets(period))
        rows = requests.annotate(slot=hour_of_week).values("slot").annotate(count=Count("pk"))
        pairs = [(*clinic_clock.weekday_and_hour(row["slot"]), row["count"]) for row in rows]
    else:
        zone = timezone.get_current_timezone()
        rows = (
            requests.annotate(
                hour=Extract("received_at", "hour", tzinfo=zone),
                day=Extract("received_at", "iso_week_day", tzinfo=zone),
            )
            .values("day", "hour")
            .annotate(count=Count("pk"))
            .values_list("day", "hour", "count")
        )
        pairs = [(day - 1, hour, count) for day, hour, count in rows]
    by_hour, by_day = [0] * 24, [0] * 7
    for day, hour, count in pairs:
        by_hour[hour] += count
        by_day[day] += count
    return by_hour, by_day


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


def booked_key(channel: str) -> str:
    """The key of a channel's "booked a call" count in requests_by_channel's rows."""
    return f"{channel}_booked"


def requests_by_channel(period: Period) -> list[dict]:
    """Per week, the requests that arrived through each channel, and how many of those booked a
    call (booked_key(channel))."""
    week, monday = week_of(period)
    rows = (
        period.leads()
        .not_spam()
        .annotate(week=week, channel=channel_expression(), has_call=has_call())
        .values("week", "channel")
        .annotate(count=Count("pk"), booked=Count("pk", filter=Q(has_call=True)))
    )
    counts = {(monday(row["week"]), row["channel"]): row for row in rows}
    empty = {"count": 0, "booked": 0}
    return [
        {
            "week": week,
            **{channel: counts.get((week, channel), empty)["count"] for channel in Channel.LABELS},
            **{
                booked_key(channel): counts.get((week, channel), empty)["booked"]
                for channel in Channel.LABELS
            },
        }
        for week in period.week_starts()
    ]


def top_sources(period: Period, by: str) -> list[dict]:
    """The pages (by="source_page__title") or campaigns (by="utm_campaign") that brought
    requests, most first, with how many of those booked a call and how many became patients. All
    of them: the report folds the small ones together before it keeps the top few."""
    return list(
        period.leads()
        .not_spam()
        .exclude(**{by: ""})
        .exclude(**{f"{by}__isnull": True})
        .annotate(has_call=has_call())
        .values(by)
        .annotate(
            requests=Count("pk"),
            booked=Count("pk", filter=Q(has_call=True)),
            patients=Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        )
        .order_by("-requests", by)
    )


def requests_by_language(period: Period) -> list[dict]:
    """The requests in each of the site's languages (the one the visitor read the site in), most
    first, with how many became patients. Every language: the report folds the small ones."""
    return list(
        period.leads()
        .not_spam()
        .values("language")
        .annotate(
            requests=Count("pk"),
            patients=Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        )
        .order_by("-requests", "language")
    )


# Calls ---------------------------------------------------------------------------------------------
# A request "booked a call" when it has any call row, booked by the person or by staff, whatever
# became of the call (a cancelled booking was still a booking).


def has_call():
    """Whether a lead (the outer row) has any call."""
    return Exists(Call.objects.filter(lead=OuterRef("pk")))


def booked_calls_by_week(period: Period) -> list[dict]:
    """Per week of arrival, the routine requests (urgent ones are never offered a time), how many
    booked a call, and how many of those the person booked themselves on the website."""
    week, monday = week_of(period)
    by_themselves = Exists(Call.objects.filter(lead=OuterRef("pk"), booked_by=BookedBy.VISITOR))
    rows = (
        routine_requests(period)
        .annotate(week=week, has_call=has_call(), by_themselves=by_themselves)
        .values("week")
        .annotate(
            requests=Count("pk"),
            booked=Count("pk", filter=Q(has_call=True)),
            by_themselves=Count("pk", filter=Q(by_themselves=True)),
        )
    )
    counts = {monday(row["week"]): row for row in rows}
    empty = {"requests": 0, "booked": 0, "by_themselves": 0}
    return [
        {"week": week, **{key: counts.get(week, empty)[key] for key in empty}}
        for week in period.week_starts()
    ]


def booked_share(period: Period) -> tuple[int, int]:
    """(routine requests, those that booked a call) of a period, in one aggregate: the period
    before, for the comparison."""
    row = (
        routine_requests(period)
        .annotate(has_call=has_call())
        .aggregate(requests=Count("pk"), booked=Count("pk", filter=Q(has_call=True)))
    )
    return row["requests"], row["booked"]


class HoursBetween(Func):
    """The hours from one moment to a later one, as a float, in the database: PostgreSQL's epoch
    of the interval, SQLite's Julian days (`make run`)."""

    output_field = FloatField()

    def __init__(self, later, earlier):
        super().__init__(later, earlier)

    def compiled(self, compiler):
        later, later_params = compiler.compile(self.source_expressions[0])
        earlier, earlier_params = compiler.compile(self.source_expressions[1])
        return later, earlier, (*later_params, *earlier_params)

    def as_postgresql(self, compiler, connection, **extra):
        later, earlier, params = self.compiled(compiler)
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 3600.0)", params

    def as_sql(self, compiler, connection, **extra):
        later, earlier, params = self.compiled(compiler)
        return f"((julianday({later}) - julianday({earlier})) * 24.0)", params


@dataclass
class BookingWait:
    """Hours (on the clock, not opening hours) from a request to the booking of its first call."""

    booked: int
    median: float | None
    p90: float | None
    weeks: list[dict] = field(default_factory=list)


def waits_for_booking(period: Period):
    """The period's routine requests that booked a call, each with `wait`: the hours from the
    request to the moment its first call was booked (by either side)."""
    first_booked = Subquery(
        Call.objects.filter(lead=OuterRef("pk")).order_by("booked_at", "pk").values("booked_at")[:1]
    )
    return (
        routine_requests(period)
        .annotate(has_call=has_call())
        .filter(has_call=True)
        .annotate(wait=HoursBetween(first_booked, F("received_at")))
    )


def time_to_booking(period: Period) -> BookingWait:
    """Median and 90th percentile of the hours from request to booked call, overall and per
    week of arrival, with the nearest rank as every percentile here."""
    waits = waits_for_booking(period)
    if connection.vendor == "postgresql":
        row = waits.aggregate(
            booked=Count("pk"), p50=PercentileDisc("wait", 0.5), p90=PercentileDisc("wait", 0.9)
        )
    else:
        ranked = windowed_percentiles(waits, "wait", (50, 90))
        row = {"booked": waits.count(), **{f"p{p}": ranked.get((None, p)) for p in (50, 90)}}
    week, monday = week_of(period)
    by_week = nearest_rank_percentiles(
        waits.annotate(week=week),
        "wait",
        (50, 90),
        group="week",
        counts={"booked": Count("pk")},
        key=monday,
    )
    weeks = [
        {
            "week": week,
            "booked": by_week.get(week, {}).get("booked", 0),
            "median": by_week.get(week, {}).get("p50"),
            "p90": by_week.get(week, {}).get("p90"),
        }
        for week in period.week_starts()
    ]
    return BookingWait(row["booked"], row["p50"], row["p90"], weeks)


def call_outcomes_by_week(period: Period) -> list[dict]:
    """Per week of the call (clinic time), the calls held and those not answered."""
    start, end = period.bounds()
    week, monday = week_of(period, "starts_at")
    rows = (
        Call.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(week=week)
        .values("week")
        .annotate(
            held=Count("pk", filter=Q(status=CallStatus.HELD)),
            no_answer=Count("pk", filter=Q(status=CallStatus.NO_ANSWER)),
        )
    )
    counts = {monday(row["week"]): row for row in rows}
    return [
        {
            "week": week,
            "held": counts.get(week, {}).get("held", 0),
            "no_answer": counts.get(week, {}).get("no_answer", 0),
        }
        for week in period.week_starts()
    ]


# How far ahead the call hours' use is measured, today included: the booking horizon's default.
CALL_HOURS_DAYS = 14


def offered_call_minutes(site, first: datetime.date, last: datetime.date) -> dict[int, int]:
    """Per call taker, the call minutes offered from `first` to `last` (both included): the times
    calls.availability would offer on an empty calendar (its call windows, on the grid of the
    call plus its gap) times the call's length. Counted by arithmetic on each window."""
    rules = booking_rules(site)
    length, step = rules.call_length, rules.call_length + rules.gap
    return {
        # Windows are wall-clock times of one zone: their difference is wall-clock time, as the
        # free times' grid steps.
        user_id: sum(
            ((end - start - length) // step + 1) * rules.call_minutes
            for start, end in windows
            if end - start >= length
        )
        for user_id, windows in call_windows(site, first, last).items()
    }


def call_hours_use(site, today: datetime.date | None = None) -> list[dict]:
    """How full each call taker's hours are over the coming CALL_HOURS_DAYS (today included):
    the minutes of their calls that hold time (booked, held, not answered) against the call
    minutes their hours offer. Staff who no longer take calls but still have some are listed
    with nothing offered."""
    zone = clinic_zone()
    today = today or timezone.localdate(timezone=zone)
    last = today + datetime.timedelta(days=CALL_HOURS_DAYS - 1)
    offered = offered_call_minutes(site, today, last)
    start = datetime.datetime.combine(today, datetime.time(), zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
    booked = dict(
        Call.objects.holding()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .values("staff_id")
        .annotate(
            length=Sum(
                ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
            )
        )
        .values_list("staff_id", "length")
    )
    names = {
        user.pk: user_label(user)
        for user in get_user_model().objects.filter(pk__in={*offered, *booked})
    }
    rows = [
        {
            "staff": names.get(user_id, f"User {user_id}"),
            "offered": offered.get(user_id, 0),
            "booked": int(booked[user_id].total_seconds() // 60) if user_id in booked else 0,
        }
        for user_id in {*offered, *booked}
    ]
    for row in rows:
        row["share"] = row["booked"] / row["offered"] if row["offered"] else None
    return sorted(rows, key=lambda row: row["staff"])

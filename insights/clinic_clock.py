"""Clinic wall-clock time of a timestamp column, computed by PostgreSQL without a time-zone lookup
per row.

`received_at AT TIME ZONE 'America/New_York'` looks the zone's rules up for every row: over a year
of requests that was most of the time the weekly and hour-of-week figures took. Within a period
the clinic's UTC offset takes only a few values (it changes at most twice a year, at the daylight
saving changes), so the offsets are worked out here, in Python, from the zone database, and the
database adds the right one to each row's epoch seconds with a CASE on the instants where it
changes: plain arithmetic. The answer is the same as AT TIME ZONE's, to the second, for any zone
(half-hour offsets and daylight saving included; tests/leads/test_insights_figures.py).

Django has no such expression (its Extract and Trunc functions use AT TIME ZONE), and no library
we found offers one, so it is written here.
"""

import datetime
import math

from django.db.models import Expression, F, FloatField, Func, IntegerField

DAY = datetime.timedelta(days=1)
EPOCH = datetime.date(1970, 1, 1)
HOURS_IN_A_WEEK = 7 * 24
# 1 January 1970 was a Thursday: ISO weekday 4, index 3 counting from Monday.
EPOCH_WEEKDAY = 3


def offset_seconds(instant: datetime.datetime, zone) -> int:
    return int(instant.astimezone(zone).utcoffset().total_seconds())


def offset_changes(start: datetime.datetime, end: datetime.datetime, zone) -> list[tuple]:
    """[(from, offset in seconds), …]: the clinic's UTC offset at `start`, then each instant
    before `end` where it changes, with the offset from then on. Looked for a day at a time (no
    zone changes its offset twice in a day), then to the second (zones change on a whole second)."""
    changes = [(start, offset_seconds(start, zone))]
    day_start = start
    while day_start < end:
        day_end = min(day_start + DAY, end)
        if offset_seconds(day_end, zone) != changes[-1][1]:
            # The old offset holds at `before`, the new one at `after`: halve the gap to a second.
            before, after = math.floor(day_start.timestamp()), math.ceil(day_end.timestamp())
            while after - before > 1:
                middle = (before + after) // 2
                if offset_seconds(from_timestamp(middle), zone) == changes[-1][1]:
                    before = middle
                else:
                    after = middle
            changes.append((from_timestamp(after), offset_seconds(from_timestamp(after), zone)))
        day_start = day_end
    return changes


def from_timestamp(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)


class LocalSeconds(Func):
    """Seconds since 1 January 1970 00:00 on the clinic's clock, as a float (PostgreSQL only).

    `changes` comes from offset_changes() over a range that holds every row the query reads."""

    output_field = FloatField()

    def __init__(self, field_name: str, changes: list[tuple]):
        super().__init__(F(field_name))
        self.changes = changes

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        (_, offset), *later = self.changes
        if not later:
            return f"(date_part('epoch', {column}) + %s)", (*params, offset)
        whens, when_params = [], []
        for changes_at, next_offset in later:
            whens.append(f"WHEN {column} < %s THEN %s")
            when_params += [*params, changes_at, offset]
            offset = next_offset
        sql = f"(date_part('epoch', {column}) + CASE {' '.join(whens)} ELSE %s END)"
        return sql, (*params, *when_params, offset)


class WholeUnits(Func):
    """floor((seconds - origin) / unit) as an integer, optionally modulo `modulo`."""

    output_field = IntegerField()

    def __init__(self, seconds: Expression, unit: int, origin: int = 0, modulo: int | None = None):
        super().__init__(seconds)
        self.unit, self.origin, self.modulo = unit, origin, modulo

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        sql = f"CAST(FLOOR(({sql} - %s) / %s) AS bigint)"
        params = (*params, self.origin, self.unit)
        if self.modulo is not None:
            sql, params = f"MOD({sql}, %s)", (*params, self.modulo)
        return f"CAST({sql} AS integer)", params


def local_epoch_seconds(day: datetime.date) -> int:
    """The clinic-clock seconds of `day` at 00:00."""
    return (day - EPOCH).days * 86400


def week_number(field_name: str, changes: list[tuple], first_monday: datetime.date):
    """The week, counted from `first_monday` (0), in which each row's `field_name` falls on the
    clinic's clock."""
    return WholeUnits(
        LocalSeconds(field_name, changes),
        unit=7 * 86400,
        origin=local_epoch_seconds(first_monday),
    )


def hour_of_week(field_name: str, changes: list[tuple]):
    """The hour of the week on the clinic's clock, counted from Thursday 00:00 (0) to Wednesday
    23:00 (167); weekday_and_hour() turns it into a weekday and an hour."""
    return WholeUnits(LocalSeconds(field_name, changes), unit=3600, modulo=HOURS_IN_A_WEEK)


def weekday_and_hour(hour_of_week_value: int) -> tuple[int, int]:
    """(weekday with Monday 0, hour 0–23) of an hour_of_week() value."""
    return (hour_of_week_value // 24 + EPOCH_WEEKDAY) % 7, hour_of_week_value % 24

"""Helpers of the call booking's tests, importable by any test module (tests/e2e, the real layer):
a moment in the clinic's wall-clock time, and a call taker with weekly hours."""

import datetime
from zoneinfo import ZoneInfo

from calls.models import CallHours, CallTaker
from tests.factories import UserFactory

CLINIC_ZONE = ZoneInfo("America/New_York")


def clinic_time(year, month, day, hour, minute=0) -> datetime.datetime:
    """A moment given in the clinic's wall-clock time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=CLINIC_ZONE)


def make_taker(username, hours=((0, 9, 17), (1, 9, 17), (2, 9, 17), (3, 9, 17), (4, 9, 17))):
    """An intake user who takes calls in the given (weekday, from hour, to hour) rows."""
    user = UserFactory(username=username, first_name=username.title(), groups=["Intake staff"])
    taker = CallTaker.objects.create(user=user)
    CallHours.objects.bulk_create(
        CallHours(taker=taker, day=day, starts=datetime.time(start), ends=datetime.time(end))
        for day, start, end in hours
    )
    return user

"""Twenty visitors racing for the one free time, on PostgreSQL: exactly one call."""

import threading

import pytest
from django.db import connection

from calls.booking import TimeTaken, book_call
from calls.models import Call, CallBookingSettings
from tests.calls.conftest import clinic_time, make_taker
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twenty_concurrent_bookings_of_one_free_time_make_exactly_one_call(
    require_postgres, site, settings, contact_page
):
    settings.TIME_ZONE = "America/New_York"
    make_taker("ana")
    rules = CallBookingSettings.for_site(site)
    rules.notice_opening_hours = 0
    rules.save()
    now = clinic_time(2026, 12, 7, 8)
    moment = clinic_time(2026, 12, 7, 9)
    leads = [LeadFactory(source_page=contact_page) for _ in range(20)]
    start = threading.Barrier(20)
    results = []

    def race(lead):
        start.wait()
        try:
            book_call(lead, moment, now=now)
            results.append("booked")
        except TimeTaken:
            results.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(lead,)) for lead in leads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["booked"] + ["taken"] * 19
    assert Call.objects.filter(starts_at=moment).count() == 1

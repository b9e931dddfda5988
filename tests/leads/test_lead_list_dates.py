"""The work list shows follow-up dates as dates a person reads at a glance, and marks the
overdue ones (it used to say "Just now" for a date four days ahead)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import LeadFactory
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db

# A Monday morning in the clinic's time zone (America/New_York).
MONDAY = datetime.datetime(
    2026, 11, 30, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
)


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


def follow_up_cell(response, name: str) -> str:
    """The text of the "Next follow-up" cell in the work list's row that holds `name`."""
    row = next(row for row in parse(response).select("tbody tr") if name in text_of(row))
    headings = [text_of(heading) for heading in row.find_parent("table").select("thead th")]
    column = next(i for i, text in enumerate(headings) if text == "Next follow-up")
    return text_of(row.find_all("td", recursive=False)[column])


@time_machine.travel(MONDAY, tick=False)
def test_a_follow_up_four_days_ahead_reads_as_its_date_not_just_now(staff_client):
    LeadFactory(
        full_name="Future Follow",
        next_follow_up_on=timezone.localdate() + datetime.timedelta(days=4),
    )
    row = follow_up_cell(staff_client.get(reverse("contact_requests:index")), "Future Follow")
    assert "Just now" not in row
    assert "Fri 4 Dec" in row
    assert "Overdue" not in row


@time_machine.travel(MONDAY, tick=False)
def test_a_follow_up_date_in_the_past_is_marked_overdue(staff_client):
    LeadFactory(
        full_name="Late Follow",
        next_follow_up_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    LeadFactory(full_name="Today Follow", next_follow_up_on=timezone.localdate())
    listing = staff_client.get(reverse("contact_requests:index"))
    late = follow_up_cell(listing, "Late Follow")
    assert "Sat 28 Nov" in late
    assert "Overdue" in late
    today = follow_up_cell(listing, "Today Follow")
    assert "Mon 30 Nov" in today
    assert "Overdue" not in today

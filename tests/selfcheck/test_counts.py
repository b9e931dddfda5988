"""Marketing's view of the self-check: counts only (finished, and how many led to a request),
each count from 1 to 4 shown as 1–4, never an answer."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from selfcheck.models import SelfCheckDayCount
from tests.html_reading import parse
from tests.selfcheck.conftest import REQUEST_URL, result_of, signed_answers

pytestmark = pytest.mark.django_db

MARKETING_URL = "/admin/insights/marketing/"


def figure(client, **params):
    soup = parse(client.get(MARKETING_URL, params))
    return soup.select_one('[data-figure="self_checks"]')


def csv_rows(client):
    response = client.get(MARKETING_URL, {"figure": "self_checks", "format": "csv"})
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_finished_self_checks_and_requests_are_counted_per_day(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks
):
    for _ in range(3):
        signed = signed_answers(result_of(client, answers()))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(REQUEST_URL, request_data(signed)).status_code == 303
    row = SelfCheckDayCount.objects.get(day=timezone.localdate())
    assert (row.finished, row.requests) == (3, 1)


def test_marketing_sees_counts_with_small_ones_folded_and_no_answers(client, marketing_user):
    today = timezone.localdate()
    SelfCheckDayCount.objects.create(day=today - datetime.timedelta(days=1), finished=9, requests=3)
    client.force_login(marketing_user)
    section = figure(client)
    summary = section.select_one(".insights-figure__summary").get_text()
    assert "9 self-checks finished" in summary
    assert "1–4 requests" in summary
    rows = csv_rows(client)
    assert rows[0] == ["Week of", "Self-checks finished", "Led to a request"]
    assert rows[-1] == ["Total", "9", "1–4"]
    for row in rows[1:]:
        assert "3" not in row[1:]


def test_with_nothing_counted_the_figure_says_so(client, marketing_user):
    client.force_login(marketing_user)
    assert "No self-check was finished" in figure(client).get_text()

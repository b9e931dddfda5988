"""Small numbers identify people: the reports Marketing sees show a count from
1 to 4 as "1–4", on screen and in their exports, and only intake staff see who became a patient."""

import csv
import datetime
import io

import pytest
from django.template import Context, Template
from django.urls import reverse
from openpyxl import load_workbook

from core.small_counts import SMALL_COUNT_LABEL, small_count
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.datetime(2026, 11, 10, 12, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, "1–4"), (4, "1–4"), (5, 5), (120, 120), (None, None)]
)
def test_small_count_hides_one_to_four(count, shown):
    assert small_count(count) == shown
    assert SMALL_COUNT_LABEL == "1–4"


def test_the_template_filter_hides_one_to_four():
    template = Template("{% load small_counts %}{{ a|small_count }} {{ b|small_count }}")
    assert template.render(Context({"a": 3, "b": 12})) == "1–4 12"


@pytest.fixture
def report_leads(contact_page):
    for _ in range(3):
        LeadFactory(source_page=contact_page, utm_campaign="winter", received_at=NOVEMBER)
    LeadFactory(
        source_page=contact_page,
        utm_campaign="winter",
        received_at=NOVEMBER,
        status="became_patient",
    )
    for _ in range(5):
        LeadFactory(source_page=contact_page, utm_campaign="spring", received_at=NOVEMBER)


def rows_of(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_marketing_sees_small_counts_as_a_range_and_no_patients(
    client, marketing_user, report_leads
):
    client.force_login(marketing_user)
    html = client.get(reverse("leads_by_article")).content.decode()
    assert "1–4" in html and "Became patients" not in html
    rows = rows_of(client.get(reverse("leads_by_article") + "?export=csv"))
    # Winter brought 4: a group that small is folded, so its name is not shown at all.
    assert [(row["Campaign"], row["Requests"]) for row in rows] == [
        ("spring", "5"),
        ("Other (small groups)", "1–4"),
    ]
    assert "Became patients" not in rows[0]
    sheet = load_workbook(
        io.BytesIO(
            b"".join(client.get(reverse("leads_by_article") + "?export=xlsx").streaming_content)
        )
    ).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "Became patients" not in values[0]
    assert values[1][3:5] == ["spring", 5]
    assert values[2][1:5] == ["Other (small groups)"] * 3 + ["1–4"]
    assert "winter" not in str(values)


def test_intake_staff_see_who_became_patients_also_as_ranges(client, intake_user, report_leads):
    client.force_login(intake_user)
    rows = rows_of(client.get(reverse("leads_by_article") + "?export=csv"))
    assert [(row["Campaign"], row["Requests"], row["Became patients"]) for row in rows] == [
        ("spring", "5", "0"),
        ("Other (small groups)", "1–4", "1–4"),
    ]
    assert "Became patients" in client.get(reverse("leads_by_article")).content.decode()


def test_small_groups_fold_per_month_and_add_up(client, marketing_user, contact_page):
    december = NOVEMBER + datetime.timedelta(days=30)
    for campaign, count, when in (
        ("spring", 6, NOVEMBER),
        ("for-jo-smith", 1, NOVEMBER),
        ("for-pat-lee", 2, NOVEMBER),
        ("for-sam-ortiz", 3, december),
        ("for-kim-wu", 3, december),
    ):
        for _ in range(count):
            LeadFactory(source_page=contact_page, utm_campaign=campaign, received_at=when)
    client.force_login(marketing_user)

    rows = rows_of(client.get(reverse("leads_by_article") + "?export=csv"))

    assert [(row["Month"], row["Campaign"], row["Requests"]) for row in rows] == [
        ("2026-12", "Other (small groups)", "6"),
        ("2026-11", "spring", "6"),
        ("2026-11", "Other (small groups)", "1–4"),
    ]
    html = client.get(reverse("leads_by_article")).content.decode()
    for person in ("for-jo-smith", "for-pat-lee", "for-sam-ortiz", "for-kim-wu"):
        assert person not in html

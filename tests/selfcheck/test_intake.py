"""What intake sees of an attached self-check: a panel on the lead's page, badges in the work list
and filters for the threshold and the safety flag; and what the person gets back: their answers in
the data copy, gone after erasure and the retention purge."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from leads import follow_up
from leads.models import Inquiry, Lead
from person_data import retention
from person_data.models import PersonRequest
from person_data.person_requests import person_copy
from selfcheck.questions import score, staff_summary
from tests.factories import LeadFactory
from tests.html_reading import parse
from tests.selfcheck.conftest import MATCHING

pytestmark = pytest.mark.django_db

INDEX = "/admin/contact-requests/"


def attached(**changes) -> dict:
    given = {**MATCHING, **changes}
    outcome = score(given)
    return {
        "self_check": staff_summary(given, outcome, "Your answers match"),
        "meets_threshold": outcome.meets_threshold,
        "safety_flag": outcome.safety_flag,
    }


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


def test_the_lead_page_shows_the_self_check_panel(staff_client, contact_page):
    lead = LeadFactory(full_name="Sam Okoro", **attached(heart="yes"))
    soup = parse(staff_client.get(reverse("contact_requests:inspect", args=[lead.pk])))
    panel = soup.select_one('[data-testid="self-check"]')
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in panel.select("dt")],
            [dd.get_text(strip=True) for dd in panel.select("dd")],
            strict=True,
        )
    )
    assert facts["Two-antidepressant threshold"] == "Met"
    assert facts["Treatments tried"] == (
        "Talk therapy (counseling or psychotherapy), TMS (magnetic stimulation)"
    )
    assert facts["Safety flags"] == "High blood pressure or heart condition not under control"
    badges = soup.select_one(".lead-header__badges").get_text()
    assert "Meets the two-antidepressant threshold" in badges and "Safety flag" in badges


def test_a_lead_without_a_self_check_has_no_panel(staff_client, contact_page):
    lead = LeadFactory()
    soup = parse(staff_client.get(reverse("contact_requests:inspect", args=[lead.pk])))
    assert soup.select_one('[data-testid="self-check"]') is None


def test_the_work_list_shows_badges_and_filters_by_threshold_and_safety_flag(
    staff_client, contact_page
):
    LeadFactory(full_name="Ada Threshold", **attached(antidepressants="2"))
    LeadFactory(full_name="Ben Flagged", **attached(antidepressants="1", substances="yes"))
    LeadFactory(full_name="Cy Plain")

    def names(query=""):
        soup = parse(staff_client.get(INDEX + query))
        return {row.select_one("td a").get_text(strip=True) for row in soup.select("tbody tr")}

    assert names() == {"Ada Threshold", "Ben Flagged", "Cy Plain"}
    assert names("?meets_threshold=on") == {"Ada Threshold"}
    assert names("?safety_flag=on") == {"Ben Flagged"}
    soup = parse(staff_client.get(INDEX))
    rows = {row.select_one("td a").get_text(strip=True): row for row in soup.select("tbody tr")}
    assert rows["Ada Threshold"].select_one('[data-testid="badge-threshold"]')
    assert not rows["Ada Threshold"].select_one('[data-testid="badge-safety"]')
    assert rows["Ben Flagged"].select_one('[data-testid="badge-safety"]')
    assert not rows["Cy Plain"].select('[data-testid^="badge-"]')


def submitted_with_self_check(submit) -> Lead:
    lead = submit(
        {
            "full_name": "Robin Ash",
            "email": "robin@example.org",
            "phone": "",
            "preferred_contact_method": "email",
            "message": "",
        }
    )
    values = attached(pregnancy="yes")
    for model in (Lead, Inquiry):
        model.objects.all().update(**values)
    return Lead.objects.get(pk=lead.pk)


def test_the_data_copy_includes_the_answers(submit, intake_user):
    lead = submitted_with_self_check(submit)
    PersonRequest.objects.create(reference="PR-9", kind="copy", handler=intake_user)
    copy = person_copy([lead.pk], intake_user, "PR-9", "json", email="robin@example.org")
    request = copy["contact_requests"][0]
    for section in (request["details"], request["inquiries"][0]):
        assert section["self_check"]["safety_flags"] == [
            "Pregnant, trying to become pregnant, or breastfeeding"
        ]
        questions = [item["question"] for item in section["self_check"]["answers"]]
        assert "Do you have a doctor or nurse who prescribes for you now?" in questions
    json.dumps(copy, default=str)


def test_the_printed_data_copy_lists_the_answers(staff_client, submit, intake_user):
    lead = submitted_with_self_check(submit)
    PersonRequest.objects.create(reference="PR-10", kind="copy", handler=intake_user)
    response = staff_client.post(
        reverse("person_data_copy"),
        {
            "lead": [lead.pk],
            "email": "robin@example.org",
            "phone": "",
            "reference": "PR-10",
            "format": "html",
        },
    )
    assert response.status_code == 200, response.content[:500]
    text = parse(response).get_text()
    assert "Self-check you sent with this request" in text
    assert "Are you pregnant, trying to become pregnant, or breastfeeding? Yes" in text


def assert_self_check_gone(lead):
    lead.refresh_from_db()
    assert (lead.self_check, lead.meets_threshold, lead.safety_flag) == ({}, False, False)
    for inquiry in lead.inquiries.all():
        assert (inquiry.self_check, inquiry.meets_threshold, inquiry.safety_flag) == (
            {},
            False,
            False,
        )


def test_erasure_removes_the_answers(submit, intake_user):
    lead = submitted_with_self_check(submit)
    retention.erase_person(lead, intake_user)
    assert_self_check_gone(lead)


def test_the_retention_purge_removes_the_answers(submit, intake_user, settings):
    lead = submitted_with_self_check(submit)
    follow_up.change_status(lead, "not_a_fit", intake_user)
    later = timezone.now() + datetime.timedelta(days=int(settings.LEADS_RETENTION_DAYS) + 1)
    assert retention.purge_expired_leads(now=later) == 1
    assert_self_check_gone(lead)

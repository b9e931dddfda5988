"""An intake user answers a person's request in Chromium: finds the person by email and phone,
downloads their copy (printable page and JSON), then erases every ticked request at once."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from leads.intake import submit_lead
from leads.models import Inquiry, Lead
from person_data.models import PersonDataAuditRecord, PersonRequest
from tests.factories import LeadFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def send_request(full_name, email, phone):
    return submit_lead(
        details={
            "full_name": full_name,
            "email": email,
            "phone": phone,
            "preferred_contact_method": "phone",
            "message": "Three medicines have not helped.",
        },
        consent_version="consent-2026-11",
    )


def test_intake_user_finds_a_person_gives_a_copy_and_erases_every_request(browser_page, live_site):
    UserFactory(username="intake.ana", first_name="Ana", last_name="Reyes", groups=["Intake staff"])
    earlier = send_request("Robin Okafor", "robin.okafor@example.org", "+15035550123")
    Lead.objects.filter(pk=earlier.pk).update(status="not_a_fit")
    newer = send_request("Robin Okafor", "Robin.Okafor@example.org", "+15035550123")
    # A relative's own request from the same family phone.
    family = LeadFactory(
        full_name="Sam Okafor",
        email="sam.okafor@example.net",
        email_key="sam.okafor@example.net",
        phone="+15035550123",
    )
    PersonRequest.objects.create(reference="PR-2026-014", kind="access_and_erasure")
    page = browser_page

    page.goto("/admin/")
    page.get_by_label("Username").fill("intake.ana")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Find a person"
    ).click()

    page.get_by_label("Email address").fill(" ROBIN.OKAFOR@example.org ")
    page.get_by_label("Phone number").fill("(503) 555-0123")
    page.get_by_role("button", name="Find", exact=True).click()
    matches = page.get_by_test_id("person-matches")
    expect(matches.locator("tbody tr")).to_have_count(3)
    expect(page.get_by_test_id("one-field-only")).to_have_text([re.compile(r"^Phone only")])
    robin_boxes = [
        page.get_by_label(f"Contact request #{pk} is the person's") for pk in (earlier.pk, newer.pk)
    ]
    for box in robin_boxes:
        expect(box).to_be_checked()
    expect(page.get_by_label(f"Contact request #{family.pk} is the person's")).not_to_be_checked()
    page.get_by_label("Request reference").fill("PR-2026-014")

    with page.expect_download() as printable:
        page.get_by_role("button", name="Download a printable copy").click()
    assert printable.value.suggested_filename == "person-data-pr-2026-014.html"
    printed = Path(printable.value.path()).read_text(encoding="utf-8")
    assert "Robin Okafor" in printed and "Sam Okafor" not in printed
    with page.expect_download() as machine_readable:
        page.get_by_role("button", name="Download as JSON").click()
    copy = json.loads(Path(machine_readable.value.path()).read_text(encoding="utf-8"))
    assert [item["number"] for item in copy["contact_requests"]] == sorted([earlier.pk, newer.pk])

    page.get_by_label("The person asked for their data to be erased").check()
    page.get_by_role("button", name="Erase the ticked requests").click()
    expect(
        page.get_by_text(re.compile(r"Erased the person's data from contact request"))
    ).to_be_visible()

    for lead in (earlier, newer):
        saved = Lead.objects.get(pk=lead.pk)
        assert (saved.full_name, saved.email, str(saved.phone or "")) == ("", "", "")
        assert set(Inquiry.objects.filter(lead=lead).values_list("full_name", flat=True)) == {""}
    assert Lead.objects.get(pk=family.pk).full_name == "Sam Okafor"
    assert list(PersonDataAuditRecord.objects.order_by("pk").values_list("action", flat=True)) == [
        "search",
        "copy",
        "copy",
        "erase",
    ]
    assert page.console_errors == []

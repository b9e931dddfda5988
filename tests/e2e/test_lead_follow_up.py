"""An intake user works a lead in Chromium: filters New, opens the lead, assigns it to themselves,
adds a note, sets Contacted, and sees all three on the timeline."""

import re

import pytest
from playwright.sync_api import expect

from leads.models import Lead, LeadStatus
from tests.factories import LeadFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_intake_user_filters_opens_assigns_notes_and_contacts_a_lead(browser_page, live_site):
    UserFactory(username="intake.ana", first_name="Ana", last_name="Reyes", groups=["Intake staff"])
    lead = LeadFactory(full_name="Robin Okafor")
    LeadFactory(full_name="Casey Already", status=LeadStatus.CONTACTED)
    page = browser_page

    page.goto("/admin/")
    page.get_by_label("Username").fill("intake.ana")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name=re.compile(r"^Leads")).click()
    expect(page.get_by_role("link", name="Casey Already")).to_be_visible()

    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Status").click()
    page.get_by_role("checkbox", name="New", exact=True).check()
    expect(page.get_by_role("link", name="Casey Already")).to_have_count(0)
    page.get_by_role("link", name="Robin Okafor").click()

    expect(page.get_by_role("heading", name="Request", exact=True)).to_be_visible()
    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_test_id("lead-assignee")).to_have_text("Ana Reyes")

    page.get_by_role("textbox", name="Note").fill("Left a voicemail; will try again at 4pm.")
    page.get_by_role("button", name="Add note").click()

    page.get_by_role("combobox", name="Status").select_option("contacted")
    page.get_by_role("button", name="Set status").click()
    expect(page.get_by_test_id("lead-status")).to_have_text("Contacted")

    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("Assigned to Ana Reyes")
    expect(timeline).to_contain_text("Left a voicemail; will try again at 4pm.")
    expect(timeline).to_contain_text("Status: New → Contacted")
    saved = Lead.objects.get(pk=lead.pk)
    assert saved.status == LeadStatus.CONTACTED
    assert saved.assigned_to.username == "intake.ana"
    assert saved.first_contacted_at is not None
    assert page.console_errors == []

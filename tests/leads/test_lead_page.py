"""A lead's page in the Wagtail admin's own idiom, the name "Leads" everywhere staff look, and
the warnings that keep a fresh install from notifying nobody."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from leads import follow_up
from leads.checks import NO_STAFF_RECIPIENTS, check_staff_recipients
from leads.models import Lead, StaffNotificationSettings
from tests.factories import LeadFactory, SuperUserFactory, UserFactory
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


@pytest.fixture
def lead(contact_page):
    return LeadFactory(
        full_name="Robin Okafor",
        email="robin@example.org",
        phone="+15035550100",
        source_page=contact_page,
        utm_source="newsletter",
        utm_medium="email",
        utm_campaign="winter",
        is_urgent=True,
    )


def lead_page(client, lead) -> BeautifulSoup:
    return parse(client.get(reverse("contact_requests:inspect", args=[lead.pk])))


def by_testid(soup, testid: str):
    return soup.find(attrs={"data-testid": testid})


def test_the_header_shows_name_status_urgency_and_assignee_as_badges(staff_client, lead):
    follow_up.assign(
        lead, UserFactory(first_name="Lee", last_name="Park", groups=["Intake staff"]), None
    )
    header = by_testid(lead_page(staff_client, lead), "lead-header")
    assert header.name == "header"
    assert "Robin Okafor" in text_of(header)
    assert len(header.select(".w-status")) == 3
    assert text_of(by_testid(header, "lead-status")) == "New"
    assert text_of(by_testid(header, "lead-urgent")) == "Urgent"
    assignee = by_testid(header, "lead-assignee")
    assert assignee.name == "span" and text_of(assignee) == "Lee Park"
    assert "Assigned to Lee Park" in text_of(header)


def test_details_sit_in_contact_request_attribution_and_consent_panels(staff_client, lead):
    soup = lead_page(staff_client, lead)
    for panel_id, heading in [
        ("lead-contact", "Contact"),
        ("lead-request", "Request"),
        ("lead-attribution", "Attribution"),
        ("lead-consent", "Consent"),
    ]:
        panel = soup.find("section", id=f"{panel_id}-section")
        assert text_of(panel.find(attrs={"data-panel-heading-text": True})) == heading
    attribution = soup.find("section", id="lead-attribution-section")
    terms = {text_of(term): term.find_next_sibling() for term in attribution.find_all("dt")}
    for label, value in [
        ("UTM source", "newsletter"),
        ("UTM medium", "email"),
        ("UTM campaign", "winter"),
    ]:
        assert terms[label].name == "dd" and text_of(terms[label]) == value


def test_actions_sit_in_a_side_panel_with_the_admins_button_styles(staff_client, lead):
    actions = lead_page(staff_client, lead).find("aside", class_="lead-layout__actions")
    buttons = {text_of(button) for button in actions.select("button.button.button-small")}
    for label in [
        "Assign",
        "Assign to me",
        "Set status",
        "Save date",
        "Add note",
        "Mark as spam",
    ]:
        assert label in buttons
    # Erasure goes through Find a person, so every lead of the person is erased together.
    links = {text_of(link) for link in actions.select("a.button.button-small")}
    assert "Erase this person" in links
    assert actions.select_one(".w-field__label") is not None


def test_email_and_phone_are_links_with_the_phone_in_national_format(staff_client, lead):
    soup = lead_page(staff_client, lead)
    assert text_of(soup.find("a", href="mailto:robin@example.org")) == "robin@example.org"
    assert text_of(soup.find("a", href="tel:+15035550100")) == "(503) 555-0100"


def test_a_phone_from_another_country_is_shown_in_international_format(staff_client, contact_page):
    lead = LeadFactory(phone="+442079460958", source_page=contact_page)
    soup = lead_page(staff_client, lead)
    assert text_of(soup.find("a", href="tel:+442079460958")) == "+44 20 7946 0958"


def test_page_views_are_folded_into_one_line_and_an_access_log(staff_client, lead, intake_user):
    follow_up.add_note(lead, "Left a voicemail.", intake_user)
    for _ in range(3):
        lead_page(staff_client, lead)
    soup = lead_page(staff_client, lead)
    timeline = text_of(by_testid(soup, "timeline"))
    assert "Opened the lead" not in timeline
    assert "Left a voicemail." in timeline
    assert "Viewed 4 times, last by Ana Reyes" in text_of(by_testid(soup, "page-views"))
    assert len(by_testid(soup, "access-log").find_all("li", recursive=False)) == 4


def test_assign_to_lists_every_active_intake_user_and_preselects_the_assignee(staff_client, lead):
    colleague = UserFactory(first_name="Lee", last_name="Park", groups=["Intake staff"])
    UserFactory(first_name="Gone", last_name="Away", groups=["Intake staff"], is_active=False)
    UserFactory(first_name="Mark", last_name="Eting", groups=["Marketing"])
    chief = SuperUserFactory(first_name="Chief", last_name="Medical")
    follow_up.assign(lead, chief, chief)
    select = lead_page(staff_client, lead).find("select", attrs={"name": "assignee"})
    options = [text_of(option) for option in select.find_all("option")]
    assert options == ["Nobody", "Ana Reyes", "Chief Medical", "Lee Park"]
    chosen = select.find_all("option", selected=True)
    assert [(option["value"], text_of(option)) for option in chosen] == [
        (str(chief.pk), "Chief Medical")
    ]
    follow_up.assign(lead, colleague, chief)
    select = lead_page(staff_client, lead).find("select", attrs={"name": "assignee"})
    chosen = select.find_all("option", selected=True)
    assert [(option["value"], text_of(option)) for option in chosen] == [
        (str(colleague.pk), "Lee Park")
    ]


def test_one_name_in_the_admin_leads(staff_client, lead):
    soup = lead_page(staff_client, lead)
    assert text_of(soup.title).startswith(f"Lead #{lead.pk}")
    assert "contact request" not in str(soup).lower()
    index = parse(staff_client.get(reverse("contact_requests:index")))
    assert text_of(index.title).startswith("Leads")
    assert "Contact request" not in str(index)


def test_the_staff_email_subject_reads_as_a_sentence(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            contact_page.url, contact_form_data(preferred_contact_method="phone", message="")
        )
    (staff,) = [m for m in mail.outbox if m.to == ["intake@clinic.example"]]
    lead_id = Lead.objects.get().pk
    assert staff.subject == f"New lead #{lead_id} from the website: prefers a phone call"
    assert f"A new lead (#{lead_id}) arrived" in staff.body


def test_the_confirmation_says_once_that_it_is_not_watched_for_emergencies(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact_page.url, contact_form_data())
    (confirmation,) = [m for m in mail.outbox if m.to == ["jordan@example.org"]]
    html = confirmation.alternatives[0][0]
    assert confirmation.body.count("not watched for emergencies") == 1
    assert html.count("not watched for emergencies") == 1
    assert "988" in confirmation.body and "911" in confirmation.body


# A fresh install that would notify nobody ---------------------------------------------------


@pytest.fixture
def no_staff_address(settings, site):
    settings.LEADS_NOTIFY_EMAILS = []
    StaffNotificationSettings.objects.filter(site=site).delete()


@pytest.mark.parametrize("who", ["intake", "superuser"])
def test_the_dashboard_warns_staff_while_no_staff_address_is_set(
    client, no_staff_address, intake_user, who
):
    client.force_login(intake_user if who == "intake" else SuperUserFactory())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-testid="no-staff-recipients"' in html
    assert "New leads reach nobody on the staff" in html


def test_the_dashboard_warning_goes_once_an_address_is_set(
    client, no_staff_address, site, intake_user
):
    client.force_login(intake_user)
    StaffNotificationSettings.objects.update_or_create(
        site=site, defaults={"staff_recipients": "intake@clinic.example"}
    )
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "no-staff-recipients" not in html


def test_marketing_never_sees_the_staff_address_warning(client, no_staff_address, marketing_user):
    client.force_login(marketing_user)
    assert "no-staff-recipients" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_deploy_check_fails_with_no_staff_address(no_staff_address):
    (warning,) = check_staff_recipients()
    assert warning.id == NO_STAFF_RECIPIENTS
    with pytest.raises(SystemCheckError, match=r"leads\.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "leads")


def test_the_deploy_check_passes_with_the_variable_or_the_site_setting(
    settings, no_staff_address, site
):
    settings.LEADS_NOTIFY_EMAILS = ["intake@clinic.example"]
    assert check_staff_recipients() == []
    settings.LEADS_NOTIFY_EMAILS = []
    StaffNotificationSettings.objects.create(site=site, staff_recipients="intake@clinic.example")
    assert check_staff_recipients() == []

"""One editable home per clinic fact: change the phone or the opening hours once, in
Settings → Clinic details, and the footer, the privacy notice, the organisation's JSON-LD, the
confirmation email and the escalation clock all follow."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtailseo.models import SeoSettings

from core.models import ClinicSettings, OpeningHours
from leads.escalation import escalation_due_at
from leads.intake import submit_lead
from tests.factories import LeadFactory, translation_of
from tests.html_reading import parse, text_of
from tests.seo_helpers import parse_page

pytestmark = pytest.mark.django_db

CLINIC = ZoneInfo("America/New_York")


@pytest.fixture
def edited_clinic(clinic_settings):
    """The editor's one change: a new phone number, and Saturdays now 10 to 2 with Sunday open."""
    clinic_settings.phone = "(971) 555-0199"
    clinic_settings.save()
    OpeningHours.objects.filter(setting=clinic_settings, day=5).update(
        opens=datetime.time(10), closes=datetime.time(14)
    )
    OpeningHours.objects.create(
        setting=clinic_settings, day=6, opens=datetime.time(11), closes=datetime.time(15)
    )
    return clinic_settings


def test_the_footer_and_privacy_notice_show_the_edited_phone_and_hours(
    client, edited_clinic, privacy_notice
):
    for url in ("/", privacy_notice.url):
        html = client.get(url).content.decode()
        assert "(971) 555-0199" in html and 'href="tel:+19715550199"' in html, url
        assert "(503) 555-0142" not in html, url
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "Monday to Friday: 8am to 6pm" in footer
    assert "Saturday: 10am to 2pm" in footer
    assert "Sunday: 11am to 3pm" in footer


def test_a_spanish_visitor_reads_the_opening_hours_in_spanish(client, edited_clinic, home_page):
    translation_of(home_page, title="Inicio", slug="inicio")
    hours = parse(client.get("/es/")).select_one(".site-footer__hours")
    assert text_of(hours) == (
        "Horario de atención Lunes a viernes: 08:00 a 18:00 Sábado: 10:00 a 14:00 "
        "Domingo: 11:00 a 15:00"
    )
    assert "Monday" not in text_of(parse(client.get("/es/no-existe/")).select_one(".site-footer"))


def test_the_opening_hours_keep_the_clinics_english_form_with_minutes(clinic_settings):
    OpeningHours.objects.filter(setting=clinic_settings, day=5).update(
        opens=datetime.time(9, 30), closes=datetime.time(12, 15)
    )
    clinic = ClinicSettings.objects.get(pk=clinic_settings.pk)
    with translation.override("en"):
        assert clinic.opening_hours_lines()[-1] == "Saturday: 9:30am to 12:15pm"


def test_the_organisation_json_ld_reads_the_clinic_settings(client, site, edited_clinic):
    seo = SeoSettings.for_site(site)
    seo.struct_org_type = "MedicalOrganization"
    # A stale copy in wagtail-seo's own fields never reaches the page.
    seo.struct_org_phone = "+1-503-555-0000"
    seo.struct_org_name = "Old name"
    seo.save()
    head = parse_page(client.get("/").content, "http://testserver/")
    (organisation,) = head["json_ld"]["MedicalOrganization"]
    assert organisation["name"] == "Evergreen Ketamine Clinic"
    assert organisation["telephone"] == "+1-971-555-0199"
    assert organisation["address"]["streetAddress"] == "1200 NW Lovejoy Street"
    assert organisation["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "opens": "08:00:00",
            "closes": "18:00:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Saturday"],
            "opens": "10:00:00",
            "closes": "14:00:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Sunday"],
            "opens": "11:00:00",
            "closes": "15:00:00",
        },
    ]


def test_the_escalation_clock_counts_the_edited_hours(site, contact_page, edited_clinic):
    # Received Saturday 13:00: one opening hour left that day (until 14:00), Sunday 11–15 gives
    # three more, so four opening hours end on Sunday at 14:00.
    lead = LeadFactory(
        source_page=contact_page, received_at=datetime.datetime(2026, 11, 28, 13, tzinfo=CLINIC)
    )
    assert escalation_due_at(lead, site) == datetime.datetime(2026, 11, 29, 14, tzinfo=CLINIC)


def test_the_confirmation_email_gives_the_edited_phone_and_hours(
    contact_page, edited_clinic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_lead(
            details={
                "full_name": "Sam Lee",
                "email": "sam@example.org",
                "preferred_contact_method": "email",
            },
            consent_version="v",
            source_page=contact_page,
        )
    (confirmation,) = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert "(971) 555-0199" in confirmation.body
    assert "Saturday: 10am to 2pm" in confirmation.body
    assert "Sunday: 11am to 3pm" in confirmation.body


def test_the_seo_settings_form_no_longer_offers_copies_of_the_clinic_facts():
    fields = get_setting_edit_handler(SeoSettings).get_form_options()["fields"]
    assert "struct_org_type" in fields and "struct_org_logo" in fields
    assert not set(fields) & {"struct_org_name", "struct_org_phone", "struct_org_hours"}
    assert not [name for name in fields if name.startswith("struct_org_address")]

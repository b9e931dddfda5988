"""What visitors write is health information: it stays out of logs, error reports, other sites'
hands and emails; crisis help is the clinic's own editable message, everywhere it matters."""

import logging
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from leads import public_views
from leads.demo import PRIVACY_BODY
from leads.models import Lead
from tests.personal_data import RECOGNISABLE, assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db


def test_contact_and_thank_you_pages_keep_their_address_to_the_site(client, contact_page):
    for url in (contact_page.url, contact_page.thank_you_url):
        assert client.get(url)["Referrer-Policy"] == "same-origin"


def test_contact_and_thank_you_pages_load_no_third_party_script_or_frame(client, contact_page):
    for url in (contact_page.url, contact_page.thank_you_url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for tag in soup.find_all(["script", "iframe", "img", "link"]):
            address = tag.get("src") or tag.get("href") or ""
            assert urlsplit(address).netloc in ("", "testserver"), f"{url}: {tag}"
        for script in soup.find_all("script"):
            text = script.string or ""
            assert "gtag" not in text and "analytics" not in text and "fbq(" not in text


def test_error_reports_hide_every_posted_field(contact_page, contact_form_data, monkeypatch):
    def failing_submit(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(public_views, "submit_lead", failing_submit)
    monkeypatch.setattr(public_views, "is_over_rate_limit", lambda request, email: False)
    request = RequestFactory().post(contact_page.url, contact_form_data(**RECOGNISABLE))
    request.session = {}
    with pytest.raises(RuntimeError):
        public_views.contact_form_view(request, contact_page)
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    for name, value in RECOGNISABLE.items():
        assert shown[name] != value
        assert set(shown[name]) == {"*"}


def test_logs_of_a_whole_request_name_the_lead_by_id_only(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, caplog, settings
):
    settings.LEADS_NOTIFY_EMAILS = []  # also exercises the "nobody to notify" error log
    caplog.set_level(logging.DEBUG)
    client.get("/?utm_source=newsletter")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, contact_form_data(**RECOGNISABLE))
    assert response.status_code == 303
    client.get(response["Location"])
    lead = Lead.objects.get()
    assert mail.outbox, "the emails ran, so their logging ran too"
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )
    assert str(lead.pk) in logged
    assert_holds_none_of(logged, printed_forms(**RECOGNISABLE), "the log")


def test_the_edited_crisis_message_shows_in_footer_form_thank_you_and_confirmation(
    client, contact_page, contact_form_data, clinic_settings, django_capture_on_commit_callbacks
):
    clinic_settings.crisis_message = "Reach the Lifeline now: call or text 988, or call 911."
    clinic_settings.save()
    form_page = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    footer_crisis = form_page.find("footer").find(class_="crisis")
    form_crisis = form_page.find("form", class_="contact-form").find_previous_sibling("section")
    for section in (footer_crisis, form_crisis):
        assert "Reach the Lifeline now" in section.get_text()
        assert section.find("a", href="tel:988") and section.find("a", href="sms:988")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, contact_form_data())
    thank_you = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "Reach the Lifeline now" in thank_you.find("main").get_text()
    confirmation = next(m for m in mail.outbox if m.to == ["jordan@example.org"])
    assert "Reach the Lifeline now" in confirmation.body
    assert "Reach the Lifeline now" in confirmation.alternatives[0][0]
    assert 'href="sms:988"' in confirmation.alternatives[0][0]
    assert 'href="https://988lifeline.org/chat/"' in confirmation.alternatives[0][0]
    assert "https://988lifeline.org/chat/" in confirmation.body


def test_privacy_notice_says_what_why_who_how_long_and_how_to_erase(
    client, privacy_notice, clinic_settings, settings
):
    privacy_notice.body = PRIVACY_BODY
    privacy_notice.save_revision().publish()
    settings.LEADS_RETENTION_DAYS = 200
    settings.LEADS_PERSON_REQUEST_DAYS = 21
    text = BeautifulSoup(client.get(privacy_notice.url).content, "html.parser").find("main")
    text = " ".join(text.get_text(" ").split())
    for heading in ("What we keep", "Who reads it", "Why we keep it", "How long we keep it"):
        assert heading in text
    assert "200 days after a request is closed" in text
    assert "erase" in text and "care@example.org" in text and "(503) 555-0142" in text
    # The process staff follow (person_data.person_requests), with the deadline from its setting.
    assert "We answer within 21 days of receiving your request." in text
    for promise in (
        "every request you sent us with your email address or phone number",
        "the consent you gave and its version",
        "does not include our staff's working notes",
        "removes from all your requests at once",
        "emails not yet sent to you are cancelled",
        "under which reference, without your details",
    ):
        assert promise in text


def test_the_consent_box_links_to_the_privacy_notice(client, contact_page, privacy_notice):
    soup = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    consent = soup.find("input", attrs={"name": "consent"})
    links = consent.find_parent("div").find_all("a") or soup.find_all("a", string="privacy notice")
    assert privacy_notice.url in [link["href"] for link in links]

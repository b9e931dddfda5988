"""Each request records the language the visitor read the site in: the lead and each inquiry keep
it, and a repeat request in another language moves the lead to it (unless it may be someone
else)."""

import pytest

from leads.intake import submit_lead
from leads.models import Lead
from tests.factories import translation_of

pytestmark = pytest.mark.django_db


def post_form(client, contact_page, contact_form_data, capture, language=None, **fields):
    # The Spanish site is the contact page's Spanish version, at its /es/ address.
    page = translation_of(contact_page, language) if language else contact_page
    with capture(execute=True):
        response = client.post(page.url, contact_form_data(**fields))
    assert response.status_code == 303
    return Lead.objects.latest("pk")


def test_a_request_from_the_spanish_site_is_a_spanish_lead(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    lead = post_form(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, "es"
    )
    assert lead.language == "es"
    assert lead.inquiries.get().language == "es"
    assert lead.get_language_display() == "Español"


def test_a_request_from_the_english_site_is_an_english_lead(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    lead = post_form(client, contact_page, contact_form_data, django_capture_on_commit_callbacks)
    assert (lead.language, lead.inquiries.get().language) == ("en", "en")


def test_a_regional_variant_is_stored_as_the_sites_language_and_an_unknown_one_as_the_default(
    contact_page,
):
    details = {
        "full_name": "Jordan Rivera",
        "email": "jordan@example.org",
        "preferred_contact_method": "email",
    }
    mexican = submit_lead(details=details, consent_version="v", language="es-mx")
    french = submit_lead(
        details={**details, "email": "other@example.org"}, consent_version="v", language="fr"
    )
    assert (mexican.language, french.language) == ("es", "en")


def test_a_repeat_request_in_spanish_moves_the_lead_to_spanish_and_keeps_the_first_inquirys(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = post_form(client, contact_page, contact_form_data, capture)
    again = post_form(client, contact_page, contact_form_data, capture, "es", message="Otra vez.")

    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.language == "es"
    assert list(again.inquiries.values_list("language", flat=True)) == ["en", "es"]


def test_a_doubtful_repeat_request_leaves_the_leads_language_alone(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = post_form(client, contact_page, contact_form_data, capture)
    # Someone else typing the same phone number: another name and another address.
    post_form(
        client,
        contact_page,
        contact_form_data,
        capture,
        "es",
        full_name="Alex Moreno",
        email="alex@example.net",
    )

    first.refresh_from_db()
    assert first.possibly_different_person
    assert first.language == "en"
    assert first.inquiries.latest("pk").language == "es"

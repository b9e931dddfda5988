"""A message that may come from someone in crisis: marked urgent, help shown at once, staff alerted
at once and the on-call list too; the visitor never gets automated clinical advice."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError

from leads.models import CrisisPhraseList, Lead, LeadEmailKind, UrgentRequestSettings
from tests.factories import LeadFactory, UserFactory, translation_of
from tests.html_reading import order_of, parse

pytestmark = pytest.mark.django_db

CRISIS_MESSAGE = "Nothing has worked and honestly I want to end my life."


@pytest.fixture
def urgent_settings(site):
    urgent = UrgentRequestSettings.for_site(site)
    urgent.urgent_recipients = "oncall@clinic.example\nintake@clinic.example"
    urgent.save()
    return urgent


def post_request(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, message, **fields
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, contact_form_data(message=message, **fields))
    assert response.status_code == 303
    return response, Lead.objects.latest("pk")


def test_a_crisis_message_marks_the_lead_urgent_with_the_phrase_for_staff(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    _, lead = post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, CRISIS_MESSAGE
    )
    assert lead.is_urgent
    assert lead.crisis_phrases == ["end my life"]


def test_an_ordinary_or_denying_message_is_not_urgent(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    _, lead = post_request(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        "I am not suicidal, I would like to know the cost.",
    )
    assert not lead.is_urgent
    assert lead.crisis_phrases == []


def test_thank_you_page_opens_with_the_crisis_message_for_an_urgent_request(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    response, _ = post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, CRISIS_MESSAGE
    )
    html = client.get(response["Location"]).content.decode()
    main = BeautifulSoup(html, "html.parser").find("main")
    first = main.find(["section", "h1"])
    assert first.name == "section"
    assert "crisis--urgent" in first["class"]
    assert first.find("a", href="tel:988") and first.find("a", href="sms:988")
    assert first.find("a", href="tel:911")


def test_thank_you_page_shows_crisis_help_at_the_top_for_every_request(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    response, _ = post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, "Cost?"
    )
    main = BeautifulSoup(client.get(response["Location"]).content, "html.parser").find("main")
    assert main.find(class_="crisis--urgent") is None
    h1 = main.find("h1")
    assert "crisis" in h1.find_next_sibling("section")["class"]


def test_urgent_staff_notification_says_urgent_first_and_reaches_the_on_call_list(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, urgent_settings
):
    _, lead = post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, CRISIS_MESSAGE
    )
    staff = [message for message in mail.outbox if message.to[0] != "jordan@example.org"]
    assert sorted(message.to[0] for message in staff) == [
        "intake@clinic.example",
        "oncall@clinic.example",
    ]
    for message in staff:
        assert message.subject.startswith("URGENT")
        assert CRISIS_MESSAGE not in message.body
        assert "end my life" not in message.body
        assert "URGENT" in message.alternatives[0][0]
    # Staff alerts are queued before the visitor's confirmation.
    kinds = list(lead.deliveries.order_by("pk").values_list("kind", flat=True))
    assert kinds[-1] == LeadEmailKind.CONFIRMATION


def test_an_ordinary_request_does_not_reach_the_on_call_list(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, urgent_settings
):
    post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, "Cost?"
    )
    recipients = {message.to[0] for message in mail.outbox}
    assert "oncall@clinic.example" not in recipients
    assert not any(message.subject.startswith("URGENT") for message in mail.outbox)


def test_the_visitor_gets_crisis_resources_and_no_clinical_advice(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, CRISIS_MESSAGE
    )
    confirmation = next(m for m in mail.outbox if m.to == ["jordan@example.org"])
    assert not confirmation.subject.startswith("URGENT")
    assert "988" in confirmation.body and "911" in confirmation.body
    assert "end my life" not in confirmation.body
    for advice in ("dose", "medication", "you should take", "diagnos"):
        assert advice not in confirmation.body.lower()


def test_editors_phrase_list_decides_what_is_urgent(
    client, site, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    urgent = UrgentRequestSettings.for_site(site)
    urgent.crisis_phrases = "nowhere to turn"
    urgent.save()
    _, lead = post_request(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        "I feel I have nowhere to turn",
    )
    assert lead.is_urgent
    # Another person (a repeat request from the same one would join the first lead).
    _, lead = post_request(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        CRISIS_MESSAGE,
        email="someone.else@example.org",
        phone="(503) 555-0199",
    )
    assert not lead.is_urgent


def test_the_urgent_settings_refuse_an_empty_list_and_bad_addresses(site):
    urgent = UrgentRequestSettings.for_site(site)
    urgent.crisis_phrases = " \n "
    urgent.urgent_recipients = "oncall@clinic.example\nnot-an-address"
    with pytest.raises(ValidationError) as error:
        urgent.full_clean()
    assert set(error.value.message_dict) == {"crisis_phrases", "urgent_recipients"}
    assert "not-an-address" in error.value.message_dict["urgent_recipients"][0]


def test_urgent_leads_sort_first_in_the_intake_list(client):
    older_urgent = LeadFactory(full_name="Urgent Older", is_urgent=True)
    LeadFactory(full_name="Ordinary Newer")
    assert older_urgent.pk == Lead.objects.order_by("pk").first().pk
    client.force_login(UserFactory(groups=["Intake staff"]))
    listing = parse(client.get("/admin/contact-requests/"))
    assert order_of(listing, ["Ordinary Newer", "Urgent Older"]) == [
        "Urgent Older",
        "Ordinary Newer",
    ]


def test_intake_staff_edit_the_urgent_settings_and_marketing_cannot(client, site):
    url = f"/admin/settings/leads/urgentrequestsettings/{site.pk}/"
    client.force_login(UserFactory(groups=["Intake staff"]))
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(groups=["Marketing"]))
    assert client.get(url).status_code == 302


def test_asking_again_in_crisis_makes_the_open_lead_urgent_and_alerts_the_on_call_list(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, urgent_settings
):
    _, first = post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, "Cost?"
    )
    assert not first.is_urgent
    _, lead = post_request(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks, CRISIS_MESSAGE
    )
    assert lead.pk == first.pk
    lead.refresh_from_db()
    assert lead.is_urgent and lead.crisis_phrases == ["end my life"]
    urgent = [m for m in mail.outbox if m.subject.startswith("URGENT")]
    assert sorted(m.to[0] for m in urgent) == ["intake@clinic.example", "oncall@clinic.example"]


def test_a_spanish_crisis_message_is_urgent_and_alerts_staff_and_on_call_at_once(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, urgent_settings
):
    _, lead = post_request(
        client,
        translation_of(contact_page, "es"),
        contact_form_data,
        django_capture_on_commit_callbacks,
        "Nada me ha funcionado y la verdad quiero morir.",
    )
    assert (lead.language, lead.is_urgent, lead.crisis_phrases) == ("es", True, ["quiero morir"])
    urgent = [message for message in mail.outbox if message.subject.startswith("URGENT")]
    assert sorted(message.to[0] for message in urgent) == [
        "intake@clinic.example",
        "oncall@clinic.example",
    ]
    for message in urgent:
        assert "Language: Spanish" in message.body and "quiero morir" not in message.body
    kinds = list(lead.deliveries.order_by("pk").values_list("kind", flat=True))
    assert kinds[-1] == LeadEmailKind.CONFIRMATION


def test_a_spanish_denial_is_not_urgent(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, urgent_settings
):
    _, lead = post_request(
        client,
        translation_of(contact_page, "es"),
        contact_form_data,
        django_capture_on_commit_callbacks,
        "No estoy pensando en suicidarme, solo quiero saber el precio.",
    )
    assert (lead.is_urgent, lead.crisis_phrases) == (False, [])
    assert "oncall@clinic.example" not in {message.to[0] for message in mail.outbox}


def test_a_spanish_phrase_is_urgent_on_the_english_site_too(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    _, lead = post_request(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        "Hi, my English is not good. No quiero seguir viviendo.",
    )
    assert (lead.language, lead.is_urgent) == ("en", True)
    assert lead.crisis_phrases == ["no quiero seguir viviendo"]


def test_a_new_site_starts_with_the_spanish_list_and_a_third_language_needs_only_a_row(
    client, site, contact_page, contact_form_data, django_capture_on_commit_callbacks, settings
):
    urgent = UrgentRequestSettings.for_site(site)
    assert "quiero morir" in urgent.language_phrases.get(language="es").phrases
    settings.LANGUAGES = [*settings.LANGUAGES, ("pt", "Português")]
    CrisisPhraseList.objects.create(setting=urgent, language="pt", phrases="quero morrer")
    _, lead = post_request(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        "Eu quero morrer.",
    )
    assert lead.is_urgent and lead.crisis_phrases == ["quero morrer"]


def test_a_language_list_without_phrases_is_refused(site):
    urgent = UrgentRequestSettings.for_site(site)
    with pytest.raises(ValidationError) as error:
        CrisisPhraseList(setting=urgent, language="es", phrases=" \n* ").full_clean()
    assert "phrases" in error.value.message_dict

"""A visitor who reads the site in Spanish: the form speaks Spanish, the confirmation email is in
Spanish with the crisis help in Spanish, and the staff's emails stay in English, saying the
person's language, whatever language the request or the worker was in."""

import time

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import translation

from leads.contact_form import ContactForm
from leads.models import Lead, LeadEmailKind
from leads.pages import ContactPage
from outbox.delivery import build_email
from outbox.models import EmailDelivery
from tests.languages import translate

pytestmark = pytest.mark.django_db


def send_in(language, client, contact_page, contact_form_data, capture, **fields):
    """Post the form from the contact page in `language` (the Spanish one under /es/, where
    LocaleMiddleware makes the request Spanish), with `language` also active around the request
    and its emails (eager tasks run in this thread), as a Spanish worker would build them."""
    if language != "en":
        contact_page = ContactPage.objects.filter(
            translation_key=contact_page.translation_key, locale__language_code=language
        ).first() or translate(contact_page, slug="contacto")
    mail.outbox.clear()
    with translation.override(language), capture(execute=True):
        response = client.post(contact_page.url, contact_form_data(**fields))
    assert response.status_code == 303
    return Lead.objects.latest("pk")


def email_to(address):
    return next(message for message in mail.outbox if message.to == [address])


def test_the_form_labels_hints_and_errors_are_in_spanish():
    with translation.override("es"):
        form = ContactForm({"preferred_contact_method": "phone", "email": "not an address"})
        assert not form.is_valid()
        assert str(form.fields["full_name"].label) == "Nombre completo"
        assert dict(form.fields["preferred_contact_method"].choices)["phone"] == (
            "Llamada telefónica"
        )
        assert form.errors["full_name"] == ["Escriba su nombre completo"]
        assert form.errors["email"] == [
            "Escriba un correo electrónico con el formato correcto, como nombre@ejemplo.com"
        ]
        assert form.errors["phone"] == [
            "Escriba un número de teléfono para que podamos llamarlo, o elija el correo electrónico"
        ]
    with translation.override("en"):
        assert str(form.fields["full_name"].label) == "Full name"


def test_a_spanish_visitors_confirmation_is_in_spanish_with_crisis_help_in_spanish(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    send_in("es", client, contact_page, contact_form_data, django_capture_on_commit_callbacks)

    confirmation = email_to("jordan@example.org")
    html = confirmation.alternatives[0][0]
    assert confirmation.subject == "Recibimos su solicitud, Jordan"
    assert confirmation.body.startswith("Hola, Jordan: gracias por comunicarse con")
    assert "QUÉ SIGUE AHORA" in confirmation.body and "What happens next" not in html
    for body in (confirmation.body, html):
        assert "marque 2" in body and "AYUDA" in body and "911" in body
        assert "https://988lineadevida.org/" in body
        assert "Lunes a viernes: 08:00 a 18:00" in body and "Monday" not in body
    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == "es"
    assert page.find("a", href="tel:988").get_text() == "Llamar al 988"
    assert page.find("a", href="https://988lineadevida.org/")
    assert "Recibe este correo porque" in page.get_text()


def test_an_english_visitors_confirmation_stays_english_with_the_edited_wording(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    send_in("en", client, contact_page, contact_form_data, django_capture_on_commit_callbacks)

    confirmation = email_to("jordan@example.org")
    assert confirmation.subject == "We have your request, Jordan"
    assert "WHAT HAPPENS NEXT" in confirmation.body
    assert "https://988lifeline.org/chat/" in confirmation.body
    assert BeautifulSoup(confirmation.alternatives[0][0], "html.parser").html["lang"] == "en"


def test_the_confirmation_answers_in_the_language_of_the_request_it_answers(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    send_in("en", client, contact_page, contact_form_data, capture)
    send_in("es", client, contact_page, contact_form_data, capture, message="Otra pregunta.")
    confirmations = EmailDelivery.objects.filter(kind=LeadEmailKind.CONFIRMATION).order_by("pk")
    first, second = (build_email(delivery) for delivery in confirmations)
    assert first.subject == "We have your request, Jordan"
    assert second.subject == "Recibimos su solicitud, Jordan"


def test_staff_emails_stay_english_and_name_the_language_whatever_the_request_or_worker(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, settings
):
    settings.LEADS_NOTIFY_EMAILS = ["intake@clinic.example"]
    lead = send_in(
        "es", client, contact_page, contact_form_data, django_capture_on_commit_callbacks
    )
    staff = email_to("intake@clinic.example")
    assert staff.subject == f"New lead #{lead.pk} from the website: prefers a phone call"
    assert "Language: Spanish" in staff.body
    assert "Preferred contact method: Phone call" in staff.body
    page = BeautifulSoup(staff.alternatives[0][0], "html.parser")
    assert page.html["lang"] == "en"
    cells = [cell.get_text(strip=True) for cell in page.find_all("td")]
    assert cells[cells.index("Language") + 1] == "Spanish"


def test_an_english_leads_staff_email_says_english(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, settings
):
    settings.LEADS_NOTIFY_EMAILS = ["intake@clinic.example"]
    send_in("en", client, contact_page, contact_form_data, django_capture_on_commit_callbacks)
    assert "Language: English" in email_to("intake@clinic.example").body


def test_a_spanish_visitor_asked_to_call_reads_it_all_in_spanish(
    client, contact_page, contact_form_data
):
    contacto = translate(contact_page, slug="contacto")
    with time_machine.travel(time.time(), tick=False):
        for number in range(3):
            client.post(contacto.url, contact_form_data(), REMOTE_ADDR=f"203.0.113.{number + 1}")
        response = client.post(contacto.url, contact_form_data(), REMOTE_ADDR="203.0.113.99")
    assert response.status_code == 429
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Por favor, llámenos"
    text = " ".join(page.select_one("main").get_text(" ").split())
    assert "Para comunicarse con nuestro equipo, llame al (503) 555-0142" in text
    assert "(Lunes a viernes: 08:00 a 18:00; Sábado: 09:00 a 13:00)" in text
    assert "Monday" not in text


def test_a_spanish_visitor_whose_request_is_too_large_reads_why_in_spanish(
    client, contact_page, settings
):
    contacto = translate(contact_page, slug="contacto")
    settings.LEADS_MAX_POST_BYTES = 100
    response = client.post(contacto.url, {"message": "x" * 500})
    assert response.status_code == 413
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Su solicitud era demasiado larga para enviarla"
    assert "También puede llamarnos al" in page.select_one("main").get_text(" ")

"""A Spanish-speaking visitor in Chromium, on the demo content: reads the home page in Spanish,
goes to English and back with the language switcher, and sends a request from the Spanish contact
page; the thank-you page and the crisis help are in Spanish, the lead records Spanish, the
confirmation email is in Spanish and the staff's notification stays in English naming the language."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from leads.models import Lead

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def assert_language(page, url, language):
    expect(page).to_have_url(url)
    expect(page.locator("html")).to_have_attribute("lang", language)


def switcher(page):
    return page.locator("nav.language-switcher")


def test_spanish_visitor_switches_language_and_sends_a_request_in_spanish(
    browser_page, live_server, live_demo_site, settings
):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    page = browser_page
    site = live_server.url
    page.goto("/es/")
    assert_language(page, f"{site}/es/", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Terapia de infusión de ketamina para la depresión resistente al tratamiento"
    )
    expect(page.get_by_role("link", name="Saltar al contenido principal")).to_be_attached()
    expect(switcher(page)).to_have_attribute("aria-label", "Idioma")
    current = switcher(page).locator("[aria-current='true']")
    expect(current).to_have_text("Español")
    expect(current).to_have_attribute("lang", "es")

    # To English by keyboard: the switcher's link, focused and activated with Enter.
    english = switcher(page).get_by_role("link", name="English")
    expect(english).to_have_attribute("hreflang", "en")
    expect(english).to_have_attribute("lang", "en")
    english.focus()
    english.press("Enter")
    page.wait_for_url(f"{site}/")
    assert_language(page, f"{site}/", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ketamine infusion therapy for treatment-resistant depression"
    )
    expect(switcher(page)).to_have_attribute("aria-label", "Language")
    expect(switcher(page).locator("[aria-current='true']")).to_have_text("English")

    # Back to Spanish with a click.
    spanish = switcher(page).get_by_role("link", name="Español")
    expect(spanish).to_have_attribute("hreflang", "es")
    spanish.click()
    page.wait_for_url(f"{site}/es/")
    assert_language(page, f"{site}/es/", "es")

    page.goto("/es/contacto/")
    assert_language(page, f"{site}/es/contacto/", "es")
    page.get_by_label("Nombre completo").fill("Lucía Fernández")
    page.locator("#id_email").fill("lucia@example.org")
    page.get_by_label("Correo electrónico", exact=True).check()
    page.get_by_label("Mejor momento para contactarlo").fill("Por las tardes")
    page.get_by_role("textbox", name="Mensaje").fill("¿Cuánto dura cada infusión?")
    page.get_by_label("Acepto").check()
    page.get_by_role("button", name="Enviar solicitud").click()

    page.wait_for_url("**/es/contacto/thank-you/")
    assert_language(page, f"{site}/es/contacto/thank-you/", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias: recibimos su solicitud")
    crisis = page.locator("main section.crisis").first
    expect(crisis).to_contain_text("marque 2")
    expect(crisis).to_contain_text("AYUDA")
    expect(crisis.get_by_role("link", name="Llamar al 988")).to_be_visible()
    expect(crisis.get_by_role("link", name="Call 988")).to_have_count(0)
    assert page.console_errors == []

    lead = Lead.objects.get()
    assert (lead.full_name, lead.email, lead.language) == (
        "Lucía Fernández",
        "lucia@example.org",
        "es",
    )
    confirmation = next(m for m in mail.outbox if m.to == ["lucia@example.org"])
    assert confirmation.subject == "Recibimos su solicitud, Lucía"
    assert "marque 2" in confirmation.body and "AYUDA" in confirmation.body
    assert "What happens next" not in confirmation.body
    staff = next(m for m in mail.outbox if m.to == settings.LEADS_NOTIFY_EMAILS)
    assert staff.subject.startswith(f"New lead #{lead.pk} from the website")
    assert "Language: Spanish" in staff.body
    assert "Preferred contact method: Email" in staff.body

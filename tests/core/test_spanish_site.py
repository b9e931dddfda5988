"""The demo site as a Spanish-speaking visitor meets it at its Spanish addresses: every Spanish
page type in Spanish with the crisis help in Spanish, and a request sent from the Spanish contact
page (the confirmation in Spanish, the staff email in English naming the language), urgent when
written in Spanish words of crisis."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import Page

from leads.models import Lead

pytestmark = pytest.mark.django_db

SPANISH_CRISIS_WORDS = ("marque 2", "AYUDA", "988lineadevida.org", "911")

CRISIS_MESSAGES = [
    "A veces quiero morir y no sé qué hacer.",
    "Ya no quiero seguir viviendo así.",
    "He pensado en quitarme la vida.",
]


@pytest.fixture
def demo(shared_demo, settings):
    settings.LEADS_NOTIFY_EMAILS = ["intake@clinic.example"]


def parse(response) -> BeautifulSoup:
    assert response.status_code == 200, response
    return BeautifulSoup(response.content, "html.parser")


def crisis_sections(soup) -> list:
    return soup.select("section.crisis")


def assert_spanish_crisis_help(section):
    text = section.get_text(" ")
    for words in SPANISH_CRISIS_WORDS:
        assert words in text or section.find("a", href=f"https://{words}/"), words
    links = {link["href"]: link.get_text(strip=True) for link in section.find_all("a")}
    assert links["tel:988"] == "Llamar al 988"
    assert links["tel:911"] == "Llamar al 911"
    assert "https://988lineadevida.org/" in links


def spanish_pages_by_type() -> dict[str, Page]:
    """One live Spanish page of each page type the demo translates."""
    pages = {}
    for page in Page.objects.live().filter(locale__language_code="es").specific():
        pages.setdefault(type(page).__name__, page)
    return pages


class TestTheSpanishDemo:
    """On the whole demo, seeded once for the class (`class_demo` in tests/conftest.py): each
    test starts from it as seeded."""

    def test_every_spanish_page_type_is_in_spanish_with_the_crisis_help_in_spanish(
        self, client, demo
    ):
        pages = spanish_pages_by_type()
        assert set(pages) == {
            "HomePage",
            "PrivacyNoticePage",
            "ContactPage",
            "SelfCheckPage",
            "ArticleIndexPage",
            "ArticlePage",
            "ContentPage",
        }
        addresses = [page.url for page in pages.values()] + ["/es/search/?q=ketamina"]
        for address in addresses:
            soup = parse(client.get(address))
            assert soup.html["lang"] == "es", address
            sections = crisis_sections(soup)
            assert sections, address
            for section in sections:
                assert_spanish_crisis_help(section)
            assert "If you are in crisis" not in soup.get_text(), address
            # Buttons, calls to action and menus lead to the Spanish pages (the switcher aside).
            for switcher in soup.select(".language-switcher"):
                switcher.decompose()
            english_links = {
                link["href"]
                for link in soup.select('a[href^="/"]')
                if not link["href"].startswith(("/es/", "/static/", "/media/"))
            }
            assert english_links <= {"/feed/"}, (address, english_links)

    def test_the_spanish_contact_page_shows_the_crisis_help_above_the_form(self, client, demo):
        contact = spanish_pages_by_type()["ContactPage"]
        soup = parse(client.get(contact.url))
        form = soup.select_one("form.contact-form") or soup.find("form", method="post")
        before_form = form.find_all_previous("section", class_="crisis")
        assert before_form, "no crisis help before the form"
        assert_spanish_crisis_help(before_form[0])

    def test_a_request_from_the_spanish_contact_page_is_answered_in_spanish(
        self, client, demo, contact_form_data, django_capture_on_commit_callbacks
    ):
        contact = spanish_pages_by_type()["ContactPage"]
        assert contact.url == "/es/contacto/"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                contact.url, contact_form_data(message="Quisiera saber el costo del tratamiento.")
            )
        assert response.status_code == 303
        thank_you = parse(client.get(response["Location"]))
        assert response["Location"].startswith("/es/contacto/")
        assert thank_you.html["lang"] == "es"
        lead = Lead.objects.get()
        assert lead.language == "es" and not lead.is_urgent
        confirmation = next(m for m in mail.outbox if m.to == ["jordan@example.org"])
        staff = next(m for m in mail.outbox if m.to == ["intake@clinic.example"])
        assert confirmation.subject == "Recibimos su solicitud, Jordan"
        assert "marque 2" in confirmation.body
        assert staff.subject.startswith(f"New lead #{lead.pk} from the website")
        assert "Language: Spanish" in staff.body

    def test_spanish_words_of_crisis_make_a_request_urgent_and_a_denial_does_not(
        self, client, demo, contact_form_data, django_capture_on_commit_callbacks
    ):
        contact = spanish_pages_by_type()["ContactPage"]
        for number, message in enumerate(CRISIS_MESSAGES):
            mail.outbox.clear()
            person = {"email": f"persona{number}@example.org", "phone": f"(503) 555-010{number}"}
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(contact.url, contact_form_data(message=message, **person))
            lead = Lead.objects.latest("pk")
            assert lead.is_urgent and lead.email == person["email"], message
            urgent = parse(client.get(response["Location"])).select_one("section.crisis--urgent")
            assert urgent is not None, message
            assert_spanish_crisis_help(urgent)
            staff = next(m for m in mail.outbox if m.to == ["intake@clinic.example"])
            assert "URGENT" in staff.subject.upper(), message
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                contact.url,
                contact_form_data(
                    message="No estoy pensando en suicidarme; busco información.",
                    email="otra@example.org",
                    phone="(503) 555-0199",
                ),
            )
        denial = Lead.objects.latest("pk")
        assert denial.email == "otra@example.org" and not denial.is_urgent

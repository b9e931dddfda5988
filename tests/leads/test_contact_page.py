import pytest
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage
from leads.pages import ContactPage, PrivacyNoticePage
from tests.factories import ContactPageFactory, HomePageFactory

pytestmark = pytest.mark.django_db


class TestContactPageRules(WagtailPageTestCase):
    def setUp(self):
        Page.objects.filter(depth=2).delete()
        self.home = HomePageFactory(parent=Page.get_first_root_node())

    def test_contact_and_privacy_pages_live_only_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanCreateAt(HomePage, PrivacyNoticePage)
        self.assertCanNotCreateAt(Page, ContactPage)
        self.assertCanNotCreateAt(ContactPage, ContactPage)
        self.assertAllowedSubpageTypes(ContactPage, {})

    def test_only_one_contact_page_per_site(self):
        ContactPageFactory(parent=self.home)
        self.assertFalse(ContactPage.can_create_at(self.home))

    def test_editor_can_create_a_contact_page(self):
        self.login()
        self.assertCanCreate(
            self.home,
            ContactPage,
            nested_form_data(
                {
                    "title": "Contact us",
                    "slug": "contact-us",
                    "intro": rich_text("<p>We call back within a day.</p>"),
                    "form_heading": "Ask us to call you",
                    "thank_you_heading": "Thank you",
                    "thank_you_text": rich_text("<p>We will call you soon.</p>"),
                }
            ),
        )

    def test_editor_can_add_a_contact_form_block_to_the_home_page(self):
        self.login()
        Page.objects.filter(depth=2).delete()
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "Home",
                    "slug": "home",
                    "hero_heading": "Ketamine infusion therapy",
                    "hero_text": "",
                    "body": streamfield(
                        [("contact_form", {"heading": "Talk to us", "text": "We reply fast."})]
                    ),
                }
            ),
        )


def test_form_block_without_a_contact_page_offers_the_phone_number(
    client, home_page, clinic_settings
):
    home_page.body = [("contact_form", {"heading": "Talk to us", "text": ""})]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Talk to us" in html
    assert "<form" not in html
    assert "(503) 555-0142" in html


def test_seed_demo_creates_the_contact_page_and_points_the_home_hero_at_it():
    call_command("seed_demo", "--no-translations")
    contact = ContactPage.objects.get(locale__language_code="en")
    home = HomePage.objects.get(locale__language_code="en")
    assert contact.live and contact.get_parent().pk == home.pk
    assert home.hero_cta_page_id == contact.pk and home.hero_cta_label
    assert PrivacyNoticePage.objects.get(locale__language_code="en").live
    call_command("seed_demo", "--no-translations")
    # Still one of each (with the Spanish translations: tests/home/test_seed_demo.py).
    assert ContactPage.objects.count() == 1 and PrivacyNoticePage.objects.count() == 1


def test_seeded_contact_page_serves_the_form(client):
    call_command("seed_demo", "--no-translations")
    contact = ContactPage.objects.get(locale__language_code="en")
    site = Site.objects.get(is_default_site=True)
    response = client.get(contact.url, HTTP_HOST=site.hostname, SERVER_PORT=site.port)
    assert response.status_code == 200
    assert "Send request" in response.content.decode()

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.views.defaults import server_error
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.blocks import CallToActionBlock
from core.demo_images import get_or_create_demo_image
from home.models import HomePage
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


class TestHomePageRules(WagtailPageTestCase):
    def test_home_page_can_only_sit_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_editor_can_create_a_home_page_with_every_shared_block(self):
        self.login()
        Page.objects.filter(depth=2).delete()
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Home",
                    "slug": "home",
                    "hero_heading": "Ketamine infusion therapy",
                    "hero_text": "We help when antidepressants have not.",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Welcome.</p>")),
                            (
                                "callout",
                                {"heading": "Note", "text": rich_text("<p>Important.</p>")},
                            ),
                            (
                                "call_to_action",
                                {
                                    "heading": "Talk to us",
                                    "text": "",
                                    "button_label": "Get in touch",
                                    "page": "",
                                    "url": "https://example.org/contact",
                                },
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_only_one_home_page_per_site(self):
        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()
        HomePageFactory(parent=root)
        self.assertFalse(HomePage.can_create_at(root))


def test_home_page_shows_hero_and_skip_link(client: Client, home_page, clinic_settings):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<h1>Ketamine infusion therapy for treatment-resistant depression</h1>" in html
    assert html.count("<h1") == 1


def test_footer_shows_clinic_details_and_crisis_links(client: Client, home_page, clinic_settings):
    html = client.get("/").content.decode()
    assert "(503) 555-0142" in html
    assert 'href="tel:+15035550142"' in html
    assert "Portland, OR 97209" in html
    assert 'href="tel:988"' in html and 'href="sms:988"' in html and 'href="tel:911"' in html


def test_main_navigation_lists_live_menu_pages_only(client: Client, home_page):
    shown = home_page.add_child(instance=Page(title="About us", slug="about", show_in_menus=True))
    home_page.add_child(instance=Page(title="Hidden page", slug="hidden", show_in_menus=False))
    draft = Page(title="Draft page", slug="draft", show_in_menus=True, live=False)
    home_page.add_child(instance=draft)
    html = client.get("/").content.decode()
    assert f'href="{shown.url}"' in html
    assert "Hidden page" not in html
    assert "Draft page" not in html


def test_call_to_action_needs_a_page_or_url():
    block = CallToActionBlock()
    value = block.to_python({"heading": "Talk", "text": "", "button_label": "Go", "url": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_hero_image_needs_alt_text(home_page):
    home_page.hero_image = get_or_create_demo_image("Test hills", "lake", 200, 120)
    home_page.hero_image_alt = ""
    with pytest.raises(ValidationError) as error:
        home_page.full_clean()
    assert "hero_image_alt" in error.value.message_dict


def test_missing_page_gets_the_site_404(client: Client, home_page, clinic_settings):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "find that page" in html
    assert 'href="tel:988"' in html


def test_server_error_page_is_self_contained_and_offers_help(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="tel:988"' in html


def test_hero_alt_text_and_button_errors_are_shown_together(home_page):
    home_page.hero_image = get_or_create_demo_image("Test hills", "lake", 200, 120)
    home_page.hero_image_alt = ""
    home_page.hero_cta_label = "Request a call"
    home_page.hero_cta_page = None
    with pytest.raises(ValidationError) as error:
        home_page.clean()
    assert set(error.value.message_dict) == {"hero_image_alt", "hero_cta_page"}


def test_the_sharing_image_is_described_by_the_hero_alt_text(home_page):
    home_page.hero_image = get_or_create_demo_image("Test hills", "lake", 200, 120)
    home_page.hero_image_alt = "Hills above a lake."
    assert home_page.seo_image_alt == "Hills above a lake."
    home_page.hero_image_alt = ""
    assert home_page.seo_image_alt == home_page.seo_image.title

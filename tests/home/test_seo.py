"""Site-wide SEO: every demo page's head and JSON-LD, the organisation, robots.txt, the sitemap,
icons, noindex on search, and wagtail-seo's preview."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtailseo.models import SeoMixin, SeoSettings

from blog.models import ArticlePage
from core.pages import BasePage
from home.models import HomePage
from tests.factories import ArticlePageFactory, SuperUserFactory
from tests.seo_helpers import parse_page

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def demo_site(shared_demo):
    """The whole demo, its Spanish pages included."""
    return HomePage.objects.get(locale__language_code="en")


def demo_pages():
    return [page.specific for page in Page.objects.live().public().filter(depth__gte=2)]


class TestTheDemoSite:
    """On the whole demo, seeded once for the class (`class_demo` in tests/conftest.py): each
    test starts from it as seeded."""

    def test_every_demo_page_has_complete_absolute_meta_tags(self, client: Client, demo_site):
        pages = demo_pages()
        assert len(pages) >= 7
        for page in pages:
            url = page.get_full_url()
            response = client.get(page.url)
            assert response.status_code == 200, url
            head = parse_page(response.content, url)
            assert head["h1_count"] == 1, url
            # Titles read "Page — Clinic name"; the page's own part must fit a search result's
            # 60 characters, where a cut falls on the clinic's name, which the result shows anyway.
            page_part, clinic = head["title"].rsplit(" — ", 1)
            assert clinic == "Evergreen Ketamine Clinic"
            assert len(page_part) <= 60, head["title"]
            assert 50 <= len(head["description"]) <= 160, (url, head["description"])
            assert head["canonical"] == url and url.startswith("http://testserver/")
            og = head["og"]
            assert og["og:title"] and og["og:description"] == head["description"]
            assert og["og:url"] == url
            assert og["og:type"] == ("article" if isinstance(page, ArticlePage) else "website")
            assert og["og:image"].startswith("http://testserver/media/images/")
            assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
            assert head["twitter"]["twitter:card"] == "summary_large_image"
            assert head["twitter"]["twitter:image"] == og["og:image"]
            assert "twitter:site" not in head["twitter"]  # no handle configured, so no empty tag

    def test_home_page_describes_the_clinic_as_a_medical_organisation(
        self, client: Client, demo_site
    ):
        head = parse_page(client.get("/").content, "http://testserver/")
        (clinic,) = head["json_ld"]["MedicalClinic"]
        assert clinic["name"] == "Evergreen Ketamine Clinic"
        assert clinic["logo"]["url"].startswith("http://testserver/media/")
        assert clinic["telephone"] == "+1-503-555-0142"
        assert clinic["address"]["@type"] == "PostalAddress"
        assert clinic["address"]["addressLocality"] == "Portland"
        assert clinic["address"]["addressCountry"] == "US"
        assert clinic["geo"]["@type"] == "GeoCoordinates"
        assert round(clinic["geo"]["latitude"], 2) == 45.53
        hours = clinic["openingHoursSpecification"]
        assert hours[0]["dayOfWeek"][0] == "Monday" and hours[0]["opens"] == "08:00:00"
        assert "BreadcrumbList" not in head["json_ld"]

    def test_pages_below_home_carry_a_breadcrumb_list(self, client: Client, demo_site):
        article = ArticlePage.objects.live().first()
        head = parse_page(client.get(article.url).content, article.get_full_url())
        (crumbs,) = head["json_ld"]["BreadcrumbList"]
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == [1, 2, 3]
        assert [item["name"] for item in items] == ["Home", "Articles", article.title]
        assert items[-1]["item"] == article.get_full_url()
        assert all(item["item"].startswith("http://testserver/") for item in items)

    def test_seed_demo_fills_the_seo_settings_once(self, demo_site):
        seo = SeoSettings.objects.get()
        seo.struct_org_type = "Physician"
        seo.save()
        call_command("seed_demo")
        seo.refresh_from_db()
        assert seo.struct_org_type == "Physician"
        assert seo.og_meta and seo.twitter_meta and seo.struct_meta and seo.og_image_default

    def test_seo_preview_of_every_demo_page_renders_without_warnings(self, demo_site):
        for page in demo_pages():
            response = page.make_preview_request(preview_mode="wagtail-seo")
            assert response.status_code == 200, page.url
            response.render()
            assert response.context_data["seo_warnings"] == [], (page.url, response.context_data)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out(client: Client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/search/", "/contact/thank-you/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_sitemap_lists_exactly_the_live_public_pages(client: Client, article_index):
    live = ArticlePageFactory(parent=article_index, title="Live article")
    live.save_revision().publish()
    live.refresh_from_db()
    draft = ArticlePageFactory(parent=article_index, title="Draft article")
    draft.unpublish()
    private = ArticlePageFactory(parent=article_index, title="Staff-only article")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.set(Group.objects.filter(name="Marketing"))
    deleted = ArticlePageFactory(parent=article_index, title="Deleted article")
    deleted_url = deleted.get_full_url()
    deleted.delete()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, not outside input)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    home = article_index.get_parent()
    assert set(entries) == {home.get_full_url(), article_index.get_full_url(), live.get_full_url()}
    assert deleted_url not in entries
    assert entries[live.get_full_url()] == localtime(live.last_published_at).date().isoformat()


def test_search_results_are_not_indexed(client: Client, home_page):
    head = parse_page(
        client.get("/search/", {"q": "ketamine"}).content, "http://testserver/search/"
    )
    assert head["robots"] == "noindex, follow"


def test_favicon_and_touch_icons_are_served(client: Client, home_page):
    head = parse_page(client.get("/").content, "http://testserver/")
    assert len(head["icons"]) == 3
    for href in [*head["icons"], "/favicon.ico", "/apple-touch-icon.png"]:
        response = client.get(href, follow=True)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith("image/"), href
        response.close()  # static files stream from an open file


def test_seo_preview_renders_in_the_admin(client: Client, article_index):
    client.force_login(SuperUserFactory())
    article = ArticlePageFactory(parent=article_index)
    data = nested_form_data(
        {
            "title": "Preview me",
            "slug": article.slug,
            "summary": "A summary long enough to be a good meta description for search engines.",
            "hero_image_alt": "",
            "date_published": article.date_published.isoformat(),
            "body": streamfield([("paragraph", rich_text("<p>Checked facts.</p>"))]),
        }
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url, {"mode": "wagtail-seo"})
    assert response.status_code == 200
    assert "Preview me" in response.content.decode()
    # The ordinary preview shows the unsaved draft as visitors would see it.
    article_preview = client.get(preview_url)
    assert article_preview.status_code == 200
    assert "<h1>Preview me</h1>" in article_preview.content.decode()


def test_every_page_type_editors_can_create_uses_wagtail_seo():
    creatable = [model for model in get_page_models() if model.is_creatable]
    assert {model.__name__ for model in creatable} >= {
        "HomePage",
        "ArticleIndexPage",
        "ArticlePage",
    }
    for model in creatable:
        assert issubclass(model, BasePage), model
        assert model.promote_panels == SeoMixin.seo_panels, model

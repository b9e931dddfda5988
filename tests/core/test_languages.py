"""The site in two languages as visitors, search engines and the page cache meet it: Spanish pages
under /es/, the switcher, the hreflang alternates, the sitemap, the cache kept apart per language,
an English edit showing up as a translation to update, and medical review per language."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from blog.models import ArticlePage
from tests.blog.review_helpers import approve, medical_reviewer
from tests.factories import ArticlePageFactory, UserFactory, translation_of

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def article(article_index, clinic_settings):
    page = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    page.save_revision().publish()
    return page


@pytest.fixture
def spanish_home(home_page):
    return translation_of(home_page, title="Inicio", slug="inicio")


@pytest.fixture
def articulo(article, spanish_home):
    return translation_of(article, title="Cómo es un día de infusión", slug="dia-de-infusion")


def parse(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def switcher(soup) -> dict:
    """What the language switcher offers: language name to its link (None for the current)."""
    nav = soup.select_one("nav.language-switcher")
    assert nav is not None
    offered = {}
    for item in nav.select("li"):
        link = item.find("a")
        offered[item.get_text(strip=True)] = link["href"] if link else None
    return offered


def alternates(soup) -> dict:
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def test_a_spanish_page_lives_under_es_and_says_it_is_in_spanish(client, articulo, article):
    assert articulo.url == "/es/articles/dia-de-infusion/"
    soup = parse(client.get(articulo.url))
    assert soup.html["lang"] == "es"
    assert soup.select_one("h1").get_text(strip=True) == "Cómo es un día de infusión"
    assert soup.select_one(".skip-link").get_text(strip=True) == "Saltar al contenido principal"
    assert parse(client.get(article.url)).html["lang"] == "en"


def test_the_switcher_links_each_version_and_marks_the_current_one(client, article, articulo):
    english = switcher(parse(client.get(article.url)))
    assert english == {"English": None, "Español": "http://testserver/es/articles/dia-de-infusion/"}
    assert switcher(parse(client.get(articulo.url))) == {
        "English": "http://testserver/articles/what-an-infusion-day-is-like/",
        "Español": None,
    }
    current = parse(client.get(articulo.url)).select_one(".language-switcher [aria-current]")
    assert current["lang"] == "es"


def test_a_page_without_a_translation_offers_the_other_languages_home_page(
    client, article, spanish_home, article_index
):
    untranslated = ArticlePageFactory(parent=article_index, title="Only in English")
    untranslated.save_revision().publish()
    assert switcher(parse(client.get(untranslated.url)))["Español"] == "/es/"


def test_the_search_page_switches_to_the_same_search_in_the_other_language(client, spanish_home):
    offered = switcher(parse(client.get("/search/?q=ketamine")))
    assert offered["Español"] == "/es/search/?q=ketamine"
    assert switcher(parse(client.get("/es/search/?q=ketamina")))["English"] == (
        "/search/?q=ketamina"
    )


def test_every_version_names_all_versions_as_alternates_with_an_english_x_default(
    client, article, articulo
):
    english_url = "http://testserver/articles/what-an-infusion-day-is-like/"
    spanish_url = "http://testserver/es/articles/dia-de-infusion/"
    expected = {"en": english_url, "es": spanish_url, "x-default": english_url}
    assert alternates(parse(client.get(article.url))) == expected
    assert alternates(parse(client.get(articulo.url))) == expected


def test_a_page_in_one_language_has_no_alternates(client, article, spanish_home, article_index):
    untranslated = ArticlePageFactory(parent=article_index, title="Only in English")
    untranslated.save_revision().publish()
    assert alternates(parse(client.get(untranslated.url))) == {}


def test_the_sitemap_lists_both_languages_with_their_alternates(client, article, articulo):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert "http://testserver/es/articles/dia-de-infusion/" in locations
    assert "http://testserver/articles/what-an-infusion-day-is-like/" in locations
    entry = body.split("<loc>http://testserver/es/articles/dia-de-infusion/</loc>")[1]
    entry = entry.split("</url>")[0]
    assert 'hreflang="en" href="http://testserver/articles/what-an-infusion-day-is-like/"' in entry
    assert 'hreflang="es" href="http://testserver/es/articles/dia-de-infusion/"' in entry
    assert 'hreflang="x-default"' in entry


def test_lists_show_the_articles_of_the_visitors_language(client, article, articulo):
    english_list = parse(client.get(article.get_parent().url)).get_text()
    spanish_list = parse(client.get(articulo.get_parent().url)).get_text()
    assert "What an infusion day is like" in english_list
    assert "Cómo es un día de infusión" not in english_list
    assert "Cómo es un día de infusión" in spanish_list
    assert "What an infusion day is like" not in spanish_list


def test_the_page_cache_never_serves_one_language_for_the_other(
    client, page_cache_on, home_page, article_index, article
):
    # The same address below each home page: /articles/... and /es/articles/... (same slugs).
    translation_of(home_page, title="Inicio", slug="inicio")
    articulo = translation_of(article, title="Un día de infusión")
    assert articulo.url == "/es/articles/what-an-infusion-day-is-like/"
    spanish_first = client.get(articulo.url)
    english = client.get(article.url)
    assert (spanish_first[HEADER], english[HEADER]) == ("miss", "miss")
    assert parse(english).html["lang"] == "en"
    again = {"es": client.get(articulo.url), "en": client.get(article.url)}
    assert {code: response[HEADER] for code, response in again.items()} == {
        "es": "hit",
        "en": "hit",
    }
    assert parse(again["es"]).select_one("h1").get_text(strip=True) == "Un día de infusión"
    assert parse(again["en"]).select_one("h1").get_text(strip=True) == article.title
    # A browser that prefers Spanish still gets the English address in English, from the one
    # English copy: the address decides, so the cache keeps no copy per Accept-Language.
    preferring_spanish = Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    response = preferring_spanish.get(article.url)
    assert response[HEADER] == "hit" and parse(response).html["lang"] == "en"
    assert "accept-language" not in response.get("Vary", "").lower()


def test_publishing_a_translation_updates_the_cached_pages_of_every_language(
    client, page_cache_on, article, spanish_home
):
    assert switcher(parse(client.get(article.url)))["Español"] == "/es/"
    assert client.get(article.url)[HEADER] == "hit"
    translation_of(article, title="Un día de infusión", slug="un-dia")
    response = client.get(article.url)
    assert response[HEADER] == "miss"
    assert switcher(parse(response))["Español"] == "http://testserver/es/articles/un-dia/"


def test_an_english_edit_shows_up_as_a_translation_to_update(client, article, spanish_home):
    # The editor's way: wagtail-localize's translation of the article, every piece translated.
    source, _ = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=spanish())
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=spanish(),
            context=segment.context,
            data=f"ES {segment.string.data}",
        )
    translation.save_target(publish=True)
    total, done = translation.get_progress()
    assert total == done > 0
    # Marketing edits the English article and syncs its translations, as the admin offers.
    article = ArticlePage.objects.get(pk=article.pk)
    article.summary = "A new English summary nobody translated yet."
    article.save_revision().publish()
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.get(update).status_code == 200
    response = client.post(update, {"publish_translations": ""})
    assert response.status_code == 302
    total, done = Translation.objects.get(pk=translation.pk).get_progress()
    assert done == total - 1
    editor = client.get(
        reverse("wagtailadmin_pages:edit", args=[article.get_translation(spanish()).pk])
    )
    assert "A new English summary nobody translated yet." in editor.content.decode()


def test_a_translation_needs_its_own_medical_review(client, article, spanish_home):
    reviewer = medical_reviewer()
    approve(article, reviewer)
    articulo = translation_of(ArticlePage.objects.get(pk=article.pk), title="Un día de infusión")
    assert articulo.get_workflow().name == "Medical review"
    english = parse(client.get(article.url)).select_one(".article__review")
    spanish_review = parse(client.get(articulo.url)).select_one(".article__review")
    assert "Medically reviewed by Maya Okafor" in english.get_text()
    assert "article__review--pending" in spanish_review["class"]
    approve(articulo, reviewer)
    spanish_review = parse(client.get(articulo.url)).select_one(".article__review")
    assert "article__review--pending" not in spanish_review["class"]
    assert "Maya Okafor" in spanish_review.get_text()


def test_marketing_translates_pages_in_the_admin(client, article, spanish_home, marketing_user):
    client.force_login(marketing_user)
    submit = reverse("wagtail_localize:submit_page_translation", args=[article.pk])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert submit in editor
    response = client.post(submit, {"locales": [spanish().pk]})
    assert response.status_code == 302
    assert article.get_translation_or_none(spanish()) is not None

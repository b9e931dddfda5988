"""A Spanish visitor reads the articles, their list, the search page and the feed in Spanish, dates
included; an English visitor still reads English. Articles and their list are read at their Spanish
addresses; the search page and the feed are served by their views with Spanish active, as
LocaleMiddleware leaves it for an address under /es/."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation
from wagtail.views import serve

from blog.feeds import ArticleFeed
from blog.views import search
from core.templatetags.site_tags import long_date
from tests.blog.review_helpers import approve, medical_reviewer
from tests.factories import (
    ArticlePageFactory,
    PersonFactory,
    TopicFactory,
    topic_translation,
    translation_of,
)
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db


def get(path: str, view, language: str, **params) -> str:
    """The page at `path` rendered by `view` with `language` active, as the visitor reads it."""
    request = RequestFactory().get(path, params)
    request.user = AnonymousUser()
    with translation.override(language):
        response = view(request)
        if hasattr(response, "render"):
            response.render()
    assert response.status_code == 200
    return response.content.decode()


def page_view(path: str):
    return lambda request: serve(request, path.lstrip("/"))


@pytest.fixture
def related_articles(article_index, clinic_settings):
    topic = TopicFactory(name="Ketamine therapy", slug="ketamine")
    author = PersonFactory(name="Ana Ruiz", credentials="MD")
    older = ArticlePageFactory(
        parent=article_index,
        title="What an infusion day is like",
        date_published=datetime.date(2026, 2, 1),
        topics=[topic],
    )
    article = ArticlePageFactory(
        parent=article_index,
        title="How ketamine helps",
        author=author,
        date_published=datetime.date(2026, 3, 5),
        topics=[topic],
    )
    return article, older


def test_long_date_writes_the_month_in_full_in_the_active_language():
    day = datetime.date(2026, 2, 1)
    assert long_date(day) == "February 1, 2026"
    with translation.override("es"):
        assert long_date(day) == "1 de febrero de 2026"
    assert long_date(None) == ""


def test_a_spanish_visitor_reads_an_article_s_dates_related_articles_and_framing_in_spanish(
    client, related_articles, home_page
):
    article, older = related_articles
    with time_machine.travel(datetime.datetime(2026, 3, 8, 15, tzinfo=datetime.UTC)):
        translation_of(home_page, title="Inicio", slug="inicio")
        older_es = translation_of(older, title="Cómo es un día de infusión", slug="un-dia")
        articulo = translation_of(article, title="Cómo ayuda la ketamina", slug="como-ayuda")
    with time_machine.travel(datetime.datetime(2026, 3, 9, 15, tzinfo=datetime.UTC)):
        approve(articulo, medical_reviewer("Maya Okafor", "MD, psychiatrist"))
    assert articulo.url.startswith("/es/")
    html = parse(client.get(articulo.url).content.decode())
    meta = text_of(html.select_one(".article__meta"))
    assert "Por Ana Ruiz, MD" in meta
    assert "Publicado el 5 de marzo de 2026" in meta
    assert "min de lectura" in meta
    assert text_of(html.select_one(".article__review")) == (
        "Revisión médica de Maya Okafor, MD, psychiatrist, el 9 de marzo de 2026"
    )
    assert text_of(html.select_one(".article__topics")).startswith("Temas:")
    assert text_of(html.select_one("#related-heading")) == "Artículos relacionados"
    card = html.select_one(".related .article-card")
    assert older_es.title in text_of(card)
    assert "1 de febrero de 2026" in text_of(card.select_one(".article-card__meta"))
    assert "Esta es información general, no un consejo médico" in text_of(
        html.select_one(".medical-framing")
    )
    assert text_of(html.select_one(".breadcrumbs li")) == "Inicio"
    assert html.select_one(".breadcrumbs")["aria-label"] == "Ruta de navegación"


def test_an_english_visitor_still_reads_the_article_in_english(related_articles):
    article, _older = related_articles
    html = parse(get(article.url, page_view(article.url), "en"))
    meta = text_of(html.select_one(".article__meta"))
    assert "By Ana Ruiz, MD" in meta
    assert "Published March 5, 2026" in meta
    assert text_of(html.select_one("#related-heading")) == "Related articles"
    assert "February 1, 2026" in text_of(html.select_one(".related .article-card"))


def test_a_spanish_visitor_filters_and_pages_the_article_list_in_spanish(
    client, article_index, home_page
):
    translation_of(home_page, title="Inicio", slug="inicio")
    for number in range(13):
        article = ArticlePageFactory(parent=article_index, title=f"Article {number}", topics=[])
        translation_of(article, title=f"Artículo {number}")
    topic_translation(TopicFactory(name="Ketamine therapy", slug="ketamine"), name="Ketamina")
    index = translation_of(article_index)
    html = parse(client.get(index.url).content.decode())
    assert html.select_one(".topic-filter")["aria-label"] == "Filtrar artículos por tema"
    assert text_of(html.select_one(".topic-filter li")) == "Todos los temas"
    pagination = html.select_one(".pagination")
    assert pagination["aria-label"] == "Páginas de artículos"
    assert "Página 1 de 2" in text_of(pagination)
    assert text_of(pagination.select_one("[rel=next]")) == "Artículos anteriores"


def test_a_spanish_visitor_searches_in_spanish(article_index):
    empty = parse(get("/search/", search, "es"))
    assert text_of(empty.h1) == "Buscar"
    assert text_of(empty.select_one("label[for=search-q]")) == (
        "Busque en nuestros artículos y páginas"
    )
    assert text_of(empty.select_one(".search-form button")) == "Buscar"
    assert empty.title.get_text().startswith("Buscar")
    help_text = text_of(empty.select_one(".search-page__help"))
    assert "988 (oprima 2 para español)" in help_text
    assert "911" in help_text

    nothing = parse(get("/search/", search, "es", q="zzzz"))
    assert "No encontramos nada para «zzzz»" in text_of(nothing.select_one(".search-page"))


def test_the_feed_has_a_spanish_title_and_description_for_a_spanish_visitor(
    related_articles, clinic_settings
):
    feed = get("/feed/", ArticleFeed(), "es")
    assert f"<title>Artículos de {clinic_settings.clinic_name}</title>" in feed
    assert "Artículos nuevos sobre la depresión resistente al tratamiento" in feed
    assert f"<title>{clinic_settings.clinic_name} articles</title>" in get(
        "/feed/", ArticleFeed(), "en"
    )

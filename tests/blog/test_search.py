import pytest
from django.test import Client

from tests.factories import ArticlePageFactory, article_body, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable_articles(article_index, django_capture_on_commit_callbacks):
    # Wagtail queues index updates as tasks that run when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        hidden_word = ArticlePageFactory(
            parent=article_index,
            title="Infusion days",
            summary="What happens on the day.",
            body=article_body("Patients describe the room as quiet and glutamatergic."),
        )
        other = ArticlePageFactory(
            parent=article_index,
            title="Another article",
            summary="Nothing special here.",
            body=article_body("Plain words only."),
        )
    return hidden_word, other


def test_search_finds_an_article_by_a_word_only_its_body_holds(client: Client, searchable_articles):
    hidden_word, _other = searchable_articles
    response = client.get("/search/", {"q": "glutamatergic"})
    assert response.status_code == 200
    found = [page.pk for page in response.context["results"]]
    assert found == [hidden_word.pk]
    html = response.content.decode()
    assert f'href="{hidden_word.url}"' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_search_never_shows_a_draft(client: Client, searchable_articles):
    hidden_word, _ = searchable_articles
    hidden_word.unpublish()
    response = client.get("/search/", {"q": "glutamatergic"})
    assert list(response.context["results"]) == []
    assert "Nothing matched" in response.content.decode()


def test_search_results_are_paginated(
    client: Client, article_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            ArticlePageFactory(
                parent=article_index, title=f"Note {n}", body=article_body("zygomorphic")
            )
    first = client.get("/search/", {"q": "zygomorphic"})
    assert len(first.context["results"]) == 10
    assert first.context["results"].paginator.count == 12
    second = client.get("/search/", {"q": "zygomorphic", "page": 2})
    assert len(second.context["results"]) == 2


def test_empty_search_shows_a_helpful_page(client: Client, home_page):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "Type a word or two" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"', "!!!", "a\x00b", "OR AND NOT", "(ketamine", "k" * 5000, "ketamine:*", "' OR 1=1 --", "é"],
)
def test_odd_queries_get_a_page_not_an_error(client: Client, searchable_articles, query):
    response = client.get("/search/", {"q": query, "page": "x"})
    assert response.status_code == 200


def test_a_spanish_visitor_finds_only_spanish_pages_and_an_english_one_only_english(
    client: Client, searchable_articles, home_page, django_capture_on_commit_callbacks
):
    hidden_word, _other = searchable_articles
    with django_capture_on_commit_callbacks(execute=True):
        translation_of(home_page, title="Inicio", slug="inicio")
        spanish = translation_of(hidden_word, title="Días de infusión", slug="dias-de-infusion")
    found_in_spanish = client.get("/es/search/", {"q": "glutamatergic"}).context["results"]
    assert [page.pk for page in found_in_spanish] == [spanish.pk]
    found_in_english = client.get("/search/", {"q": "glutamatergic"}).context["results"]
    assert [page.pk for page in found_in_english] == [hidden_word.pk]

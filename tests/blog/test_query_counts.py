"""The article list and an article page cost a fixed number of SQL queries, however many articles,
topics or related articles the database holds."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.demo_images import get_or_create_demo_image
from tests.factories import ArticlePageFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

ARTICLE_COUNT = 200
# Measured once and pinned with a little headroom; the point is that it does not grow.
MAX_INDEX_QUERIES = 23
# The article page reads the clinic's opening hours for the footer (rows of their own,
# core.OpeningHours) and the footer's privacy notice link: one query each, whatever the number
# of articles.
MAX_ARTICLE_QUERIES = 29


def build_articles(index, count: int, first: int = 0):
    topics = [TopicFactory(name=f"Topic {n}", slug=f"topic-{n}") for n in range(6)]
    images = [get_or_create_demo_image(f"Hero {n}", "lake", 320, 200) for n in range(3)]
    author = PersonFactory()
    reviewer = PersonFactory()
    start = datetime.date(2025, 1, 1)
    articles = []
    for n in range(first, first + count):
        articles.append(
            ArticlePageFactory(
                parent=index,
                title=f"Article {n}",
                slug=f"article-{n}",
                date_published=start + datetime.timedelta(days=n),
                hero_image=images[n % len(images)],
                hero_image_alt="Hills.",
                author=author,
                medical_reviewer=reviewer,
                last_reviewed=start,
                topics=[topics[n % len(topics)], topics[(n + 1) % len(topics)]],
            )
        )
    return articles


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # The first visit creates image renditions; count a visitor's normal view.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_and_article_queries_do_not_grow_with_the_number_of_articles(
    client: Client, article_index, clinic_settings
):
    few = build_articles(article_index, 3)
    few_index = count_queries(client, article_index.url)
    few_article = count_queries(client, few[1].url)

    build_articles(article_index, ARTICLE_COUNT - 3, first=3)
    many_index = count_queries(client, article_index.url)
    many_topic = count_queries(client, f"{article_index.url}?topic=topic-1&page=3")
    many_article = count_queries(client, few[1].url)

    assert many_index == few_index
    assert many_topic == few_index
    assert many_article == few_article


def test_index_and_article_stay_under_a_fixed_query_budget_with_200_articles(
    client: Client, article_index, clinic_settings, django_assert_max_num_queries
):
    articles = build_articles(article_index, ARTICLE_COUNT)
    article = articles[100]
    client.get(article_index.url)
    client.get(article.url)
    with django_assert_max_num_queries(MAX_INDEX_QUERIES):
        assert client.get(article_index.url).status_code == 200
    with django_assert_max_num_queries(MAX_ARTICLE_QUERIES):
        response = client.get(article.url)
    assert len(response.context["related_articles"]) == 3

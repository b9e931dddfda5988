"""The full-page cache and query strings: a page is cached by the query parameters it reads and no
others, so made-up query strings neither grow the cache nor get a page of their own, while the
article list's topic and page still give their own, right, pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import Client

from tests.factories import ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


def page_cache_keys() -> int:
    """How many keys the page cache's Redis database holds."""
    return caches["pages"].client.get_client().dbsize()


def card_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".article-card__title")]


def made_up_query(n: int) -> str:
    # What a crawler, a link shortener or someone filling the cache sends: names and values that
    # mean nothing to the page.
    return f"r={n}x{n * 7919}&ref=mail{n}&v{n % 13}={n}"


@pytest.mark.parametrize("which", ["article", "home", "contact"])
def test_made_up_query_strings_add_no_cache_entries(
    redis_page_cache, article_index, contact_page, which
):
    article = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    url = {"article": article.url, "home": "/", "contact": contact_page.url}[which]
    visitor = Client()
    plain = visitor.get(url)
    assert plain.status_code == 200
    assert visitor.get(url)[HEADER] == "hit"
    before = page_cache_keys()

    answers = [visitor.get(f"{url}?{made_up_query(n)}") for n in range(200)]

    assert {answer.status_code for answer in answers} == {200}
    assert page_cache_keys() - before <= 3
    assert {answer[HEADER] for answer in answers[1:]} == {"hit"}
    assert answers[-1].content == plain.content


def make_articles(index, count, topic, start):
    return [
        ArticlePageFactory(
            parent=index,
            title=f"{topic.name} article {n}",
            slug=f"{topic.slug}-article-{n}",
            date_published=start + datetime.timedelta(days=n),
            topics=[topic],
        )
        for n in range(count)
    ]


def test_the_article_list_still_gives_each_topic_and_page_its_own_right_page(
    client, article_index, clinic_settings, page_cache_on
):
    ketamine = TopicFactory(name="Ketamine", slug="ketamine")
    expect = TopicFactory(name="Expect", slug="expect")
    make_articles(article_index, 13, ketamine, datetime.date(2026, 1, 1))
    make_articles(article_index, 2, expect, datetime.date(2025, 1, 1))
    url = article_index.url

    expected = {
        "": [f"Ketamine article {n}" for n in range(12, 0, -1)],
        "?page=2": ["Ketamine article 0", "Expect article 1", "Expect article 0"],
        "?topic=ketamine": [f"Ketamine article {n}" for n in range(12, 0, -1)],
        "?topic=ketamine&page=2": ["Ketamine article 0"],
        "?topic=expect": ["Expect article 1", "Expect article 0"],
        # Beyond the last page: the last page, as before the cache knew about pages.
        "?topic=ketamine&page=99": ["Ketamine article 0"],
        # Not a number, or an unknown topic: what the list shows without them.
        "?page=abc": [f"Ketamine article {n}" for n in range(12, 0, -1)],
        "?topic=no-such-topic&page=2": [
            "Ketamine article 0",
            "Expect article 1",
            "Expect article 0",
        ],
        # A made-up parameter beside the ones the list reads changes nothing.
        "?topic=expect&utm_source=news&r=123": ["Expect article 1", "Expect article 0"],
    }
    # Twice round, in two orders: the second answers come from the cache and must still be right.
    for query in [*expected, *reversed(expected)]:
        response = client.get(url + query)
        assert response.status_code == 200
        assert card_titles(response) == expected[query], query
    assert client.get(f"{url}?topic=expect&r=456")[HEADER] == "hit"

"""The article list and an article page cost a fixed, small number of SQL queries (12 at most,
uncached), whether the site has 10 articles or 1,000, however many topics or related articles."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from blog.models import ArticlePage
from core.demo_images import get_or_create_demo_image
from core.page_cache import purge_now
from tests.factories import ArticlePageFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

# The most queries an uncached render may make (the page cache is off in the fast layer).
MAX_QUERIES = 12
# What they cost now, with routing, settings, navigation, breadcrumbs and related articles read
# from the shared page data: an article reads itself (its rendering is kept in the page cache too),
# the index its articles with their images, renditions, authors and topics.
ARTICLE_QUERIES = 1
# The first view of an article after a purge (a publish, a settings change) reads again the shared
# data the purge dropped (site, settings, navigation, breadcrumbs, related articles) and renders
# the article afresh (its topics, the images in its body, its medical review from the workflow's
# approvals: one query for the review line and the structured data): once per purge, not per
# view, and the same at 10 as at 1,000 articles. Wagtail's own routing finds the article on that
# first view (the index and the article, each as two queries, and the article's author and image).
# The site's languages add four: the locales, the home page's and the article's versions in each
# language (the language switcher and the hreflang links), and the crisis message's rows per
# language. The clinic's closures (the footer's line) add one, read with the settings.
ARTICLE_AFTER_PURGE_QUERIES = 31
INDEX_QUERIES = 6
START = datetime.date(2025, 1, 1)


def build_articles(index, count: int, first: int = 0):
    topics = [TopicFactory(name=f"Topic {n}", slug=f"topic-{n}") for n in range(6)]
    images = [get_or_create_demo_image(f"Hero {n}", "lake", 320, 200) for n in range(3)]
    author = PersonFactory()
    articles = []
    for n in range(first, first + count):
        articles.append(
            ArticlePageFactory(
                parent=index,
                title=f"Article {n}",
                slug=f"article-{n}",
                date_published=START + datetime.timedelta(days=n),
                hero_image=images[n % len(images)],
                hero_image_alt="Hills.",
                author=author,
                topics=[topics[n % len(topics)], topics[(n + 1) % len(topics)]],
            )
        )
    return articles


def bulk_add_articles(index, like: ArticlePage, count: int, first: int) -> None:
    """Add `count` live articles shaped like `like` under `index` in a few seconds: the page rows
    in one insert (tree paths computed here), then each article row, then their topics.
    (Creating a thousand through Wagtail's tree API takes minutes.)"""
    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    topic_ids = [topic.pk for topic in like.topics.all()]
    now = timezone.now()
    pages = []
    for step, n in enumerate(range(first, first + count), start=index.numchild + 1):
        slug = f"article-{n}"
        pages.append(
            Page(
                title=f"Article {n}",
                draft_title=f"Article {n}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, step),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    through = ArticlePage.topics.through
    links = []
    for offset, page in enumerate(pages):
        article = ArticlePage(
            page_ptr_id=page.pk,
            summary=like.summary,
            body=like.body,
            date_published=START + datetime.timedelta(days=first + offset),
            hero_image_id=like.hero_image_id,
            hero_image_alt=like.hero_image_alt,
            author_id=like.author_id,
            reading_minutes=like.reading_minutes,
        )
        article.save_base(raw=True, force_insert=True)
        links += [through(articlepage_id=page.pk, topic_id=topic_id) for topic_id in topic_ids]
    through.objects.bulk_create(links)


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # The first visit creates image renditions; count a visitor's normal view.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def count_queries_after_purge(client: Client, url: str) -> int:
    """The first view after a change: nothing kept, everything read and rendered afresh."""
    client.get(url)
    purge_now()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_and_article_stay_within_12_queries_at_10_and_at_1000_articles(
    client: Client, article_index, clinic_settings
):
    articles = build_articles(article_index, 10)
    article = articles[4]
    topic_page = f"{article_index.url}?topic=topic-1&page=2"
    few = {
        "index": count_queries(client, article_index.url),
        "topic page": count_queries(client, topic_page),
        "article": count_queries(client, article.url),
    }
    few_after_purge = count_queries_after_purge(client, article.url)

    bulk_add_articles(article_index, like=articles[0], count=990, first=10)
    assert ArticlePage.objects.live().count() == 1000
    many = {
        "index": count_queries(client, article_index.url),
        "topic page": count_queries(client, topic_page),
        "article": count_queries(client, article.url),
    }
    many_after_purge = count_queries_after_purge(client, article.url)
    new_article = ArticlePage.objects.get(slug="article-999")
    many["new article"] = count_queries(client, new_article.url)

    assert max(few.values()) <= MAX_QUERIES, few
    assert max(many.values()) <= MAX_QUERIES, many
    assert few["article"] <= ARTICLE_QUERIES and many["new article"] <= ARTICLE_QUERIES, many
    assert few["index"] <= INDEX_QUERIES and few["topic page"] <= INDEX_QUERIES, few
    assert many["index"] == few["index"]
    assert many["topic page"] == few["topic page"]
    assert many["article"] == few["article"]
    assert few_after_purge <= ARTICLE_AFTER_PURGE_QUERIES
    assert many_after_purge == few_after_purge
    related = client.get(article.url).content.decode().split('id="related-heading"')[1]
    assert related.count('class="article-card__title"') == 3
    assert "Article 999" in client.get(article_index.url).content.decode()

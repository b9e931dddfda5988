import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from tests.factories import ArticlePageFactory, PersonFactory, TopicFactory, translation_of

pytestmark = pytest.mark.django_db


def test_feed_is_rss_with_live_articles_only_newest_first(
    client: Client, article_index, clinic_settings
):
    topic = TopicFactory(name="Ketamine therapy")
    older = ArticlePageFactory(
        parent=article_index,
        title="Older article",
        date_published=datetime.date(2026, 1, 1),
        author=PersonFactory(name="Dana Whitfield"),
        topics=[topic],
    )
    newer = ArticlePageFactory(
        parent=article_index, title="Newer article", date_published=datetime.date(2026, 2, 1)
    )
    draft = ArticlePageFactory(parent=article_index, title="Draft article")
    draft.unpublish()

    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed, not outside input)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Evergreen Ketamine Clinic articles"
    assert channel.findtext("link") == f"http://testserver{article_index.url}"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer article", "Older article"]
    assert items[0].findtext("link") == f"http://testserver{newer.url}"
    assert items[1].findtext("category") == "Ketamine therapy"
    assert items[1].findtext("pubDate").startswith("Thu, 01 Jan 2026")
    assert older.summary == items[1].findtext("description")


def test_every_page_links_to_the_feed_from_its_head(client: Client, home_page):
    html = client.get("/").content.decode()
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Articles" href="/feed/">' in head
    )


def test_the_feed_stays_english_with_spanish_articles_on_the_site(
    client: Client, article_index, clinic_settings, home_page
):
    article = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    translation_of(home_page, title="Inicio", slug="inicio")
    translation_of(article, title="Cómo es un día de infusión", slug="dia-de-infusion")
    channel = ET.fromstring(client.get("/feed/").content).find("channel")  # noqa: S314
    assert channel.findtext("link") == f"http://testserver{article_index.url}"
    assert [item.findtext("title") for item in channel.findall("item")] == [article.title]

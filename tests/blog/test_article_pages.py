import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import ArticleIndexPage, ArticlePage
from blog.reading import reading_minutes
from core.demo_images import get_or_create_demo_image
from home.models import HomePage
from tests.blog.review_helpers import approve, medical_reviewer
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    HomePageFactory,
    PersonFactory,
    TopicFactory,
    article_body,
)
from tests.html_reading import order_of, parse

pytestmark = pytest.mark.django_db


class TestArticlePageRules(WagtailPageTestCase):
    def setUp(self):
        Page.objects.filter(depth=2).delete()
        self.home = HomePageFactory(parent=Page.get_first_root_node())
        self.index = ArticleIndexPageFactory(parent=self.home)

    def test_article_index_sits_only_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanNotCreateAt(Page, ArticleIndexPage)
        self.assertCanNotCreateAt(ArticleIndexPage, ArticleIndexPage)
        self.assertCanNotCreateAt(ArticlePage, ArticleIndexPage)

    def test_only_one_article_index_per_site(self):
        self.assertFalse(ArticleIndexPage.can_create_at(self.home))

    def test_articles_sit_only_under_the_index_and_have_no_children(self):
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, HomePage)
        self.assertAllowedSubpageTypes(ArticlePage, {})

    def test_editor_can_create_an_article_with_every_article_block(self):
        self.login()
        topic = TopicFactory()
        person = PersonFactory()
        self.assertCanCreate(
            self.index,
            ArticlePage,
            nested_form_data(
                {
                    "action-publish": "publish",
                    "title": "Ketamine and the brain",
                    "slug": "ketamine-and-the-brain",
                    "summary": "How ketamine acts on glutamate.",
                    "hero_image_alt": "",
                    "date_published": "2026-11-01",
                    "topics": topic.pk,
                    "author": person.pk,
                    "body": streamfield(
                        [
                            ("heading", {"text": "How it works", "level": "h2"}),
                            ("paragraph", rich_text("<p>Glutamate matters.</p>")),
                            ("quote", {"quote": "It was calm.", "attribution": "A nurse"}),
                            (
                                "key_facts",
                                {
                                    "heading": "Key facts",
                                    "facts": streamfield([("item", "Fast acting.")]),
                                },
                            ),
                            (
                                "callout",
                                {"heading": "Note", "text": rich_text("<p>Important.</p>")},
                            ),
                            (
                                "call_to_action",
                                {
                                    "heading": "Talk to us",
                                    "text": "",
                                    "button_label": "Request a call",
                                    "page": self.home.pk,
                                    "url": "",
                                },
                            ),
                            (
                                "faq",
                                {
                                    "heading": "Questions",
                                    "items": streamfield(
                                        [
                                            (
                                                "item",
                                                {
                                                    "question": "Does it hurt?",
                                                    "answer": rich_text("<p>A pinch.</p>"),
                                                },
                                            )
                                        ]
                                    ),
                                },
                            ),
                            (
                                "references",
                                {
                                    "heading": "References",
                                    "references": streamfield(
                                        [
                                            (
                                                "item",
                                                {
                                                    "citation": "NIMH. Depression.",
                                                    "url": "https://www.nimh.nih.gov/",
                                                },
                                            )
                                        ]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        article = ArticlePage.objects.get(slug="ketamine-and-the-brain")
        assert article.live
        assert [block.block_type for block in article.body][-1] == "references"
        assert list(article.topics.all()) == [topic]


def make_articles(index, count, topic=None, start=None):
    """`count` live articles published one day apart, newest last."""
    start = start or datetime.date(2026, 1, 1)
    return [
        ArticlePageFactory(
            parent=index,
            title=f"Article number {n}",
            slug=f"article-number-{n}",
            date_published=start + datetime.timedelta(days=n),
            topics=[topic] if topic else None,
        )
        for n in range(count)
    ]


def test_index_lists_twelve_articles_a_page_newest_first(client: Client, article_index):
    make_articles(article_index, 13)
    first = client.get(article_index.url)
    assert first.status_code == 200
    titles = [article.title for article in first.context["articles"]]
    assert len(titles) == 12
    assert titles[0] == "Article number 12" and titles[-1] == "Article number 1"
    assert 'rel="next"' in first.content.decode()
    second = client.get(article_index.url, {"page": 2})
    assert [article.title for article in second.context["articles"]] == ["Article number 0"]


def test_index_page_number_out_of_range_shows_the_last_page(client: Client, article_index):
    make_articles(article_index, 2)
    for page in ("99", "abc"):
        response = client.get(article_index.url, {"page": page})
        assert response.status_code == 200
        assert len(response.context["articles"]) == 2


def test_topic_filter_lists_only_that_topics_articles(client: Client, article_index):
    ketamine = TopicFactory(name="Ketamine therapy", slug="ketamine")
    other = TopicFactory(name="What to expect", slug="expect")
    on_topic = ArticlePageFactory(parent=article_index, title="On topic", topics=[ketamine])
    ArticlePageFactory(parent=article_index, title="Off topic", topics=[other])
    response = client.get(article_index.url, {"topic": "ketamine"})
    assert [article.pk for article in response.context["articles"]] == [on_topic.pk]
    assert response.context["current_topic"] == ketamine
    unknown = client.get(article_index.url, {"topic": "no-such-topic"})
    assert len(unknown.context["articles"]) == 2


def test_index_card_shows_title_summary_topic_date_and_reading_time(client: Client, article_index):
    topic = TopicFactory(name="Ketamine therapy", slug="ketamine")
    article = ArticlePageFactory(
        parent=article_index,
        title="How infusions work",
        summary="A plain guide to infusions.",
        date_published=datetime.date(2026, 3, 5),
        topics=[topic],
    )
    html = client.get(article_index.url).content.decode()
    assert f'href="{article.url}"' in html
    assert "A plain guide to infusions." in html
    assert "Ketamine therapy" in html
    assert "March 5, 2026" in html
    assert "1 min read" in html


def test_reading_time_is_computed_from_the_body(article_index):
    words = " ".join(["word"] * 1001)
    article = ArticlePageFactory(parent=article_index, body=article_body(words))
    # 1,001 words plus the heading's three, at 200 words a minute, rounded up.
    assert article.reading_minutes == 6
    assert reading_minutes(article.body) == 6


def test_related_articles_share_a_topic_newest_first_at_most_three(article_index):
    topic = TopicFactory()
    articles = make_articles(article_index, 5, topic=topic)
    ArticlePageFactory(parent=article_index, title="Unrelated", topics=[TopicFactory()])
    draft = ArticlePageFactory(parent=article_index, title="Draft", topics=[topic])
    draft.unpublish()
    current = articles[2]
    related = list(ArticlePage.objects.related_to(current).with_card_data()[:3])
    assert [article.pk for article in related] == [articles[4].pk, articles[3].pk, articles[1].pk]


def test_article_without_topics_has_no_related_articles(article_index):
    article = ArticlePageFactory(parent=article_index)
    assert list(ArticlePage.objects.related_to(article)) == []


def test_article_page_shows_review_line_reading_time_and_references_last(
    client: Client, article_index, clinic_settings
):
    reviewer = medical_reviewer("Maya Okafor", "MD, psychiatrist")
    body = [
        {
            "type": "references",
            "value": {"heading": "Sources", "references": [{"citation": "NIMH.", "url": ""}]},
        },
        {"type": "paragraph", "value": "<p>Main text about glutamate.</p>"},
    ]
    article = ArticlePageFactory(parent=article_index, body=body)
    with time_machine.travel(datetime.datetime(2026, 2, 1, 15, tzinfo=datetime.UTC)):
        approve(article, reviewer)
    html = client.get(article.url).content.decode()
    assert "Medically reviewed by Maya Okafor, MD, psychiatrist on" in html
    assert "February 1, 2026" in html
    assert "min read" in html
    assert order_of(parse(html), ["Sources", "Main text about glutamate."]) == [
        "Main text about glutamate.",
        "Sources",
    ]
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{article_index.url}"' in html
    assert 'type="application/rss+xml"' in html


def test_draft_article_is_not_shown_to_visitors(client: Client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Secret draft")
    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "Secret draft" not in client.get(article_index.url).content.decode()
    assert "Secret draft" not in client.get("/feed/").content.decode()


def test_scheduled_article_stays_hidden_until_its_time(client: Client, article_index):
    article = ArticlePage(
        title="Coming soon",
        slug="coming-soon",
        summary="Later.",
        body=article_body(),
        live=False,
    )
    article_index.add_child(instance=article)
    article.go_live_at = timezone.now() + datetime.timedelta(days=1)
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    assert client.get("/articles/coming-soon/").status_code == 404
    assert "Coming soon" not in client.get(article_index.url).content.decode()


def test_hero_image_needs_alt_text(article_index):
    article = ArticlePageFactory(parent=article_index)
    article.hero_image = get_or_create_demo_image("Article hero", "lake", 200, 120)
    article.hero_image_alt = " "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_image_alt" in error.value.message_dict


def test_article_hero_image_renders_with_srcset_and_dimensions(client: Client, article_index):
    article = ArticlePageFactory(
        parent=article_index,
        hero_image=get_or_create_demo_image("Article hero", "lake", 1300, 800),
        hero_image_alt="A lake below hills.",
    )
    html = client.get(article.url).content.decode()
    assert 'alt="A lake below hills."' in html
    assert "srcset=" in html and 'type="image/webp"' in html
    assert 'width="' in html and 'height="' in html


def test_about_the_author_shows_their_photo_and_bio(client: Client, article_index):
    author = PersonFactory(
        name="Dana Whitfield",
        bio="Writes our patient guides.",
        photo=get_or_create_demo_image("Author photo", "meadow", 200, 200),
    )
    article = ArticlePageFactory(parent=article_index, author=author)
    html = client.get(article.url).content.decode()
    assert "Writes our patient guides." in html
    assert 'class="article__author-photo"' in html and 'width="96"' in html

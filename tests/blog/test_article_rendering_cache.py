"""An article's rendering (its text, pictures, author's note and related articles) is kept in the
page cache between changes, for the views the full-page cache does not serve (the fast layer runs
with the full-page cache off): every change a reader would see shows on the next view, a preview
always shows the draft, and a second view renders nothing again."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.models import ArticlePage
from tests.factories import ArticlePageFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def author():
    return PersonFactory(name="Maya Okafor", bio="Maya leads the infusion team.")


@pytest.fixture
def article(article_index, clinic_settings, author):
    page = ArticlePageFactory(
        parent=article_index,
        title="Ketamine and sleep",
        slug="sleep",
        author=author,
        body=paragraph("Most people sleep well the night after an infusion."),
        topics=[TopicFactory(name="Side effects", slug="side-effects")],
    )
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_reads_only_the_article_and_renders_the_same_page(client, article):
    first = html(client, article.url)
    with CaptureQueriesContext(connection) as queries:
        second = html(client, article.url)
    assert second == first
    # The article row (with its author and picture); no topics, images or related articles.
    assert len(queries) == 1, [query["sql"][:80] for query in queries]


def test_publishing_an_edit_shows_on_the_next_view(client, article):
    assert "sleep well the night after" in html(client, article.url)
    article.body = paragraph("Some people feel tired for the rest of the day.")
    article.save_revision().publish()
    page = html(client, article.url)
    assert "tired for the rest of the day" in page
    assert "sleep well the night after" not in page


def test_editing_the_author_or_a_topic_shows_on_the_next_view(client, article, author):
    page = html(client, article.url)
    assert "Maya leads the infusion team." in page and "Side effects" in page
    author.bio = "Maya is the clinic's medical director."
    author.save()
    assert "Maya is the clinic&#x27;s medical director." in html(client, article.url)
    topic = article.topics.get()
    topic.name = "After an infusion"
    topic.save()
    page = html(client, article.url)
    assert "After an infusion" in page and "Side effects" not in page


def test_a_related_article_published_later_shows_on_the_next_view(client, article, article_index):
    assert "Related articles" not in html(client, article.url)
    other = ArticlePageFactory(
        parent=article_index, title="Sleep after treatment", topics=list(article.topics.all())
    )
    other.save_revision().publish()
    assert "Sleep after treatment" in html(client, article.url)


def test_a_draft_shows_in_its_preview_and_never_to_visitors(client, article):
    html(client, article.url)  # the live rendering is kept
    article.body = paragraph("A draft sentence nobody has approved.")
    article.save_revision()
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    preview = draft.make_preview_request().content.decode()
    assert "A draft sentence nobody has approved." in preview
    assert "sleep well the night after" not in preview
    live = html(client, article.url)
    assert "sleep well the night after" in live
    assert "A draft sentence" not in live

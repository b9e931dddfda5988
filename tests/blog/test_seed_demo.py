import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import Revision

from blog.models import ArticleIndexPage, ArticlePage, Person, Topic
from blog.pages import ContentPage
from blog.reading import count_words
from home.models import HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "articles": ArticlePage.objects.count(),
        "indexes": ArticleIndexPage.objects.count(),
        "topics": Topic.objects.count(),
        "people": Person.objects.count(),
        "revisions": Revision.objects.count(),
    }


def article_text(article) -> str:
    return " ".join(article.body.stream_block.get_searchable_content(article.body))


def test_seed_demo_twice_gives_the_same_article_counts():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    # The English index and articles, and the Spanish translations of the index and three.
    assert first["articles"] >= 8 and first["indexes"] == 2 and first["topics"] >= 3


def spanish_topics() -> dict[str, tuple]:
    """Each Spanish topic's slug with its name and description, and the Spanish articles on it."""
    return {
        topic.slug: (
            topic.name,
            topic.description,
            sorted(topic.articles.values_list("slug", flat=True)),
        )
        for topic in Topic.objects.filter(locale__language_code="es")
    }


def test_the_demo_topics_are_in_spanish_and_the_spanish_articles_name_them(client: Client):
    call_command("seed_demo")
    english = Topic.objects.filter(locale__language_code="en")
    spanish = spanish_topics()
    assert len(spanish) == english.count() >= 3
    assert spanish["terapia-con-ketamina"][0] == "Terapia con ketamina"
    assert all(name and description for name, description, _ in spanish.values())
    articulos = ArticlePage.objects.live().filter(locale__language_code="es")
    assert articulos.count() >= 3
    for articulo in articulos:
        original = articulo.get_translation(english.first().locale)
        names = [topic.name for topic in articulo.topics.all()]
        assert [t.locale.language_code for t in articulo.topics.all()] == ["es"] * len(names)
        assert len(names) == original.topics.count() >= 1
        html = client.get(articulo.url).content.decode()
        assert all(name in html for name in names), articulo.url
    index = ArticleIndexPage.objects.get(locale__language_code="es")
    html = client.get(index.url, {"topic": "terapia-con-ketamina"}).content.decode()
    assert 'aria-current="true">Terapia con ketamina<' in html
    call_command("seed_demo")
    assert spanish_topics() == spanish


class TestTheSeededArticles:
    """What one whole seed made, read by each test: seeded once for the class (`class_demo` in
    tests/conftest.py), each test starts from it as seeded."""

    def test_demo_articles_are_substantial_sourced_and_await_review(self, shared_demo):
        articles = ArticlePage.objects.live()
        assert articles.count() >= 5
        for article in articles:
            assert (
                count_words(article.body.stream_block.get_searchable_content(article.body)) >= 600
            )
            block_types = [block.block_type for block in article.body]
            assert "faq" in block_types and "references" in block_types
            assert "call_to_action" in block_types
            assert article.author and article.author.is_sample
            # Nobody reviewed the demo articles: they wait for a medical reviewer's approval.
            assert not article.review.reviewed
            assert article.topics.exists() and article.hero_image and article.hero_image_alt
            references = next(block for block in article.body if block.block_type == "references")
            assert all(ref["url"].startswith("https://") for ref in references.value["references"])

    def test_demo_articles_follow_safe_messaging(self, shared_demo):
        for article in ArticlePage.objects.all():
            text = article_text(article).lower()
            assert "committed suicide" not in text
            if "suicid" in text:
                assert "988" in text and "911" in text, article.title

    def test_demo_articles_go_through_medical_review(self, shared_demo):
        for article in ArticlePage.objects.all():
            assert article.get_workflow().name == "Medical review"

    def test_demo_site_shows_the_articles_to_visitors(self, client: Client, shared_demo):
        index = ArticleIndexPage.objects.get(locale__language_code="en")
        response = client.get(index.url)
        assert response.status_code == 200
        assert (
            len(response.context["articles"])
            == ArticlePage.objects.filter(locale__language_code="en").count()
        )
        article = ArticlePage.objects.filter(locale__language_code="en").first()
        assert client.get(article.url).status_code == 200


def test_seed_demo_corrects_pages_nobody_edited_and_keeps_what_editors_changed(caplog):
    # The whole demo, Spanish included: its English pages are corrected while they have
    # translations, as on an install made by `make run`.
    call_command("seed_demo")
    untouched, edited, withdrawn = ArticlePage.objects.order_by("pk")[:3]
    home = HomePage.objects.get(locale__language_code="en")
    old_text = [{"type": "paragraph", "value": "<p>IV is the most effective route.</p>"}]
    # An install seeded before the correction: seed_demo saved the old text (without a user).
    for page in (untouched, home):
        page.body = old_text
        page.save_revision().publish()
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    edited.body = [{"type": "paragraph", "value": "<p>Our own words.</p>"}]
    edited.save_revision(user=editor).publish(user=editor)
    withdrawn.body = old_text
    withdrawn.save_revision().publish()
    withdrawn.unpublish(user=editor)

    call_command("seed_demo")

    untouched.refresh_from_db()
    home.refresh_from_db()
    edited.refresh_from_db()
    assert "off-label" in article_text(untouched)
    assert "most effective route" not in article_text(untouched)
    assert "off-label" in str(home.body.raw_data)
    assert article_text(edited) == "Our own words."
    withdrawn.refresh_from_db()
    assert not withdrawn.live and "most effective route" in article_text(withdrawn)
    assert f"kept the editors' version of page {edited.pk}" in caplog.text
    assert not untouched.has_unpublished_changes and untouched.live

    settled = counts()
    call_command("seed_demo")
    assert counts() == settled


def test_an_install_seeded_before_the_corrections_gets_them_on_its_next_seed_demo():
    call_command("seed_demo", "--no-translations")
    article = ArticlePage.objects.get(slug="your-first-ketamine-infusion")
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    # What seed_demo wrote before: an index claiming every article was checked, an article
    # not marked as describing a treatment, with the old summary.
    index.intro = "Written by our team and checked by our medical director."
    index.save_revision().publish()
    article.summary = "From the moment you arrive to the ride home: how an infusion session runs."
    article.describes_treatment = False
    article.save_revision().publish()

    call_command("seed_demo", "--no-translations")

    index.refresh_from_db()
    article.refresh_from_db()
    assert "checked by our medical director" not in index.intro
    assert "whether a medical reviewer has checked" in index.intro
    assert article.summary.startswith("What happens on an infusion day")
    assert article.describes_treatment
    assert ContentPage.objects.live().filter(locale__language_code="en").count() == 3

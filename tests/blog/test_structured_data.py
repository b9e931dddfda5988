"""Article pages' structured data as a crawler reads it: Article, MedicalWebPage, FAQPage."""

import datetime

import pytest
from django.test import Client

from blog.models import ArticlePage
from tests.blog.review_helpers import approve, medical_reviewer
from tests.factories import (
    ArticlePageFactory,
    PersonFactory,
    UserFactory,
    article_body,
    translation_of,
)
from tests.seo_helpers import parse_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_articles(shared_demo):
    """Every live article of the whole demo, English and Spanish."""
    return list(ArticlePage.objects.live())


def read(client: Client, article) -> dict:
    return parse_page(client.get(article.url).content, article.get_full_url())


class TestTheDemoArticles:
    """On the whole demo, seeded once for the class (`class_demo` in tests/conftest.py): each
    test starts from it as seeded."""

    def test_article_json_ld_credits_the_author_person_with_dates_and_image(
        self, client: Client, demo_articles
    ):
        for article in demo_articles:
            (data,) = read(client, article)["json_ld"]["Article"]
            assert data["author"] == {
                "@type": "Person",
                "name": article.author.name,
                "honorificSuffix": article.author.credentials,
                "description": article.author.bio,
            }
            assert data["headline"] == article.title
            assert data["datePublished"] == article.date_published.isoformat()
            modified = datetime.datetime.fromisoformat(data["dateModified"])
            assert abs(modified - article.last_published_at) < datetime.timedelta(seconds=1)
            assert data["image"] and all(
                url.startswith("http://testserver/") for url in data["image"]
            )
            assert data["mainEntityOfPage"]["@id"] == article.get_full_url()
            assert data["publisher"]["name"] == "Evergreen Ketamine Clinic"

    def test_medical_web_page_says_what_it_is_about_and_claims_no_review_nobody_gave(
        self, client: Client, demo_articles
    ):
        # seed_demo's articles were never approved in the Medical review workflow.
        for article in demo_articles:
            (page,) = read(client, article)["json_ld"]["MedicalWebPage"]
            assert "reviewedBy" not in page and "lastReviewed" not in page
            assert page["about"]["@type"] == "MedicalCondition"
            assert page["about"]["name"] == "Treatment-resistant depression"
            assert page["url"] == article.get_full_url()

    def test_faq_page_lists_every_question_of_the_faq_blocks(self, client: Client, demo_articles):
        for article in demo_articles:
            (faq,) = read(client, article)["json_ld"]["FAQPage"]
            expected = [
                item["question"]
                for block in article.body
                if block.block_type == "faq"
                for item in block.value["items"]
            ]
            assert [question["name"] for question in faq["mainEntity"]] == expected
            for question in faq["mainEntity"]:
                assert question["@type"] == "Question"
                answer = question["acceptedAnswer"]
                assert answer["@type"] == "Answer" and answer["text"] and "<" not in answer["text"]


def test_article_author_is_never_the_wagtail_user_who_made_the_page(client: Client, article_index):
    owner = UserFactory(first_name="Website", last_name="Operator")
    article = ArticlePageFactory(
        parent=article_index, owner=owner, author=PersonFactory(name="Dana W")
    )
    head = read(client, article)
    assert head["json_ld"]["Article"][0]["author"]["name"] == "Dana W"
    assert "Operator" not in client.get(article.url).content.decode()


def test_article_without_faq_or_review_has_no_faq_page_and_no_review_claim(
    client: Client, article_index
):
    article = ArticlePageFactory(parent=article_index, body=article_body())
    head = read(client, article)
    assert "FAQPage" not in head["json_ld"]
    (page,) = head["json_ld"]["MedicalWebPage"]
    assert "reviewedBy" not in page and "lastReviewed" not in page


def test_json_ld_cannot_be_broken_out_of_by_page_text(client: Client, article_index):
    article = ArticlePageFactory(parent=article_index, title="</script><script>alert(1)</script>")
    approve(article, medical_reviewer("A & B <Reviewer>"))
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    page = read(client, article)["json_ld"]["MedicalWebPage"][0]
    assert page["name"] == "</script><script>alert(1)</script>"
    assert page["reviewedBy"]["name"] == "A & B <Reviewer>"


def test_medical_web_page_names_the_page_s_own_language(client: Client, article_index, home_page):
    article = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    translation_of(home_page, title="Inicio", slug="inicio")
    articulo = translation_of(article, title="Cómo es un día de infusión", slug="dia-de-infusion")
    (english,) = read(client, article)["json_ld"]["MedicalWebPage"]
    (spanish,) = read(client, articulo)["json_ld"]["MedicalWebPage"]
    assert english["inLanguage"] == "en-US"
    assert spanish["inLanguage"] == "es"

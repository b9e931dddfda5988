"""The full-page cache as a visitor meets it: what is served from it, what never is, and that a
page view costs nothing beyond the page (no database write, no cookie)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from leads.first_touch import FIRST_TOUCH_COOKIE
from tests.factories import ArticlePageFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


@pytest.fixture
def article(article_index, clinic_settings, page_cache_on):
    page = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    page.save_revision().publish()
    return page


def test_second_view_of_an_article_comes_from_the_cache_without_a_query(client, article):
    first = client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert len(queries) == 0


def test_tracking_parameters_do_not_split_the_cache(client, article):
    client.get(article.url)
    tracked = client.get(f"{article.url}?utm_source=news&utm_campaign=spring&gclid=abc&fbclid=x")
    assert tracked[HEADER] == "hit"


def test_a_cache_hit_still_records_first_touch_and_the_cookie_is_not_cached(client, article):
    client.get(article.url)
    campaign_visitor = Client()
    response = campaign_visitor.get(f"{article.url}?utm_source=newsletter&utm_medium=email")
    assert response[HEADER] == "hit"
    assert FIRST_TOUCH_COOKIE in response.cookies
    next_visitor = Client().get(article.url)
    assert next_visitor[HEADER] == "hit"
    assert not next_visitor.cookies


def test_the_article_index_is_cached_per_topic_and_page(client, article, article_index):
    # Topics that exist: an unknown one is the plain list, under the plain list's key.
    TopicFactory(slug="ketamine")
    TopicFactory(slug="other")
    assert client.get(f"{article_index.url}?topic=ketamine")[HEADER] == "miss"
    assert client.get(f"{article_index.url}?topic=ketamine")[HEADER] == "hit"
    assert client.get(f"{article_index.url}?topic=other")[HEADER] == "miss"


def test_feed_and_sitemap_are_cached(client, article):
    for url in ("/feed/", "/sitemap.xml"):
        assert client.get(url)[HEADER] == "miss"
        assert client.get(url)[HEADER] == "hit"


def test_page_views_write_nothing_and_set_no_cookie(client, article, article_index, contact_page):
    for url in ("/", article.url, article_index.url, contact_page.url):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200
            assert not response.cookies, url
    assert Session.objects.count() == 0


def test_never_cached_for_a_signed_in_user(client, article):
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(article.url)[HEADER] == "skip"
    assert client.get(article.url)[HEADER] == "skip"


@pytest.mark.parametrize(
    "path",
    ["/search/?q=ketamine", "/admin/login/", "/contact-form/tokens/", "/no-such-page/"],
)
def test_never_cached_search_admin_tokens_and_errors(client, article, contact_page, path):
    client.get(path)
    assert client.get(path).get(HEADER) != "hit"


def test_thank_you_page_and_post_responses_are_never_cached(
    client, article, contact_page, contact_form_data
):
    client.get(contact_page.thank_you_url)
    assert client.get(contact_page.thank_you_url).get(HEADER) != "hit"
    invalid = contact_form_data(email="not-an-address")
    client.post(contact_page.url, invalid)
    assert "There is a problem" in client.post(contact_page.url, invalid).content.decode()


def test_a_visitor_with_a_session_is_not_served_from_the_cache(
    client, article, contact_page, contact_form_data
):
    client.get(article.url)
    client.post(contact_page.url, contact_form_data())  # the thank-you page needs a session
    assert client.get(article.url)[HEADER] == "skip"


def test_browsers_keep_a_cached_page_only_briefly(client, article, settings):
    response = client.get(article.url)
    assert response["Cache-Control"] == f"max-age={settings.PAGE_BROWSER_MAX_AGE}"
    assert not response.has_header("Expires")

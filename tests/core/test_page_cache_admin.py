"""wagtail-cache's admin pages (its list of cached pages and "Clear cache"): for superusers only,
and clearing the cache is a POST with a CSRF token, so no link or image can trigger it."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories import ArticlePageFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"
CACHE_ADMIN = "/admin/cache/"
CLEAR = "/admin/cache/clearcache"


@pytest.fixture
def cached_article(article_index, clinic_settings, page_cache_on):
    page = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    page.save_revision().publish()
    visitor = Client()
    visitor.get(page.url)
    assert visitor.get(page.url)[HEADER] == "hit"
    return page


def still_cached(article) -> bool:
    return Client().get(article.url)[HEADER] == "hit"


@pytest.mark.parametrize("group", ["Marketing", "Intake staff", "Editors"])
def test_staff_who_are_not_superusers_neither_see_nor_clear_the_page_cache(
    client, cached_article, group
):
    client.force_login(UserFactory(groups=[group]))
    listing = client.get(CACHE_ADMIN)
    assert listing.status_code != 200
    assert not BeautifulSoup(listing.content, "html.parser").find(string="Clear cache")
    for send in (client.get, client.post):
        assert send(CLEAR).status_code != 200
    assert still_cached(cached_article)


def test_a_plain_get_never_clears_the_page_cache(client, cached_article):
    client.force_login(SuperUserFactory())
    assert client.get(CLEAR).status_code == 405
    assert still_cached(cached_article)


def test_clearing_without_a_csrf_token_is_refused(cached_article):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(SuperUserFactory())
    assert browser.post(CLEAR).status_code == 403
    assert still_cached(cached_article)


def test_a_superuser_clears_the_page_cache_with_the_pages_form(cached_article):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(SuperUserFactory())
    listing = browser.get(CACHE_ADMIN)
    assert listing.status_code == 200
    form = BeautifulSoup(listing.content, "html.parser").find(
        "form", attrs={"action": CLEAR, "method": "post"}
    )
    assert form is not None, "the page has no POST form for clearing the cache"
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    cleared = browser.post(CLEAR, {"csrfmiddlewaretoken": token})
    assert (cleared.status_code, cleared["Location"]) == (302, CACHE_ADMIN)
    assert not still_cached(cached_article)

"""A Redis outage never breaks a page: with the cache unreachable, pages render uncached within
about one socket timeout, the contact form still saves leads, and the cache is used again as soon
as Redis answers. On a private redis-server that the test pauses, stops and restarts."""

import os
import signal
import time

import pytest
from django.test import Client

from leads.models import Lead
from tests.factories import ArticlePageFactory
from tests.real_stack import wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.real_services]

HEADER = "X-Page-Cache"
# One socket timeout (1 s) plus rendering on a busy machine. Without the fail-fast connections
# every cache call of the page waited for its own timeout: about 10 s for an article.
PAGE_BOUND_SECONDS = 3.0


@pytest.fixture
def article(redis_page_cache, article_index, clinic_settings, contact_page):
    page = ArticlePageFactory(parent=article_index, title="Ketamine and sleep")
    page.save_revision().publish()
    Client().get(page.url)
    assert Client().get(page.url)[HEADER] == "hit"
    return page


def timed_get(url: str):
    started = time.monotonic()
    response = Client().get(url)
    return response, time.monotonic() - started


def send_contact_form(contact_page, contact_form_data, email: str):
    client = Client(enforce_csrf_checks=True)
    tokens = client.get("/contact-form/tokens/").json()
    data = contact_form_data(email=email, **tokens)
    data["shown_at"] = contact_form_data()["shown_at"]  # shown a minute ago
    return client.post(contact_page.url, data)


def test_a_silent_redis_costs_a_page_one_timeout_and_the_cache_returns(
    article, redis_page_cache, contact_page, contact_form_data
):
    os.kill(redis_page_cache.process.pid, signal.SIGSTOP)  # accepts connections, never answers
    try:
        response, seconds = timed_get(article.url)
        assert response.status_code == 200
        assert "Ketamine and sleep" in response.content.decode()
        assert seconds < PAGE_BOUND_SECONDS
        response, seconds = timed_get("/")
        assert response.status_code == 200
        assert seconds < PAGE_BOUND_SECONDS
        assert (
            send_contact_form(contact_page, contact_form_data, "silent@example.org").status_code
            == 303
        )
    finally:
        os.kill(redis_page_cache.process.pid, signal.SIGCONT)
    assert Lead.objects.filter(email="silent@example.org").exists()
    wait_until(lambda: Client().get(article.url).get(HEADER) == "hit", 15, message="cache hits")


def test_a_stopped_redis_and_its_restart(
    article, redis_page_cache, contact_page, contact_form_data
):
    redis_page_cache.stop()
    response, seconds = timed_get(article.url)
    assert response.status_code == 200
    assert seconds < PAGE_BOUND_SECONDS
    assert send_contact_form(contact_page, contact_form_data, "down@example.org").status_code == 303
    assert Lead.objects.filter(email="down@example.org").exists()

    redis_page_cache.start()  # same port, empty (no persistence)
    wait_until(lambda: Client().get(article.url).get(HEADER) == "hit", 15, message="cache hits")
